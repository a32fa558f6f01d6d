"""macros.data.date_window: every date in the data falls in the years date_window.WINDOW allows, or is refused at its line."""
import datetime as dt

import pytest

from conftest import make_data
from macros.data import date_window, schemas
from macros.data.catalogue import load
from macros.data.errors import DataError

TODAY = dt.date(2026, 6, 15)
LAST = TODAY.year + date_window.WINDOW.years_ahead
BRIEFING = """title: T
type: rapid-review
date: {date}
summary: S
learning:
  - theme: cumulative-harm
    actions:
      - text: A
        owner: police
        due: {due}
        status: in-progress
        updated: {updated}
used_by:
  - team: Health visitors
    date: {used}
"""
GOOD = dict(date="2023-05-02", due="2024-03", updated="2024-01-10", used="2024-02")


def problems(tmp_path, **dates_):
    text = BRIEFING.format(**{**GOOD, **dates_})
    with pytest.raises(DataError) as e:
        load(make_data(tmp_path, {"briefings/2023-05-x.yml": text}, seeds=False), today=TODAY)
    return [str(p) for p in e.value.errors]


def test_the_date_fields_come_from_the_schemas():
    # {field: a month alone will do}: one reading of the schemas for the window, `make fix` and `make check`
    assert schemas.date_fields("briefing") == {"date": True, "due": True, "updated": True, "agreed": True, "closed": True}
    assert schemas.date_fields("resources") == {"reviewed": False}
    assert schemas.date_fields("themes") == {}


def test_dates_inside_the_window_load():
    assert date_window.WINDOW.first_year == 1990
    assert date_window.outside_window({"date": "1990-01-01", "due": f"{LAST}-12"}, {}, "x.yml", "briefing", TODAY) == []


@pytest.mark.parametrize("field, value, line", [
    ("date", "0001-01-06", 3), ("date", "9999-12", 3), ("date", "1989-12-31", 3),
    ("due", f"{LAST + 1}-01", 10), ("updated", "1900-01-01", 12), ("used", "2999-02-01", 15),
])
def test_a_date_outside_the_window_is_refused_at_its_line_with_the_window(tmp_path, field, value, line):
    name = {"used": "date"}.get(field, field)
    [problem] = [p for p in problems(tmp_path, **{field: value}) if "is not between" in p]
    assert problem == (f"data/briefings/2023-05-x.yml:{line}: {name} '{value}' is not between 1990 and {LAST}, "
                       "the years a date here may be in: check the year (a date outside them is a typo)")


def test_a_resources_review_date_outside_the_window_is_refused_once(tmp_path):
    data = make_data(tmp_path, seeds=False)
    with open(data / "resources.yml", "a", encoding="utf-8") as f:
        f.write("- id: extra\n  title: Extra\n  kind: tool\n  description: D\n  reviewed: 0001-01-06\n")
    with pytest.raises(DataError) as e:
        load(data, today=TODAY)
    [problem] = e.value.errors
    assert problem.message.startswith("reviewed '0001-01-06' is not between 1990 and 2027")


def test_the_first_and_last_years_of_a_theme_chart_stay_within_the_window(tmp_path):
    """0001 beside 9999 once made every theme page draw a bar and a row for each of 9,999 years."""
    text = BRIEFING.format(**GOOD)
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": text, "briefings/0001-01-y.yml": text.replace("2023-05-02", "0001-01-06"),
                                "briefings/9999-12-z.yml": text.replace("2023-05-02", "9999-12-06")}, seeds=False)
    with pytest.raises(DataError) as e:
        load(data, today=TODAY)
    assert sorted((p.path, p.line) for p in e.value.errors) == [("data/briefings/0001-01-y.yml", 3), ("data/briefings/9999-12-z.yml", 3)]
