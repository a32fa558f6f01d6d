"""`make fix` (python -m macros.tools.fix [DATA_DIR]): mend what is mechanical, in place, and say what changed, line by line.

The `ruff --fix` of the data. FIXERS is a small registry: each fixer has a name, what it mends, the
files it reads, and a function from a file's text to the text mended and its changes. The data
files' fixers are macros.data.mend's MENDERS (tabs, curly quotes, dates, spaces at line ends, the
comment line): the same code that `make check` reads files through. To add one, append a Fixer.

A file is written only when the result is safe: it must read as YAML with nothing refused (by the
loader every check uses); a data mend must change no word (the line's words compared, a mended
date aside) and no value YAML reads, other than those it set out to mend. Otherwise nothing is
written and the reason is said. Writes are atomic (a new file renamed over the old), so a file is
never left half written.
"""
from __future__ import annotations

import argparse
import os
import re
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..data import issueform, mend, text, yamlload
from ..data.errors import DataError
from ..data.kinds import REGISTRIES

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/tools/ is two folders down
BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Fixer:
    name: str
    mends: str                                           # what it mends, in a sentence
    files: Callable[[Path], Iterable[Path]]              # the files it mends, given the data folder
    function: Callable[[str, Path, Path], mend.Mended]   # (text, file, data folder) -> the text mended, and what changed
    keeps_words: bool = True                             # its mends change no word: fix checks that they did not


def data_files(data_dir: Path) -> list[Path]:
    """The data files: the registries and every briefing."""
    data_dir = Path(data_dir)
    found = [data_dir / kind.data for kind in REGISTRIES]
    briefings = data_dir / "briefings"
    if briefings.is_dir():
        found += sorted(list(briefings.glob("*.yml")) + list(briefings.glob("*.yaml")))
    return [p for p in found if os.path.lexists(p)]


def _data_fixer(mender: mend.Mender) -> Fixer:
    def function(content: str, path: Path, data_dir: Path) -> mend.Mended:
        kind = mend.kind_of(path)
        return mend.mend(content, kind, [mender]) if kind else mend.Mended(content)
    return Fixer(mender.name, mender.mends, data_files, function)


def _form_agencies(content: str, path: Path, data_dir: Path) -> mend.Mended:
    """The feedback form's agency list written from data/agencies.yml (macros.data.issueform), every other byte kept."""
    root = Path(data_dir).resolve().parent
    found = issueform.problems(root)
    if not found:
        return mend.Mended(content)
    return mend.Mended(issueform.expected(root),
                       (mend.Change(found[0].line or 1, f"wrote the agency list from {issueform.AGENCIES}"),))


def _form_file(data_dir: Path) -> list[Path]:
    form = Path(data_dir).resolve().parent / issueform.FORM
    return [form] if form.is_file() else []


FIXERS: list[Fixer] = [_data_fixer(m) for m in mend.MENDERS] + [
    Fixer("form-agencies", f"the feedback form's agency list ({issueform.FORM}), written from {issueform.AGENCIES}",
          _form_file, _form_agencies, keeps_words=False)]


@dataclass
class Outcome:
    name: str
    lines: list[str]         # what to print
    mended: int = 0          # how many mends were written
    left: int = 0            # how many things were left for a person


def fix_file(path: Path, name: str, fixers: list[Fixer], data_dir: Path) -> Outcome:
    """Mend one file with every fixer that claims it; write it only when the result is safe."""
    shown = text.path(name)
    try:
        raw = yamlload.read_regular(path, name, data_dir.parent)
        original = yamlload.read_text(raw, name)
    except DataError as e:
        return Outcome(name, [f"{shown}: left as it was: it cannot be read ({_first(e)}): run `make check`"], left=1)
    done = mend.apply(original, [lambda t, f=f: f.function(t, path, data_dir) for f in fixers])
    current, changes, added = done.text, list(done.changes), list(done.added)
    said = [f"{shown}:{c.line}: {text.line(c.said)}" for c in changes]
    left = sum(not c.mended for c in changes)
    if current == original:
        return Outcome(name, said, 0, left)
    why = _unsafe(original, current, changes, added, keeps_words=all(f.keeps_words for f in fixers), name=name)
    if why:
        return Outcome(name, [f"{shown}: left as it was: {text.line(why)}"], 0, left + 1)
    try:
        write_atomic(path, (BOM if raw.startswith(BOM) else b"") + current.encode("utf-8"), raw)
    except (OSError, ChangedMeanwhile) as e:
        reason = "it changed while it was being mended: run `make fix` again" if isinstance(e, ChangedMeanwhile) \
            else f"it could not be written ({e.strerror}): check the file can be written to"
        return Outcome(name, [f"{shown}: left as it was: {reason}"], 0, left + 1)
    return Outcome(name, said, sum(c.mended for c in changes), left)


def _first(e: DataError) -> str:
    p = e.problems[0]
    return f"line {p.line}: {p.message}" if p.line else p.message


