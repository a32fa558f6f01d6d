"""Feeds and open data from the catalogue: Atom feeds (all briefings, and one per theme and per
agency), briefings as JSON, findings and actions as CSV, and the JSON Schemas beside them. Plain
Python: returns {site path: text}; the pipeline stages them beside docs/ for the engine to copy (macros.pipeline.stage)."""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree as ET

from ..data import action_states, yearly_report
from ..data.catalogue import Catalogue
from ..data.model import PARTS, Action, Briefing, Item, UseRecord, span
from ..pages.urls import feed_path, page_path, page_url, record_url
from ..pages.feeds import FeedEntry, agency_entries, site_entries, theme_entries
from ..data.schemas import SCHEMA_FILES, read_schema

ATOM = "http://www.w3.org/2005/Atom"
# Every date in the CSV files is written YYYY-MM-DD. Where the data gives only a month, the date is
# that month's first day (a due date: its last, the day it is due by), and the row's month_only
# column names it: the precision is stated, never guessed.
MONTH_ONLY = ("month_only", "The dates in this row known only to their month, e.g. briefing_date; agreed: "
                            "each is written as that month's first day (a due date as its last day, the day it "
                            "is due by). Empty when every date is a day.")
# The open data's CSV files: each column and what it holds, in plain words. The files' headers and the
# /data/ page (docs/data/index.md) are both made from these, so the two cannot differ.
CSV_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "findings.csv": [
        ("briefing", "The briefing's id; its page is /briefings/<id>/."),
        ("briefing_title", "The briefing's title."),
        ("briefing_date", "The briefing's date (of the audit or review)."),
        ("section", "Where the finding is: worries, good_practice or learning."),
        ("learning_heading", "In learning, the section's own heading, when the source gives one."),
        ("part", "In learning: What we found, What needs to happen or Learning points."),
        ("text", "The finding, in the audit's words."),
        ("details", "Its sub-points, separated by semicolons."),
        ("themes", "Every theme the finding is counted under on the site, separated by semicolons: in learning, its "
                   "section's theme first, then any the finding is tagged with. Count rows by theme to get the "
                   "figures on the theme pages."),
        ("agencies", "Agencies the finding is about (ids from agencies), separated by semicolons."),
        ("resources", "Resources that help with it (ids), separated by semicolons."),
        MONTH_ONLY,
        ("source_note", "The editor's note on the audit's text, if any."),
    ],
    "actions.csv": [
        ("briefing", "The briefing's id; its page is /briefings/<id>/."),
        ("briefing_title", "The briefing's title."),
        ("briefing_date", "The briefing's date (of the audit or review)."),
        ("theme", "The theme of the learning section the action is in (a theme id)."),
        ("text", "What needs to happen, in the audit's words."),
        ("owner", "The agency that owns the action (an agency id); empty when no owner is recorded."),
        ("owner_name", "That agency's name, as the site shows it."),
        ("status", "How far it has got, in the site's words: No progress recorded yet, Not started, In progress, Done "
                   "or Dropped."),
        ("overdue", f"yes when, on the day in as_of, it was {action_states.OVERDUE_MEANS}; otherwise no."),
        ("as_of", "The day the site was built, which overdue is worked out for."),
        ("due", "When it should be done by."),
        ("agreed", "When it was agreed: the briefing's date unless the briefing records another day."),
        ("closed", "When it was done or dropped; empty while it is open, or when the day was not recorded."),
        ("days_to_close", "Days from agreed to closed, worked out from them (never typed); empty while it is open, or "
                          "when either date is known only to its month."),
        ("updated", "The day someone last checked its status."),
        MONTH_ONLY,
        ("evidence", "For a done action: what was done, and how we know it made a difference."),
    ],
    "uses.csv": [
        ("briefing", "The briefing's id; its page is /briefings/<id>/."),
        ("briefing_title", "The briefing's title."),
        ("team", "The team or service that used it (never a person)."),
        ("agency", "The team's agency (an agency id); empty when not recorded."),
        ("agency_name", "That agency's name, as the site shows it."),
        ("date", "When they used it; empty when not recorded."),
        ("how", "How they used it, e.g. team meeting, supervision, training."),
        ("change", "What the team said they will do differently."),
        MONTH_ONLY,
    ],
}
# The yearly report's figures (macros.data.yearly_report), one file a year.
CSV_COLUMNS["report-<year>.csv"] = [
    ("year", "The report's year."),
    ("as_of", "The day the site was built: where actions stand is counted on this day."),
    ("table", "The report's table the figure is in: actions agreed, by owner; briefings published; uses recorded, "
              "by briefing; or themes that recur."),
    ("row", "Its row: an agency (or No owner recorded), a briefing's title, a theme's title, or All for the total."),
    ("measure", "What is counted: agreed, closed (done or dropped), overdue, open or median_days_to_close for actions; "
                "briefings; uses; findings (in the year) or years (found in, up to the report's year) for themes."),
    ("value", "The figure. A median of days can end in .5; it is empty when no action with both days known was closed."),
]
FINDING_COLUMNS = [name for name, _ in CSV_COLUMNS["findings.csv"]]
ACTION_COLUMNS = [name for name, _ in CSV_COLUMNS["actions.csv"]]
USE_COLUMNS = [name for name, _ in CSV_COLUMNS["uses.csv"]]


