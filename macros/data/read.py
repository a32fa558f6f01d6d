"""Reading the data: the files under data/ in, a `Data` out.

Every file is read safely with the line of every value (macros.data.yamlload), with what is
mechanical mended in memory (macros.data.mend), checked against its schema (macros.data.validate) and
by the identifiers guard (macros.data.guard), briefings on every core. The valid documents are built
into the domain objects (macros.data.model). The rules that decide what can be read at all are
applied here, and their problems tagged with the rule's code; every other rule runs over the `Data`
afterwards (macros.data.rules, the registry of them all).
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import fastschema, guard, mend
from .. import parallel
from .errors import DataError, Problem
from .identifiers import KINDS as IDENTIFIER_KINDS, find_in_id, masked, normalise
from .kinds import REGISTRIES
from .model import Briefing
from .text import path as text_path, shorten
from .schemas import ID, SCHEMA_DIR, SCHEMA_FILES, read_schema
from .validate import findings
from .yamlload import Lines, at, line_of, read_regular, read_text

# used with fullmatch (`$` allows a final newline); ASCII only: another script's digits (２０２２, ٢٠٢٢) look the same
# and make a different web address
BRIEFING_NAME = re.compile(r"([0-9]{4})-([0-9]{2})-" + ID.pattern, re.ASCII)  # YYYY-MM-, then an id
ID_SHOWN = 80  # an id in a message is shown whole unless it is longer than any real one


def is_id(value) -> bool:
    return isinstance(value, str) and ID.fullmatch(value) is not None


def tagged(problems, rule: str) -> list[Problem]:
    """The problems, each marked as found by `rule` (macros.data.rules), unless already marked."""
    return [p if p.rule else replace(p, rule=rule) for p in problems]


@dataclass
class DataFile:
    """One data file as read: its document (None when YAML could not read it) and the line of every value."""
    kind: str       # its schema's name: "briefing", "themes", "resources" ...
    name: str       # data/briefings/2022-12-x.yml
    document: Any   # as the schema saw it: dates as ISO text
    lines: Lines | None
    schema_paths: frozenset = frozenset()  # the places the schema refused: no other rule judges them again
    texts: list = field(default_factory=list)  # strings(document), gathered as the file was read: the rules read these

    @property
    def valid(self) -> bool:
        """The schema found nothing wrong, so the model can be built from the document."""
        return self.document is not None and not self.schema_paths


@dataclass
class Data:
    """Everything read from a data folder, for the rules to check and the catalogue to index."""
    data_dir: Path
    today: dt.date
    names: re.Pattern | None = None       # the editors' list of names (data/guard-names.txt)
    files: list[DataFile] = field(default_factory=list)  # every file that parsed: the registries, then briefings
    problems: list[Problem] = field(default_factory=list)  # met while reading, each tagged with its rule
    registries: dict[str, dict] = field(default_factory=dict)  # {folder: {id: record, or None when invalid}}
    id_lines: dict[tuple[str, str], tuple[str, int | None]] = field(default_factory=dict)  # where each id is defined
    broken: set[str] = field(default_factory=set)  # registries whose ids cannot all be read: not judged
    briefings: list[tuple[Briefing, DataFile, re.Match]] = field(default_factory=list)  # each valid briefing
    shared: dict = field(default_factory=dict)  # what one rule works out for others (the references found)
    # {file: its text lacks the `# yaml-language-server` first line} for each file whose text was read, for the
    # suggestion `make check` makes (macros.tools.fix.comment_line_suggestion)
    comment_lines: dict[str, bool] = field(default_factory=dict)

    @property
    def base(self) -> Path:
        return self.data_dir.parent

    def file(self, name: str) -> DataFile | None:
        return next((f for f in self.files if f.name == name), None)


def read_file(path: Path, kind: str, name: str, names,
              root: Path | None = None) -> tuple[list[Problem], DataFile | None, bool | None]:
    """Parse, schema-check and guard one file. A file that parses is checked in full, so that one run reports
    every problem in it; a tab indent, curly quotes or a date written 30/06/2024 are reported at their lines and
    mended in memory (macros.data.mend), so that the rest of the file is checked too.

    Returns the problems, the file (None when YAML could not read it), and whether its text lacks the
    `# yaml-language-server` first line (None when the text could not be read), for `make check`'s suggestion."""
    try:
        text = read_text(read_regular(path, name, root), name)
    except DataError as e:
        return tagged(e.problems, "yaml"), None, None
    lacks_comment_line = mend.lacks_comment_line(text)
    # The document is made as the schema sees it: dates as ISO text, so a date typed where text belongs
    # (title: 2022-12-06) is that text, and date fields parse one way; its texts are gathered as it is made.
    bad_keys: list[tuple] = []
    texts: list[tuple[tuple, str]] = []
    try:
        instance, lines, faults = mend.load_text(text, name, kind, bad_keys, texts)
    except DataError as e:
        return tagged(e.problems, "yaml"), None, lacks_comment_line
    found = findings(kind, instance, bad_keys, texts)
    # A lookalike id is looked for in the document as YAML made it. With every field name text, the document as
    # the schema sees it has each text in the same place (a date there is ISO text, no id either); with a field
    # name that is not text (2015:, which the schema calls '2015'), the places differ, so YAML's is made for it.
    document = instance if not bad_keys else mend.load_text(text, name, kind)[0]
    problems = tagged(faults, "mended") + tagged(
        [Problem(name, line_of(lines, p), _lookalike_id(at(document, p)) or m) for p, m in found.items()], "schema")
    problems += tagged(guard.scan(instance, lines, name, names, texts), "identifier")
    return problems, DataFile(kind, name, instance, lines, frozenset(found), texts), lacks_comment_line


