"""What `make check` and the build print: an editor's own problems in full, the housekeeping in one line.

The registries carry standing warnings (resources never reviewed, without a link ...) that the
site's /editors/ page lists; printed on every run, they buried the problems an editor had just
made. So warnings about files the editor has not changed (against main, when git can tell) are
summed up in one line; errors are always printed in full, and `make check ALL=1` prints everything.
"""
from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path
from typing import Iterable

from . import text
from .errors import Problem

EDITORS_PAGE = "/editors/"


def changed_files(root: Path) -> set[str] | None:
    """Paths (relative to root) changed on this branch against origin/main or main, committed or not,
    and untracked files; None when git cannot tell (no git, no repository, no main)."""
    def git(*args: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

    base = next((b.strip() for b in (git("merge-base", "HEAD", ref) for ref in ("origin/main", "main")) if b), None)
    if base is None:
        return None
    diff = git("diff", "--name-only", "--relative", "-z", base)  # the working tree against the branch point
    untracked = git("ls-files", "--others", "--exclude-standard", "-z")
    if diff is None or untracked is None:
        return None
    return {p for p in (diff + untracked).split("\0") if p}


def lines(problems: Iterable[Problem], changed: set[str] | None, show_all: bool = False) -> list[str]:
    """The problems to print, in order: errors always, warnings where the editor changed the file (all
    of them when `changed` is None or show_all), then one line for the warnings left out."""
    out, left_out = [], Counter()
    for p in problems:
        if p.level == "error" or show_all or changed is None or p.path in changed:
            out.append(p)
        else:
            left_out[p.path] += 1
    said = [str(p) for p in out]
    if left_out:
        n = sum(left_out.values())
        where = ", ".join(f"{text.path(path)}: {count}" for path, count in sorted(left_out.items()))
        said.append(f"and {n} housekeeping warning{'s' if n != 1 else ''} in files you have not changed ({where}): "
                    f"the site's {EDITORS_PAGE} page lists them, and `make check ALL=1` prints them")
    return said


def shown(problems: Iterable[Problem], changed: set[str] | None, show_all: bool = False) -> list[Problem]:
    """The problems lines() prints in full (for GitHub annotations)."""
    return [p for p in problems if p.level == "error" or show_all or changed is None or p.path in changed]


def warning_lines(warnings: Iterable[Problem], root: Path, show_all: bool = False) -> list[str]:
    """For the build's log: the warnings of a valid catalogue, summed up as `make check` does."""
    return lines(warnings, None if show_all else changed_files(root), show_all)
