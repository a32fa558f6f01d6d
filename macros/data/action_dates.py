"""An action's dates, kept in order: the briefing's date, then agreed, then due, updated and closed.

Days to close are counted from `agreed` to `closed` (model.Action.days_to_close), so a date typed on
the wrong side of another would publish a negative or meaningless figure. Each rule gives the line
of the field to correct and says how. A date known only to its month stands for any day in it: two
dates are out of order only when no day of the first can fall on or before a day of the second.

    problems = check(briefing, lines, "data/briefings/2024-03-x.yml", today)
"""
from __future__ import annotations

import datetime as dt

from .action_states import CLOSED_STATUSES
from .errors import Problem
from .model import Action, Briefing, span
from .yamlload import Lines, line_of


def _iso(d: dt.date, precision: str | None) -> str:
    return d.isoformat()[:7] if precision == "month" else d.isoformat()


def _after(a: tuple[dt.date, str | None], b: tuple[dt.date, str | None]) -> bool:
    """a is certainly after b: even a's first possible day is after b's last."""
    return span(*a)[0] > span(*b)[1]


def check(b: Briefing, lines: Lines | None, name: str, today: dt.date) -> list[Problem]:
    """Every action's dates against each other, the briefing's date and today."""
    problems: list[Problem] = []
    for i, learning in enumerate(b.learning):
        for j, action in enumerate(learning.actions):
            def line(key: str, i=i, j=j) -> int | None:
                return line_of(lines or {}, ("learning", i, "actions", j, key))
            problems += _check_action(b, action, line, name, today)
    return problems


def _check_action(b: Briefing, a: Action, line, name: str, today: dt.date) -> list[Problem]:
    found: list[Problem] = []

    def problem(key: str, message: str, level: str = "error") -> None:
        found.append(Problem(name, line(key), message, level))

    briefing = (b.date, b.date_precision)
    agreed = (a.agreed, a.agreed_precision) if a.agreed_given else None
    closed = (a.closed, a.closed_precision) if a.closed else None
    if agreed and _after(briefing, agreed):
        problem("agreed", f"agreed {_iso(*agreed)} is before the briefing's date {_iso(*briefing)}: an action is agreed at "
                          "or after its audit. Correct agreed, or leave it out to mean the briefing's date")
    start = agreed or briefing
    for key, value in (("due", (a.due, a.due_precision)), ("updated", (a.updated, a.updated_precision)), ("closed", closed)):
        if value and value[0] and _after(start, value):
            if agreed:
                problem(key, f"{key} {_iso(*value)} is before agreed {_iso(*agreed)}: correct one of them")
            else:
                problem(key, f"{key} {_iso(*value)} is before the briefing's date {_iso(*briefing)}, when the action was "
                             f"agreed: correct {key}")
    if closed and a.status not in CLOSED_STATUSES:
        status = f"its status is '{a.status}'" if a.status else "no status is recorded"
        problem("closed", f"closed is the day an action was done or dropped, but {status}: set status: done or "
                          "status: dropped, or remove closed")
    if closed and span(*closed)[0] > today:
        problem("closed", f"closed {_iso(*closed)} is in the future: write the day it was done or dropped")
    if a.status in CLOSED_STATUSES and not closed:
        problem("status", f"status is {a.status} but there is no closed date: add closed: YYYY-MM-DD, the day it was "
                          f"{a.status}, so that its days to close are counted", "warning")
    elif closed and a.days_to_close is None and not found:
        if a.closed_precision == "month":
            which, fix = "closed", "closed"
        else:
            which, fix = ("agreed", "agreed") if agreed else ("the briefing's date", "agreed")
        problem("closed", f"its days to close cannot be counted: {which} gives only the month. When you know the day, "
                          f"write {fix}: YYYY-MM-DD", "warning")
    return found
