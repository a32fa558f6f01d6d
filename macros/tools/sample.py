"""What only the sample partnership's copy of the project says: the launch check's definition of "sample".

The project ships as a working site of a sample partnership, so a new partnership starts from something
that builds. Before its own site goes live, none of the sample may be left in what is published. Each
fingerprint is a piece of text that only the sample has, where it may be, and how to take it out. A
partnership's own site never matches one (tests/test_launch.py holds each to that), so the list is short
and exact rather than clever.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..data.errors import Problem

ADOPTING = "README.md, \"Start your partnership's site\""
# What the launch check reads: everything the site publishes (pages, data, the audits' text, settings)
# and the public feedback form.
PUBLISHED = ("mkdocs.yml", "docs/**/*.md", "data/*.yml", "data/briefings/*.yml", "data/sources/*",
             ".github/ISSUE_TEMPLATE/*.yml")
SAMPLE_NAME = "Safeguarding Children Partnership"
_NAME = re.compile(re.escape(SAMPLE_NAME) + r"\b")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’&-]*)\s+$")


def _the_sample_name(line: str) -> bool:
    """The sample's name standing alone ("the Safeguarding Children Partnership"), not the end of a
    real partnership's longer name ("Bristol Safeguarding Children Partnership")."""
    for m in _NAME.finditer(line):
        before = _WORD_BEFORE.search(line[:m.start()])
        if before is None or not before[1][0].isupper() or before[1] == "The":
            return True
    return False


def _text(phrase: str) -> Callable[[str], bool]:
    return lambda line: phrase in line


@dataclass(frozen=True)
class Fingerprint:
    what: str                       # what is left, in words
    found: Callable[[str], bool]    # whether a line holds it
    files: tuple[str, ...]          # where to look, as globs under the project
    fix: str                        # what to do about it
    level: str = "error"


def _audit(title: str, phrases: tuple[str, ...], briefing: str) -> list[Fingerprint]:
    return [Fingerprint(f"text of the sample audit '{title}'", _text(p), PUBLISHED,
                        f"delete the sample briefing data/briefings/{briefing}.yml and its source "
                        f"data/sources/{briefing}.txt ({ADOPTING}, step 3)") for p in phrases]


FINGERPRINTS: tuple[Fingerprint, ...] = (
    Fingerprint(f"the sample partnership's name ('{SAMPLE_NAME}')", _the_sample_name, PUBLISHED,
                f"write your partnership's name, or delete what the sample partnership published ({ADOPTING})"),
    *_audit("Pre-School Children", ("Multi Agency Quality Assurance Audit: Pre-School Children",
                                    "The ten children chosen for this audit were aged 4 years and under"),
            "2021-12-pre-school-children"),
    *_audit("Engagement with Fathers", ("Multi Agency Quality Assurance Audit: Engagement with Fathers",
                                        "The audit of 6th December 2022 reviewed the records of eight children"),
            "2022-12-engagement-with-fathers"),
    Fingerprint("the sample's accessibility statement date (2026-11-21)", re.compile(r"\b2026-11-21\b").search,
                ("mkdocs.yml",), f"test your own site, then write the dates you did under extra.accessibility ({ADOPTING}, step 6)"),
    # Services of the sample's own area: a partnership elsewhere has its own. Only a warning: they
    # are right for a partnership in that area.
    Fingerprint("a service of the sample partnership's area (Bristol and South Gloucestershire)",
                re.compile(r"\b(Sirona|North Bristol NHS Trust|OTR Bristol|Bristol and South Gloucestershire)\b").search,
                ("data/*.yml", ".github/ISSUE_TEMPLATE/*.yml"),
                "keep it only if it serves your area: otherwise replace or delete the entry", level="warning"),
)


def find(project: Path, fingerprints: tuple[Fingerprint, ...] = FINGERPRINTS) -> list[Problem]:
    """Every line of the published files that still has some of the sample, as path:line: what and how to fix it."""
    project = Path(project)
    out = []
    for f in fingerprints:
        paths = sorted({p for pattern in f.files for p in project.glob(pattern) if p.is_file()})
        for path in paths:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue  # the data check reports files it cannot read
            for number, line in enumerate(lines, 1):
                if f.found(line):
                    out.append(Problem(path.relative_to(project).as_posix(), number,
                                       f"still has {f.what}: {f.fix}", f.level))
    return out
