"""What identifies a child or family, found in text: pure text in, findings out.

The patterns (a date of birth, an NHS number, a postcode, a phone number, an email address, a
name from the editors' list), how text is normalised before they read it, and `mask`, which
shows a finding without repeating it. The guard (macros.data.guard) runs them over documents; every
message that quotes a value masks it through macros.data.text, which uses them too.
"""
from __future__ import annotations

import functools
import html
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
# tries a constant amount at each place: text of any length is searched in linear time. Each starts
# with a set of characters, and the lookbehind follows it (so "(?<!\w)" after the first letter is "\b"
# before it): Python's re then skips straight to the places that can start a match, seven times quicker.
_PATTERNS = {
    # "DOB", "D.O.B.", "date of birth" or "born", then a day's date. The words alone ("the date of birth
    # was not recorded", "Father's DOB missing") and an audit's own date identify nobody.
    "date-of-birth": re.compile(rf"[db](?<!\w.)(?:(?<=d)\.?\s?o\.?\s?b\b\.?|(?<=d)ate\s{{1,3}}of\s{{1,3}}birth\b|(?<=b)orn(?:\s{{1,3}}on)?)"
                                rf"[\s:=,(-]{{0,4}}(?:(?:is|was|of)\s{{1,3}})?{_DAY_DATE}", re.I),
    "nhs-number": re.compile(r"\d(?<![\d+.].)\d{2}[ \n.-]{0,3}\d{3}[ \n.-]{0,3}\d{4}(?!\d)"),
    # Upper case only, as postcodes are written: "DASH 24" or "a 10 year pattern" are not postcodes.
    "postcode": re.compile(r"[A-Z](?<!\w.)(?:[A-Z]?[0-9][A-Z0-9]?|(?<=G)IR)[ \n]?[0-9][A-Z]{2}\b"),
    "phone-number": re.compile(r"[+(0](?<![\w+.].)(?:(?<=\+)\s?44\s?(?:\(0\)\s?)?|(?<=\()0|(?<=0))\d{2,5}\)?(?:[ \n.-]{0,2}\d){5,8}(?!\d)"),
}
# An address starts where a run of its characters starts (the lookbehind): from anywhere inside
# "a.a.a.a..." it would scan the rest of the run again, and take time growing with its square.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A web or mail address: its path is a link, not prose, but an email address in it is still one.
_URL = re.compile(r"[hwm](?<!\w.)(?:(?<=h)ttps?://|(?<=w)ww\.|(?<=m)ailto:)\S+", re.I)
# Every pattern but email's needs a digit, and starts at most this many characters before its first
# digit ("date  of  birth  was  September 3rd, 2019" is 40): in long text only the parts this close
# to a digit are searched (each part with the text around it, so lookbehinds see what they would).
_REACH = 64
_DIGIT = re.compile(r"[0-9]")
# Digits, each within 2 x _REACH characters of the next: the parts of text that can hold a match.
_DIGITS_NEAR = re.compile(rf"[0-9](?:[^0-9]{{0,{2 * _REACH}}}[0-9])*")


# Default-ignorable code points that are not format characters (Cf): the combining grapheme joiner, Hangul
# fillers, Khmer inherent vowels, Mongolian free variation selectors, variation selectors; and the blank
# Braille pattern. Fonts draw them as nothing.
_IGNORABLE = frozenset([0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x2800, 0x3164,
                        *range(0xFE00, 0xFE10), 0xFFA0, *range(0xE0100, 0xE01F0)])
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=None)
def _reading(char: str) -> str | None:
    """What a reader reads for a non-ASCII character (after NFKC), when it is not the character itself: nothing
    for one they cannot see (category Cf: zero-width space and joiners, word joiner, soft hyphen, Mongolian vowel
    separator, direction marks, BOM ...; and the other default-ignorable ones), a space for every kind of
    space, a hyphen for every dash and minus, the digit for every script's digits."""
    category = unicodedata.category(char)
    if category == "Cf" or ord(char) in _IGNORABLE:
        return ""
    if category == "Zs":
        return " "
    if category == "Pd" or char == "\u2212":
        return "-"
    if category == "Nd":
        return str(unicodedata.digit(char))
    return None


@functools.lru_cache(maxsize=256)
def _replacer(chars: str) -> tuple[re.Pattern | None, dict[str, str], re.Pattern | None]:
    """For text holding these non-ASCII characters: a pattern of those to replace, what with, and a pattern
    of the combining marks among them (dropped where they sit on an ASCII character: a stroke through a 9
    is still a 9). Large Unicode classes make Python's re slow, so each is built from the few a text has."""
    table = {c: r for c in chars if (r := _reading(c)) is not None}
    marks = "".join(c for c in chars if unicodedata.category(c) == "Mn")
    return (re.compile("[" + "".join(map(re.escape, table)) + "]") if table else None, table,
            re.compile(r"(?<=[!-~])[" + re.escape(marks) + "]+") if marks else None)


