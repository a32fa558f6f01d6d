"""Feeds and open data from the catalogue: Atom feeds (all briefings, and one per theme and per
agency), briefings as JSON, findings and actions as CSV, and the JSON Schemas beside them. Plain
Python: returns {site path: text}; the hook publishes them."""
from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from xml.etree import ElementTree as ET

from .catalogue import Catalogue, ThemeEntry
from .model import SECTIONS, Action, Briefing, Item, UseRecord
from .urls import feed_path, page_path, page_url, record_url
from .safe import plain_text
from .validate import SCHEMA_FILES, read_schema

ATOM = "http://www.w3.org/2005/Atom"
FINDING_COLUMNS = ["briefing", "briefing_title", "briefing_date", "section", "learning_theme", "learning_heading",
                   "part", "text", "details", "themes", "agencies", "resources", "source_note"]
ACTION_COLUMNS = ["briefing", "briefing_title", "theme", "text", "owner", "due", "status", "updated", "evidence"]
PARTS = {"found": "What we found", "actions": "What needs to happen", "points": "Learning points"}
# A theme's or agency's feed carries its newest briefings only: a reader polls it every hour or so, and
# at thousands of briefings the whole list would be megabytes each time. The site-wide feed.xml has them all.
FEED_ENTRIES = 50


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
        "data/actions.csv": lambda: actions_csv(cat)}
    for theme in cat.themes.values():
        out[feed_path(theme)] = functools.partial(theme_feed, cat, theme.id, site_url, site_name)
    for agency in cat.agencies.values():
        out[feed_path(agency)] = functools.partial(agency_feed, cat, agency.id, site_url, site_name)
    for filename in SCHEMA_FILES:  # only these, and only as regular files: never whatever else lies in the folder
        out[f"data/schema/{filename}"] = functools.partial(read_schema, Path(schema_dir), filename, f"data/schema/{filename}")
    return out


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _iso(date: dt.date | None, precision: str | None = "day") -> str:
    """A date as the data wrote it: YYYY-MM-DD, or YYYY-MM for a month; '' for none."""
    if date is None:
        return ""
    return date.isoformat()[:7] if precision == "month" else date.isoformat()


@dataclass
class FeedEntry:
    """One briefing in a feed: a summary of it, or the content that concerns the feed's subject."""
    briefing: Briefing
    id: str
    summary: str | None = None
    content: str | None = None
    updated: dt.date | None = None  # later than the briefing's date when an action's status was updated since
    categories: list[tuple[str, str]] = field(default_factory=list)  # (term, label)


def atom(site_url: str, site_name: str, title: str, path: str, page: str, entries: list[FeedEntry]) -> str:
    """An Atom 1.0 feed (RFC 4287: id, title, updated, author, link) at site path `path`, the alternate of
    page URL `page`; entries in the order given. Every feed of the site is made here."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en-GB"})

    def add(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    root = site_url.rstrip("/") + "/"
    add(feed, "id", root + page)  # the page it follows: the site-wide feed's id stays the site's address
    add(feed, "title", title)
    add(feed, "updated", _timestamp(max((e.updated or e.briefing.date for e in entries), default=dt.date(2000, 1, 1))))
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
    entries = [FeedEntry(b, record_url(site_url, b), summary=plain_text(b.summary),
                         categories=[(t, cat.themes[t].title) for t in b.theme_ids()])
               for b in cat.briefings]  # already newest first
    return atom(site_url, site_name, f"{site_name}: briefings", "feed.xml", "", entries)


def theme_feed(cat: Catalogue, theme_id: str, site_url: str, site_name: str) -> str:
    """The FEED_ENTRIES newest briefings with findings on one theme; each entry's content is only those findings."""
    theme = cat.themes[theme_id]
    entries = []
    for e in cat.theme_entries[theme_id][:FEED_ENTRIES]:  # in catalogue order: newest first
        lines: list[str] = []
        for learning in e.learning:
            lines.append(plain_text(learning.heading or theme.title))
            for part, label in PARTS.items():
                lines += _item_lines(cat, label, getattr(learning, part))
        lines += _item_lines(cat, SECTIONS["worries"], e.worries)
        lines += _item_lines(cat, SECTIONS["good_practice"], e.good_practice)
        lines += _item_lines(cat, "Other learning on this theme", e.points)
        entries.append(_content_entry(site_url, e.briefing, f"theme-{theme_id}", lines, _items_of(e)))
    return atom(site_url, site_name, f"{site_name}: {theme.title}", feed_path(theme), page_url(page_path(theme)), entries)


