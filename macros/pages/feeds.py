"""What each feed holds: its entries, for the Atom files (macros.outputs.export) and for the "How to
follow" pages that list a feed's newest items (macros.pages.render). The catalogue in, entries out."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..data import action_states
from ..data.catalogue import Catalogue, ThemeEntry
from ..data.model import PARTS, SECTIONS, Action, Briefing, Item, Theme
from ..data.words import plural
from .safe import plain_text
from .urls import record_url

# A theme's or agency's feed carries its newest briefings only: a reader polls it every hour or so, and
# at thousands of briefings the whole list would be megabytes each time. The site-wide feed.xml has them all.
FEED_ENTRIES = 50


@dataclass
class FeedEntry:
    """One briefing in a feed: a summary of it, or the content that concerns the feed's subject."""
    briefing: Briefing
    id: str
    summary: str | None = None
    content: str | None = None
    updated: dt.date | None = None  # later than the briefing's date when an action's status was updated since
    categories: list[tuple[str, str]] = field(default_factory=list)  # (term, label)
    note: str = ""  # what it holds for the feed's subject, in a few words: the "How to follow" page lists it


def site_entries(cat: Catalogue, site_url: str) -> list[FeedEntry]:
    """Every briefing, newest first, with its summary and themes."""
    return [FeedEntry(b, record_url(site_url, b), summary=plain_text(b.summary), note=b.type_label,
                      categories=[(t, cat.themes[t].title) for t in b.theme_ids()])
            for b in cat.briefings]  # already newest first


def theme_entries(cat: Catalogue, theme_id: str, site_url: str) -> list[FeedEntry]:
    """The FEED_ENTRIES newest briefings with findings on one theme; each entry's content is only those findings,
    in the audit's order, each under the section it came from."""
    entries = []
    for e in cat.theme_entries[theme_id][:FEED_ENTRIES]:  # in catalogue order: newest first
        lines = _item_lines(cat, SECTIONS["worries"], e.worries) + _item_lines(cat, SECTIONS["good_practice"], e.good_practice)
        for learning, only in e.sections:
            lines.append(plain_text(learning.heading or SECTIONS["learning"]))
            if only is None:
                for part, label in PARTS.items():
                    lines += _item_lines(cat, label, getattr(learning, part))
            else:
                lines += _item_lines(cat, f"On this theme, in a section on {cat.themes[learning.theme].title}", only)
        entries.append(_content_entry(site_url, e.briefing, f"theme-{theme_id}", lines, _items_of(e),
                                      f"{plural(e.count, 'finding')} on this theme"))
    return entries


def agency_entries(cat: Catalogue, agency_id: str, site_url: str) -> list[FeedEntry]:
    """The FEED_ENTRIES newest briefings the agency took part in, or with findings attributed to it or actions
    it owns: what a person following an agency expects. Each entry says which, with those findings and actions."""
    agency = cat.agencies[agency_id]
    attributed: dict[str, dict[str, list[Item]]] = defaultdict(lambda: defaultdict(list))
    for a in cat.agency_findings[agency_id]:
        attributed[a.briefing.id][SECTIONS[a.section]].append(a.item)
    owned: dict[str, list[Item]] = defaultdict(list)
    for a in cat.agency_actions[agency_id]:
        if agency_id not in a.action.agencies:  # not already listed as attributed
            owned[a.briefing.id].append(a.action)
    entries = []
    for b in cat.agency_briefings[agency_id][:FEED_ENTRIES]:  # newest first
        took_part = agency_id in b.agencies
        lines = [f"{agency.name} audited its involvement in this {b.type_label.lower()}."] if took_part else []
        for label, items in attributed[b.id].items():
            lines += _item_lines(cat, label, items)
        lines += _item_lines(cat, f"Actions owned by {agency.name}", owned[b.id])
        found = [i for group in attributed[b.id].values() for i in group]
        note = "; ".join((["took part"] if took_part else []) + ([f"{plural(len(found), 'finding')} about it"] if found else [])
                         + ([f"{plural(len(owned[b.id]), 'action')} it owns"] if owned[b.id] else []))
        entries.append(_content_entry(site_url, b, f"agency-{agency_id}", lines, found + owned[b.id], note[:1].upper() + note[1:]))
    return entries


def feed_entries(cat: Catalogue, subject, site_url: str) -> list[FeedEntry]:
    """The entries of a theme's or an agency's feed, or of the site's (subject None): for its "How to follow" page."""
    if subject is None:
        return site_entries(cat, site_url)
    if isinstance(subject, Theme):
        return theme_entries(cat, subject.id, site_url)
    return agency_entries(cat, subject.id, site_url)


def _items_of(e: ThemeEntry) -> list[Item]:
    return [i for l in e.learning for i in l.items] + e.worries + e.good_practice + e.points


def _content_entry(site_url: str, b: Briefing, subject: str, lines: list[str], items: list[Item], note: str) -> FeedEntry:
    """An entry whose id is the briefing's URL with the feed's subject as fragment: the same briefing is a
    different entry in each feed, so a reader following two themes sees both."""
    updated = max([b.date] + [i.updated for i in items if isinstance(i, Action) and i.updated])
    return FeedEntry(b, f"{record_url(site_url, b)}#{subject}", content="\n".join(lines), updated=updated, note=note)


def _item_lines(cat: Catalogue, label: str, items: list[Item]) -> list[str]:
    """A labelled list of items as plain text lines: '- text', sub-points indented, an action's progress after it."""
    if not items:
        return []
    lines = [f"{label}:"]
    for item in items:
        note = f" ({action_note(cat, item)})" if isinstance(item, Action) else ""
        lines.append(f"- {plain_text(item.text)}{note}")
        lines += [f"  - {plain_text(d)}" for d in item.details]
    return lines


def action_note(cat: Catalogue, action: Action) -> str:
    """Where an action stands, in the site's words: 'Overdue; In progress; Owner: Police; Due by the end of March 2025'."""
    return "; ".join(action_states.parts(action, cat.today, cat.agencies[action.owner].name if action.owner else None))
