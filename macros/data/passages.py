"""A briefing's text, passage by passage: where each is, and whose words they are (the audit's, copied
exactly, or the editor's, as CONTRIBUTING.md splits them); and what an abbreviation looks like. Read
by the glossary's check (macros.data.glossary) and the readability report (macros.tools.readability)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .yamlload import Lines, line_of, strings

# An abbreviation: 2 to 6 capitals (A&E counts its ampersand), a plural or possessive allowed (GPs, CP's);
# not part of a hyphenated word (OK-ish). Words
# typed in capitals for emphasis ("NEW") look the same: NOT_ABBREVIATIONS below.
ABBREVIATION = re.compile(r"(?<![\w&'’-])([A-Z](?:&?[A-Z]){1,5})(?:s|['’]s)?(?![\w&'’-])")
# What every abbreviation holds: found three times quicker, it passes over the texts that cannot hold one.
MAY_ABBREVIATE = re.compile(r"[A-Z]&?[A-Z]")
# Words in capitals that are no abbreviation: make new's placeholder (the summary has its own warning), and
# emphasis an audit may use ("NEW Professional Curiosity Training").
NOT_ABBREVIATIONS = frozenset({"TODO", "NEW", "NB"})
# The briefing's fields, as CONTRIBUTING.md splits them: the audit's words, copied exactly, and the editor's.
AUDIT, EDITOR = "The audit's words", "The editor's words"
_EDITOR_KEYS = {"key_messages", "questions", "source_note", "evidence"}
_SKIPPED_KEYS = {"type", "date", "source", "themes", "agencies", "resources", "needs", "theme", "owner", "due",
                 "status", "updated", "allow", "reason", "used_by", "children", "age_range"}


@dataclass
class Passage:
    """One text value of a briefing: where it is, whose words, and the text."""
    line: int | None
    field: str
    whose: str
    text: str


def passages(document, lines: Lines, texts: Iterable[tuple[tuple, str]] | None = None,
             having: re.Pattern | None = None) -> Iterable[Passage]:
    """Every text value of a briefing that a reader reads, with its line and whose words they are. `texts`: the
    document's strings() where the caller has them already; `having`: only the texts this pattern finds something in."""
    if not isinstance(document, dict):
        return
    for path, text in strings(document) if texts is None else texts:
        if having is not None and not having.search(text):
            continue
        keys = [step for step in path if isinstance(step, str)]
        if not any(k in _SKIPPED_KEYS for k in keys):
            whose = EDITOR if any(k in _EDITOR_KEYS for k in keys) else AUDIT
            yield Passage(line_of(lines, path), ".".join(str(k) for k in path), whose, text)