def agency_feed(cat: Catalogue, agency_id: str, site_url: str, site_name: str) -> str:
    """The FEED_ENTRIES newest briefings with findings attributed to one agency or actions it owns; each
    entry's content is only those findings and actions."""
    agency = cat.agencies[agency_id]
    attributed: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for a in cat.agency_findings[agency_id]:
        attributed[a.briefing.id][SECTIONS[a.section]].append(a.item)
    owned: dict[str, list[Item]] = defaultdict(list)
    for a in cat.agency_actions[agency_id]:
        if agency_id not in a.action.agencies:  # not already listed as attributed
            owned[a.briefing.id].append(a.action)
    entries = []
    for b in cat.agency_briefings[agency_id]:  # newest first
        if b.id not in attributed and b.id not in owned:
            continue  # it audited, but nothing in it is this agency's
        lines: list[str] = []
        for label, items in attributed[b.id].items():
            lines += _item_lines(cat, label, items)
        lines += _item_lines(cat, f"Actions owned by {agency.name}", owned[b.id])
        items = [i for group in attributed[b.id].values() for i in group] + owned[b.id]
        entries.append(_content_entry(site_url, b, f"agency-{agency_id}", lines, items))
        if len(entries) == FEED_ENTRIES:
            break
    return atom(site_url, site_name, f"{site_name}: {agency.name}", feed_path(agency), page_url(page_path(agency)), entries)


def _items_of(e: ThemeEntry) -> list[Item]:
    return [i for l in e.learning for i in l.items] + e.worries + e.good_practice + e.points


def _content_entry(site_url: str, b: Briefing, subject: str, lines: list[str], items: list[Item]) -> FeedEntry:
    """An entry whose id is the briefing's URL with the feed's subject as fragment: the same briefing is a
    different entry in each feed, so a reader following two themes sees both."""
    updated = max([b.date] + [i.updated for i in items if isinstance(i, Action) and i.updated])
    return FeedEntry(b, f"{record_url(site_url, b)}#{subject}", content="\n".join(lines), updated=updated)


def _item_lines(cat: Catalogue, label: str, items: list[Item]) -> list[str]:
    """A labelled list of items as plain text lines: '- text', sub-points indented, an action's progress after it."""
    if not items:
        return []
    lines = [f"{label}:"]
    for item in items:
        note = f" ({action_note(cat, item)})" if isinstance(item, Action) and item.tracked else ""
        lines.append(f"- {plain_text(item.text)}{note}")
        lines += [f"  - {plain_text(d)}" for d in item.details]
    return lines


def action_note(cat: Catalogue, action: Action) -> str:
    """An action's progress in words, e.g. 'In progress; owner: Police; due by March 2025; overdue'."""
    parts = [action.status_label]
    if action.owner:
        parts.append(f"owner: {cat.agencies[action.owner].name}")
    if action.due:
        parts.append(f"due by {action.due_label}")
    if action.is_overdue(cat.today):
        parts.append("overdue")
    return "; ".join(parts)


def _item(item: Item, **where) -> dict:
    out = {**where, "text": item.text, "source_note": item.source_note, "details": item.details, "themes": item.themes,
           "agencies": item.agencies, "resources": item.resources}
    if isinstance(item, Action):  # status None: not recorded
        out.update(owner=item.owner, due=_iso(item.due, item.due_precision) or None, status=item.status,
                   updated=_iso(item.updated, item.updated_precision) or None, evidence=item.evidence)
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
        "needs": [{"id": n.id, "label": n.label, "description": n.description, "resources": n.resources}
                  for n in cat.needs.values()],
        "resources": [{"id": r.id, "title": r.title, "kind": r.kind, "description": r.description, "use_when": r.use_when,
                       "url": r.url, "url_source": r.url_source, "publisher": r.publisher}
                      for r in cat.resources.values()]}
    # Compact: at thousands of briefings, indenting doubles the file and needs the slow pure-Python encoder.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _cell(value: str) -> str:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def findings_csv(cat: Catalogue) -> str:
    """One row per finding, lists joined with '; ', for spreadsheets."""
    out = io.StringIO()
    writer = csv.DictWriter(out, FINDING_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for b in cat.briefings:
        for f in findings(b):
            row = {"briefing": b.id, "briefing_title": b.title, "briefing_date": b.date.isoformat(),
                   "section": f["section"], "learning_theme": f.get("learning_theme") or "",
                   "learning_heading": f.get("learning_heading") or "", "part": PARTS.get(f.get("part"), ""),
                   "text": f["text"], "details": "; ".join(f["details"]), "themes": "; ".join(f["themes"]),
                   "agencies": "; ".join(f["agencies"]), "resources": "; ".join(f["resources"]),
                   "source_note": f["source_note"] or ""}
            writer.writerow({k: _cell(str(v)) for k, v in row.items()})
    return out.getvalue()


def actions_csv(cat: Catalogue) -> str:
    """One row per action ("What needs to happen"), tracked or not; an empty status means not recorded."""
    out = io.StringIO()
    writer = csv.DictWriter(out, ACTION_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for b in cat.briefings:
        for learning, a in b.actions():
            row = {"briefing": b.id, "briefing_title": b.title, "theme": learning.theme, "text": a.text,
                   "owner": a.owner or "", "due": _iso(a.due, a.due_precision), "status": a.status or "",
                   "updated": _iso(a.updated, a.updated_precision), "evidence": a.evidence or ""}
            writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()
