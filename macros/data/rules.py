"""Every rule the data must keep, one named entry each: what it checks, what to do when it finds
something, how serious that is, and where it is tested. `make check` and the build apply them all;
CONTRIBUTING.md's list of what `make check` checks is written from this registry
(`python -m macros.tools.rules`), and tests/test_rules.py breaks each one on purpose.

A rule whose `run` is None is applied while the files are read (macros.data.read), because it
decides what can be read at all; the others run over what was read, in this order. A rule marked
`when_valid` runs only when no rule before it found an error: its warnings are housekeeping, noise
beside an error.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable

from . import action_dates, date_window, glossary, issueform, sources, uploads
from .errors import Problem
from .kinds import REGISTRIES
from .model import Resource
from .read import ID_SHOWN, Data, is_id, reserved_ids
from .text import quote, shorten
from .validate import REGISTRY_WORD, check_references
from .yamlload import line_of


@dataclass(frozen=True)
class Rule:
    code: str          # its name, short and stable: what a problem it finds is tagged with
    checks: str        # what it checks, in an editor's words
    fix: str           # what to do when it finds something (each message says it for the case at hand)
    severity: str      # "error" (stops the build), "warning" (only said), or "error or warning"
    test: str          # the test that shows it at work, besides tests/test_rules.py
    run: Callable[[Data], Iterable[Problem]] | None = None  # None: applied while reading (macros.data.read)
    when_valid: bool = False


def _registry_ids(data: Data) -> list[Problem]:
    out = []
    for registry in REGISTRIES:
        got = data.file((data.data_dir / registry.data).relative_to(data.base).as_posix())
        if got is None or not isinstance(got.document, list):
            continue
        reserved = reserved_ids(data.base / "docs", registry.folder)
        seen: dict[str, int | None] = {}
        for i, entry in enumerate(got.document):
            if not isinstance(entry, dict) or not is_id(entry.get("id")):
                continue
            ident, line = entry["id"], line_of(got.lines, (i, "id"))
            if ident.lower() in seen:
                out.append(Problem(got.name, line, f"id {quote(ident, ID_SHOWN)} is used twice (first on line "
                                                   f"{seen[ident.lower()]}): ids must be unique, so change one of them"))
                continue
            seen[ident.lower()] = line
            if ident.lower() in reserved:
                out.append(Problem(got.name, line, f"id {quote(ident, ID_SHOWN)} is reserved: its page "
                                                   f"/{registry.folder}/{shorten(ident, ID_SHOWN)}/ would replace a page or "
                                                   f"folder the site already has. The reserved {registry.name} ids are "
                                                   f"{', '.join(sorted(reserved))}: choose another id"))
    return out


def _date_window(data: Data) -> list[Problem]:
    return [p for f in data.files
            for p in date_window.outside_window(f.document, f.lines, f.name, f.kind, data.today, f.schema_paths, f.texts)]


def _outside(data: Data, b) -> bool:
    """A briefing dated outside the window: refused at its line (date-window), nothing more said of its dates."""
    return not date_window.WINDOW.first_year <= b.date.year <= date_window.WINDOW.last_year(data.today)


def _review_date_future(data: Data) -> list[Problem]:
    out = []
    got = data.file((data.data_dir / "resources.yml").relative_to(data.base).as_posix())
    for ident, r in (data.registries.get("resources") or {}).items():
        # a review date to come is a typo (past next year, date-window says so)
        if isinstance(r, Resource) and r.reviewed and data.today < r.reviewed \
                and r.reviewed.year <= date_window.WINDOW.last_year(data.today):
            i = next(n for n, e in enumerate(got.document) if isinstance(e, dict) and e.get("id") == ident)
            out.append(Problem(got.name, line_of(got.lines, (i, "reviewed")),
                               f"reviewed {r.reviewed.isoformat()} is in the future: write the day someone last "
                               f"checked the resource, today ({data.today.isoformat()}) or before"))
    return out


def _age_range(data: Data) -> list[Problem]:
    out = []
    for b, got, _ in data.briefings:
        ages = b.cohort.age_range if b.cohort else None
        if ages and ages[0] > ages[1]:
            out.append(Problem(got.name, line_of(got.lines, ("cohort", "age_range")),
                               f"age_range should be youngest first, e.g. [{shorten(ages[1])}, {shorten(ages[0])}]"))
    return out


def _action_dates(data: Data) -> list[Problem]:
    return [p for b, got, _ in data.briefings if not _outside(data, b)
            for p in action_dates.check(b, got.lines, got.name, data.today)]


def _todo(data: Data) -> list[Problem]:
    return [Problem(got.name, line_of(got.lines, ("summary",)), "summary still has the TODO text from `make new`: "
                    "write the aim and scope of the audit", "warning") for b, got, _ in data.briefings if "TODO" in b.summary]


def _future_date(data: Data) -> list[Problem]:
    return [Problem(got.name, line_of(got.lines, ("date",)), f"date {b.date.isoformat()} is in the future: is it a typo?",
                    "warning") for b, got, _ in data.briefings if b.date > data.today and not _outside(data, b)]


def _file_name_date(data: Data) -> list[Problem]:
    return [Problem(got.name, line_of(got.lines, ("date",)),
                    f"the file name starts {match[1]}-{match[2]} but the date is {b.date.isoformat()[:7]}: "
                    "rename the file or correct the date", "warning")
            for b, got, match in data.briefings
            if (int(match[1]), int(match[2])) != (b.date.year, b.date.month) and not _outside(data, b)]


def _references(data: Data) -> list[Problem]:
    out, used = [], set()
    nearest: dict = {}  # each registry's index for "did you mean", built once for every file
    for f in data.files:
        found, ok = check_references(f.document, f.lines, f.name, data.registries, skip=data.broken,
                                     skip_paths=f.schema_paths, kind=f.kind, nearest=nearest, texts=f.texts)
        out += found
        used.update(ok)
    data.shared["used"] = used  # for unused-id
    return out


def _unused_ids(data: Data) -> list[Problem]:
    used = data.shared.get("used", set())
    referred = {k.folder for k in REGISTRIES if k.references}  # nothing refers to a glossary term by its id
    return [Problem(name, line, f"{REGISTRY_WORD[kind]} {quote(ident, ID_SHOWN)} is defined but nothing refers to it",
                    "warning")
            for (kind, ident), (name, line) in data.id_lines.items() if (kind, ident) not in used and kind in referred]


def _abbreviations(data: Data) -> list[Problem]:
    if "glossary" in data.broken:
        return []
    terms = [t for t in (data.registries.get("glossary") or {}).values() if t is not None]
    return [p for b, got, _ in data.briefings
            for p in glossary.undefined(got.document, got.lines, got.name, terms, got.texts)]


def _uploads(data: Data) -> list[Problem]:
    return uploads.check(data.base / "docs", data.names)


def _sources(data: Data) -> list[Problem]:
    return sources.check(data.data_dir, [(got.document, got.lines, got.name) for _, got, _ in data.briefings], data.names)


def _feedback_form(data: Data) -> list[Problem]:
    return issueform.problems(data.base)


def _resource_review(data: Data) -> list[Problem]:
    out = []
    for r in (data.registries.get("resources") or {}).values():
        if r is None:
            continue
        name, line = data.id_lines[("resources", r.id)]
        shown = quote(r.id, ID_SHOWN)
        if r.reviewed is None:
            out.append(Problem(name, line, f"resource {shown} has never been reviewed: check its link and description, "
                                           "then add 'reviewed: YYYY-MM-DD'", "warning"))
        elif r.overdue(data.today):
            out.append(Problem(name, line, f"resource {shown} was due for review on {r.review_due.isoformat()}: check "
                                           "its link and description, then update 'reviewed'", "warning"))
        if not r.url:
            out.append(Problem(name, line, f"resource {shown} has no web link: add 'url' when there is a public one",
                               "warning"))
    return out


RULES: tuple[Rule, ...] = (
    # Applied while reading (macros.data.read): they decide what can be read at all.
    Rule("schema-files", "data/schema/ holds a schema for each kind of file, each an ordinary UTF-8 file (they are published too)",
         "restore data/schema/ from git", "error", "tests/test_catalogue.py"),
    Rule("guard-names", "data/guard-names.txt, if there is one, is UTF-8 text, one name a line",
         "save it as UTF-8, one name a line", "error", "tests/test_guard.py"),
    Rule("registry-file", "every registry (themes.yml, resources.yml, agencies.yml, needs.yml, glossary.yml) is there",
         "put the file back, even if it lists only a few entries", "error", "tests/test_catalogue.py"),
    Rule("briefing-file-name", "a briefing's file name is YYYY-MM-short-title.yml, in plain lower-case letters, digits "
         "and hyphens, identifies nobody (it is the page's web address), and is the only one of its id",
         "rename the file as the message says", "error", "tests/test_guard.py"),
    Rule("yaml", "each file is an ordinary UTF-8 text file of at most 1 MB inside the repository, written in plain YAML: "
         "no duplicate fields, anchors, tags or invisible control characters",
         "the message names the line and what to type instead", "error", "tests/test_yamlload.py"),
    Rule("mended", "no tab used for indenting, no curly quotes around a value, every date written YYYY-MM-DD "
         "(each is reported at its line, and the rest of the file is checked as if mended)",
         "run `make fix`, which mends them in place", "error", "tests/test_mend.py"),
    Rule("schema", "every field is one the file's schema allows, of the kind it says (text, a date, a list, an id ...), "
         "and every required field is there", "the message names the field and what it should be", "error",
         "tests/test_messages.py"),
    Rule("identifier", "no text identifies a child or family: dates of birth, NHS numbers, postcodes, phone numbers, "
         "email addresses, names from data/guard-names.txt, however they are written",
         "remove it; a service's public number can stay with `allow:` and a `reason:`", "error",
         "tests/test_guard.py"),
    # Run over what was read.
    Rule("registry-id", "every id in a registry is used once, and none is a name the site's own pages use",
         "change one of the ids", "error", "tests/test_catalogue.py", _registry_ids),
    Rule("date-window", "every date is between 1990 and the end of next year", "check the year", "error",
         "tests/test_date_window.py", _date_window),
    Rule("review-date", "a resource's `reviewed` date is not in the future", "write the day it was last checked",
         "error", "tests/test_messages.py", _review_date_future),
    Rule("age-range", "a cohort's age range is youngest first", "swap the two ages", "error", "tests/test_catalogue.py",
         _age_range),
    Rule("action-dates", "an action's dates are in order: agreed after the briefing, due, updated and closed after "
         "agreed; closed only when done or dropped", "correct the date or the status", "error or warning",
         "tests/test_action_history.py", _action_dates),
    Rule("todo-summary", "the summary is no longer `make new`'s TODO text", "write the aim and scope of the audit",
         "warning", "tests/test_catalogue.py", _todo),
    Rule("future-date", "a briefing's date is not in the future", "check the date", "warning", "tests/test_messages.py",
         _future_date),
    Rule("file-name-date", "a briefing's file name starts with the year and month of its date",
         "rename the file or correct the date", "warning", "tests/test_messages.py", _file_name_date),
    Rule("unknown-id", "every theme, resource, agency and need a file names is in its registry",
         "correct the id (the message says the nearest), or add it to the registry", "error",
         "tests/test_validate.py", _references),
    Rule("unused-id", "every theme, resource, agency and need is used somewhere", "use it, or delete it", "warning",
         "tests/test_catalogue.py", _unused_ids, when_valid=True),
    Rule("abbreviation", "every abbreviation a briefing uses (2 to 6 capitals) is explained in data/glossary.yml",
         "add it to the glossary, or spell it out", "warning", "tests/test_glossary.py", _abbreviations),
    Rule("uploads", "docs/ publishes its pages, the site's own scripts, and uploads that are pictures (PNG, JPEG, WebP) "
         "or PDFs, judged by what is in them", "remove the file, or save it as a picture or a PDF", "error",
         "tests/test_uploads.py", _uploads),
    Rule("source", "a briefing's `source:` audit is in data/sources/ and identifies nobody; each of its findings is in "
         "the briefing word for word", "copy the finding exactly, or check the source", "error or warning",
         "tests/test_sources.py", _sources),
    Rule("feedback-form", "the feedback form's agency list (.github/ISSUE_TEMPLATE/used-a-briefing.yml) is "
         "data/agencies.yml's", "run `make fix`, which writes it", "error", "tests/test_issueform.py", _feedback_form),
    Rule("resource-review", "every resource has been reviewed within its review period, and has a web link where there "
         "is a public one", "check it, then update `reviewed` (the site's /editors/ page lists them)", "warning",
         "tests/test_build.py", _resource_review, when_valid=True),
)
BY_CODE = {r.code: r for r in RULES}


def check(data: Data) -> list[Problem]:
    """The problems met while reading, and those every other rule finds, each tagged with its rule's code."""
    problems = list(data.problems)
    for rule in RULES:
        if rule.run is None or (rule.when_valid and any(p.level == "error" for p in problems)):
            continue
        problems += [p if p.rule else replace(p, rule=rule.code) for p in rule.run(data)]
    return problems


def markdown() -> str:
    """The list for CONTRIBUTING.md ("What `make check` checks"), one line a rule, in the order they apply."""
    def line(r: Rule) -> str:
        return f"- **{r.code}** ({r.severity}): {r.checks}. *If it finds something:* {r.fix}."
    return "\n".join(line(r) for r in RULES) + "\n"
