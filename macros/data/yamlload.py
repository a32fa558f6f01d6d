"""Read one YAML data file safely, remembering the line of every value.

Editors' mistakes must come back as `path:line: message`, so loading keeps a map from
each value's path (the keys and list indexes that lead to it, as jsonschema reports
them) to its line. It also refuses what PyYAML would quietly accept: duplicate keys
(the last one wins, losing text) and anchors/aliases (expansion bombs).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import Any, Iterator

import yaml

from .errors import DataError, Problem
from .text import path as text_path, quote, quote_fix, shorten

MAX_BYTES = 1_000_000
MAX_DIGITS = 100  # a number longer than this is a mistake (and Python will not print one over 4,300 digits)
Lines = dict[tuple, int]
# A problem that stops a file being read: what the rest of the file holds is not yet checked.
# The start of the message for a line YAML stops at because of a ': ' inside its unquoted text (macros.data.mend
# quotes such a line for `make fix`).
COLON_IN_TEXT = "this line has a ': ' inside its text, which YAML reads as a new field: "
FIX_WRITES_IT = " (`make fix` writes it so)"
MORE_MAY_FOLLOW = ". The rest of this file is checked once this is fixed, so more problems may follow"
# Characters no text here may hold, however written (raw or as a YAML escape such as "\x01"): C0 and C1
# controls but tab and newline, DEL, lone surrogates, the non-characters U+FFFE/U+FFFF, and the line and
# paragraph separators, which YAML itself reads as line breaks. XML (the Atom feed) and front matter refuse them.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufffe\uffff]")
# Raw in the file, PyYAML's reader already refuses all these but NEL and the separators, which it reads as
# line breaks: a NEL inside text would silently become a space, and every later line number would be off.
_RAW_BREAKS = re.compile("[\x85\u2028\u2029]")


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases, and never raises on impossible dates."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="YAML anchors and aliases (& and *) are not allowed: write the text out in full",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_yaml_timestamp(self, node):
        # `2022-13-45` matches YAML's date pattern but is no date: keep the text so that
        # validation can say so, with its line, instead of raising ValueError here.
        try:
            return yaml.SafeLoader.construct_yaml_timestamp(self, node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):
    """libyaml's parser (many times quicker) for text that cannot hold an anchor or alias.

    Anchors need '&' and aliases '*': text with either goes through _Loader, which refuses
    them; so does text libyaml rejects, so that every YAML error reads the same.
    """


class _Reread(Exception):
    """libyaml found a YAML error: read the text again with _Loader for its message."""


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def read_regular(path: Path, name: str, root: Path | None = None, limit: int = MAX_BYTES) -> bytes:
    """The bytes of `path`, which must be a regular file inside `root`; else DataError naming it.

    A data file that is a link (to /etc/passwd, to YAML outside the repository), a FIFO (which
    blocks a reader) or a device (/dev/zero, which never ends) is refused from its `lstat`, so
    its content is never read, published or printed. At most `limit` + 1 bytes are read.
    """
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    fix = "data files must be ordinary files inside the repository: put the file itself here"
    try:
        info = os.lstat(path)
    except OSError as e:
        raise DataError([Problem(name, None, f"cannot be read ({e.strerror}): check the file is there and readable")]) from None
    if stat.S_ISLNK(info.st_mode):
        raise DataError([Problem(name, None, f"is a link to another file, which is not read: {fix}")])
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe or a device)"
        raise DataError([Problem(name, None, f"is {what}, which is not read: {fix}")])
    if not inside(path, root):
        raise DataError([Problem(name, None, f"is reached through a linked folder outside {text_path(root.name)}/, so it is not read: {fix}")])
    if info.st_size > limit:
        raise DataError([_too_big(name, info.st_size, limit)])
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as f:
            opened = os.fstat(f.fileno())  # the file swapped for another between lstat and open?
            if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
                raise DataError([Problem(name, None, f"changed while it was being read: {fix}")])
            raw = f.read(limit + 1)
    except OSError as e:
        raise DataError([Problem(name, None, f"cannot be read ({e.strerror}): check the file is there and readable")]) from None
    if len(raw) > limit:
        raise DataError([_too_big(name, len(raw), limit)])
    return raw


def inside(path: Path, root: Path) -> bool:
    """True when the folder holding `path`, links followed, is `root` or under it."""
    try:
        Path(path).parent.resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def _too_big(name: str, size: int, limit: int) -> Problem:
    return Problem(name, None, f"is {size:,} bytes; a data file may be at most {limit:,} bytes: split it into smaller files")


def load_yaml(path: Path, name: str | None = None, root: Path | None = None) -> tuple[Any, Lines]:
    """Return (document, lines) for the file, or raise DataError naming file and line.

    The file must be a regular file inside `root` (by default, its own folder): see read_regular."""
    name = name or str(path)
    return parse_yaml(read_regular(path, name, root), name)


def parse_yaml(raw: bytes, name: str) -> tuple[Any, Lines]:
    return parse_text(read_text(raw, name), name)


def read_text(raw: bytes, name: str) -> str:
    """A data file's bytes as text, or DataError: not UTF-8, a NUL, a line break YAML would change."""
    if len(raw) > MAX_BYTES:
        raise DataError([_too_big(name, len(raw), MAX_BYTES)])
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as some Windows editors write, is fine
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError([Problem(name, line, f"is not valid UTF-8 text (byte 0x{raw[e.start]:02x}): save the file as UTF-8")]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise DataError([Problem(name, line, "contains a NUL character: this is not a text file")])
    raw_break = _RAW_BREAKS.search(text)
    if raw_break:
        line = text.count("\n", 0, raw_break.start()) + 1
        raise DataError([Problem(name, line, control_message(raw_break.group(), "that line"))])
    return text


def parse_text(text: str, name: str, bad_keys: list | None = None, texts: list | None = None) -> tuple[Any, Lines]:
    """(document, lines) for text read_text() let through, or DataError naming file and line.

    Given `texts` (a list), the document is made as jsonable() makes it, as JSON-schema sees it, and `bad_keys`
    and `texts` are filled as jsonable() fills them: in the one walk that reads the file, for a document whose
    field names are all text (nearly every one); by jsonable() after it for any other."""
    if "&" not in text and "*" not in text and _FastLoader is not _Loader and _shallow(text):
        try:
            return _parse(_FastLoader, text, name, bad_keys, texts)
        except _Reread:
            pass
    return _parse(_Loader, text, name, bad_keys, texts)


def _shallow(text: str, limit: int = 200) -> bool:
    """True when the text cannot nest much deeper than `limit` levels.

    libyaml's composer recurses in C with no limit (a file of 200,000 '[' crashes Python), so
    deep text goes to _Loader, which stops at Python's recursion limit. A level needs a '[', a
    '{', or more indentation or '- ' / '? ' markers at the start of a line.
    """
    if text.count("[") + text.count("{") > limit:
        return False
    return all(len(line) - len(line.lstrip(" -?:")) <= limit for line in text.splitlines())


def _parse(loader_class, text: str, name: str, bad_keys: list | None = None, texts: list | None = None) -> tuple[Any, Lines]:
    loader = None
    if texts is not None:  # (what a first reading left, before it was read again)
        texts.clear()
        if bad_keys is not None:
            bad_keys.clear()
    try:
        loader = loader_class(text)  # its reader refuses control characters, with ReaderError
        node = loader.get_single_node()
        if node is None:
            raise DataError([Problem(name, 1, "is empty: it should hold the fields described in CONTRIBUTING.md")])
        lines: Lines = {(): node.start_mark.line + 1}
        problems: list[Problem] = []
        # With no backslash (no escape) and no control character anywhere in the text, no value can hold one:
        # each value's own search for one is then skipped.
        plain = "\\" not in text and not _CONTROL.search(text)
        walk = _Walk(loader, name, lines, problems, plain, texts)
        value = walk.value(node, ())
        if problems:  # the file is not read further: say so once, on the last of them
            last = problems[-1]
            problems[-1] = Problem(last.path, last.line, last.message + MORE_MAY_FOLLOW)
            raise DataError(problems)
        if walk.general:  # something the walk does not build itself: PyYAML's constructor builds it all
            value = loader.construct_document(node)
        if texts is not None and (walk.general or walk.keys_not_text):  # its texts' paths need jsonable()'s keys
            texts.clear()
            value = jsonable(value, (), bad_keys, texts)
    except (yaml.YAMLError, RecursionError) as e:
        if loader_class is _FastLoader:
            raise _Reread from None
        if isinstance(e, yaml.reader.ReaderError):
            line = text[: e.position].count("\n") + 1
            raise DataError([Problem(name, line, control_message(chr(e.character) if isinstance(e.character, int) else e.character,
                                                                 "that line"))]) from None
        if isinstance(e, yaml.MarkedYAMLError):
            raise DataError([_yaml_problem(e, name, text)]) from None
        if isinstance(e, yaml.YAMLError):  # unmarked errors are rare; still no traceback (and no text of the file)
            raise DataError([Problem(name, None, "is not valid YAML: open it in an editor that shows YAML's mistakes "
                                                 "(VS Code with the YAML extension), or compare it with CONTRIBUTING.md")]) from None
        raise DataError([Problem(name, None, "is nested too deeply to be data")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return value, lines


def control_message(char: str, where: str, after: str = "") -> str:
    """What to say about a character no text may hold, and how to be rid of it."""
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udbff" and "\udc00" <= after[:1] <= "\udfff":
        whole = f"{(ord(char) - 0xD800) * 0x400 + ord(after[0]) - 0xDC00 + 0x10000:08X}"
        return (f"has a character written as two \\u escapes (a UTF-16 pair, {code}), which YAML does not join: "
                f"write the character itself, or \\U{whole} in double quotes")
    if "\ud800" <= char <= "\udfff":
        return f"has half of a character ({code}, a lone UTF-16 surrogate): write the whole character itself instead"
    if char in "\x85\u2028\u2029":
        return (f"has an invisible line-break character ({code}, often pasted from a word processor) that YAML would "
                f"silently change: delete it and retype {where}")
    return (f"has an invisible control character ({code}) that published text cannot hold: delete it "
            f"(or its \\x or \\u escape) and retype {where}")


def _scalar_problem(node, name: str) -> Problem | None:
    """A text holding a control character, or a number too long to be one (checked before it is built)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    line = node.start_mark.line + 1
    bad = _CONTROL.search(node.value)
    if bad:
        if node.style in ("|", ">"):  # a block's text starts on the line below its key
            line += 1 + node.value.count("\n", 0, bad.start())
        return Problem(name, line, control_message(bad.group(), "that text", node.value[bad.end():bad.end() + 1]))
    if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(node.value) > MAX_DIGITS:
        return Problem(name, line, f"has a number {len(node.value):,} characters long: no field takes one so long. "
                                   "If it is meant as text, put it in quotes")
    return None


_STANDARD = "tag:yaml.org,2002:"
# Tags that make what no field holds. Named in messages by their standard short form (a fixed list, never the data's own).
_REFUSED_TAGS = {"binary": "binary data", "set": "a set", "omap": "an ordered mapping", "pairs": "a list of pairs",
                 "merge": "a merge key", "value": "a default value", "yaml": "a YAML node"}


def _tag_problem(loader, node, name: str) -> Problem | None:
    """A YAML tag (`!!binary`, `!!set`, `!anything`) that makes what no field holds, or that the value does not fit.

    The tag itself is never shown: a tag is the data's own text (`!NHS%20943%20476%205919 x`). Checked before
    anything is built, since PyYAML raises on `!!int abc` or `!!timestamp x` with the value in its message."""
    tag, line = node.tag, node.start_mark.line + 1
    short = tag[len(_STANDARD):] if tag.startswith(_STANDARD) else None
    fix = "delete the tag and write the value as plain text"
    if short in _REFUSED_TAGS:
        return Problem(name, line, f"has a YAML tag (!!{short}) that makes {_REFUSED_TAGS[short]}, which no field holds: {fix}")
    if isinstance(node, yaml.ScalarNode):
        if short == "str":
            return None
        if short in ("int", "float", "bool", "null", "timestamp"):
            if loader.resolve(yaml.ScalarNode, node.value, (True, False)) == tag:
                return None
            return Problem(name, line, f"has a YAML tag (!!{short}) on a value that is not {_TAG_WORDS[short]}: {fix}")
    elif (isinstance(node, yaml.SequenceNode) and short == "seq") or (isinstance(node, yaml.MappingNode) and short == "map"):
        return None
    return Problem(name, line, f"has a YAML tag (a word starting with '!' before the value) that these files do not use: {fix}")


_TAG_WORDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "empty",
              "timestamp": "a date"}


def _tags_in(loader, node, name: str, problems: list[Problem]) -> None:
    """_tag_problem for a node that _Walk does not visit (a key that is a list or a mapping), and all it holds."""
    problem = _tag_problem(loader, node, name)
    if problem:
        problems.append(problem)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _tags_in(loader, item, name, problems)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _tags_in(loader, key_node, name, problems)
            _tags_in(loader, value_node, name, problems)


_STR, _MAP, _SEQ = _STANDARD + "str", _STANDARD + "map", _STANDARD + "seq"


class _Walk:
    """The one walk over a file's nodes: what is refused (tags, control characters, numbers too long, a field
    twice), the line of every value, and the document itself.

    A text (the str tag: nearly every value, and every field's name) is its node's value, which is all PyYAML's
    constructor makes of it; any other value is made by the constructor. A document holding what this walk does
    not make (a field whose name is empty or a list) is made whole by the constructor instead (`general`)."""

    def __init__(self, loader, name: str, lines: Lines, problems: list[Problem], plain: bool, texts: list | None = None):
        self.loader, self.name, self.lines, self.problems = loader, name, lines, problems
        self.plain = plain  # no value can hold a control character (see _parse)
        self.texts = texts  # given: the document made as jsonable() makes it, and its texts gathered here
        self.general = False
        self.keys_not_text = False

    def value(self, node, path: tuple) -> Any:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                problem = None if self.plain else _scalar_problem(node, self.name)
            else:
                problem = _tag_problem(self.loader, node, self.name) or _scalar_problem(node, self.name)
            if problem:
                self.problems.append(problem)
                return None
            value = node.value if tag == _STR else self._made(node)
            if self.texts is not None:
                if isinstance(value, (dt.date, dt.datetime)):
                    value = value.isoformat()
                if isinstance(value, str):
                    self.texts.append((path, value))
            return value
        if not ((tag == _MAP and isinstance(node, yaml.MappingNode)) or (tag == _SEQ and isinstance(node, yaml.SequenceNode))):
            problem = _tag_problem(self.loader, node, self.name)
            if problem:
                self.problems.append(problem)
                return None
        lines = self.lines
        if not isinstance(node, yaml.MappingNode):
            items = []
            for i, item in enumerate(node.value):
                here = path + (i,)  # one tuple for the line and the text: shared, not copied, when sent between processes
                lines[here] = item.start_mark.line + 1
                items.append(self.value(item, here))
            return items
        # A mapping, here rather than in a method of its own: one Python frame a level, as deep as the composer goes
        loader, name, problems = self.loader, self.name, self.problems
        seen: dict[Any, int] = {}
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STR and isinstance(key_node, yaml.ScalarNode):
                problem = None if self.plain else _scalar_problem(key_node, name)
            else:
                problem = _scalar_problem(key_node, name) or _tag_problem(loader, key_node, name)
            if problem:
                problems.append(problem)
                continue
            if not isinstance(key_node, yaml.ScalarNode):  # refused when PyYAML makes the mapping ("unhashable key")
                _tags_in(loader, key_node, name, problems)
                _tags_in(loader, value_node, name, problems)
                self.general = True
                continue
            key = key_node.value if key_node.tag == _STR else loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:
                key = None
            if key is None:  # an empty field name: its value is not judged (nor its line kept), but PyYAML keeps it
                self.general = True
                continue
            if key in seen:
                problems.append(Problem(name, line, f"{quote(key)} appears twice in the same place (first on line {seen[key]}): "
                                                    "keep one and merge the text"))
                continue
            seen[key] = line
            here = path + (key,)
            lines[here] = line
            if not isinstance(key, str):  # as jsonable() and the schema's messages name it: `2015:` is '2015'
                lines.setdefault(path + (str(key),), line)
                self.keys_not_text = True
            out[key] = self.value(value_node, here)
        return out

    def _made(self, node) -> Any:
        """A value other than text, as PyYAML's constructor makes it. Should it fail, the document is made whole by
        the constructor once the walk is over, and fails there as it would have without this walk."""
        loader = self.loader
        try:
            return loader.construct_object(node, deep=True)
        except Exception:
            loader.constructed_objects, loader.recursive_objects = {}, {}
            self.general = True
            return None


TAB_MESSAGE = "a tab character is used for indenting: YAML needs spaces (set your editor to indent with spaces)"
# PyYAML's own words for a syntax error hold the data's text (a tag, a character, a handle): each is said here
# in plain words instead, and what is left is shown only as macros.data.text shows any value.
_SYNTAX = [
    ("mapping values are not allowed", None),  # the colon hint, from the line as written
    ("tag", "has a YAML tag (a word starting with '!' before the value) that these files do not use: delete the tag "
            "and write the value as plain text"),
    ("while scanning a directive", "has a line starting with '%', which YAML reads as a directive: put the text in quotes, "
                                   "or delete the line"),
    ("found unknown escape character", "has a backslash (\\) inside double quotes that YAML reads as the start of an "
                                       "escape: write \\\\ for a backslash, or use single quotes (') around the text"),
    ("expected escape sequence", "has a backslash escape (\\x, \\u or \\U) without the hexadecimal digits it needs: "
                                 "write \\\\ for a backslash, or use single quotes (') around the text"),
    ("while scanning an anchor", "YAML anchors and aliases (& and *) are not allowed: put text starting with & in quotes"),
    ("while scanning an alias", "YAML anchors and aliases (& and *) are not allowed: put text starting with * in quotes"),
    ("that cannot start any token", "has a value starting with a character that YAML keeps for itself (@ or `): put the "
                                    "whole text in quotes"),
    ("while scanning a quoted scalar", "has a quoted text whose closing quote is missing: add it at the end of the text "
                                       "(a quote inside the text is written \\\" inside double quotes, '' inside single quotes)"),
    ("while scanning a block scalar", "has a | or > that YAML reads as the start of a block of text: put the text on the "
                                      "lines below it, indented, or put the whole text in quotes"),
    ("could not find expected ':'", "has a line YAML cannot read as 'field: value' (a missing ':', or text that needs "
                                    "quotes): compare it with the lines around it"),
    ("expected <block end>", "has text YAML cannot read here: a line indented differently from the lines around it, "
                             "or more text after a closing quote. Line up each field with the others at its level, and "
                             "put a text that has quotes inside it in quotes as a whole"),
    ("expected ',' or", "has a list or set of fields in brackets ([ ] or { }) that is not closed, or text in it that needs "
                        "quotes: close the bracket, or put the text in quotes"),
    ("while parsing a flow", "has a list or set of fields in brackets ([ ] or { }) that is not closed, or text in it that "
                             "needs quotes: close the bracket, or put the text in quotes"),
    ("expected a single document", "has a line '---' or '...', which YAML reads as the end of the file: delete it"),
    ("expected '<document start>'", "has a line '---' or '...', which YAML reads as the end of the file: delete it"),
    ("found unhashable key", "has a list or a set of fields where a field's name should be: write the name as a word"),
]


def _yaml_problem(e: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    line = mark.line + 1 if mark else None
    source = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
    problem, context = e.problem or "", e.context or ""
    if "\t" in problem or "'\\t'" in problem or "\t" in source[: mark.column + 1 if mark else 0]:
        message = TAB_MESSAGE
    elif "anchors and aliases" in problem:
        message = problem  # our own words (_Loader.compose_node)
    else:
        said = f"{context} {problem}"
        message = next((m for key, m in _SYNTAX if key in said), "")
        if message is None:
            before, value = _split_line(source)
            message = COLON_IN_TEXT + quote_fix(before, value) + FIX_WRITES_IT
        elif not message:
            message = f"is not valid YAML here ({shorten(said.strip(), 80)}): compare the line with the lines around it"
    # YAML stops at its first syntax error: nothing after it in this file has been checked.
    return Problem(name, line, message + MORE_MAY_FOLLOW)


def _split_line(source: str) -> tuple[str, str]:
    """('- text: ', 'How do we know: we asked') from a line as written: what comes before its text, and the text."""
    found = re.match(r"(\s*(?:-\s+)?(?:[\w-]+:\s+)?)(.*?)(?:[ \t]+#.*)?$", source)  # a comment after it is not text
    before = " ".join(found[1].split())
    return (before + " " if before else ""), found[2]


def line_of(lines: Lines, path: tuple) -> int | None:
    """The line of `path`, or of its nearest ancestor that has one."""
    path = tuple(path)
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def jsonable(value: Any, path: tuple = (), bad_keys: list | None = None, texts: list | None = None) -> Any:
    """The document as JSON-schema sees it: dates as ISO text; non-text keys recorded in `bad_keys`; and, in
    `texts`, every text of the result with its path, in the order strings() gives them (so one walk serves both)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                if bad_keys is not None:
                    bad_keys.append(path + (k,))
                k = str(k)
            out[k] = jsonable(v, path + (k,), bad_keys, texts)
        return out
    if isinstance(value, list):
        return [jsonable(v, path + (i,), bad_keys, texts) for i, v in enumerate(value)]
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    if texts is not None and isinstance(value, str):
        texts.append((path, value))
    return value


def leaves(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Every value in a document that is neither a mapping nor a list, with its path (the keys and list
    indexes that lead to it, for line_of), in the document's order: the one walk over a document that
    every reader of its values makes (the guard, the references, the dates, `make fix` ...)."""
    stack = [(path, node)]  # not a generator a level: each value would pass up through every level above it
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack += reversed([(path + (key,), value) for key, value in node.items()])
        elif isinstance(node, list):
            stack += reversed([(path + (i,), value) for i, value in enumerate(node)])
        else:
            yield path, node


def at(document: Any, path: tuple) -> Any:
    """The value at `path` (keys and list indexes, as leaves gives them) in a document as read, or None."""
    for step in path:
        try:
            document = document[step]
        except (KeyError, IndexError, TypeError):
            return None
    return document


def field_of(path: tuple) -> str | None:
    """The field a value is in: its key, or for an item of a list, the list's key."""
    return next((step for step in reversed(path) if isinstance(step, str)), None)


def strings(node: Any) -> Iterator[tuple[tuple, str]]:
    """Every text value in a document, with its path (for line_of)."""
    return ((path, value) for path, value in leaves(node) if isinstance(value, str))
