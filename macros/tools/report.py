"""What `make check` and the build print: an editor's own problems in full, the housekeeping in one line.

The registries carry standing warnings (resources never reviewed, without a link ...) that the
site's /editors/ page lists; printed on every run, they buried the problems an editor had just
made: after one new resource in resources.yml, 17 old warnings about its neighbours hid the one
about it. So a warning is printed in full only when the branch changed its entry (against main,
when git can tell): the registry entry (one `- id: ...` item) or the briefing that holds its line,
or the briefing that names a source as its `source:`. The rest are summed up in one line; errors
are always printed in full, and `make check ALL=1` prints everything.
"""
from __future__ import annotations

import codecs
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Iterable

import yaml

from ..data import text
from ..data.errors import DataError, Problem
from ..data.yamlload import load_yaml

EDITORS_PAGE = "/editors/"
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class Changes:
    """What this branch changed: for each file, the lines it changed (numbered as the file is now), and the
    files it added whole. An entry of a file is changed when any of its lines is."""

    def __init__(self, root: Path, lines: dict[str, set[int]], whole: set[str]):
        self.root, self.lines, self.whole = Path(root), lines, set(whole)
        # A source's warnings are about its briefing too: a changed briefing shows those of the source it names.
        self.sources = {s for path in set(lines) | self.whole if path.startswith("data/briefings/")
                        for s in [_source_of(self.root / path)] if s}
        self._spans: dict[str, tuple[tuple[int, int], ...]] = {}  # read once a run: `make serve` runs again after edits

    def touch(self, problem: Problem) -> bool:
        path = problem.path
        if path in self.whole or path in self.sources:
            return True
        changed = self.lines.get(path)
        if not changed:
            return False
        if problem.line is None:
            return True
        if path not in self._spans:
            self._spans[path] = _spans(self.root / path)
        first, last = next(((a, b) for a, b in self._spans[path] if a <= problem.line <= b), (1, 10**9))
        return any(first <= n <= last for n in changed)


def _source_of(path: Path) -> str | None:
    """The data/sources/ file a briefing names as its `source:`, if it can be read."""
    try:  # as the check reads it (an impossible date is text, an alias refused), never raising but DataError
        document, _ = load_yaml(path, path.name, path.parent)
    except DataError:
        return None
    source = document.get("source") if isinstance(document, dict) else None
    return f"data/sources/{source}" if isinstance(source, str) else None


def _spans(path: Path) -> tuple[tuple[int, int], ...]:
    """The entries of a registry (a YAML list: each item from its `- ` line to the line before the next, the lines
    above the first item one more) as (first, last) line numbers; a file of any other shape is one entry, and one
    that cannot be read as YAML now has none (so a warning on it counts as changed, the file being so)."""
    try:
        content = path.read_text(encoding="utf-8")
        node = yaml.compose(content, Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ()
    end = content.count("\n") + 1
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        return ((1, end),)
    starts = [item.start_mark.line + 1 for item in node.value]  # (a line number counts from 1)
    if starts[0] > 1:
        starts.insert(0, 1)
    return tuple(zip(starts, [s - 1 for s in starts[1:]] + [end]))


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=false", *args],
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _unquote(path: str) -> str:
    """A path as `git diff` prints it: in double quotes with C escapes when it holds unusual characters."""
    if path.startswith('"') and path.endswith('"'):
        return codecs.escape_decode(path[1:-1].encode("utf-8"))[0].decode("utf-8", "replace")
    return path


def changes(root: Path) -> Changes | None:
    """What this branch changed (the working tree, committed or not, and untracked files) against where it left
    origin/main or main, line by line; None when git cannot tell (no git, no repository, no main)."""
    base = next((b.strip() for b in (_git(root, "merge-base", "HEAD", ref) for ref in ("origin/main", "main")) if b), None)
    if base is None:
        return None
    # --no-renames: a renamed file is new as a whole; -U0: each hunk is exactly the lines changed
    options = ("--relative", "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv")
    names = _git(root, "diff", "--name-only", "-z", *options, base)
    patch = _git(root, "diff", "-U0", "--src-prefix=a/", "--dst-prefix=b/", *options, base)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    if names is None or patch is None or untracked is None:
        return None
    lines: dict[str, set[int]] = {}
    current = None
    for row in patch.splitlines():
        if row.startswith("+++ "):
            target = _unquote(row[4:].rstrip("\t"))
            current = target[2:] if target.startswith("b/") else None  # /dev/null: the file was deleted
        elif current and (m := _HUNK.match(row)):
            start, count = int(m[1]), int(m[2] if m[2] is not None else 1)
            # lines only deleted sit after line `start`: they belonged to the entry that holds it
            lines.setdefault(current, set()).update(range(start, start + count) if count else [max(start, 1)])
    listed = {p for p in names.split("\0") if p}
    whole = {p for p in untracked.split("\0") if p} | (listed - set(lines))  # a binary file, a mode: no lines to tell
    return Changes(root, lines, whole)


def _full(p: Problem, changed: Changes | None, show_all: bool) -> bool:
    return p.level == "error" or show_all or changed is None or changed.touch(p)


def lines(problems: Iterable[Problem], changed: Changes | None, show_all: bool = False) -> list[str]:
    """The problems to print, in order: errors always, warnings on entries the editor changed (all of them when
    `changed` is None or show_all), then one line for the warnings left out."""
    out, left_out = [], Counter()
    for p in problems:
        if _full(p, changed, show_all):
            out.append(p)
        else:
            left_out[p.path] += 1
    said = [str(p) for p in out]
    if left_out:
        n = sum(left_out.values())
        where = ", ".join(f"{text.path(path)}: {count}" for path, count in sorted(left_out.items()))
        said.append(f"and {n} housekeeping warning{'s' if n != 1 else ''} on entries you have not changed ({where}): "
                    f"the site's {EDITORS_PAGE} page lists them, and `make check ALL=1` prints them")
    return said


def shown(problems: Iterable[Problem], changed: Changes | None, show_all: bool = False) -> list[Problem]:
    """The problems lines() prints in full (for GitHub annotations)."""
    return [p for p in problems if _full(p, changed, show_all)]


def warning_lines(warnings: Iterable[Problem], root: Path, show_all: bool = False) -> list[str]:
    """For the build's log: the warnings of a valid catalogue, summed up as `make check` does."""
    return lines(warnings, None if show_all else changes(root), show_all)