def _read_job(names, job: tuple):
    path, kind, name, data_dir = job
    return read_file(path, kind, name, names, data_dir)


def reserved_ids(docs_dir: Path, section: str) -> set[str]:
    """Ids whose page /<section>/<id>/ would replace a hand-written page, a folder or a file under docs/<section>/."""
    folder = Path(docs_dir) / section
    names = {"index"}
    if folder.is_dir():
        names |= {entry.name.split(".")[0].lower() for entry in folder.iterdir()}
    return names


def read(data_dir: Path, today: dt.date | None = None) -> Data:
    """Read everything under data_dir. Never raises for the data: every problem is in the result."""
    data_dir = Path(data_dir)
    data = Data(data_dir, today or dt.date.today())
    base = data.base
    names_path = data_dir / "guard-names.txt"
    data.names, found = guard.load_names(names_path, names_path.relative_to(base).as_posix(), data_dir)
    data.problems += tagged(found, "guard-names")
    # The build publishes these from data/schema/ (the project's own, which validation uses, when a
    # data folder has none): a link or a non-file among them stops it here, as it would the build.
    schema_dir = data_dir / "schema" if (data_dir / "schema").exists() else SCHEMA_DIR
    for filename in SCHEMA_FILES:
        try:
            read_schema(schema_dir, filename, f"data/schema/{filename}")
        except DataError as e:
            data.problems += tagged(e.problems, "schema-files")

    for registry in REGISTRIES:
        folder = registry.folder
        data.registries[folder] = {}
        path = data_dir / registry.data
        name = path.relative_to(base).as_posix()
        if not os.path.lexists(path):
            data.broken.add(folder)
            data.problems.append(Problem(name, None, "is missing: every site needs this file, even if it only lists a few "
                                                     "entries", rule="registry-file"))
            continue
        problems, got, lacks_comment_line = read_file(path, folder, name, data.names, data_dir)
        data.problems += problems
        if lacks_comment_line is not None:
            data.comment_lines[name] = lacks_comment_line
        if got is None:  # not YAML that could be read: its ids cannot be judged
            data.broken.add(folder)
            continue
        data.files.append(got)
        entries = got.document
        if not isinstance(entries, list) or not all(isinstance(e, dict) and is_id(e.get("id")) for e in entries):
            data.broken.add(folder)  # some entry's id is missing or malformed (the schema said so): references cannot be judged
            if not isinstance(entries, list):
                continue
        seen_ids: set[str] = set()
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict) or not is_id(entry.get("id")) or entry["id"].lower() in seen_ids:
                continue  # (a second entry with an id is refused by the rule registry-id: the first is the one read)
            ident = entry["id"]
            seen_ids.add(ident.lower())
            data.registries[folder][ident] = registry.model.from_data(entry) if got.valid else None
            data.id_lines[(folder, ident)] = (name, line_of(got.lines, (i, "id")))

    briefing_dir = data_dir / "briefings"
    paths = sorted(list(briefing_dir.glob("*.yml")) + list(briefing_dir.glob("*.yaml"))) if briefing_dir.is_dir() else []
    reserved = reserved_ids(base / "docs", "briefings")
    seen: dict[str, str] = {}
    named = []
    for path in paths:
        name = path.relative_to(base).as_posix()
        problem = _name_problem(path, base, data.names, seen, reserved)
        if problem:  # nothing else is said about the file: every message would name it
            data.problems.append(replace(problem, rule="briefing-file-name"))
            continue
        seen[path.stem.lower()] = name
        named.append((path, name, BRIEFING_NAME.fullmatch(path.stem)))
    if named:
        fastschema.prepare("briefing")
    results = parallel.run(_read_job, [(path, "briefing", name, data_dir) for path, name, _ in named], shared=data.names)
    for (path, name, match), (problems, got, lacks_comment_line) in zip(named, results):
        data.problems += problems
        if lacks_comment_line is not None:
            data.comment_lines[name] = lacks_comment_line
        if got is None:
            continue
        data.files.append(got)
        if got.valid:
            data.briefings.append((Briefing.from_data(path.stem, got.document, name), got, match))
    return data


def _name_problem(path: Path, base: Path, names, seen: dict[str, str], reserved: set[str]) -> Problem | None:
    """A briefing's file name is its id and web address (/briefings/<id>/, the sitemap, the feeds, the open
    data): it must identify nobody, be plain ASCII as typed on a keyboard, follow the convention, and be
    the only one of its id."""
    name, ident = path.relative_to(base).as_posix(), path.stem
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
        return Problem(name, None, f"the file name {_not_plain(path.name)}: the name is the "
                                   f"briefing's web address, so {_TYPE_PLAIN}: {fix}")
    if not BRIEFING_NAME.fullmatch(ident):
        return Problem(name, None, "file name should be YYYY-MM-short-title.yml in lower case, "
                                   "with hyphens for spaces, e.g. 2022-12-engagement-with-fathers.yml")
    if ident.lower() in seen:
        return Problem(name, None, f"has the same id as {text_path(seen[ident.lower()])}: rename one of them")
    if ident in reserved:
        return Problem(name, None, f"is named like a page the site already has (docs/briefings/{shorten(ident, ID_SHOWN)}): "
                                   "rename the file")
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


