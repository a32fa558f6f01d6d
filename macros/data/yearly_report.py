"""A partnership's year in figures, for its yearly report: /report/<year>/ and data/report-<year>.csv.

    reports = yearly_report.reports(catalogue)   # every year from the first the data mentions, newest first
    rows = yearly_report.rows(reports[0])        # its figures, one per table cell (export.py writes the CSV)

For a year Y, as of the day the site is built:
- actions agreed in Y (on the briefing's date unless `agreed:` says otherwise), by the agency that owns
  them: how many, and of those how many are closed (done or dropped), overdue and open now, and the
  median days to close of those closed with both days known;
- the briefings published in Y;
- the uses recorded in Y, by briefing, with the change each team reported (a use with no date is in no year);
- the themes of Y's findings that recur: found in at least two years up to Y, with those years.

Every figure here follows from the published CSV files (actions.csv, uses.csv, findings.csv), and a test
computes them from those files. Plain Python, from the catalogue's records; no Jinja, no engine.
"""
from __future__ import annotations

from collections import defaultdict

from .action_states import NO_OWNER
from .model import ActionFigures, YearReport

ALL = "All"
ACTION_MEASURES = [("agreed", "Agreed"), ("closed", "Closed (done or dropped)"), ("overdue", "Overdue"), ("open", "Open"),
                   ("median_days_to_close", "Median days to close")]


def years(cat) -> list[int]:
    """Every year from the first the data mentions (a briefing, an action agreed or closed, a use) to the
    catalogue's today, newest first."""
    seen = {b.year for b in cat.briefings}
    for b in cat.briefings:
        seen.update(a.agreed.year for _, a in b.actions() if a.agreed)
        seen.update(a.closed.year for _, a in b.actions() if a.closed)
        seen.update(u.date.year for u in b.used_by if u.date)
    first = min(seen, default=cat.today.year)
    return list(range(cat.today.year, min(first, cat.today.year) - 1, -1))


def reports(cat) -> list[YearReport]:
    return [report(cat, year) for year in years(cat)]


def report(cat, year: int) -> YearReport:
    r = YearReport(year=year, as_of=cat.today)
    r.actions = _actions(cat, year)
    r.briefings = [b for b in cat.briefings if b.year == year]
    uses = [(b, u) for b in cat.briefings for u in b.used_by]
    r.uses = sorted(((b, u) for b, u in uses if u.date and u.date.year == year), key=lambda x: (x[1].date, x[0].id))
    r.undated_uses = sum(1 for _, u in uses if not u.date)
    r.themes = _themes(cat, year)
    return r


def _actions(cat, year: int) -> list[ActionFigures]:
    """One row per owner with actions agreed in `year` (registry order, then no owner), then the totals."""
    rows: dict[str | None, ActionFigures] = {}
    total = ActionFigures(ALL, None)
    for entry in cat.actions:
        a = entry.action
        if a.agreed is None or a.agreed.year != year:
            continue
        owner = a.owner
        row = rows.setdefault(owner, ActionFigures(cat.agencies[owner].name if owner else NO_OWNER, owner))
        for figures in (row, total):
            figures.agreed += 1
            if a.is_closed:
                figures.closed += 1
                if a.days_to_close is not None:
                    figures.days_to_close.append(a.days_to_close)
            elif entry.progress == "overdue":
                figures.overdue += 1
            else:
                figures.open += 1
    order = [a for a in cat.agencies if a in rows] + ([None] if None in rows else [])
    return [rows[o] for o in order] + [total]


def _themes(cat, year: int) -> list[tuple]:
    """(theme, findings on it in `year`, the years up to `year` it was found in), for each theme found in
    `year` and in at least one year before: most years first, then most findings."""
    out = []
    for theme_id, entries in cat.theme_entries.items():
        counts: dict[int, int] = defaultdict(int)
        for e in entries:
            if e.briefing.year <= year:
                counts[e.briefing.year] += e.count
        if counts.get(year) and len(counts) >= 2:
            out.append((cat.themes[theme_id], counts[year], sorted(counts)))
    return sorted(out, key=lambda t: (-len(t[2]), -t[1], t[0].title))


def number(value: float | None) -> str:
    """A figure as the page and the CSV write it: 120, 120.5, or '' for none."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def rows(r: YearReport) -> list[dict]:
    """The report's figures as (table, row, measure, value), one per cell of the page's tables."""
    out = []

    def add(table: str, row: str, measure: str, value) -> None:
        out.append({"year": r.year, "as_of": r.as_of.isoformat(), "table": table, "row": row, "measure": measure,
                    "value": value})

    for figures in r.actions:
        for key, _ in ACTION_MEASURES:
            value = number(figures.median_days) if key == "median_days_to_close" else getattr(figures, key)
            add("actions agreed, by owner", figures.owner, key, value)
    add("briefings published", ALL, "briefings", len(r.briefings))
    for b, n in r.uses_by_briefing():
        add("uses recorded, by briefing", b.title, "uses", n)
    add("uses recorded, by briefing", ALL, "uses", len(r.uses))
    for theme, findings, seen in r.themes:
        add("themes that recur", theme.title, "findings", findings)
        add("themes that recur", theme.title, "years", "; ".join(map(str, seen)))
    return out
