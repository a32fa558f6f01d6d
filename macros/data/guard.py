"""The identifiers guard: published briefings must never identify a child or family.

Every text value in the data is searched for what would identify someone: a date of
birth, an NHS number, a postcode, a phone number, an email address, or a name from the
editors' own list (data/guard-names.txt, which stays on the editor's computer). Each is
read as a reader reads it (macros.data.identifiers.normalise: character references decoded,
invisible characters dropped, Markdown's escapes and emphasis marks gone), so no spelling
hides one; the guard over the published site (macros.outputs.published) reads the pages the same way. Each
finding is a Problem at its file and line. A briefing item that only looks like one (a
service's public phone number) carries a reviewed exception: `allow: [phone-number]`
with a `reason:`; the schema requires both together.

Messages show the text masked: a CI log is public, and must not repeat what it found.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable

from .errors import DataError, Problem
from .identifiers import KINDS, compile_names, find, find_in_id, normalise
from .text import masked_finding
from .yamlload import Lines, line_of, read_regular, strings


def load_names(path: Path, name: str, root: Path | None = None) -> tuple[re.Pattern | None, list[Problem]]:
    """The editors' list of names, one per line (# starts a comment): one whole-word pattern."""
    if not os.path.lexists(path):
        return None, []
    try:
        lines = read_regular(path, name, root).decode("utf-8-sig").splitlines()
    except DataError as e:
        return None, e.problems
    except UnicodeDecodeError:
        return None, [Problem(name, None, "cannot be read as UTF-8 text: save it as UTF-8, one name per line")]
    return compile_names(n.split("#", 1)[0] for n in lines), []


def scan(document: Any, lines: Lines, name: str, names: re.Pattern | None = None,
         texts: Iterable[tuple[tuple, str]] | None = None) -> list[Problem]:
    """Every identifier in one document, except the kinds an item's `allow` excuses. `texts`: the document's
    strings() where the caller has them already."""
    problems = []
    for path, text in strings(document) if texts is None else texts:
        if "allow" in path:
            continue
        # an id is published as a web address (/themes/<id>/): read as one, a postcode in lower case too
        allowed = None
        for kind, m in (find_in_id if path[-1:] == ("id",) else find)(text, names):
            if allowed is None:  # worked out only for a text that holds something, which few do
                allowed = allowed_at(document, path)
            if kind in allowed:
                continue
            line = line_of(lines, path)
            if line and "\n" in text.rstrip("\n"):  # a block of lines starts below its key
                line += 1 + normalise(text).count("\n", 0, m.start())
            problems.append(Problem(name, line, message(kind, m.group())))
    return problems


# For each kind: what to write instead, and when an exception fits (a phone number's wording does not fit a date of birth).
_ADVICE = {
    "date-of-birth": ("a child's age, or 'a baby', says enough",
                      "If it is not anyone's date of birth (the day a service opened, say)"),
    "nhs-number": ("nothing here needs one", "If it is not an NHS number (another reference that passes the same check, say)"),
    "postcode": ("the area's name says enough", "If it is a service's public address, not a family's"),
    "phone-number": ("a service's name says enough", "If it is a service's public number, not a family's"),
    "email": ("a service's name says enough", "If it is a service's public address, not a person's"),
    "name": ("'the mother', 'Child A' and the like say enough",
             "If it is not this person (a place or a service with the same name, say)"),
}


def message(kind: str, found: str) -> str:
    """What the guard says about one finding: what it looks like (masked), what to do, and when an exception fits."""
    instead, exception = _ADVICE[kind]
    return (f"this looks like {KINDS[kind]} ({masked_finding(found)}): briefings are published and must never identify a "
            f"child or family, so remove it ({instead}). {exception}, add 'allow: [{kind}]' and a 'reason:' to the item")


def texts(document: Any) -> Iterable[tuple[tuple, str, frozenset]]:
    """(path, text, the kinds its item's `allow:` excuses) of every text but the `allow:` lists themselves (a
    `url` is read too: find() reads only email addresses in a web address)."""
    for path, text in strings(document):
        if "allow" in path:
            continue
        yield path, text, allowed_at(document, path)


def allowed_at(document: Any, path: tuple) -> frozenset:
    """The kinds of identifier excused at `path`: by every mapping on the way down, an `allow:` list each may hold
    (the schema may have refused it)."""
    allowed: set[str] = set()
    node = document
    for step in path:
        if isinstance(node, dict) and isinstance(node.get("allow"), list):
            allowed |= {kind for kind in node["allow"] if isinstance(kind, str)}
        node = node[step]
    return frozenset(allowed)
