"""How a message quotes a value: every value a message shows passes through here.

Messages go to public CI logs and GitHub annotations: they may point at a value, never repeat
an identifier in it (macros.identifiers masks each one).
"""
from __future__ import annotations

from typing import Any

from .identifiers import find, mask, normalise


def quote(value: Any, limit: int = 30) -> str:
    """A value for a message, in quotes: anything that looks like an identifier masked, long text cut short.

    Messages go to public CI logs and GitHub annotations: they may point at a value, never repeat one."""
    return f"'{shorten(value, limit)}'"


def shorten(value: Any, limit: int = 30) -> str:
    """quote() without the quotes."""
    text = value if isinstance(value, str) else repr(value)
    text = text[: limit * 4]  # enough to find an identifier that starts within the part shown
    spans = sorted((m.start(), m.end()) for _, m in find(text))
    text = normalise(text)
    out, at = [], 0
    for start, end in spans:
        if start >= at:
            out += [text[at:start], mask(text[start:end])]
            at = end
    out.append(text[at:])
    # what cannot be seen is shown as its escape (a newline as \n), so the message points at it
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii") for c in "".join(out))
    return f"{shown[:limit].rstrip()}…" if len(shown) > limit else shown
