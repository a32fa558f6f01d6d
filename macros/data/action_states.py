"""Where an action stands, in words: the one wording for /actions/, /editors/, briefings, agency
pages, the feeds and actions.csv, so that no two places describe the same action differently.

An action's *status* is what the data records (`status:`, or nothing); its *progress* is where it
stands on a given day, from its status and due date (model.Action.progress): overdue, open, done
or dropped. Plain Python: no Jinja, no MkDocs; the templates get these as globals.

    parts(action, today, "Police")  ->  ["Overdue", "In progress", "Owner: Police", "Due 30 June 2024"]
"""
from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from .words import plural

# What the data records. An action without `status:` has had no progress reported to the editors:
# it is not "not started" (nobody said so), and not a fault of the data.
STATUS = {
    None: "No progress recorded yet",
    "not-started": "Not started",
    "in-progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
}
# Where an action stands on a given day, in the order /actions/ counts them.
PROGRESS = {"overdue": "Overdue", "open": "Open", "done": "Done", "dropped": "Dropped"}
CLOSED_STATUSES = ("done", "dropped")
CLOSED = "Closed (done or dropped)"
NO_OWNER = "No owner recorded"
# The one definition of overdue, said the same wherever a page explains it.
OVERDUE_MEANS = "past its due date and neither done nor dropped"


def overdue_sentence(n: int) -> str:
    """'1 action is overdue: past its due date ...', '3 actions are overdue: past their due date ...'."""
    if n == 1:
        return f"1 action is overdue: {OVERDUE_MEANS}"
    return f"{n} actions are overdue: {OVERDUE_MEANS.replace('its', 'their')}"


def days(n: int) -> str:
    return plural(n, "day")


def due_text(action) -> str | None:
    """'Due 30 June 2024', or 'Due by the end of March 2025' when only the month is given."""
    if action.due is None:
        return None
    return f"Due {'by the end of ' if action.due_precision == 'month' else ''}{action.due_label}"


def closed_text(action) -> str | None:
    """'Closed 3 May 2024, 98 days after it was agreed' (or without the days when a date is only a month)."""
    if action.closed is None:
        return None
    after = action.days_to_close
    return f"Closed {action.closed_label}" + (f", {days(after)} after it was agreed" if after is not None else "")


def parts(action, today: dt.date, owner=None, say_no_owner: bool = False) -> list:
    """The pieces that say where an action stands, in reading order: its progress when overdue, its
    status in words, its owner (`owner`: the agency's name, or a link to its page; with `say_no_owner`,
    NO_OWNER when it has none), its due date, when it was closed, and when it was last checked. Pages
    join them with ' · ', feeds with '; '."""
    out = []
    if action.is_overdue(today):
        out.append(PROGRESS["overdue"])
    out.append(STATUS[action.status])
    if owner is not None:  # a link stays a link: Markup.format escapes only what is not markup
        out.append(Markup("Owner: {}").format(owner) if hasattr(owner, "__html__") else f"Owner: {owner}")
    elif say_no_owner:
        out.append(NO_OWNER)
    for text in (due_text(action), closed_text(action)):
        if text:
            out.append(text)
    if action.updated and action.closed is None:
        out.append(f"Updated {action.updated_label}")
    return out
