"""Load every data file, validate it, and index it: the one entry point of the core.

    catalogue = load(Path("data"))   # raises DataError listing every problem

The catalogue holds the records and the cross-indexes the pages need (which
briefings cite a resource, which findings are on a theme ...), computed once.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import action_dates, date_window, glossary, guard, mend, sources, uploads, yearly_report
from .. import parallel
from .action_states import PROGRESS
from .errors import DataError, Problem
from .identifiers import KINDS as IDENTIFIER_KINDS, find_in_id, masked, normalise
from .kinds import REGISTRIES, Kind
from .model import BRIEFING_TYPES, Action, Agency, Briefing, Item, Learning, Resource, Theme
from .text import path as text_path, quote, shorten
from .validate import REGISTRY_WORD, SCHEMA_DIR, SCHEMA_FILES, check_references, read_schema, schema_findings
from .yamlload import Lines, jsonable, line_of

# used with fullmatch (`$` allows a final newline); ASCII only: another script's digits (２０２２, ٢٠٢٢) look the same
# and make a different web address
BRIEFING_NAME = re.compile(r"([0-9]{4})-([0-9]{2})-[a-z0-9]+(-[a-z0-9]+)*", re.ASCII)
ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # the schemas' id pattern, for ids read before the model is built
ID_SHOWN = 80  # an id in a message is shown whole unless it is longer than any real one


def _is_id(value) -> bool:
    return isinstance(value, str) and ID.fullmatch(value) is not None


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


class Read(NamedTuple):
    """One data file as read: every problem found, and the document (None when YAML could not read it)."""
    problems: list[Problem]
    document: object
    lines: Lines | None
    schema_paths: frozenset = frozenset()  # the places the schema refused: not judged again

    @property
    def valid(self) -> bool:
        """The schema found nothing wrong, so the model can be built from the document."""
        return self.document is not None and not self.schema_paths


def read_file(path: Path, kind: str, name: str, names, root: Path | None = None) -> Read:
    """Parse, schema-check and guard one file. A file that parses is checked in full, so that
    one run reports every problem in it, not only the first kind found; a tab indent, curly quotes
    or a date written 30/06/2024 are reported at their lines and mended in memory (macros.data.mend), so
    that the rest of the file is checked too."""
    try:
        document, lines, faults = mend.load(path, name, kind, root)
    except DataError as e:
        return Read(e.problems, None, None)
    findings = schema_findings(kind, document)
    problems = faults + [Problem(name, line_of(lines, p), _lookalike_id(_at(document, p)) or m) for p, m in findings.items()]
    # From here on the document is as the schema saw it: dates as ISO text, so a date typed
    # where text belongs (title: 2022-12-06) is that text, and date fields parse one way.
    document = jsonable(document)
    return Read(problems + guard.scan(document, lines, name, names), document, lines, frozenset(findings))


def _read_job(names, job: tuple) -> Read:
    path, kind, name, data_dir = job
    return read_file(path, kind, name, names, data_dir)


def reserved_ids(docs_dir: Path, section: str) -> set[str]:
    """Ids whose page /<section>/<id>/ would replace a hand-written page, a folder or a file under docs/<section>/."""
    folder = Path(docs_dir) / section
    names = {"index"}
    if folder.is_dir():
        names |= {entry.name.split(".")[0].lower() for entry in folder.iterdir()}
    return names


def load(data_dir: Path, today: dt.date | None = None) -> Catalogue:
    """Read and check everything under data_dir; raise DataError with every problem found."""
    data_dir = Path(data_dir)
    base = data_dir.parent
    today = today or dt.date.today()
    problems: list[Problem] = []
    docs: list[tuple[str, Read, str]] = []  # (kind, what was read, name) of every file that parsed
    names_path = data_dir / "guard-names.txt"
    names, found = guard.load_names(names_path, names_path.relative_to(base).as_posix(), data_dir)
    problems.extend(found)
    # The build publishes these from data/schema/ (the project's own, which validation uses, when a
    # data folder has none): a link or a non-file among them stops it here, as it would the build.
    schema_dir = data_dir / "schema" if (data_dir / "schema").exists() else SCHEMA_DIR
    for filename in SCHEMA_FILES:
        try:
            read_schema(schema_dir, filename, f"data/schema/{filename}")
        except DataError as e:
            problems.extend(e.problems)

    def read(path: Path, kind: str, result: Read | None = None) -> Read | None:
        name = path.relative_to(base).as_posix()
        got = result or read_file(path, kind, name, names, data_dir)
        problems.extend(got.problems)
        if got.document is None:
            return None
        docs.append((kind, got, name))
        return got

    registries: dict[str, dict] = {}
    broken: set[str] = set()  # registries whose ids cannot all be read: no "unknown id" noise about them
    id_lines: dict[tuple[str, str], tuple[str, int | None]] = {}
    for registry in REGISTRIES:
        kind, cls = registry.folder, registry.model
        registries[kind] = {}
        path = data_dir / f"{kind}.yml"
        name = path.relative_to(base).as_posix()
        if not os.path.lexists(path):
            broken.add(kind)
            problems.append(Problem(name, None, "is missing: every site needs this file, even if it only lists a few entries"))
            continue
        got = read(path, kind)
        entries = got.document if got else None
        if not isinstance(entries, list) or not all(isinstance(e, dict) and _is_id(e.get("id")) for e in entries):
            broken.add(kind)  # some entry's id is missing or malformed (the schema said so): references cannot be judged
            if not isinstance(entries, list):
                continue
        reserved = reserved_ids(base / "docs", kind)
        seen: dict[str, int | None] = {}
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not _is_id(entry.get("id")):
                continue
            ident, line = entry["id"], line_of(got.lines, (i, "id"))
            if ident.lower() in seen:
                problems.append(Problem(name, line, f"id {quote(ident, ID_SHOWN)} is used twice (first on line "
                                                    f"{seen[ident.lower()]}): "
                                                    "ids must be unique, so change one of them"))
                continue
            seen[ident.lower()] = line
            if ident.lower() in reserved:
                problems.append(Problem(name, line, f"id {quote(ident, ID_SHOWN)} is reserved: its page "
                                                    f"/{kind}/{shorten(ident, ID_SHOWN)}/ would replace a "
                                                    f"page or folder the site already has. The reserved {REGISTRY_WORD[kind]} ids are "
                                                    f"{', '.join(sorted(reserved))}: choose another id"))
            record = registries[kind][ident] = cls.from_data(entry) if got.valid else None
            id_lines[(kind, ident)] = (name, line)
            if isinstance(record, Resource) and record.reviewed and today < record.reviewed \
                    and record.reviewed.year <= date_window.WINDOW.last_year(today):  # (past it, date_window.outside_window says so)
                # a review date to come is a typo, and one in year 9999 made the next review's date impossible
                problems.append(Problem(name, line_of(got.lines, (i, "reviewed")),
                                        f"reviewed {record.reviewed.isoformat()} is in the future: write the day someone last "
                                        f"checked the resource, today ({today.isoformat()}) or before"))

    briefings: list[Briefing] = []
    briefing_dir = data_dir / "briefings"
    seen_ids: dict[str, str] = {}
    paths = sorted(list(briefing_dir.glob("*.yml")) + list(briefing_dir.glob("*.yaml"))) if briefing_dir.is_dir() else []
    reserved = reserved_ids(base / "docs", "briefings")
    named = []
    for path in paths:
        name = path.relative_to(base).as_posix()
        ident = path.stem
        problem = _name_problem(path, base, names)
        if problem:  # nothing else is said about the file: every message would name it
            problems.append(problem)
            continue
        match = BRIEFING_NAME.fullmatch(ident)
        if not match:
            problems.append(Problem(name, None, "file name should be YYYY-MM-short-title.yml in lower case, "
                                                "with hyphens for spaces, e.g. 2022-12-engagement-with-fathers.yml"))
            continue
        if ident.lower() in seen_ids:
            problems.append(Problem(name, None, f"has the same id as {text_path(seen_ids[ident.lower()])}: rename one of them"))
            continue
        if ident in reserved:
            problems.append(Problem(name, None, "is named like a page the site already has "
                                                f"(docs/briefings/{shorten(ident, ID_SHOWN)}): "
                                                "rename the file"))
            continue
        seen_ids[ident.lower()] = name
        named.append((path, name, ident, match))
    results = parallel.run(_read_job, [(path, "briefing", name, data_dir) for path, name, _, _ in named], shared=names)
    for (path, name, ident, match), result in zip(named, results):
        got = read(path, "briefing", result)
        if not got or not got.valid:
            continue
        document, lines = got.document, got.lines
        b = Briefing.from_data(ident, document, name)
        briefings.append(b)
        # a date outside the window is refused at its line: nothing more is said of it
        outside = not date_window.WINDOW.first_year <= b.date.year <= date_window.WINDOW.last_year(today)
        if not outside:
            problems.extend(action_dates.check(b, lines, name, today))
        ages = b.cohort.age_range if b.cohort else None
        if ages and ages[0] > ages[1]:
            problems.append(Problem(name, line_of(lines, ("cohort", "age_range")),
                                    f"age_range should be youngest first, e.g. [{shorten(ages[1])}, {shorten(ages[0])}]"))
        if "TODO" in b.summary:
            problems.append(Problem(name, line_of(lines, ("summary",)), "summary still has the TODO text from `make new`: "
                                    "write the aim and scope of the audit", "warning"))
        if b.date > today and not outside:
            problems.append(Problem(name, line_of(lines, ("date",)), f"date {b.date.isoformat()} is in the future: is it a typo?", "warning"))
        if (int(match[1]), int(match[2])) != (b.date.year, b.date.month) and not outside:
            problems.append(Problem(name, line_of(lines, ("date",)),
                                    f"the file name starts {match[1]}-{match[2]} but the date is {b.date.isoformat()[:7]}: "
                                    "rename the file or correct the date", "warning"))

    for kind, got, name in docs:
        problems.extend(date_window.outside_window(got.document, got.lines, name, kind, today, got.schema_paths))

    used: set[tuple[str, str]] = set()
    nearest: dict = {}  # each registry's index for "did you mean", built once for every file
    for kind, got, name in docs:
        found, ok = check_references(got.document, got.lines, name, registries, skip=broken, skip_paths=got.schema_paths,
                                     kind=kind, nearest=nearest)
        problems.extend(found)
        used.update(ok)
    referred = {k.folder for k in REGISTRIES if k.references}  # nothing refers to a glossary term by its id
    if not any(p.level == "error" for p in problems):
        for (kind, ident), (name, line) in id_lines.items():
            if (kind, ident) not in used and kind in referred:
                problems.append(Problem(name, line, f"{REGISTRY_WORD[kind]} {quote(ident, ID_SHOWN)} is defined but nothing "
                                                    "refers to it", "warning"))

    # Abbreviations a briefing uses that the glossary does not define (macros/data/glossary.py): a reader from
    # another area may not know them. Warnings: the audit's words stay as written.
    terms = [t for t in (registries.get("glossary") or {}).values() if t is not None]
    if "glossary" not in broken:
        for kind, got, name in docs:
            if kind == "briefing" and got.valid:
                problems.extend(glossary.undefined(got.document, got.lines, name, terms))
    # What docs/ would publish besides its pages: the site's own scripts, and uploads of safe kinds only.
    problems.extend(uploads.check(base / "docs", names))

    # Each briefing that names its source audit, checked against that text (macros/data/sources.py).
    problems.extend(sources.check(data_dir, [(got.document, got.lines, name) for kind, got, name in docs
                                             if kind == "briefing" and got.valid], names))

    if any(p.level == "error" for p in problems):
        raise DataError(problems)
    problems.extend(_review_warnings(registries["resources"], id_lines, today))
    briefings.sort(key=lambda b: (b.date, b.id), reverse=True)
    return Catalogue(briefings=briefings, registries=registries, warnings=sorted(problems), today=today)


def _name_problem(path: Path, base: Path, names) -> Problem | None:
    """A briefing's file name is its id and web address (/briefings/<id>/, the sitemap, the feeds, the open
    data): it must identify nobody, and be plain ASCII, as typed on a keyboard."""
    found = list(find_in_id(path.name, names))
    if found:
        kind = IDENTIFIER_KINDS[found[0][0]]
        shown = (path.parent.relative_to(base) / masked(path.name, found)).as_posix()
        return Problem(shown, None, f"the file name looks like it holds {kind}: the name is the briefing's web address, "
                                    "published on the site, so it must never identify a child or family. Rename the file "
                                    "after the audit's subject, e.g. 2022-12-engagement-with-fathers.yml")
    if not path.name.isascii():
        plain = normalise(path.stem)
        fix = f"rename it {plain}{path.suffix}" if BRIEFING_NAME.fullmatch(plain) else "e.g. 2022-12-engagement-with-fathers.yml"
        return Problem(path.relative_to(base).as_posix(), None, f"the file name {_not_plain(path.name)}: the name is the "
                                                                f"briefing's web address, so {_TYPE_PLAIN}: {fix}")
    return None


_TYPE_PLAIN = "type it with the keyboard's digits 0-9, letters a-z and hyphens"


def _not_plain(text: str) -> str:
    odd = next(c for c in text if not c.isascii())
    return (f"has a character that is not a plain letter, digit or hyphen (U+{ord(odd):04X} "
            f"{unicodedata.name(odd, 'a character without a name')})")


def _lookalike_id(value) -> str | None:
    """For an id typed with characters that only look like plain ones (full-width or another script's digits,
    a Cyrillic a ...), which the schema refuses: what is wrong, and the id to type instead."""
    if not isinstance(value, str) or value.isascii() or not ID.fullmatch(normalise(value)):
        return None
    return (f"id {_not_plain(value)}: ids are web addresses (/themes/<id>/), so {_TYPE_PLAIN}: "
            f"{normalise(value)}")


def _at(document, path: tuple):
    """The value at `path` in a document as read, or None."""
    for step in path:
        try:
            document = document[step]
        except (KeyError, IndexError, TypeError):
            return None
    return document


def _review_warnings(resources: dict[str, Resource], id_lines, today: dt.date) -> list[Problem]:
    """Resources to look at: never reviewed, overdue, or without a link. Warnings, not errors."""
    out = []
    for r in resources.values():
        name, line = id_lines[("resources", r.id)]
        shown = quote(r.id, ID_SHOWN)
        if r.reviewed is None:
            out.append(Problem(name, line, f"resource {shown} has never been reviewed: check its link and description, "
                                           "then add 'reviewed: YYYY-MM-DD'", "warning"))
        elif r.overdue(today):
            out.append(Problem(name, line, f"resource {shown} was due for review on {r.review_due.isoformat()}: check "
                                           "its link and description, then update 'reviewed'", "warning"))
        if not r.url:
            out.append(Problem(name, line, f"resource {shown} has no web link: add 'url' when there is a public one",
                               "warning"))
    return out