def files(cat: Catalogue, site_url: str, site_name: str, schema_dir: Path) -> dict[str, str]:
    """Every generated file, {path under site/: text}."""
    return {path: make() for path, make in _makers(cat, site_url, site_name, schema_dir).items()}


def paths(cat: Catalogue) -> list[str]:
    """Where `files` puts each file, without making any: the build stages them for the engine to link to."""
    return list(_makers(cat, "", "", Path()))


def _makers(cat: Catalogue, site_url: str, site_name: str, schema_dir: Path) -> dict[str, Callable[[], str]]:
    out: dict[str, Callable[[], str]] = {
        "feed.xml": lambda: atom_feed(cat, site_url, site_name),
        "data/briefings.json": lambda: briefings_json(cat, site_url),
        "data/findings.csv": lambda: findings_csv(cat),
        "data/actions.csv": lambda: actions_csv(cat),
        "data/uses.csv": lambda: uses_csv(cat)}
    for r in cat.year_reports():
        out[f"data/report-{r.year}.csv"] = functools.partial(report_csv, r)
    for theme in cat.themes.values():
        out[feed_path(theme)] = functools.partial(theme_feed, cat, theme.id, site_url, site_name)
    for agency in cat.agencies.values():
        out[feed_path(agency)] = functools.partial(agency_feed, cat, agency.id, site_url, site_name)
    for filename in SCHEMA_FILES:  # only these, and only as regular files: never whatever else lies in the folder
        out[f"data/schema/{filename}"] = functools.partial(read_schema, Path(schema_dir), filename, f"data/schema/{filename}")
    return out


# The parts of the briefing schema the /data/ page explains field by field, besides the briefing itself.
SCHEMA_PARTS = {"briefing": [("An action (in a learning section's actions)", ("$defs", "action", "anyOf", 1)),
                             ("A use record (in used_by)", ("properties", "used_by", "items"))]}


def schema_fields(schema: dict, where: tuple = ()) -> list[tuple[str, str, bool]]:
    """(field, its description, required) for each property of the object at `where` in a schema (a
    registry's entries when the schema is a list), for the /data/ page: the schema in plain words."""
    node = schema
    for key in where:
        node = node[key]
    if node.get("type") == "array":
        node = node["items"]
    required = set(node.get("required", []))
    return [(name, prop.get("description") or schema.get("$defs", {}).get(prop.get("$ref", "").rsplit("/", 1)[-1], {}).get(
             "description", ""), name in required) for name, prop in node.get("properties", {}).items()]


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _iso(date: dt.date | None, precision: str | None = "day") -> str:
    """A date as the data wrote it: YYYY-MM-DD, or YYYY-MM for a month; '' for none."""
    if date is None:
        return ""
    return date.isoformat()[:7] if precision == "month" else date.isoformat()


