"""Feeds and open data from the catalogue: an Atom feed, briefings as JSON, findings as CSV, and
the JSON Schemas beside them. Plain Python: returns {site path: text}; the hook publishes them."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from xml.etree import ElementTree as ET

from .catalogue import Catalogue
from .model import Briefing, Item
from .render import page_path, page_url
from .safe import plain_text
from .validate import SCHEMA_FILES, read_schema

ATOM = "http://www.w3.org/2005/Atom"
FINDING_COLUMNS = ["briefing", "briefing_title", "briefing_date", "section", "learning_theme", "learning_heading",
                   "part", "text", "details", "themes", "agencies", "resources", "source_note"]
PARTS = {"found": "What we found", "actions": "What needs to happen", "points": "Learning points"}


def files(cat: Catalogue, site_url: str, site_name: str, schema_dir: Path) -> dict[str, str]:
    """Every generated file, {path under site/: text}."""
    out = {"feed.xml": atom_feed(cat, site_url, site_name),
           "data/briefings.json": briefings_json(cat, site_url),
           "data/findings.csv": findings_csv(cat)}
    for filename in SCHEMA_FILES:  # only these, and only as regular files: never whatever else lies in the folder
        out[f"data/schema/{filename}"] = read_schema(Path(schema_dir), filename, f"data/schema/{filename}")
    return out


def briefing_url(site_url: str, b: Briefing) -> str:
    return site_url.rstrip("/") + "/" + page_url(page_path(b))


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def atom_feed(cat: Catalogue, site_url: str, site_name: str) -> str:
    """An Atom 1.0 feed of the briefings, newest first (RFC 4287: id, title, updated, author, link)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "en-GB"})

    def add(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    root = site_url.rstrip("/") + "/"
    add(feed, "id", root)
    add(feed, "title", f"{site_name}: briefings")
    add(feed, "updated", _timestamp(max((b.date for b in cat.briefings), default=dt.date(2000, 1, 1))))
    add(add(feed, "author"), "name", site_name)
    add(feed, "link", rel="self", href=root + "feed.xml", type="application/atom+xml")
    add(feed, "link", rel="alternate", href=root, type="text/html")
    for b in cat.briefings:  # already newest first
        entry = add(feed, "entry")
        url = briefing_url(site_url, b)
        add(entry, "id", url)
        add(entry, "title", b.title)
        add(entry, "updated", _timestamp(b.date))
        add(entry, "published", _timestamp(b.date))
        add(entry, "link", rel="alternate", href=url, type="text/html")
        add(entry, "summary", plain_text(b.summary), type="text")
        for theme in b.theme_ids():
            add(entry, "category", term=theme, label=cat.themes[theme].title)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _item(item: Item, **where) -> dict:
    return {**where, "text": item.text, "source_note": item.source_note, "details": item.details, "themes": item.themes,
            "agencies": item.agencies, "resources": item.resources}


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
        "id": b.id, "url": briefing_url(site_url, b), "title": b.title, "type": b.type, "date": b.date.isoformat(),
        "date_precision": b.date_precision, "summary": b.summary, "key_messages": b.key_messages,
        "cohort": b.cohort and {"children": b.cohort.children, "age_range": b.cohort.age_range, "notes": b.cohort.notes},
        "themes": b.theme_ids(), "agencies": b.agency_ids(), "needs": b.needs, "resources": b.resource_ids(),
        "questions": b.questions, "findings": findings(b),
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
