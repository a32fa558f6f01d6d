"""`python -m macros.check [--all] [DATA_DIR]`: validate the data without building the site.

Prints every error as `path:line: message` (the feedback form's agency list, macros/issueform.py,
is checked against data/agencies.yml too), and warnings about the entries this branch changed
(the rest summed up in one line: see macros/report.py; --all prints them all), and exits 1 if
any is an error. In GitHub Actions (GITHUB_ACTIONS=true) it also prints each one shown as an
annotation, so a pull request shows the problem on the line it is about.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import issueform, report
from .catalogue import load
from .errors import DataError

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.check", description="Check the data without building the site.")
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--all", action="store_true", help="print every warning, not only those about entries you changed")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    data_dir = args.data_dir
    root = data_dir.resolve().parent
    changed = None if args.all else report.changes(root)
    form = issueform.problems(root)  # the feedback form's agency list, made from data/agencies.yml
    try:
        catalogue = load(data_dir)
    except DataError as e:
        return failed(DataError(e.problems + form), changed, args.all)
    if form:
        return failed(DataError(catalogue.warnings + form), changed, args.all)
    annotate(report.shown(catalogue.warnings, changed, args.all))
    for line in report.lines(catalogue.warnings, changed, args.all):
        print(line, file=sys.stderr)
    print(f"The data is valid: {len(catalogue.briefings)} briefings, {len(catalogue.themes)} themes, "
          f"{len(catalogue.resources)} resources, {len(catalogue.agencies)} agencies, {len(catalogue.needs)} needs.")
    return 0


def failed(error: DataError, changed, show_all: bool) -> int:
    annotate(report.shown(error.problems, changed, show_all))
    count = len(error.errors)
    lines = report.lines(error.problems, changed, show_all)
    lines.append(f"{count} problem{'s' if count != 1 else ''} in the data: fix {'them' if count != 1 else 'it'} and check again.")
    print("\n".join(lines), file=sys.stderr)
    return 1


def annotate(problems) -> None:
    """GitHub reads workflow commands from standard output only."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation())


if __name__ == "__main__":
    sys.exit(main())
