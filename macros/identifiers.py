"""What identifies a child or family, found in text: pure text in, findings out.

The patterns (a date of birth, an NHS number, a postcode, a phone number, an email address, a
name from the editors' list), how text is normalised before they read it, and `mask`, which
shows a finding without repeating it. The guard (macros.guard) runs them over documents; every
message that quotes a value masks it through macros.text, which uses them too.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable
from urllib.parse import unquote

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


def compile_names(names: Iterable[str]) -> re.Pattern | None:
    """The editors' names as one whole-word pattern (longest first), or None when there are none."""
    names = sorted({n for n in (normalise(n).strip() for n in names) if n}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I)


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
