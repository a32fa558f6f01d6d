"""Mechanical faults in a data file, and how each is mended: one piece of code for `make check` and `make fix`.

Some mistakes are not about the briefing at all but about its typing: a tab for indenting, a word
processor's curly quotes where YAML wants straight ones, a date written 30/06/2024, no
`# yaml-language-server` first line, spaces at the ends of lines. `make check` reads each file with
the first three mended in memory (the line numbers stay as they are), reports each at its line,
and checks the rest of the file as mended, so one run shows every problem. `make fix` (macros.tools.fix)
writes every mend into the file. A mend never changes a word, and is made only where what was
meant is certain: a date that could be read two ways, or tabs that could mean two different
indents, are left as written, with the reason.

MENDERS is the list of them, in the order they run; each is a name, what it mends, and a function
from a file's text (and its kind: briefing, themes ...) to the text mended and what changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

import yaml

from . import dates, schemas, validate, yamlload
from .errors import DataError, Problem
from .kinds import REGISTRIES
from .text import CURLY_CLOSE, CURLY_OPEN, quote, yaml_quoted

COMMENT_PREFIX = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class Change:
    """One mend at one line, or one left undone and why."""
    line: int                  # in the text as mended
    said: str                  # for `make fix`: what was done ("replaced the tab ..."), or why it was left
    fault: str | None = None   # for `make check`: the problem's message; None when check says nothing of it
    mended: bool = True        # False: left as written (`said` says why)
    value: tuple[str, str] | None = None  # (as written, as mended) where the mend changes words' text (a date)
    changes_value: bool = False  # the value YAML reads on this line changes (a date, curly quotes removed)


@dataclass(frozen=True)
class Mended:
    text: str
    changes: tuple[Change, ...] = ()
    added: tuple[int, ...] = ()  # lines the mends added (their numbers in `text`)


@dataclass(frozen=True)
class Mender:
    name: str
    mends: str                               # what it mends, in a sentence (for `make fix --list` and CONTRIBUTING)
    function: Callable[[str, str], Mended]   # (text, kind) -> the text mended, and what changed
    in_check: bool                           # `make check` reads files with this mended in memory, and reports it


def mend(text: str, kind: str, menders: list[Mender] | None = None) -> Mended:
    """Every mender (or those given) over the text, in order; changes numbered by the lines of the final text."""
    if re.search("\r(?!\n)", text):  # a lone CR is a line break to YAML but not to these line-by-line mends
        return Mended(text)
    return apply(text, [lambda t, m=m: m.function(t, kind) for m in (MENDERS if menders is None else menders)])


def apply(text: str, steps: list[Callable[[str], Mended]]) -> Mended:
    """Each step over the text in turn (macros.tools.fix's fixers too): what changed, numbered by the lines of the final text."""
    changes: list[Change] = []
    added: list[int] = []
    for step in steps:
        done = step(text)
        for line in sorted(done.added):  # lines added push down what earlier mends said
            changes = [replace(c, line=c.line + 1) if c.line >= line else c for c in changes]
            added = [a + 1 if a >= line else a for a in added]
        text, changes, added = done.text, changes + list(done.changes), added + list(done.added)
    return Mended(text, tuple(sorted(changes, key=lambda c: c.line)), tuple(sorted(added)))


def load(path: Path, name: str, kind: str, root: Path | None = None) -> tuple[Any, yamlload.Lines, list[Problem]]:
    """(document, lines, faults) for a data file read with its mechanical faults mended in memory.

    Each fault is a Problem at its line; DataError carries them with whatever else stops the file being read."""
    return load_text(yamlload.read_text(yamlload.read_regular(path, name, root), name), name, kind)


def load_text(text: str, name: str, kind: str, bad_keys: list | None = None,
              texts: list | None = None) -> tuple[Any, yamlload.Lines, list[Problem]]:
    """load() of a file's text, already read; `bad_keys` and `texts` as yamlload.parse_text() takes them."""
    mended = mend(text, kind, [m for m in MENDERS if m.in_check])
    faults = [Problem(name, c.line, c.fault) for c in mended.changes if c.fault]
    try:
        document, lines = yamlload.parse_text(mended.text, name, bad_keys, texts)
    except DataError as e:
        raise DataError(faults + e.problems) from None
    return document, lines, faults


def kind_of(path: Path) -> str | None:
    """The kind of data file at `path` (briefing, themes, resources, agencies, needs), or None."""
    path = Path(path)
    if path.parent.name == "briefings" and path.suffix in (".yml", ".yaml"):
        return "briefing"
    return path.stem if path.suffix == ".yml" and path.stem in {k.folder for k in REGISTRIES} else None


def comment_line(kind: str) -> str:
    """The first line that points VS Code's YAML extension at the file's schema, from where the file is."""
    return COMMENT_PREFIX + ("../schema/briefing.schema.json" if kind == "briefing" else f"schema/{kind}.schema.json")


def lacks_comment_line(text: str) -> bool:
    """No `# yaml-language-server: $schema=` first line. (One pointing elsewhere, at a copy on the web say, is the
    editor's choice, and stays.)"""
    return not text.lstrip("\ufeff").startswith(COMMENT_PREFIX)


# ---- the lines of a text, with their endings kept (CRLF stays CRLF) ----

def _split(text: str) -> list[list[str]]:
    """[[content, ending], ...]; the last line's ending may be ''."""
    out = []
    for piece in text.split("\n"):
        out.append([piece[:-1], "\r\n"] if piece.endswith("\r") else [piece, "\n"])
    out[-1][1] = out[-1][1].replace("\n", "")  # the text after the last newline has none
    if out[-1] == ["", ""]:
        out.pop()
    return out


def _join(lines: list[list[str]]) -> str:
    return "".join(content + ending for content, ending in lines)


_BLOCK_START = re.compile(r"^(?P<indent>[ \t]*)(?:-[ \t]+)*(?:[^#\s][^#]*?:[ \t]+)?[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _block_lines(lines: list[list[str]]) -> set[int]:
    """Indexes of lines inside a block of text (after `key: |` or `key: >`), where spaces and quotes are the text's own.

    Read from the text alone, so that it works on a file YAML cannot read yet: a block is every line after
    its `|` or `>` that is blank or indented further than the key (or the `-`) it belongs to."""
    inside, parent = set(), None
    for i, (content, _) in enumerate(lines):
        head = content.expandtabs(2)
        column = len(head) - len(head.lstrip(" "))
        if parent is not None:
            if not head.strip() or column > parent:
                inside.add(i)
                continue
            parent = None
        if _BLOCK_START.match(content):
            rest, dash = head[column:], -1
            while rest[:1] == "-" and rest[1:2] == " ":
                dash = column
                after = rest[1:].lstrip(" ")
                column, rest = column + len(rest) - len(after), after
            parent = column if rest[:1] not in ("|", ">") else dash
    return inside


def _parses(text: str) -> bool:
    try:
        yamlload.parse_text(text, "x")
    except DataError:
        return False
    return True


def _error_line(text: str) -> int:
    try:
        yamlload.parse_text(text, "x")
    except DataError as e:
        return max((p.line or 0) for p in e.problems)
    return 1 << 30


# ---- tabs ----

_LEADING_TAB = re.compile(r"^[ \t]*\t", re.M)


def tabs(text: str, kind: str) -> Mended:
    """Tabs in a line's indent become spaces, at the one width (2, 4 or 8) that reads as YAML.

    A tab YAML accepts (inside a block of text) is the text's own, and stays. When two widths both read
    but mean different things (which fields belong together), nothing is mended: the editor decides."""
    if not _LEADING_TAB.search(text) or _parses(text):
        return Mended(text)
    lines = _split(text)
    tabbed = [i for i, (content, _) in enumerate(lines) if "\t" in content[: len(content) - len(content.lstrip(" \t"))]]
    candidates = {}
    for width in (2, 4, 8):
        out = [[_expand_indent(c, width) if i in tabbed else c, e] for i, (c, e) in enumerate(lines)]
        candidates[width] = _join(out)
    reading = {}
    for width, candidate in candidates.items():
        try:
            reading[width] = yamlload.parse_text(candidate, "x")[0]
        except DataError:
            pass
    first = tabbed[0] + 1
    if reading and any(doc != next(iter(reading.values())) for doc in reading.values()):
        return Mended(text, (Change(first, "left the tabs as they are: they could mean more than one indent, so which "
                                           "fields belong together cannot be told. Replace each tab with spaces yourself",
                                    mended=False),))
    width = min(reading) if reading else max(candidates, key=lambda w: (_error_line(candidates[w]), -w))
    more = len(tabbed) - 1
    where = f" here and on {more} more line{'s' if more != 1 else ''}" if more else ""
    fault = (f"a tab character is used for indenting{where}: YAML needs spaces (set your editor to indent with spaces). "
             "`make fix` replaces each tab with spaces")
    changes = tuple(Change(i + 1, f"replaced the tab indenting with spaces ({width} for each tab)",
                           fault if n == 0 else None) for n, i in enumerate(tabbed))
    return Mended(candidates[width], changes)


def _expand_indent(content: str, width: int) -> str:
    body = content.lstrip(" \t")
    return content[: len(content) - len(body)].expandtabs(width) + body


# ---- curly quotes ----

# key: “text”   - “text”   - key: ‘text’   (a comment may follow); the key a plain field name.
_CURLY = re.compile(rf"^(?P<before>[ \t]*(?:-[ \t]+)+(?:[A-Za-z_][\w-]*:[ \t]+)?|[ \t]*[A-Za-z_][\w-]*:[ \t]+)"
                    rf"(?P<open>[{CURLY_OPEN}])(?P<text>.*)(?P<close>[{CURLY_CLOSE}])(?P<after>[ \t]+#.*|[ \t]*)$")
_INNER_PAIR = {"“": {"”"}, "„": {"“", "”"}, "‘": {"‘"}}  # inside ‘…’, a ’ is an apostrophe (it’s)
QUOTES_FAULT = ("the text is in curly quotes (“…”), which YAML does not read as quotes: write straight quotes (\"…\") "
                "instead, or run `make fix`. If the curly quotes are to be published, put straight quotes around them too: "
                "'“…”'")


def quotes(text: str, kind: str) -> Mended:
    """Curly quotes around a whole value (a word processor's, where YAML's straight quotes were meant) become straight."""
    if not any(c in text for c in CURLY_OPEN):
        return Mended(text)
    lines = _split(text)
    blocks = _block_lines(lines)
    changes = []
    for i, (content, _) in enumerate(lines):
        found = _CURLY.match(content) if i not in blocks else None
        if not found or any(c in found["after"] for c in CURLY_OPEN + CURLY_CLOSE):
            continue
        inner = found["text"]
        if _INNER_PAIR[found["open"]] & set(inner):
            continue  # “Yes” and “no”: the first quote closes before the end, so these are not one pair around it
        if found["open"] == "‘":  # single quotes: YAML writes a ' inside them as ''
            written = "'" + inner.replace("'", "''") + "'"
        else:
            written = '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines[i][0] = found["before"] + written + found["after"]
        changes.append(Change(i + 1, "straightened the curly quotes around the text", QUOTES_FAULT, changes_value=True))
    return Mended(_join(lines), tuple(changes))


# ---- dates ----

_ISO = re.compile(r"""["']?\d{4}-\d{2}(?:-\d{2})?["']?""")


def dates_mender(text: str, kind: str) -> Mended:
    """A date written another way (30/06/2024, 30 June 2024, June 2024) in a date field, as YYYY-MM-DD or YYYY-MM.

    Only where its reading is certain (macros.data.dates): 03/04/2024 is left as written, and why is said."""
    fields = schemas.date_fields(kind)
    pattern = re.compile(rf"^[ \t]*(?:-[ \t]+)?(?:{'|'.join(map(re.escape, fields))}):[ \t]*(?P<value>\S.*?)[ \t]*$", re.M)
    if not fields or not any(not _ISO.fullmatch(m["value"]) for m in pattern.finditer(text)) or not _parses(text):
        return Mended(text)  # the usual case, found without reading the file as YAML
    try:
        root = yaml.compose(text, Loader=yamlload._Loader)
    except yaml.YAMLError:  # libyaml read it (_parses) but PyYAML's own reader does not (a tab after an indent):
        return Mended(text)  # nothing mended; the check reads the file as it is and says what is wrong
    edits, changes = [], []
    for key, value in _pairs(root):
        if key.value not in fields or not isinstance(value, yaml.ScalarNode) or value.tag != "tag:yaml.org,2002:str":
            continue
        if value.start_mark.line != value.end_mark.line:
            continue
        line, month_ok, written = value.start_mark.line + 1, fields[key.value], value.value
        reading = dates.read(written)
        if reading is None or reading.has_time:
            continue  # not a date at all, or a time too: the schema's message says what to write
        if reading.iso is None:
            changes.append(Change(line, f"left {key.value} {quote(written)} as it is: it {reading.why}. Write it as "
                                        "YYYY-MM-DD yourself", mended=False))
            continue
        if reading.precision == "month" and not month_ok:
            changes.append(Change(line, f"left {key.value} {quote(written)} as it is: it needs the day as well as the month. "
                                        "Write it as YYYY-MM-DD yourself", mended=False))
            continue
        source = text[value.start_mark.index:value.end_mark.index]
        edits.append((value.start_mark.index, value.end_mark.index, reading.iso))
        changes.append(Change(line, f"wrote {key.value} {quote(written)} as {reading.iso}",
                              validate.date_message(key.value, written, month_ok), value=(source, reading.iso),
                              changes_value=True))
    for start, end, iso in sorted(edits, reverse=True):
        text = text[:start] + iso + text[end:]
    return Mended(text, tuple(changes))


def _pairs(node: Any):
    """(key node, value node) of every mapping in the tree whose key is text."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    yield key, value
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


# ---- trailing spaces ----

def trailing_spaces(text: str, kind: str) -> Mended:
    """Spaces and tabs at the ends of lines go, except inside a block of text (| or >), where they are the text's own."""
    lines = _split(text)
    blocks = _block_lines(lines)
    changes = []
    for i, (content, _) in enumerate(lines):
        if i not in blocks and content != content.rstrip(" \t"):
            lines[i][0] = content.rstrip(" \t")
            changes.append(Change(i + 1, "removed the spaces at the end of the line"))
    return Mended(_join(lines), tuple(changes)) if changes else Mended(text)


# ---- a ': ' inside unquoted text ----

# A line's text after its dash(es) and field name, when it starts as plain (unquoted) text; a comment may follow.
_PLAIN = r"(?P<value>[^\s\"'\[\]{}|>&*!%@`#,?:-].*?|-(?=\S).*?)(?P<after>[ \t]+#.*)?$"
_PLAIN_LINE = re.compile(r"^(?P<before>[ \t]*(?:-[ \t]+)*(?:[A-Za-z_][\w-]*:[ \t]+)?)" + _PLAIN)
# An item of a list, the whole of it after its dash.
_PLAIN_ITEM = re.compile(r"^(?P<before>[ \t]*(?:-[ \t]+)+)" + _PLAIN)


def colons(text: str, kind: str) -> Mended:
    """Text with a ': ' inside it, on the line where YAML stops because of it, in quotes: double quotes, or
    single ones when the text holds a double quote (as `make check`'s message writes it). Only where YAML
    then reads past that line; a file may have several such lines, each mended in turn."""
    if ": " not in text:
        return Mended(text)
    lines = _split(text)
    blocks = _block_lines(lines)
    changes: list[Change] = []
    read = None  # (document, lines) once YAML reads the whole text
    for _ in range(len(lines)):
        try:
            read = yamlload.parse_text(_join(lines), "x")
            break
        except DataError as e:
            stopped = next((p for p in e.problems if p.message.startswith(yamlload.COLON_IN_TEXT)), None)
        if stopped is None or not stopped.line or stopped.line - 1 in blocks:
            break
        i = stopped.line - 1
        found = _PLAIN_LINE.match(lines[i][0])
        if not found or ": " not in found["value"]:
            break
        written = yaml_quoted(found["value"])  # as make check's message gives it (macros.data.text.quote_fix)
        if written is None:
            break
        candidate = [list(line) for line in lines]
        candidate[i][0] = found["before"] + written + (found["after"] or "")
        if _error_line(_join(candidate)) <= stopped.line:
            break  # quoting it did not let YAML read past this line: not the fault it looked like
        lines = candidate
        changes.append(Change(i + 1, "put the text in quotes: its ': ' made YAML read a new field there"))
    text = _join(lines)
    if read is None:  # YAML stops somewhere else: nothing more can be judged
        return Mended(text, tuple(changes)) if changes else Mended(text)
    return _colon_items(text, lines, blocks, read, kind, changes)


def _colon_items(text: str, lines: list[list[str]], blocks: set[int], read: tuple, kind: str,
                 changes: list[Change]) -> Mended:
    """An item of a list of texts that YAML read as a field and its value (`- How do we know: we asked`),
    in quotes: only where the schema check says it is such text (macros.data.validate), and the whole
    item is on its one line, so that, quoted, it reads as the very text the message shows. `read`: the
    text as YAML reads it, (document, lines)."""
    document, where = read
    wanted = {}
    for path, message in validate.schema_findings(kind, document).items():
        if not validate.is_colon_text_message(message):
            continue
        key, rest = next(iter(yamlload.at(document, path).items()))  # one field: the message is only said of such
        line = where.get(tuple(path))
        found = _PLAIN_ITEM.match(lines[line - 1][0]) if line and line - 1 not in blocks else None
        if not found or found["value"] != (f"{key}: {rest}" if rest else f"{key}:"):
            continue
        written = yaml_quoted(found["value"])  # as make check's message gives it (macros.data.text.quote_fix)
        if written is None:
            continue
        lines[line - 1] = [found["before"] + written + (found["after"] or ""), lines[line - 1][1]]
        wanted[tuple(path)] = yaml.safe_load(written)  # the text, as YAML will read it
    if wanted:
        mended = _join(lines)
        try:
            after = yamlload.parse_text(mended, "x")[0]
        except DataError:
            return Mended(text, tuple(changes)) if changes else Mended(text)
        if all(yamlload.at(after, path) == value for path, value in wanted.items()):
            changes = changes + [Change(where[path], "put the item in quotes: its ': ' made YAML read it as a field and "
                                                    "its value, not text", changes_value=True) for path in wanted]
            text = mended
    return Mended(text, tuple(sorted(changes, key=lambda c: c.line))) if changes else Mended(text)


# ---- the comment line ----

def comment(text: str, kind: str) -> Mended:
    """The first line `# yaml-language-server: $schema=...`, which VS Code reads to suggest fields as you type."""
    if not lacks_comment_line(text):
        return Mended(text)
    wanted, ending = comment_line(kind), "\r\n" if "\r\n" in text else "\n"
    return Mended(wanted + ending + text, (Change(1, f'added the first line "{wanted}", with which VS Code suggests fields '
                                                     "as you type"),), added=(1,))


MENDERS: list[Mender] = [
    Mender("quotes", "curly quotes (“ ”) around a whole value, as straight quotes", quotes, in_check=True),
    Mender("tabs", "tabs used for indenting, as spaces", tabs, in_check=True),
    Mender("colons", "text with a ': ' inside it, where YAML stops because of it, in quotes", colons, in_check=False),
    Mender("dates", "dates written another way (30/06/2024, 30 June 2024) in a date field, as YYYY-MM-DD, where the "
                    "reading is certain", dates_mender, in_check=True),
    Mender("trailing-spaces", "spaces at the ends of lines, outside blocks of text", trailing_spaces, in_check=False),
    Mender("comment-line", "the first line `# yaml-language-server: $schema=...`", comment, in_check=False),
]
