"""The catalogue: the checked data, indexed for the pages. The one entry point of the core:

    catalogue = load(Path("data"))   # raises DataError listing every problem

load() reads the files (macros.data.read), applies every rule (macros.data.rules) and builds the
catalogue: the records and the cross-indexes the pages need (which briefings cite a resource, which
findings are on a theme ...), computed once.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import rules, yearly_report
from .action_states import PROGRESS
from .errors import DataError, Problem
from .kinds import Kind
from .model import BRIEFING_TYPES, Action, Agency, Briefing, Item, Learning, Resource, Theme
from .read import Data, read


@dataclass
class ThemeEntry:
    """Everything one briefing says on one theme."""
    briefing: Briefing
    learning: list[Learning] = field(default_factory=list)
    worries: list[Item] = field(default_factory=list)
    good_practice: list[Item] = field(default_factory=list)
    points: list[Item] = field(default_factory=list)  # tagged items inside learning on other themes
    # The briefing's learning sections that say something on the theme, in the source's order: (section,
    # None) for a section on the theme, (section, its items tagged with the theme) for one on another.
    sections: list[tuple[Learning, list[Item] | None]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(l.items) for l in self.learning) + len(self.worries) + len(self.good_practice) + len(self.points)


@dataclass
class Attribution:
    """A finding attributed to an agency."""
    briefing: Briefing
    section: str
    item: Item


@dataclass
class ActionEntry:
    """An action, where it is, and where it stands today."""
    briefing: Briefing
    learning: Learning
    action: Action
    progress: str  # a key of action_states.PROGRESS, as of the catalogue's today


def _action_order(entry: ActionEntry):
    """Those still to do before those done or dropped; among them, those whose progress someone has
    recorded first; then overdue before open, and the soonest due first. The sort is stable, so ties
    keep the newest briefing first."""
    a = entry.action
    return a.is_closed, a.status is None, entry.progress != "overdue", a.due_by or dt.date.max


@dataclass
class Catalogue:
    """The records and the cross-indexes the pages need. A registry is read as an attribute named
    after its folder (macros.data.kinds): cat.themes, cat.agencies ..., {id: record} in the file's order."""
    briefings: list[Briefing]  # newest first
    registries: dict[str, dict]  # {folder: {id: record}}, one for each registry kind
    warnings: list[Problem] = field(default_factory=list)
    theme_entries: dict[str, list[ThemeEntry]] = field(default_factory=dict)
    resource_briefings: dict[str, list[Briefing]] = field(default_factory=dict)
    resource_themes: dict[str, list[Theme]] = field(default_factory=dict)
    agency_briefings: dict[str, list[Briefing]] = field(default_factory=dict)
    agency_findings: dict[str, list[Attribution]] = field(default_factory=dict)
    need_briefings: dict[str, list[Briefing]] = field(default_factory=dict)
    actions: list[ActionEntry] = field(default_factory=list)  # every action, in _action_order
    agency_actions: dict[str, list[ActionEntry]] = field(default_factory=dict)  # by owner
    unowned_actions: list[ActionEntry] = field(default_factory=list)
    today: dt.date = field(default_factory=dt.date.today)

    def __post_init__(self):
        self._index()

    def __getattr__(self, name: str):
        registries = self.__dict__.get("registries") or {}
        if name in registries:
            return registries[name]
        raise AttributeError(f"a catalogue has no {name!r}")

    def records(self, kind: Kind) -> list:
        """Every record of a kind: briefings newest first, a registry's in its file's order, a kind made
        from the others as its method lists them."""
        if kind.made_from:
            return getattr(self, kind.made_from)()
        return list(self.registries[kind.folder].values()) if kind.registry else self.briefings

    def year_reports(self) -> list:
        """A yearly report for every year from the first the data mentions to this one, newest first."""
        if "_year_reports" not in self.__dict__:
            self.__dict__["_year_reports"] = yearly_report.reports(self)
        return self.__dict__["_year_reports"]

    def _index(self) -> None:
        entries: dict[str, dict[str, ThemeEntry]] = defaultdict(dict)
        res_b, agency_b, need_b = defaultdict(list), defaultdict(list), defaultdict(list)
        agency_f = defaultdict(list)
        for b in self.briefings:
            def entry(theme_id: str) -> ThemeEntry:
                return entries[theme_id].setdefault(b.id, ThemeEntry(b))
            for learning in b.learning:
                entry(learning.theme).learning.append(learning)
                entry(learning.theme).sections.append((learning, None))
                tagged: dict[str, list[Item]] = defaultdict(list)  # its items on other themes, by theme
                for item in learning.items:
                    for theme_id in item.themes:
                        if theme_id != learning.theme:
                            tagged[theme_id].append(item)
                for theme_id, items in tagged.items():
                    entry(theme_id).points.extend(items)
                    entry(theme_id).sections.append((learning, items))
            for section, learning, item in b.all_items():
                if section != "learning":
                    for theme_id in item.themes:
                        target = entry(theme_id)
                        (target.worries if section == "worries" else target.good_practice).append(item)
                for agency_id in item.agencies:
                    agency_f[agency_id].append(Attribution(b, section, item))
            for r in b.resource_ids():
                res_b[r].append(b)
            for a in b.agency_ids():
                agency_b[a].append(b)
            for n in b.needs:
                need_b[n].append(b)
        self.theme_entries = {t: list(entries[t].values()) for t in self.themes}
        self.resource_briefings = {r: res_b[r] for r in self.resources}
        self.resource_themes = {r: [t for t in self.themes.values() if r in t.resources] for r in self.resources}
        self.agency_briefings = {a: agency_b[a] for a in self.agencies}
        self.agency_findings = {a: agency_f[a] for a in self.agencies}
        self.need_briefings = {n: need_b[n] for n in self.needs}
        self._index_actions()

    def _index_actions(self) -> None:
        every = [ActionEntry(b, learning, action, action.progress(self.today))
                 for b in self.briefings for learning, action in b.actions()]
        self.actions = sorted(every, key=_action_order)
        owned = defaultdict(list)
        for entry in self.actions:
            owned[entry.action.owner].append(entry)
        self.agency_actions = {a: owned[a] for a in self.agencies}
        self.unowned_actions = owned[None]

    def action_groups(self) -> list[tuple[Agency | None, list[ActionEntry]]]:
        """Actions by owning agency, in registry order, then those with no owner (None); empty groups left out."""
        groups = [(self.agencies[a], entries) for a, entries in self.agency_actions.items()]
        return [(agency, entries) for agency, entries in groups + [(None, self.unowned_actions)] if entries]

    @staticmethod
    def action_counts(entries: list[ActionEntry]) -> dict[str, int]:
        """{progress: how many}, every key of model.PROGRESS in order, zeros included."""
        counts = dict.fromkeys(PROGRESS, 0)
        for entry in entries:
            counts[entry.progress] += 1
        return counts

    def action_summary(self) -> list[tuple[Agency | None, dict[str, int]]]:
        """The table at the top of /actions/: (agency, or None for no owner; its counts) for each group of
        action_groups(). The totals row is action_counts(self.actions)."""
        return [(agency, self.action_counts(entries)) for agency, entries in self.action_groups()]

    def unowned_by_briefing(self) -> list[tuple[Briefing, list[ActionEntry]]]:
        """Actions with no owner recorded, by briefing, newest briefing first."""
        by: dict[str, list[ActionEntry]] = defaultdict(list)
        for entry in self.unowned_actions:
            by[entry.briefing.id].append(entry)
        return [(b, by[b.id]) for b in self.briefings if b.id in by]

    def overdue_actions(self) -> list[ActionEntry]:
        """Actions past their due date and neither done nor dropped: longest overdue first."""
        return sorted((e for e in self.actions if e.progress == "overdue"), key=lambda e: e.action.due_by)

    def briefings_without_use(self, older_than_days: int = 365) -> list[Briefing]:
        """Briefings dated more than `older_than_days` ago that no team has recorded using: oldest first."""
        cutoff = self.today - dt.timedelta(days=older_than_days)
        return [b for b in reversed(self.briefings) if b.date < cutoff and not b.used_by]

    def briefings_by_use(self) -> list[Briefing]:
        """Briefings most used first; equally used ones newest first."""
        return sorted(self.briefings, key=lambda b: -b.use_count)  # stable: keeps newest first

    @property
    def newest_date(self) -> dt.date:
        """The day the data last changed that we know of: the newest briefing, or the newest action update
        (today when there is neither). An empty feed says it was updated then."""
        dates = [b.date for b in self.briefings] + [a.updated for b in self.briefings for _, a in b.actions() if a.updated]
        return max(dates, default=self.today)

    def theme_year_counts(self, theme_id: str) -> dict[int, int]:
        """How many findings on a theme each year has, {year: count}, oldest first; years without any left out
        (chart.year_rows fills them in)."""
        counts: dict[int, int] = defaultdict(int)
        for e in self.theme_entries[theme_id]:
            counts[e.briefing.year] += e.count
        return dict(sorted(counts.items()))

    def overdue_resources(self) -> list[Resource]:
        """Resources never reviewed, or whose review date has passed: oldest first."""
        return [r for r in self.resources.values() if r.overdue(self.today)]

    def unlinked_resources(self) -> list[Resource]:
        return [r for r in self.resources.values() if not r.url]

    def briefings_without_questions(self) -> list[Briefing]:
        return [b for b in self.briefings if not b.questions]

    def facets(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """What the briefings can be filtered by: (key, label, [(value, text)]), only values some briefing has."""
        def present(registry: dict, ids_of) -> list[tuple[str, str]]:
            used = {i for b in self.briefings for i in ids_of(b)}
            return [(k, r.title) for k, r in registry.items() if k in used]
        types = dict.fromkeys(b.type for b in self.briefings)
        return [
            ("theme", "Theme", present(self.themes, Briefing.theme_ids)),
            ("agency", "Agency", present(self.agencies, Briefing.agency_ids)),
            ("need", "Need", present(self.needs, lambda b: b.needs)),
            ("type", "Type", [(t, BRIEFING_TYPES[t]) for t in BRIEFING_TYPES if t in types]),
            ("year", "Year", [(str(y), str(y)) for y in sorted({b.year for b in self.briefings}, reverse=True)]),
        ]

    def theme_counts(self, theme_id: str) -> dict[str, int]:
        """How many findings each briefing has on a theme, {briefing id: count}, briefings without any left out."""
        return {e.briefing.id: e.count for e in self.theme_entries[theme_id]}

    def theme_years(self, theme_id: str) -> list[int]:
        return sorted({e.briefing.year for e in self.theme_entries[theme_id]})


def build(data: Data, warnings: list[Problem]) -> Catalogue:
    """The catalogue of data that every rule has passed (macros.data.rules), with the warnings they found."""
    briefings = sorted((b for b, _, _ in data.briefings), key=lambda b: (b.date, b.id), reverse=True)
    return Catalogue(briefings=briefings, registries=data.registries, warnings=sorted(warnings), today=data.today)


def load(data_dir: Path, today: dt.date | None = None) -> Catalogue:
    """Read everything under data_dir (macros.data.read), check it against every rule (macros.data.rules) and
    index it; raise DataError with every problem found."""
    return checked(read(data_dir, today))


def checked(data: Data) -> Catalogue:
    """load() of data already read: every rule over it, then the catalogue; DataError with every problem found."""
    problems = rules.check(data)
    if any(p.level == "error" for p in problems):
        raise DataError(problems)
    return build(data, problems)
