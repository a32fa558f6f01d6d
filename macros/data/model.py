"""The domain objects, built from validated data. No MkDocs, no Markdown."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta

from .action_states import CLOSED_STATUSES, STATUS
from .words import plural

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
ACTION_STATUSES = STATUS  # the words are macros.data.action_states'; PROGRESS too
# The sections of a briefing, in the audits' words, in the order the audits set them out.
# The parts of a learning section, as the audits head them.
PARTS = {"found": "What we found", "actions": "What needs to happen", "points": "Learning points"}
SECTIONS = {"worries": "What are we worried about?", "good_practice": "What good practice did we see?",
            "learning": "Themes for learning"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def long_date(d: dt.date, precision: str = "day") -> str:
    """6 December 2022, as GOV.UK writes dates (or December 2021 when only the month is known)."""
    month_year = f"{MONTHS[d.month - 1]} {d.year}"
    return month_year if precision == "month" else f"{d.day} {month_year}"


def written_date(field: str) -> property:
    """A property: the record's `field` date as long_date writes it, at its own precision (`field`_precision);
    None when there is none."""
    def label(self) -> str | None:
        day = getattr(self, field)
        return long_date(day, getattr(self, f"{field}_precision")) if day else None
    return property(label, doc=f"{field}, written out (6 December 2022, or December 2021).")


def parse_date(value) -> tuple[dt.date, str]:
    """A validated date value: a date, YYYY-MM-DD text, or YYYY-MM text (month precision)."""
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    if len(value) == 7:
        return dt.date(int(value[:4]), int(value[5:7]), 1), "month"
    return dt.date.fromisoformat(value), "day"


def month_end(d: dt.date) -> dt.date:
    """The last day of d's month."""
    return d + relativedelta(day=31)


def span(d: dt.date, precision: str | None) -> tuple[dt.date, dt.date]:
    """The first and last day a date can mean: the day itself, or a month's first and last day."""
    return (d, month_end(d)) if precision == "month" else (d, d)


def _text(value) -> str | None:
    """Optional text, stripped; None when absent."""
    return value.strip() if value else None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _plain_words(text: str) -> str:
    """Text as its words only, for comparing sentences: no punctuation at the ends, one space between words."""
    return " ".join(text.split()).strip(" .!?;:,")


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


def _items(data, key, cls=Item) -> list:
    return [cls.from_data(i) for i in data.get(key) or []]


def _date(value) -> tuple[dt.date | None, str | None]:
    return parse_date(value) if value else (None, None)


@dataclass
class Action(Item):
    """An item of "What needs to happen", with its progress when the briefing records it.

    Its history is two dates: when it was agreed (the briefing's date unless `agreed:` says otherwise)
    and when it was closed (`closed:`, the day it was done or dropped). Days to close follow from them
    and are never typed. `updated` is only the day someone last checked the status."""
    owner: str | None = None  # an agency id
    due: dt.date | None = None
    due_precision: str | None = None  # "month": due by the end of that month
    status: str | None = None  # None: not recorded
    updated: dt.date | None = None
    updated_precision: str | None = None
    evidence: str | None = None
    agreed: dt.date | None = None  # the briefing's date unless the data says otherwise (Briefing.from_data)
    agreed_precision: str | None = None
    agreed_given: bool = False  # `agreed:` is in the data, not taken from the briefing's date
    closed: dt.date | None = None
    closed_precision: str | None = None

    @classmethod
    def from_data(cls, data) -> "Action":
        item = Item.from_data(data)
        if isinstance(data, str):
            return cls(**vars(item))
        due, due_precision = _date(data.get("due"))
        updated, updated_precision = _date(data.get("updated"))
        agreed, agreed_precision = _date(data.get("agreed"))
        closed, closed_precision = _date(data.get("closed"))
        return cls(**vars(item), owner=data.get("owner"), due=due, due_precision=due_precision,
                   status=data.get("status"), updated=updated, updated_precision=updated_precision,
                   evidence=(data.get("evidence") or "").strip() or None, agreed=agreed,
                   agreed_precision=agreed_precision, agreed_given=agreed is not None,
                   closed=closed, closed_precision=closed_precision)

    @property
    def tracked(self) -> bool:
        """Someone has said who owns it or how far it has got."""
        return self.status is not None or self.owner is not None

    @property
    def is_closed(self) -> bool:
        """Done or dropped."""
        return self.status in CLOSED_STATUSES

    agreed_label = written_date("agreed")
    closed_label = written_date("closed")

    @property
    def days_to_close(self) -> int | None:
        """Days from agreed to closed, when it is done or dropped and both days are known (not only a month)."""
        if not self.is_closed or self.closed is None or self.agreed is None or "month" in (self.closed_precision, self.agreed_precision):
            return None
        return (self.closed - self.agreed).days

    @property
    def status_label(self) -> str:
        return ACTION_STATUSES[self.status]

    due_label = written_date("due")
    updated_label = written_date("updated")

    @property
    def due_by(self) -> dt.date | None:
        """The last day it can be done on time: the due day, or the last day of the due month."""
        return span(self.due, self.due_precision)[1] if self.due else None

    def is_overdue(self, today: dt.date) -> bool:
        """Its due date has passed and it is neither done nor dropped."""
        return self.due_by is not None and self.due_by < today and not self.is_closed

    def progress(self, today: dt.date) -> str:
        """overdue, open, done or dropped (a key of PROGRESS)."""
        if self.is_closed:
            return self.status
        return "overdue" if self.is_overdue(today) else "open"