def atom(site_url: str, site_name: str, title: str, path: str, page: str, entries: list[FeedEntry],
         empty_updated: dt.date) -> str:
    """An Atom 1.0 feed (RFC 4287: id, title, updated, author, link) at site path `path`, the alternate of
    page URL `page`; entries in the order given. Every feed of the site is made here. A feed with no
    entries was last updated when the data was (`empty_updated`): Atom requires a date, and a real one."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en-GB"})

    def add(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    root = site_url.rstrip("/") + "/"
    add(feed, "id", root + page)  # the page it follows: the site-wide feed's id stays the site's address
    add(feed, "title", title)
    add(feed, "updated", _timestamp(max((e.updated or e.briefing.date for e in entries), default=empty_updated)))
    add(add(feed, "author"), "name", site_name)
    add(feed, "link", rel="self", href=root + path, type="application/atom+xml")
    add(feed, "link", rel="alternate", href=root + page, type="text/html")
    for e in entries:
        b = e.briefing
        entry = add(feed, "entry")
        add(entry, "id", e.id)
        add(entry, "title", b.title)
        add(entry, "updated", _timestamp(e.updated or b.date))
        add(entry, "published", _timestamp(b.date))
        add(entry, "link", rel="alternate", href=record_url(site_url, b), type="text/html")
        if e.summary is not None:
            add(entry, "summary", e.summary, type="text")
        if e.content is not None:
            add(entry, "content", e.content, type="text")
        for term, label in e.categories:
            add(entry, "category", term=term, label=label)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def atom_feed(cat: Catalogue, site_url: str, site_name: str) -> str:
    """Every briefing, newest first, with its summary and themes."""
    return atom(site_url, site_name, f"{site_name}: briefings", "feed.xml", "", site_entries(cat, site_url), cat.newest_date)


def theme_feed(cat: Catalogue, theme_id: str, site_url: str, site_name: str) -> str:
    theme = cat.themes[theme_id]
    return atom(site_url, site_name, f"{site_name}: {theme.title}", feed_path(theme), page_url(page_path(theme)),
                theme_entries(cat, theme_id, site_url), cat.newest_date)


def agency_feed(cat: Catalogue, agency_id: str, site_url: str, site_name: str) -> str:
    agency = cat.agencies[agency_id]
    return atom(site_url, site_name, f"{site_name}: {agency.name}", feed_path(agency), page_url(page_path(agency)),
                agency_entries(cat, agency_id, site_url), cat.newest_date)


def _item(item: Item, **where) -> dict:
    out = {**where, "text": item.text, "source_note": item.source_note, "details": item.details, "themes": item.themes,
           "agencies": item.agencies, "resources": item.resources}
    if isinstance(item, Action):  # status None: not recorded
        out.update(owner=item.owner, due=_iso(item.due, item.due_precision) or None, status=item.status,
                   updated=_iso(item.updated, item.updated_precision) or None, evidence=item.evidence,
                   agreed=_iso(item.agreed, item.agreed_precision) or None, closed=_iso(item.closed, item.closed_precision) or None,
                   days_to_close=item.days_to_close)
    return out


def _use(u: UseRecord) -> dict:
    return {"team": u.team, "agency": u.agency, "date": _iso(u.date, u.date_precision) or None, "how": u.how,
            "change": u.change}


def findings(b: Briefing) -> list[dict]:
    """Every finding of a briefing, in page order, with where it sits."""
    out = [_item(i, section="worries") for i in b.worries] + [_item(i, section="good_practice") for i in b.good_practice]
    for learning in b.learning:
        for part in PARTS:
            out += [_item(i, section="learning", learning_theme=learning.theme, learning_heading=learning.heading, part=part)
                    for i in getattr(learning, part)]
    return out


def briefings_json(cat: Catalogue, site_url: str) -> str:
    data = {"briefings": [{
        "id": b.id, "url": record_url(site_url, b), "title": b.title, "type": b.type, "date": b.date.isoformat(),
        "date_precision": b.date_precision, "summary": b.summary, "key_messages": b.key_messages,
        "cohort": b.cohort and {"children": b.cohort.children, "age_range": b.cohort.age_range, "notes": b.cohort.notes},
        "themes": b.theme_ids(), "agencies": b.agency_ids(), "needs": b.needs, "resources": b.resource_ids(),
        "questions": b.questions, "findings": findings(b), "used_by": [_use(u) for u in b.used_by],
    } for b in cat.briefings],
        "themes": [{"id": t.id, "title": t.title} for t in cat.themes.values()],
        "agencies": [{"id": a.id, "name": a.name, "full_name": a.full_name} for a in cat.agencies.values()],
        "needs": [{"id": n.id, "label": n.label, "description": n.description, "resources": n.resources, "ask": n.ask}
                  for n in cat.needs.values()],
        "resources": [{"id": r.id, "title": r.title, "kind": r.kind, "description": r.description, "use_when": r.use_when,
                       "url": r.url, "url_source": r.url_source, "publisher": r.publisher}
                      for r in cat.resources.values()]}
    # Compact: at thousands of briefings, indenting doubles the file and needs the slow pure-Python encoder.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _cell(value: str) -> str:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_day(date: dt.date | None, precision: str | None = "day", last: bool = False) -> str:
    """A date as the CSV files write every date, YYYY-MM-DD: a month as its first day (its last with `last`)."""
    if date is None:
        return ""
    return (span(date, precision)[1] if last else date).isoformat()


def _month_only(**dates: tuple[dt.date | None, str | None]) -> str:
    return "; ".join(name for name, (date, precision) in dates.items() if date is not None and precision == "month")


def _csv(columns: list[str], rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell("" if v is None else str(v)) for k, v in row.items()})
    return out.getvalue()


def finding_themes(f: dict) -> list[str]:
    """The themes a finding is counted under on the site: its learning section's, then its own."""
    return list(dict.fromkeys(([f["learning_theme"]] if f.get("learning_theme") else []) + f["themes"]))


