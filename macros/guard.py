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

import re
from pathlib import Path
from typing import Any, Iterable

from .errors import Problem
from .yamlload import Lines, line_of

KINDS = {
    "date-of-birth": "a date of birth",
    "nhs-number": "an NHS number (10 digits that pass the NHS number check)",
    "postcode": "a UK postcode",
    "phone-number": "a UK phone number",
    "email": "an email address",
    "name": "a name from data/guard-names.txt",
}
NOT_SCANNED = {"url"}  # web addresses are checked by `make linkcheck`, not read as text

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DAY_DATE = rf"(?:\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{2,4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
_PATTERNS = {
    # "DOB", "D.O.B.", "date of birth", or "born" followed by a day's date. An audit date on
    # its own ("6th December 2022") is no date of birth.
    "date-of-birth": re.compile(rf"\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bborn\s+(?:on\s+)?{_DAY_DATE}", re.I),
    "nhs-number": re.compile(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])"),
    # Upper case only, as postcodes are written: "DASH 24" or "a 10 year pattern" are not postcodes.
    "postcode": re.compile(r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][A-Z]{2}\b"),
    "phone-number": re.compile(r"(?<![\w+])(?:\+\s?44\s?(?:\(0\)\s?)?|\(?0)\d{2,5}\)?(?:[ -]?\d){5,8}(?!\d)"),
    "email": re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
}
# One pass over each text finds every kind: `make check` reads every string of 1,000 briefings.
_ANY = re.compile("|".join(f"(?P<{kind.replace('-', '_')}>{'(?i:' if p.flags & re.I else '(?:'}{p.pattern}))"
                           for kind, p in _PATTERNS.items()))
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)


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


def load_names(path: Path, name: str) -> tuple[re.Pattern | None, list[Problem]]:
    """The editors' list of names, one per line (# starts a comment): one whole-word pattern."""
    if not path.exists():
        return None, []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        return None, [Problem(name, None, f"cannot be read as UTF-8 text ({e}): save it as UTF-8, one name per line")]
    names = [n.split("#", 1)[0].strip() for n in lines]
    names = sorted({n for n in names if n}, key=len, reverse=True)
    if not names:
        return None, []
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I), []


def find(text: str, names: re.Pattern | None = None) -> Iterable[tuple[str, re.Match]]:
    """(kind, match) for everything in text that looks like an identifier."""
    plain = _URL.sub(lambda m: " " * len(m.group()), text) if "://" in text or "www." in text else text  # keep offsets
    for m in _ANY.finditer(plain):
        kind = m.lastgroup.replace("_", "-")
        if kind == "nhs-number" and not nhs_number_ok(re.sub(r"\D", "", m.group())):
            continue
        if kind == "phone-number" and not _phone_ok(m.group()):
            continue
        yield kind, m
    if names is not None:
        for m in names.finditer(plain):
            yield "name", m


def mask(found: str) -> str:
    """'943 476 5919' -> '94• ••• ••••': enough to find it in the file, not enough to repeat it."""
    return found[:2] + re.sub(r"\w", "•", found[2:])


def scan(document: Any, lines: Lines, name: str, names: re.Pattern | None = None) -> list[Problem]:
    """Every identifier in one document, except the kinds an item's `allow` excuses."""
    problems = []
    for path, text, allowed in _texts(document, (), frozenset()):
        for kind, m in find(text, names):
            if kind in allowed:
                continue
            line = line_of(lines, path)
            if line and "\n" in text.rstrip("\n"):  # a block of lines starts below its key
                line += 1 + text.count("\n", 0, m.start())
            problems.append(Problem(name, line, f"this looks like {KINDS[kind]} ('{mask(m.group())}'): briefings are published and must "
                                                f"never identify a child or family, so remove it. If it is safe (a service's public "
                                                f"number, say), add 'allow: [{kind}]' and a 'reason:' to the item"))
    return problems


def _texts(node: Any, path: tuple, allowed: frozenset) -> Iterable[tuple[tuple, str, frozenset]]:
    if isinstance(node, str):
        yield path, node, allowed
    elif isinstance(node, dict):
        if isinstance(node.get("allow"), list):
            allowed = allowed | set(node["allow"])
        for key, value in node.items():
            if key not in NOT_SCANNED and key != "allow":
                yield from _texts(value, path + (key,), allowed)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, path + (i,), allowed)