@dataclass
class UseRecord:
    """A team's use of a briefing, and what they will do differently."""
    team: str
    agency: str | None = None
    date: dt.date | None = None
    date_precision: str | None = None
    how: str | None = None
    change: str | None = None

    @classmethod
    def from_data(cls, data) -> "UseRecord":
        date, precision = _date(data.get("date"))
        return cls(team=data["team"].strip(), agency=data.get("agency"), date=date, date_precision=precision,
                   how=(data.get("how") or "").strip() or None, change=(data.get("change") or "").strip() or None)

    date_label = written_date("date")


@dataclass
class Learning:
    theme: str
    heading: str | None
    found: list[Item]
    actions: list[Action]
    points: list[Item]
    resources: list[str]

    @classmethod
    def from_data(cls, data) -> "Learning":
        return cls(theme=data["theme"], heading=(data.get("heading") or "").strip() or None,
                   found=_items(data, "found"), actions=_items(data, "actions", Action),
                   points=_items(data, "points"), resources=list(data.get("resources", [])))

    @property
    def items(self) -> list[Item]:
        return self.found + self.actions + self.points


def _follows(first: Learning, then: Learning) -> bool:
    """`then`'s text, shown after `first`'s, keeps the order of the parts (found, actions, points)."""
    def filled(l: Learning) -> list[int]:
        return [i for i, part in enumerate((l.found, l.actions, l.points)) if part]
    a, b = filled(first), filled(then)
    return not a or not b or a[-1] <= b[0]


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
    used_by: list[UseRecord] = field(default_factory=list)
    source: str = ""  # the data file, for messages and "edit this page"
    key_messages: list[str] = field(default_factory=list)  # the editor's "In brief"; empty: derive them
    source_document: str | None = None  # `source:`, the audit's text in data/sources/ (checked by macros.data.sources)

    @classmethod
    def from_data(cls, id: str, data: dict, source: str = "") -> "Briefing":
        date, precision = parse_date(data["date"])
        cohort = data.get("cohort")
        b = cls(
            id=id, title=data["title"].strip(), type=data["type"], date=date, date_precision=precision,
            summary=data["summary"].strip(),
            cohort=Cohort(cohort.get("children"), cohort.get("age_range"), (cohort.get("notes") or "").strip() or None) if cohort else None,
            needs=list(data.get("needs", [])), agencies=list(data.get("agencies", [])),
            worries=_items(data, "worries"), good_practice=_items(data, "good_practice"),
            learning=[Learning.from_data(x) for x in data.get("learning") or []],
            resources=list(data.get("resources", [])), questions=[q.strip() for q in data.get("questions") or []],
            source=source, key_messages=[one_line(m) for m in data.get("key_messages") or []], source_document=data.get("source"),
            used_by=[UseRecord.from_data(u) for u in data.get("used_by") or []],
        )
        for _, action in b.actions():
            if action.agreed is None:  # agreed when the audit was, unless the data says otherwise
                action.agreed, action.agreed_precision = b.date, b.date_precision
        return b

    @property
    def type_label(self) -> str:
        return BRIEFING_TYPES[self.type]

    @property
    def cohort_notes(self) -> str | None:
        """The cohort's notes, less the sentences the summary already says (audits often describe the children
        in their summary too, and the page would say them twice); None when nothing is left."""
        if not self.cohort or not self.cohort.notes:
            return None
        said = _plain_words(self.summary)
        left = [s for s in _SENTENCE_END.split(self.cohort.notes.strip()) if _plain_words(s) not in said]
        return " ".join(left) or None

    date_label = written_date("date")  # a briefing always has its date

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
        """The learning sections as a reader sees them: in the source's order, each item in the section it
        came from. A section that repeats the heading and theme of the one just before it is one section
        with it, when its text comes after that section's in the order a section is shown (what we found,
        what needs to happen, learning points), so that joining them moves nothing. A section without a
        heading of its own stays apart: its theme is the partnership's tag, not a heading to join under."""
        groups: list[Learning] = []
        for l in self.learning:
            last = groups[-1] if groups else None
            if last and l.heading and (last.heading, last.theme) == (l.heading, l.theme) and _follows(last, l):
                groups[-1] = Learning(l.theme, l.heading, last.found + l.found, last.actions + l.actions,
                                      last.points + l.points, last.resources + [r for r in l.resources if r not in last.resources])
            else:
                groups.append(l)
        return groups

    def learning_actions(self) -> list[tuple["Learning", "Item"]]:
        """Every "what needs to happen" item, with its learning section, in page order."""
        return [(l, item) for l in self.learning_groups() for item in l.actions]

    def actions(self) -> list[tuple[Learning, Action]]:
        """Every action ("What needs to happen") with its learning section, in page order."""
        return [(learning, action) for learning in self.learning for action in learning.actions]

    @property
    def use_count(self) -> int:
        return len(self.used_by)

    def theme_ids(self) -> list[str]:
        """Every theme the briefing touches, in first-mention order: learning first, then tagged items."""
        seen = dict.fromkeys(l.theme for l in self.learning)
        for _, _, item in self.all_items():
            seen.update(dict.fromkeys(item.themes))
        return list(seen)

    def agency_ids(self) -> list[str]:
        """The agencies that audited, then any other agency a finding is attributed to or an action is owned by."""
        return list(dict.fromkeys(self.agencies + [a for _, _, item in self.all_items() for a in item.agencies]
                                  + [a.owner for _, a in self.actions() if a.owner]))

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
        return self.reviewed + relativedelta(months=self.review_every)  # 31 January + 1 month: 29 February 2024

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
    ask: str | None = None  # whom to ask about it (rich text); None: the agency's safeguarding lead

    @classmethod
    def from_data(cls, data) -> "Need":
        return cls(id=data["id"], label=data["label"].strip(), description=_text(data.get("description")),
                   resources=list(data.get("resources", [])), ask=_text(data.get("ask")))

    @property
    def title(self) -> str:
        return self.label