def findings_csv(cat: Catalogue) -> str:
    """One row per finding, lists joined with '; ', for spreadsheets."""
    def rows():
        for b in cat.briefings:
            for f in findings(b):
                yield {"briefing": b.id, "briefing_title": b.title, "briefing_date": csv_day(b.date),
                       "section": f["section"], "learning_heading": f.get("learning_heading") or "",
                       "part": PARTS.get(f.get("part"), ""), "text": f["text"], "details": "; ".join(f["details"]),
                       "themes": "; ".join(finding_themes(f)), "agencies": "; ".join(f["agencies"]),
                       "resources": "; ".join(f["resources"]),
                       "month_only": _month_only(briefing_date=(b.date, b.date_precision)),
                       "source_note": f["source_note"] or ""}
    return _csv(FINDING_COLUMNS, rows())


def actions_csv(cat: Catalogue) -> str:
    """One row per action ("What needs to happen"), in page order; where it stands in the site's words."""
    def rows():
        for b in cat.briefings:
            for learning, a in b.actions():
                yield {"briefing": b.id, "briefing_title": b.title, "briefing_date": csv_day(b.date),
                       "theme": learning.theme, "text": a.text, "owner": a.owner or "",
                       "owner_name": cat.agencies[a.owner].name if a.owner else "",
                       "status": action_states.STATUS[a.status], "overdue": "yes" if a.is_overdue(cat.today) else "no",
                       "as_of": cat.today.isoformat(), "due": csv_day(a.due, a.due_precision, last=True),
                       "agreed": csv_day(a.agreed, a.agreed_precision), "closed": csv_day(a.closed, a.closed_precision),
                       "days_to_close": a.days_to_close, "updated": csv_day(a.updated, a.updated_precision),
                       "month_only": _month_only(briefing_date=(b.date, b.date_precision), due=(a.due, a.due_precision),
                                                 agreed=(a.agreed, a.agreed_precision),
                                                 closed=(a.closed, a.closed_precision),
                                                 updated=(a.updated, a.updated_precision)),
                       "evidence": a.evidence or ""}
    return _csv(ACTION_COLUMNS, rows())


def uses_csv(cat: Catalogue) -> str:
    """One row per recorded use of a briefing: which team, when, how, and what they will change."""
    def rows():
        for b in cat.briefings:
            for u in b.used_by:
                yield {"briefing": b.id, "briefing_title": b.title, "team": u.team, "agency": u.agency or "",
                       "agency_name": cat.agencies[u.agency].name if u.agency else "",
                       "date": csv_day(u.date, u.date_precision), "how": u.how or "", "change": u.change or "",
                       "month_only": _month_only(date=(u.date, u.date_precision))}
    return _csv(USE_COLUMNS, rows())


def report_csv(r) -> str:
    """data/report-<year>.csv: the yearly report's figures, one row per figure (macros.data.yearly_report)."""
    return _csv([name for name, _ in CSV_COLUMNS["report-<year>.csv"]], yearly_report.rows(r))
