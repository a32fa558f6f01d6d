"""An action's history: when it was agreed (the briefing's date unless `agreed:` says otherwise) and
when it was closed; days to close derived from them; `make check` keeping the dates in order, each
message at its line with the fix."""
import datetime as dt
import subprocess
import sys

import pytest

from conftest import ROOT, make_data
from macros.data.catalogue import load
from macros.data.errors import DataError

TODAY = dt.date(2025, 6, 15)
HEAD = "title: T\ntype: rapid-review\ndate: {date}\nsummary: S\nlearning:\n  - theme: cumulative-harm\n    actions:\n      - text: Do it\n"


def briefing(fields: str, date: str = "2024-03-05") -> str:
    """A briefing with one action whose fields start on line 9."""
    return HEAD.format(date=date) + "".join(f"        {line}\n" for line in fields.strip().splitlines())


def load_one(tmp_path, text: str):
    return load(make_data(tmp_path, {"briefings/2024-03-x.yml": text}, seeds=False), today=TODAY)


def only_action(cat):
    [b] = cat.briefings
    [(_, action)] = b.actions()
    return action


def test_agreed_defaults_to_the_briefings_date_and_days_to_close_follow(tmp_path):
    a = only_action(load_one(tmp_path, briefing("status: done\nclosed: 2024-06-13")))
    assert (a.agreed, a.agreed_precision, a.agreed_given) == (dt.date(2024, 3, 5), "day", False)
    assert a.days_to_close == 100


def test_agreed_given_is_the_start(tmp_path):
    a = only_action(load_one(tmp_path, briefing("agreed: 2024-04-01\nstatus: dropped\nclosed: 2024-04-11")))
    assert (a.agreed, a.agreed_given, a.days_to_close) == (dt.date(2024, 4, 1), True, 10)


@pytest.mark.parametrize("fields,date", [
    ("status: done\nclosed: 2024-06", "2024-03-05"),           # closed known only to its month
    ("status: done\nclosed: 2024-06-13", "2024-03"),           # agreed: the briefing's date, only a month
    ("status: in-progress", "2024-03-05"),                      # still open
    ("status: done", "2024-03-05"),                             # closed on a day nobody recorded
])
def test_no_days_to_close_without_two_known_days(tmp_path, fields, date):
    cat = load_one(tmp_path, briefing(fields, date))
    assert only_action(cat).days_to_close is None


@pytest.mark.parametrize("fields,line,message", [
    ("agreed: 2024-02-01", 9, "agreed 2024-02-01 is before the briefing's date 2024-03-05: an action is agreed at or after "
                              "its audit. Correct agreed, or leave it out to mean the briefing's date"),
    ("agreed: 2024-04-01\ndue: 2024-03-31", 10, "due 2024-03-31 is before agreed 2024-04-01: correct one of them"),
    ("due: 2024-02", 9, "due 2024-02 is before the briefing's date 2024-03-05, when the action was agreed: correct due"),
    ("status: done\nupdated: 2024-01-10\nclosed: 2024-04-01", 10,
     "updated 2024-01-10 is before the briefing's date 2024-03-05, when the action was agreed: correct updated"),
    ("agreed: 2024-05-01\nstatus: done\nclosed: 2024-04-30", 11, "closed 2024-04-30 is before agreed 2024-05-01: correct one of them"),
    ("status: in-progress\nclosed: 2024-04-30", 10, "closed is the day an action was done or dropped, but its status is "
                                                    "'in-progress': set status: done or status: dropped, or remove closed"),
    ("closed: 2024-04-30", 9, "closed is the day an action was done or dropped, but no status is recorded: set status: done "
                              "or status: dropped, or remove closed"),
    ("status: done\nclosed: 2025-07-01", 10, "closed 2025-07-01 is in the future: write the day it was done or dropped"),
])
def test_dates_out_of_order_are_refused_at_their_line_with_the_fix(tmp_path, fields, line, message):
    with pytest.raises(DataError) as e:
        load_one(tmp_path, briefing(fields))
    assert [str(p) for p in e.value.errors] == [f"data/briefings/2024-03-x.yml:{line}: {message}"]


@pytest.mark.parametrize("fields,date", [
    ("agreed: 2024-03\ndue: 2024-03-01", "2024-03-20"),   # a month holds the day: not out of order
    ("due: 2024-03", "2024-03-20"),
    ("status: done\nclosed: 2024-03-20", "2024-03"),
    ("status: done\nclosed: 2025-06", "2024-03-05"),        # this month, so possibly today or before
])
def test_a_month_is_in_order_with_any_day_in_it(tmp_path, fields, date):
    load_one(tmp_path, briefing(fields, date))


@pytest.mark.parametrize("fields,date,line,message", [
    ("status: done", "2024-03-05", 9, "warning: status is done but there is no closed date: add closed: YYYY-MM-DD, the day "
                                      "it was done, so that its days to close are counted"),
    ("status: dropped\nclosed: 2024-06", "2024-03-05", 10, "warning: its days to close cannot be counted: closed gives only "
                                                           "the month. When you know the day, write closed: YYYY-MM-DD"),
    ("status: done\nclosed: 2024-06-13", "2024-03", 10, "warning: its days to close cannot be counted: the briefing's date "
                                                        "gives only the month. When you know the day, write agreed: YYYY-MM-DD"),
])
def test_what_stops_days_to_close_being_counted_is_a_warning(tmp_path, fields, date, line, message):
    cat = load_one(tmp_path, briefing(fields, date))
    assert [str(w) for w in cat.warnings if "close" in w.message] == [f"data/briefings/2024-03-x.yml:{line}: {message}"]


def test_make_check_prints_the_message(tmp_path):
    data = make_data(tmp_path, {"briefings/2024-03-x.yml": briefing("agreed: 2024-04-01\ndue: 2024-03-31")}, seeds=False)
    result = subprocess.run([sys.executable, "-m", "macros.tools.check", "--all", str(data)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1
    assert "data/briefings/2024-03-x.yml:10: due 2024-03-31 is before agreed 2024-04-01: correct one of them" in result.stderr
