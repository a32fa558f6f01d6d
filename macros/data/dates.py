"""What a date written another way means: 30/06/2024, 30 June 2024, June 30th, 2024, 06/2024 ...

One reader for every place that meets one: `make check`'s "did you mean", `make fix`, which writes
the date as YYYY-MM-DD, and `make new`'s DATE. It reads a date only where the reading is
unambiguous: 03/04/2024 is 3 April in the UK and 4 March in the US, so it is not read at all, and
the message says both. Day first or month first is told apart only by a number above 12.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC = re.compile(r"(\d{1,4})([/.\- ])(\d{1,2})\2(\d{1,4})")
_NUMERIC_MONTH = re.compile(r"(\d{1,2})[/.\-](\d{4})|(\d{4})[/.](\d{1,2})")
_COMPACT = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)")
_WITH_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}.*")
# "30 June 2024", "30th of June, 2024", "June 30th, 2024", "June 2024", "Sept. 2024"
_DAY_MONTH = re.compile(rf"(\d{{1,2}}) ({_MONTH}) (\d{{2,4}})")
_MONTH_DAY = re.compile(rf"({_MONTH}) (\d{{1,2}}) (\d{{2,4}})")
_MONTH_YEAR = re.compile(rf"({_MONTH}) (\d{{2,4}})")


@dataclass(frozen=True)
class Reading:
    """What a date written another way means (iso), or why it cannot be read one way (why)."""
    iso: str | None          # YYYY-MM-DD, or YYYY-MM when only the month is written
    precision: str = "day"   # "day" or "month"
    why: str = ""            # when iso is None: "could be 3 April 2024 or 4 March 2024", ...
    has_time: bool = False   # written with a time of day (which a date field has no room for)


def read(text: str) -> Reading | None:
    """What `text` means as a date; None when it is not one at all."""
    text = " ".join(str(text).split())
    if _WITH_TIME.fullmatch(text):
        try:
            return Reading(dt.datetime.fromisoformat(text).date().isoformat(), has_time=True)
        except ValueError:
            return None
    found = _COMPACT.fullmatch(text)
    if found:
        return _day(int(found[1]), int(found[2]), int(found[3]))
    found = _NUMERIC.fullmatch(text)
    if found:
        return _numeric(found[1], found[3], found[4])
    found = _NUMERIC_MONTH.fullmatch(text)
    if found:
        month, year = (found[1], found[2]) if found[1] else (found[4], found[3])
        return _month(int(year), int(month))
    words = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\bof\b|[,.]", " ", text.lower())
    words = " ".join(words.split())
    for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy"), (_MONTH_YEAR, "my")):
        found = pattern.fullmatch(words)
        if found:
            parts = dict(zip(order, found.groups()))
            year = parts["y"]
            if len(year) != 4:
                return Reading(None, why="has a two-digit year")
            if "d" not in parts:
                return _month(int(year), _MONTHS[parts["m"]])
            return _day(int(year), _MONTHS[parts["m"]], int(parts["d"]))
    return None


def _numeric(first: str, middle: str, last: str) -> Reading | None:
    if len(first) == 4:  # 2024/06/30: year first is always year, month, day
        return _day(int(first), int(middle), int(last)) if len(last) <= 2 else None
    if len(first) > 2 or len(last) == 3 or len(last) == 1:
        return None
    a, b = int(first), int(middle)
    if len(last) == 2:
        return Reading(None, why="has a two-digit year") if _could_be_day(a, b) else None
    year = int(last)
    if a > 12 and b <= 12:   # 30/06/2024: day first, as in the UK
        return _day(year, b, a)
    if b > 12 and a <= 12:   # 06/30/2024: month first, as in the US
        return _day(year, a, b)
    if a == b and a <= 12:   # 05/05/2024 reads the same both ways
        return _day(year, a, a)
    if a <= 12 and b <= 12:
        uk, us = _name(year, b, a), _name(year, a, b)
        return Reading(None, why=f"could be {uk} (day first, as in the UK) or {us} (month first, as in the US)")
    return None


def _could_be_day(a: int, b: int) -> bool:
    return 1 <= min(a, b) and (a <= 12 or b <= 12) and max(a, b) <= 31


def _day(year: int, month: int, day: int) -> Reading | None:
    if not 1 <= month <= 12 or not 1 <= day <= 31 or year < 1:
        return None
    last = calendar.monthrange(year, month)[1]
    if day > last:
        return Reading(None, why=f"is not a real date: {calendar.month_name[month]} {year} has {last} days")
    return Reading(dt.date(year, month, day).isoformat())


def _month(year: int, month: int) -> Reading | None:
    if not 1 <= month <= 12 or year < 1:
        return None
    return Reading(f"{year:04d}-{month:02d}", precision="month")


def _name(year: int, month: int, day: int) -> str:
    """'3 April 2024'; a day that does not exist in that month is still named as written."""
    return f"{day} {calendar.month_name[month]} {year}"