def _unsafe(before: str, after: str, changes: list[mend.Change], added: list[int], keeps_words: bool, name: str) -> str | None:
    """Why the mended text must not be written, or None when it is safe to."""
    try:
        doc_after, lines_after = yamlload.parse_text(after, name)
    except DataError as e:
        return (f"even mended, it would not be valid YAML ({_first(e)}), and make fix never writes a file that is not: "
                "run `make check`, which says what to do")
    if not keeps_words:
        return None
    old, new = mend._split(before), mend._split(after)
    for line in sorted(added, reverse=True):
        del new[line - 1]
    if len(old) != len(new):
        return "the mends would add or remove lines, which make fix never does"
    by_line: dict[int, list[mend.Change]] = {}
    for c in changes:
        if c.mended:
            by_line.setdefault(c.line - sum(a <= c.line for a in added), []).append(c)
    for number, ((was, _), (now, _)) in enumerate(zip(old, new), 1):
        if was == now:
            continue
        if number not in by_line:
            return f"line {number + sum(a <= number for a in added)} would change without a reason, which make fix never does"
        expected = was
        for c in by_line[number]:
            if c.value:
                expected = expected.replace(c.value[0], c.value[1], 1)
        if _words(expected) != _words(now):
            return f"the words on line {number} would change, which make fix never does: mend it by hand"
    try:
        doc_before, lines_before = yamlload.parse_text(before, name)
    except DataError:
        return None  # it did not read as YAML before (a tab, say): there is no value to keep
    allowed = {c.line for c in changes if c.changes_value and c.mended}
    values_before, values_after = dict(yamlload.leaves(doc_before)), dict(yamlload.leaves(doc_after))
    for path in values_before.keys() | values_after.keys():
        if values_before.get(path, _MISSING) != values_after.get(path, _MISSING):
            if path in values_after:
                line = yamlload.line_of(lines_after, path)
            else:  # gone: where it was
                line = _moved(yamlload.line_of(lines_before, path), added)
            if line not in allowed:
                return f"the value on line {line} would change, which make fix never does: mend it by hand"
    return None


_MISSING = object()


def _moved(line: int | None, added: list[int]) -> int | None:
    """A line of the text before, numbered as in the text after."""
    if line is None:
        return None
    for a in sorted(added):
        if a <= line:
            line += 1
    return line


def _words(line: str) -> list[str]:
    return re.findall(r"\w+", line)





class ChangedMeanwhile(Exception):
    """The file is no longer what was read and mended."""


def write_atomic(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Replace the file's contents with `data` all at once: a new file beside it, renamed over it.

    With `expected`, the file must still hold exactly that, or ChangedMeanwhile and nothing is written."""
    path = Path(path)
    mode = stat.S_IMODE(os.lstat(path).st_mode)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".fixing")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if expected is not None and path.read_bytes() != expected:
            raise ChangedMeanwhile
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


def comment_line_suggestion(data_dir: Path, shown: int = 3, known: dict[str, bool] | None = None) -> str | None:
    """For `make check`: one line naming the data files without the `# yaml-language-server` first line, or None.
    `known`: {file: its text lacks the line} for the files `make check` has read already (macros.data.read), so that
    only the others are read here.

    Never a problem: the line is an editor's convenience (the form's files have none), not a rule."""
    data_dir = Path(data_dir)
    known = known or {}
    missing = []
    for path in data_files(data_dir):
        name = path.relative_to(data_dir.parent).as_posix()
        if name in known:
            lacks = known[name]
        else:
            try:
                lacks = mend.lacks_comment_line(yamlload.read_text(yamlload.read_regular(path, name, data_dir.parent), name))
            except DataError:
                continue  # `make check` says why
        if mend.kind_of(path) and lacks:
            missing.append(text.path(name))
    if not missing:
        return None
    count = len(missing)
    names = ", ".join(missing[:shown]) + (f" and {count - shown} more" if count > shown else "")
    return (f"Suggestion (not a problem): {names} {'has' if count == 1 else 'have'} no first line "
            f"'{mend.COMMENT_PREFIX}...', with which VS Code suggests fields as you type: `make fix` adds it.")


def run(data_dir: Path, fixers: list[Fixer] | None = None) -> tuple[list[str], int, int]:
    """Every fixer over its files: (the lines to print, things mended, things left for a person)."""
    data_dir = Path(data_dir)
    fixers = FIXERS if fixers is None else fixers
    claimed: dict[Path, list[Fixer]] = {}
    for fixer in fixers:
        for path in fixer.files(data_dir):
            claimed.setdefault(Path(path), []).append(fixer)
    lines, mended, left, files = [], 0, 0, 0
    for path, its_fixers in claimed.items():
        name = path.relative_to(data_dir.parent).as_posix() if path.is_relative_to(data_dir.parent) else str(path)
        outcome = fix_file(path, name, its_fixers, data_dir)
        lines += outcome.lines
        mended, left, files = mended + outcome.mended, left + outcome.left, files + (outcome.mended > 0)
    if mended or left:
        things = f"{mended} thing{'s' if mended != 1 else ''} in {files} file{'s' if files != 1 else ''}"
        summary = f"make fix mended {things}" if mended else "make fix mended nothing"
        if left:
            summary += f"; {left} {'is' if left == 1 else 'are'} left for you to do (said above)"
        lines.append(summary + ". Then run `make check`.")
    else:
        lines.append("Nothing to mend: no tabs, curly quotes, unquoted text with a ': ' in it, dates written another way, "
                     "spaces at line ends or missing first lines.")
    return lines, mended, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make fix", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--list", action="store_true", help="list what make fix mends, and do nothing")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.list:
        for fixer in FIXERS:
            print(f"{fixer.name}: {fixer.mends}")
        return 0
    lines, mended, left = run(args.data_dir)
    print("\n".join(lines))
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