@dataclass
class ActionFigures:
    """One row of a yearly report's actions table: the actions agreed that year with one owner (or none),
    and where they stand on the report's day."""
    owner: str  # the agency's name, action_states.NO_OWNER, or "All"
    owner_id: str | None
    agreed: int = 0
    closed: int = 0   # done or dropped
    overdue: int = 0
    open: int = 0
    days_to_close: list[int] = field(default_factory=list)  # of those closed with both days known

    @property
    def median_days(self) -> float | None:
        """The median days to close, of those closed with both days known; None when there are none."""
        days = sorted(self.days_to_close)
        if not days:
            return None
        middle = len(days) // 2
        return float(days[middle]) if len(days) % 2 else (days[middle - 1] + days[middle]) / 2


@dataclass
class YearReport:
    """A partnership's year at /report/<year>/: the actions agreed that year and where they stand, the
    briefings published, the uses recorded and the changes teams reported, and the themes that recur.
    Made from the other records by macros.data.yearly_report; its figures are as of `as_of`."""
    year: int
    as_of: dt.date
    actions: list[ActionFigures] = field(default_factory=list)  # by owner in registry order, no owner, then "All"
    briefings: list[Briefing] = field(default_factory=list)     # published that year, newest first
    uses: list[tuple[Briefing, UseRecord]] = field(default_factory=list)  # dated that year, in date order
    undated_uses: int = 0  # uses with no date, of any year: counted in none
    themes: list[tuple[Theme, int, list[int]]] = field(default_factory=list)  # (theme, findings that year, years up to it)

    @property
    def id(self) -> str:
        return str(self.year)

    @property
    def title(self) -> str:
        return f"Yearly report {self.year}"

    @property
    def current(self) -> bool:
        """The year is not over: its figures are so far."""
        return self.year == self.as_of.year

    @property
    def summary(self) -> str:
        total = self.actions[-1] if self.actions else ActionFigures("All", None)
        return (f"{self.year}{' so far' if self.current else ''}: {plural(len(self.briefings), 'briefing')} published, "
                f"{plural(total.agreed, 'action')} agreed{f' ({total.closed} closed)' if total.agreed else ''}, "
                f"{plural(len(self.uses), 'use')} of briefings recorded.")

    def chart_rows(self) -> list[tuple[str, dict[str, int]]]:
        """(owner, {closed, overdue, open}) for each owner: the bars of the report's chart (macros.pages.chart.stacked_bars)."""
        return [(f.owner, {"closed": f.closed, "overdue": f.overdue, "open": f.open}) for f in self.actions[:-1]]

    def uses_by_briefing(self) -> list[tuple[Briefing, int]]:
        """(briefing, uses recorded that year), most used first; equally used ones newest first."""
        counts: dict[str, list] = {}
        for b, _ in self.uses:
            counts.setdefault(b.id, [b, 0])[1] += 1
        return sorted(((b, n) for b, n in counts.values()), key=lambda x: (-x[1], -x[0].date.toordinal()))


@dataclass
class Term:
    """A glossary entry: an abbreviation or a term of art, what it stands for, and what it means."""
    id: str
    term: str                # as the briefings write it: DASH
    expansion: str           # what it stands for
    meaning: str             # one line, in plain words
    source: str              # the public page that confirms the expansion, for reviewers
    resource: str | None = None  # a resource id: where to find out more
    variants: list[str] = field(default_factory=list)  # other spellings of it in the data (Camhs for CAMHS)

    @classmethod
    def from_data(cls, data) -> "Term":
        return cls(id=data["id"], term=data["term"].strip(), expansion=one_line(data["expansion"]),
                   meaning=one_line(data["meaning"]), source=data["source"], resource=data.get("resource"),
                   variants=[v.strip() for v in data.get("variants") or []])

    @property
    def title(self) -> str:
        return self.term

    @property
    def spellings(self) -> list[str]:
        return [self.term, *self.variants]
