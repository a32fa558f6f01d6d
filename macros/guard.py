"""The identifiers guard: published briefings must never identify a child or family.

Every text value in the data is searched for what would identify someone: a date of
birth, an NHS number, a postcode, a phone number, an email address, or a name from the
editors' own list (data/guard-names.txt, which stays on the editor's computer). Each
finding is a Problem at its file and line. A briefing item that only looks like one (a
service's public phone number) carries a reviewed exception: `allow: [phone-number]`
with a `reason:`; the schema requires both together.

Messages show the text masked: a CI log is public, and must not repeat what it found.
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote

from .errors import DataError, Problem
from .yamlload import Lines, line_of, read_regular

KINDS = {
    "date-of-birth": "a date of birth",
    "nhs-number": "an NHS number (10 digits that pass the NHS number check)",
    "postcode": "a UK postcode",
    "phone-number": "a UK phone number",
    "email": "an email address",
    "name": "a name from data/guard-names.txt",
}

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}"
# A day's date, as people write one: 3/4/2019, 3.4.19, 3 April 2019, 3rd Apr. 2019, April 3rd, 2019, 2019-04-03.
_DAY_DATE = (rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
             rf"|\d{{1,2}}(?:st|nd|rd|th)?\s{{1,3}}(?:of\s{{1,3}})?{_MONTH}\.?,?\s{{1,3}}\d{{2,4}}"
             rf"|{_MONTH}\.?\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?,?\s{{1,3}}\d{{4}})(?!\d)")
# Every quantifier is bounded or starts only where its run starts (a lookbehind), so each pattern
# tries a constant amount at each place: text of any length is searched in linear time.
_PATTERNS = {
    # "DOB", "D.O.B.", "date of birth" or "born", then a day's date. The words alone ("the date of birth
    # was not recorded", "Father's DOB missing") and an audit's own date identify nobody.
    "date-of-birth": re.compile(rf"\b(?:d\.?\s?o\.?\s?b\b\.?|date\s{{1,3}}of\s{{1,3}}birth\b|born(?:\s{{1,3}}on)?)"
                                rf"[\s:=,(-]{{0,4}}(?:(?:is|was|of)\s{{1,3}})?{_DAY_DATE}", re.I),
    "nhs-number": re.compile(r"(?<![\d+.])\d{3}[ .-]{0,3}\d{3}[ .-]{0,3}\d{4}(?![\d])"),
    # Upper case only, as postcodes are written: "DASH 24" or "a 10 year pattern" are not postcodes.
    "postcode": re.compile(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][A-Z]{2}\b"),
    "phone-number": re.compile(r"(?<![\w+.])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d{2,5}\)?(?:[ .-]{0,2}\d){5,8}(?!\d)"),
}
# One pass over each text finds every kind but email: `make check` reads every string of 1,000 briefings.
_ANY = re.compile("|".join(f"(?P<{kind.replace('-', '_')}>{'(?i:' if p.flags & re.I else '(?:'}{p.pattern}))"
                           for kind, p in _PATTERNS.items()))
# An address starts where a run of its characters starts (the lookbehind): from anywhere inside
# "a.a.a.a..." it would scan the rest of the run again, and take time growing with its square.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
# Every kind of space (no-break, thin, figure ...) as a space, and every dash and minus as a hyphen,
# so that text pasted from a word processor reads as typed. NFKC does the rest (full-width digits ...).
_SPACES_AND_DASHES = {c: " " if unicodedata.category(chr(c)) == "Zs" else "-" for c in range(0x10000)
                      if unicodedata.category(chr(c)) in ("Zs", "Pd") or c == 0x2212}


def normalise(text: str) -> str:
    """The text as the patterns read it; newlines kept, so lines still count."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", text).translate(_SPACES_AND_DASHES)


def nhs_number_ok(digits: str) -> bool:
    """The NHS number's modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def _phone_ok(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return digits.startswith("0") and len(digits) in (10, 11)


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
    names = [normalise(n.split("#", 1)[0]).strip() for n in lines]
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return None, []
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I), []


def find(text: str, names: re.Pattern | None = None) -> Iterable[tuple[str, re.Match]]:
    """(kind, match) for everything in text that looks like an identifier. Matches are in normalise(text)."""
    text = normalise(text)
    has_url = "://" in text or "www." in text
    # Web addresses are links, not prose: a phone-like path is no phone number. But an email address
    # in one (…?contact=jane.doe@gmail.com, %40 for @) is still an address, so emails are sought in them too.
    plain = _URL.sub(lambda m: " " * len(m.group()), text) if has_url else text  # same offsets
    for m in _ANY.finditer(plain):
        kind = m.lastgroup.replace("_", "-")
        if kind == "nhs-number" and not nhs_number_ok(re.sub(r"\D", "", m.group())):
            continue
        if kind == "phone-number" and not _phone_ok(m.group()):
            continue
        yield kind, m
    if "@" in text or (has_url and "%40" in text):
        decoded = _URL.sub(lambda m: unquote(m.group()).replace("\n", " "), text) if has_url else text
        for m in _EMAIL.finditer(decoded):
            yield "email", m
    if names is not None:
        for m in names.finditer(plain):
            yield "name", m


def mask(found: str, limit: int = 24) -> str:
    """'943 476 5919' -> '94• ••• ••••': enough to find it in the file, not enough to repeat it."""
    masked = found[:2] + re.sub(r"\w", "•", found[2:limit])
    return masked + "…" if len(found) > limit else masked


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


def scan(document: Any, lines: Lines, name: str, names: re.Pattern | None = None) -> list[Problem]:
    """Every identifier in one document, except the kinds an item's `allow` excuses."""
    problems = []
    for path, text, allowed in _texts(document, (), frozenset()):
        for kind, m in find(text, names):
            if kind in allowed:
                continue
            line = line_of(lines, path)
            if line and "\n" in text.rstrip("\n"):  # a block of lines starts below its key
                line += 1 + normalise(text).count("\n", 0, m.start())
            problems.append(Problem(name, line, f"this looks like {KINDS[kind]} ('{mask(m.group())}'): briefings are published and must "
                                                f"never identify a child or family, so remove it. If it is safe (a service's public "
                                                f"number, say), add 'allow: [{kind}]' and a 'reason:' to the item"))
    return problems


def _texts(node: Any, path: tuple, allowed: frozenset) -> Iterable[tuple[tuple, str, frozenset]]:
    if isinstance(node, str):
        yield path, node, allowed
    elif isinstance(node, dict):
        if isinstance(node.get("allow"), list):  # (this runs on documents the schema refused, too)
            allowed = allowed | {kind for kind in node["allow"] if isinstance(kind, str)}
        for key, value in node.items():
            if key != "allow":  # a `url` is scanned too: find() reads only email addresses in a web address
                yield from _texts(value, path + (key,), allowed)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, path + (i,), allowed)
