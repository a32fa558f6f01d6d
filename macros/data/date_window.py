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
import json
from functools import lru_cache
from typing import Any, Iterable, NamedTuple

from .errors import Problem
from .kinds import DATA_KINDS
from .text import quote
from .validate import SCHEMA_DIR, read_schema
from .yamlload import Lines, line_of


class Window(NamedTuple):
    first_year: int   # the earliest year a date may be in
    years_ahead: int  # how many years after this one a date may be in (an action due next year)

    def last_year(self, today: dt.date) -> int:
        return today.year + self.years_ahead


SCHEMA_KINDS = {k.schema.removesuffix(".schema.json") for k in DATA_KINDS}
# The partnership's audits start after 1990; an action may be due next year.
WINDOW = Window(first_year=1990, years_ahead=1)


def _is_date(node: dict, defs: dict) -> bool:
    node = _resolve(node, defs)
    branches = [_resolve(b, defs) for b in node.get("anyOf", []) + node.get("oneOf", [])]
    return node.get("format") == "date" or any(b.get("format") == "date" for b in branches)


def _resolve(node: dict, defs: dict) -> dict:
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/$defs/"):
        node = {**defs[node["$ref"].removeprefix("#/$defs/")], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


@lru_cache(maxsize=None)
def date_fields(kind: str) -> frozenset[str]:
    """The names of the properties that hold a date (or a list of dates) in a kind of file."""
    schema = json.loads(read_schema(SCHEMA_DIR, f"{kind}.schema.json", f"data/schema/{kind}.schema.json"))
    defs = schema.get("$defs", {})
    found = set()

    def walk(node: Any, depth: int = 0) -> None:  # (the schemas define nothing in terms of itself)
        node = _resolve(node, defs)
        if not isinstance(node, dict) or depth > 50:
            return
        for name, prop in node.get("properties", {}).items():
            prop = _resolve(prop, defs)
            if _is_date(prop, defs) or _is_date(_resolve(prop.get("items", {}), defs), defs):
                found.add(name)
            walk(prop, depth + 1)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                walk(node[key], depth + 1)
        for branch in node.get("anyOf", []) + node.get("oneOf", []) + node.get("allOf", []):
            walk(branch, depth + 1)

    walk(schema)
    return frozenset(found)


def _dates(node: Any, fields: frozenset[str], path: tuple = ()) -> Iterable[tuple[tuple, str, str]]:
    """(path, field name, text) of every date in a document, as the schema checked it (ISO text)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in fields and isinstance(value, str):
                yield path + (key,), key, value
            elif key in fields and isinstance(value, list):
                yield from ((path + (key, i), key, v) for i, v in enumerate(value) if isinstance(v, str))
            else:
                yield from _dates(value, fields, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _dates(value, fields, path + (i,))


def _year(text: str) -> int | None:
    """The year of YYYY-MM-DD or YYYY-MM text (anything else the schema has already refused)."""
    try:
        return (dt.date.fromisoformat(text) if len(text) == 10 else dt.date.fromisoformat(text + "-01")).year
    except ValueError:
        return None


def outside_window(document: Any, lines: Lines, name: str, kind: str, today: dt.date,
                   skip: Iterable[tuple] = frozenset()) -> list[Problem]:
    """A problem at its line for every date in the document outside WINDOW. `skip`: paths the schema
    already refused (a date that is no date), not judged again."""
    if kind not in SCHEMA_KINDS:
        return []
    first, last = WINDOW.first_year, WINDOW.last_year(today)
    skip = frozenset(skip)
    problems = []
    for path, key, text in _dates(document, date_fields(kind)):
        year = _year(text)
        if year is None or first <= year <= last or any(path[:n] in skip for n in range(1, len(path) + 1)):
            continue
        problems.append(Problem(name, line_of(lines, path),
                                f"{key} {quote(text)} is not between {first} and {last}, the years a date here may be in: "
                                "check the year (a date outside them is a typo)"))
    return problems
