"""Dates in the data: the years they may fall in, and which fields hold one.

A date far outside the years of the partnership's audits is a typo, and a costly one: a theme page
draws a bar and a table row for every year between its first and last finding, so `0001-01-06`
beside `9999-12-06` made each theme page a hundred times its size. Every date is refused outside
WINDOW, at its line.

Which fields hold a date comes from the schemas (data/schema/*.schema.json): every property whose
value is a day (`format: date`) or a day or a month, wherever it sits. A date field added to a
schema is checked with no change here.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, NamedTuple

from . import schemas
from .errors import Problem
from .kinds import DATA_KINDS
from .text import quote
from .yamlload import Lines, line_of, strings


class Window(NamedTuple):
    first_year: int   # the earliest year a date may be in
    years_ahead: int  # how many years after this one a date may be in (an action due next year)

    def last_year(self, today: dt.date) -> int:
        return today.year + self.years_ahead


SCHEMA_KINDS = {k.schema.removesuffix(".schema.json") for k in DATA_KINDS}
# The partnership's audits start after 1990; an action may be due next year.
WINDOW = Window(first_year=1990, years_ahead=1)


def _dates(node: Any, fields: frozenset[str], texts=None) -> Iterable[tuple[tuple, str, str]]:
    """(path, field name, text) of every date in a document, as the schema checked it (ISO text)."""
    for path, text in strings(node) if texts is None else texts:
        if not path:
            continue
        key = path[-2] if isinstance(path[-1], int) and len(path) > 1 else path[-1]
        if key in fields:
            yield path, key, text


def _year(text: str) -> int | None:
    """The year of YYYY-MM-DD or YYYY-MM text (anything else the schema has already refused)."""
    try:
        return (dt.date.fromisoformat(text) if len(text) == 10 else dt.date.fromisoformat(text + "-01")).year
    except ValueError:
        return None


def outside_window(document: Any, lines: Lines, name: str, kind: str, today: dt.date,
                   skip: Iterable[tuple] = frozenset(), texts: Iterable[tuple[tuple, str]] | None = None) -> list[Problem]:
    """A problem at its line for every date in the document outside WINDOW. `skip`: paths the schema
    already refused (a date that is no date), not judged again; `texts`: the document's strings() where the
    caller has them already."""
    if kind not in SCHEMA_KINDS:
        return []
    first, last = WINDOW.first_year, WINDOW.last_year(today)
    skip = frozenset(skip)
    problems = []
    for path, key, text in _dates(document, frozenset(schemas.date_fields(kind)), texts):
        year = _year(text)
        if year is None or first <= year <= last or any(path[:n] in skip for n in range(1, len(path) + 1)):
            continue
        problems.append(Problem(name, line_of(lines, path),
                                f"{key} {quote(text)} is not between {first} and {last}, the years a date here may be in: "
                                "check the year (a date outside them is a typo)"))
    return problems
