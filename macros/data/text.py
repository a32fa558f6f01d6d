"""How a message shows what it is about: every value, path and line a message prints passes through here.

Messages go to public CI logs, GitHub annotations and the preview's banner. They may point at a
value, never repeat an identifier in it (macros.data.identifiers masks each one); a value that is not
text (bytes, a set ...) is named by its kind, never shown; and nothing from the data may break a
message's line, since a line of a GitHub runner's log that starts with `::` is a workflow command.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .identifiers import find, find_in_id, mask, normalise

# What a value that is not text is called in a message, instead of being shown.
_KINDS = ((bytes, "binary data"), (bytearray, "binary data"), (frozenset, "a set"), (set, "a set"),
          (tuple, "a list"), (list, "a list"), (dict, 'a set of "field: value" lines'))
# The legacy form of a GitHub workflow command, obeyed anywhere in a line: `##[error]...`.
_LEGACY_COMMAND = re.compile(r"##\[")


def quote(value: Any, limit: int = 30) -> str:
    """A value for a message, in quotes: anything that looks like an identifier masked, long text cut short.

    For pointing at a value; a fix the editor is to type uses exact(). A value that is not text is
    described by its kind ('binary data', 'a set'), without quotes and without its content."""
    kind = kind_of(value)
    return kind if kind else f"'{shorten(value, limit)}'"


def shorten(value: Any, limit: int = 30) -> str:
    """quote() without the quotes."""
    kind = kind_of(value)
    if kind:
        return kind
    shown = _masked(_as_text(value)[: limit * 4])  # enough to find an identifier that starts within the part shown
    return f"{shown[:limit].rstrip()}…" if len(shown) > limit else shown


def exact(value: Any) -> str:
    """The whole of a text, for a fix the editor is told to type: never cut short, identifiers still masked."""
    kind = kind_of(value)
    return kind if kind else _masked(_as_text(value))


# Curly quotes that an editor's word processor put where YAML's straight quotes were meant.
CURLY_OPEN, CURLY_CLOSE = "“‘„", "”’“"


def quote_fix(before: str, value: str) -> str:
    """'put the whole text in quotes, like this: - "How do we know: we asked"': the fix to type, whole.

    `before` is what comes before the text on its line ('- ', 'summary: '). The text is never cut short
    (copying a shortened fix would lose the end of a finding) and only identifiers are masked. It is
    the text `make fix` writes (yaml_quoted)."""
    written = yaml_quoted(value)
    if written is None:
        return "put the whole text in quotes"
    return f"put the whole text in quotes, like this: {before}{exact(written)}"


def yaml_quoted(value: str) -> str | None:
    """The text in YAML's quotes, as it is meant to be read: in double quotes (a backslash written \\\\), or in
    single quotes when it holds a double quote (a ' written ''). Curly quotes around it are left out: the
    straight ones replace them. None for no text."""
    value = value.strip()
    if len(value) > 1 and value[0] in CURLY_OPEN and value[-1] in CURLY_CLOSE:
        value = value[1:-1].strip()  # a pair around the whole text
    elif value[:1] in CURLY_OPEN and not any(c in value for c in "”’"):
        value = value[1:].strip()  # an opening one, never closed
    elif value[-1:] in CURLY_CLOSE and not any(c in value for c in "“‘„"):
        value = value[:-1].strip()  # a closing one, never opened
    if not value:
        return None
    if '"' not in value:
        return '"' + value.replace("\\", "\\\\") + '"'
    return "'" + value.replace("'", "''") + "'"


def masked_finding(found: str) -> str:
    """What the identifiers guard found, in quotes and masked: '943 476 5919' -> '94• ••• ••••'."""
    return f"'{_visible(mask(found))}'"


def path(name: str) -> str:
    """A file's path for a message: file names are data too (a briefing's name is its URL), read as an id is
    (a postcode in lower case too)."""
    return _masked(str(name), find_in_id)


def line(message: str) -> str:
    """A message as one line of a log: every line break or other invisible character shown as its escape,
    and nothing a GitHub runner would obey as a workflow command (`::` starting the line, `##[` anywhere)."""
    text = _visible(message)
    stripped = text.lstrip()
    if stripped.startswith("::"):
        text = text[: len(text) - len(stripped)] + ": :" + stripped[2:]
    return text


def kind_of(value: Any) -> str | None:
    """What a value that is not text (nor a number, date or true/false) is called; None for those that are."""
    if value is None or isinstance(value, (str, bool, int, float, dt.date)):
        return None
    return next((word for cls, word in _KINDS if isinstance(value, cls)), "a value of another kind")


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "nothing"}[value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    try:
        return repr(value)  # a number
    except ValueError:  # an int too long for Python to print (the loader refuses them anyway)
        return "a number too long to show"


def _masked(text: str, finder=find) -> str:
    # find() reads only email addresses inside a web address (a link's path is no phone number); a message
    # masks the rest there too, reading the text once more with its addresses made plain text (same length).
    plain = text.replace("://", ":/ ").replace("www.", "www ") if "://" in text or "www." in text else None
    spans = sorted({(m.start(), m.end()) for t in (text, plain) if t is not None for _, m in finder(t)})
    if not spans:  # shown as written: a name in full-width digits must not read as its ASCII lookalike
        return _visible(text)
    merged: list[list[int]] = []
    for start, end in spans:  # overlapping findings (an email holding a phone number) are masked as one
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    text = normalise(text)
    out, at = [], 0
    for start, end in merged:
        out += [text[at:start], mask(text[start:end])]
        at = end
    out.append(text[at:])
    return _visible("".join(out))


def _visible(text: str) -> str:
    # What cannot be seen is shown as its escape (a newline as \n), so the message points at it and stays one line;
    # and `##[`, which a runner obeys anywhere in a line, is broken up.
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in text)
    return _LEGACY_COMMAND.sub("## [", text) if "##[" in text else text