# An HTML character reference, as a browser reads one (&#64; &#x40; &commat; &nbsp;, the semicolon optional
# where HTML allows it). A line break written as one is a space, so that lines still count.
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,7};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# Markdown that changes what a reader sees, not what they read: a backslash before punctuation
# (born 2015\-03\-04), emphasis and code marks (943 *476* 5919, `07700` 900123). An underscore inside a
# word (good_practice) is no emphasis in CommonMark, and is kept.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_EMPHASIS = re.compile(r"[*`_]+")


def _entity(m: re.Match) -> str:
    char = html.unescape(m.group())
    return " " if char in ("\n", "\r", "\r\n") else char


def _unmark(m: re.Match) -> str:
    """An emphasis or code mark, gone; underscores inside a word kept."""
    run, text, start, end = m.group(), m.string, m.start(), m.end()
    if "_" in run and 0 < start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
        return run.replace("*", "").replace("`", "")
    return ""


def normalise(text: str) -> str:
    """The text as a reader reads it, whatever its spelling, as the patterns (and the guard over the
    published site) read it: character references decoded, invisible characters dropped, NFKC (full-width
    digits and letters ...), every space a space, every dash a hyphen, Markdown's escapes and emphasis
    marks gone. Newlines are kept, so lines still count. One function for the data and the site."""
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    if not text.isascii():
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        chars = "".join(sorted(set("".join(set(_NON_ASCII.findall(text))))))
        replace, table, marks = _replacer(chars)
        if replace is not None:
            text = replace.sub(lambda m: table[m.group()], text)
        if marks is not None:
            text = marks.sub("", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text:
        text = _EMPHASIS.sub(_unmark, text)
    return text


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


# What any identifier but a name needs: a digit, an '@' (or '%40'), or what normalise() could make one from (a
# character reference, a backslash escape, a character that is not ASCII). Most texts have none of them.
_MAY_IDENTIFY = re.compile(r"[0-9@%&\\]|[^\x00-\x7f]")


def find(text: str, names: re.Pattern | None = None) -> Iterable[tuple[str, re.Match]]:
    """(kind, match) for everything in text that looks like an identifier. Matches are in normalise(text)."""
    if names is None and not _MAY_IDENTIFY.search(text):
        return iter(())
    return _found(text, names)


def _found(text: str, names: re.Pattern | None) -> Iterable[tuple[str, re.Match]]:
    """find(), for a text that may hold something."""
    text = normalise(text)
    # Web and mail addresses are links, not prose: a phone-like path is no phone number. But an email address
    # in one (…?contact=jane.doe@gmail.com, mailto:jane.doe%40gmail.com) is still an address, so emails are sought in them too.
    has_url = _URL.search(text) is not None
    plain = _URL.sub(lambda m: " " * len(m.group()), text) if has_url else text  # same offsets
    if _DIGIT.search(plain):
        for start, end in _near_digits(plain):
            for kind, pattern in _PATTERNS.items():
                for m in pattern.finditer(plain, start, end):
                    if kind == "nhs-number" and not nhs_number_ok(re.sub(r"\D", "", m.group())):
                        continue
                    if kind == "phone-number" and not _phone_ok(m.group()):
                        continue
                    yield kind, m
    if "@" in text or "%40" in text:
        decoded = _URL.sub(lambda m: unquote(m.group()).replace("\n", " "), text) if has_url else text
        for m in _EMAIL.finditer(decoded):
            yield "email", m
    if names is not None:
        for m in names.finditer(plain):
            yield "name", m


def _near_digits(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of each part of text within _REACH characters of a digit: apart, in order."""
    if len(text) <= 2 * _REACH:
        yield 0, len(text)
        return
    for m in _DIGITS_NEAR.finditer(text):
        yield max(0, m.start() - _REACH), m.end() + _REACH


# An id or a file name is published as a web address, in lower case with hyphens: a postcode there is
# "bs1-4dj", which find() does not take for one (in prose, lower case is too like ordinary words). An
# ordinal after a hyphen ("cp2-3rd") is not the second half of one.
_ID_POSTCODE = re.compile(r"(?<![a-z0-9])(?:[a-z]{1,2}[0-9][a-z0-9]?|gir)[-_ ]?(?!1st|2nd|3rd|[0-9]th)[0-9][a-z]{2}(?![a-z0-9])")


def find_in_id(ident: str, names: re.Pattern | None = None) -> Iterable[tuple[str, re.Match]]:
    """find() for an id or a file name, which the site publishes as (part of) a web address: a postcode in
    lower case too. Matches are in normalise(ident)."""
    yield from find(ident, names)
    for m in _ID_POSTCODE.finditer(normalise(ident)):
        yield "postcode", m


def mask(found: str, limit: int = 24) -> str:
    """'943 476 5919' -> '94• ••• ••••': enough to find it in the file, not enough to repeat it."""
    masked = found[:2] + re.sub(r"\w", "•", found[2:limit])
    return masked + "…" if len(found) > limit else masked


def masked(text: str, found: Iterable[tuple[str, re.Match]]) -> str:
    """normalise(text) with each of `found` (matches in it, from find or find_in_id) masked, the rest as it is."""
    text = normalise(text)
    out, at = [], 0
    for start, end in sorted({m.span() for _, m in found}):
        if start >= at:
            out += [text[at:start], mask(text[start:end], end - start)]
            at = end
    return "".join(out + [text[at:]])
