"""The domain objects, built from validated data. No MkDocs, no Markdown."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

BRIEFING_TYPES = {
    "multi-agency-audit": "Multi-agency audit",
    "practice-review": "Child safeguarding practice review",
    "rapid-review": "Rapid review",
    "thematic-review": "Thematic review",
    "learning-briefing": "Learning briefing",
}
RESOURCE_KINDS = {
    "toolkit": "Toolkit", "policy": "Policy", "training": "Training", "report": "Report",
    "review": "Review", "service": "Service", "tool": "Tool",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def long_date(d: dt.date, precision: str = "day") -> str:
    """6 December 2022, as GOV.UK writes dates (or December 2021 when only the month is known)."""
    month_year = f"{MONTHS[d.month - 1]} {d.year}"
    return month_year if precision == "month" else f"{d.day} {month_year}"


def parse_date(value) -> tuple[dt.date, str]:
    """A validated date value: a date, YYYY-MM-DD text, or YYYY-MM text (month precision)."""
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    if len(value) == 7:
        return dt.date(int(value[:4]), int(value[5:7]), 1), "month"
    return dt.date.fromisoformat(value), "day"


def _text(value) -> str | None:
    """Optional text, stripped; None when absent."""
    return value.strip() if value else None


def one_line(value: str) -> str:
    """Text on one line: a YAML block (| or >) or a wrapped line must not break a short label."""
    return " ".join(value.split())


@dataclass
class Item:
    text: str
    themes: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    source_note: str | None = None  # the editor's note on the source's text ("The audit's sentence ends here.")

    @classmethod
    def from_data(cls, data) -> "Item":
        if isinstance(data, str):
            return cls(text=data.strip())
        return cls(text=data["text"].strip(), themes=list(data.get("themes", [])),
                   agencies=list(data.get("agencies", [])), resources=list(data.get("resources", [])),
                   details=[d.strip() for d in data.get("details", [])], source_note=_text(data.get("source_note")))


def _items(data, key) -> list[Item]:
    return [Item.from_data(i) for i in data.get(key) or []]


@dataclass
class Learning:
    theme: str
    heading: str | None
    found: list[Item]
    actions: list[Item]
    points: list[Item]
    resources: list[str]

    @classmethod
    def from_data(cls, data) -> "Learning":
        return cls(theme=data["theme"], heading=(data.get("heading") or "").strip() or None,
                   found=_items(data, "found"), actions=_items(data, "actions"),
                   points=_items(data, "points"), resources=list(data.get("resources", [])))

    @property
    def items(self) -> list[Item]:
        return self.found + self.actions + self.points


@dataclass
class Cohort:
    children: int | None
    age_range: list[int] | None
    notes: str | None


@dataclass
class Briefing:
    id: str
    title: str
    type: str
    date: dt.date
    date_precision: str
    summary: str
    cohort: Cohort | None
    needs: list[str]
    agencies: list[str]
    worries: list[Item]
    good_practice: list[Item]
    learning: list[Learning]
    resources: list[str]
    questions: list[str]
    source: str = ""  # the data file, for messages and "edit this page"
    key_messages: list[str] = field(default_factory=list)  # the editor's "In brief"; empty: derive them
    source_document: str | None = None  # `source:`, the audit's text in data/sources/ (checked by macros.sources)

    @classmethod
    def from_data(cls, id: str, data: dict, source: str = "") -> "Briefing":
        date, precision = parse_date(data["date"])
        cohort = data.get("cohort")
        return cls(
            id=id, title=data["title"].strip(), type=data["type"], date=date, date_precision=precision,
            summary=data["summary"].strip(),
            cohort=Cohort(cohort.get("children"), cohort.get("age_range"), (cohort.get("notes") or "").strip() or None) if cohort else None,
            needs=list(data.get("needs", [])), agencies=list(data.get("agencies", [])),
            worries=_items(data, "worries"), good_practice=_items(data, "good_practice"),
            learning=[Learning.from_data(x) for x in data.get("learning") or []],
            resources=list(data.get("resources", [])), questions=[q.strip() for q in data.get("questions") or []],
            source=source, key_messages=[one_line(m) for m in data.get("key_messages") or []], source_document=data.get("source"),
        )

    @property
    def type_label(self) -> str:
        return BRIEFING_TYPES[self.type]

    @property
    def date_label(self) -> str:
        return long_date(self.date, self.date_precision)

    @property
    def year(self) -> int:
        return self.date.year

    def all_items(self):
        """(section, learning or None, item) for every finding in the briefing."""
        for item in self.worries:
            yield "worries", None, item
        for item in self.good_practice:
            yield "good_practice", None, item
        for learning in self.learning:
            for item in learning.items:
                yield "learning", learning, item

    def learning_groups(self) -> list["Learning"]:
        """The learning sections as a reader sees them: sections with no heading of their own on the
        same theme are one section (the audits list a theme's points in several places), so a
        theme's name is a heading once. Sections with their own heading stay apart."""
        groups: list[Learning] = []
        by_theme: dict[str, Learning] = {}
        for l in self.learning:
            if l.heading:
                groups.append(l)
                continue
            group = by_theme.get(l.theme)
            if group is None:
                group = by_theme[l.theme] = Learning(l.theme, None, [], [], [], [])
                groups.append(group)
            group.found += l.found
            group.actions += l.actions
            group.points += l.points
            group.resources += [r for r in l.resources if r not in group.resources]
        return groups

    def learning_actions(self) -> list[tuple["Learning", "Item"]]:
        """Every "what needs to happen" item, with its learning section, in page order."""
        return [(l, item) for l in self.learning_groups() for item in l.actions]

    def theme_ids(self) -> list[str]:
        """Every theme the briefing touches, in first-mention order: learning first, then tagged items."""
        seen = dict.fromkeys(l.theme for l in self.learning)
        for _, _, item in self.all_items():
            seen.update(dict.fromkeys(item.themes))
        return list(seen)

    def agency_ids(self) -> list[str]:
        """The agencies that audited, then any other agency a finding is attributed to."""
        return list(dict.fromkeys(self.agencies + [a for _, _, item in self.all_items() for a in item.agencies]))

    def resource_ids(self) -> list[str]:
        """Every resource the briefing cites, in order of mention."""
        seen: dict[str, None] = {}
        for _, learning, item in self.all_items():
            seen.update(dict.fromkeys(item.resources))
        for learning in self.learning:
            seen.update(dict.fromkeys(learning.resources))
        seen.update(dict.fromkeys(self.resources))
        return list(seen)


@dataclass
class Theme:
    id: str
    title: str
    summary: str
    questions: list[str]
    resources: list[str]

    @classmethod
    def from_data(cls, data) -> "Theme":
        return cls(id=data["id"], title=data["title"].strip(), summary=data["summary"].strip(),
                   questions=[q.strip() for q in data.get("questions") or []], resources=list(data.get("resources", [])))


@dataclass
class Resource:
    id: str
    title: str
    kind: str
    description: str
    url: str | None
    publisher: str | None
    reviewed: dt.date | None
    review_every: int
    owner: str | None
    url_source: str | None = None  # the published page where url was found, for reviewers
    use_when: str | None = None    # when a practitioner should use it

    @classmethod
    def from_data(cls, data) -> "Resource":
        reviewed = parse_date(data["reviewed"])[0] if data.get("reviewed") else None
        return cls(id=data["id"], title=data["title"].strip(), kind=data["kind"], description=data["description"].strip(),
                   url=data.get("url"), publisher=data.get("publisher"), reviewed=reviewed,
                   review_every=data.get("review_every", 12), owner=data.get("owner"),
                   url_source=data.get("url_source"), use_when=_text(data.get("use_when")))

    @property
    def kind_label(self) -> str:
        return RESOURCE_KINDS[self.kind]

    @property
    def review_due(self) -> dt.date | None:
        if not self.reviewed:
            return None
        months = self.reviewed.month - 1 + self.review_every
        year, month = self.reviewed.year + months // 12, months % 12 + 1
        day = min(self.reviewed.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
        return dt.date(year, month, day)

    def overdue(self, today: dt.date) -> bool:
        """Never reviewed, or its review date has passed: the one rule the warnings and /editors/ share."""
        return self.review_due is None or self.review_due < today


@dataclass
class Agency:
    id: str
    name: str
    full_name: str | None
    description: str | None

    @classmethod
    def from_data(cls, data) -> "Agency":
        return cls(id=data["id"], name=data["name"].strip(), full_name=data.get("full_name"), description=data.get("description"))

    @property
    def title(self) -> str:
        return self.name


@dataclass
class Need:
    id: str
    label: str
    description: str | None
    resources: list[str] = field(default_factory=list)  # resources that help with this need

    @classmethod
    def from_data(cls, data) -> "Need":
        return cls(id=data["id"], label=data["label"].strip(), description=_text(data.get("description")),
                   resources=list(data.get("resources", [])))

    @property
    def title(self) -> str:
        return self.label
