"""`python -m macros.tools.check [--all] [--publish] [DATA_DIR]`: validate the data without building the site.

Prints every error as `path:line: message` (every rule of macros/data/rules.py), and warnings about the entries this branch changed
(the rest summed up in one line: see macros/tools/report.py; --all prints them all), and exits 1 if
any is an error. In GitHub Actions (GITHUB_ACTIONS=true) it also prints each one shown as an
annotation, so a pull request shows the problem on the line it is about. --publish adds the launch
check (macros/tools/launch.py): the partnership's own settings are filled in and none of the sample is left.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import fix, report
from ..collector import few_collections
from ..data.catalogue import checked
from ..data.errors import DataError
from ..data.read import read
from ..data.words import listing, plural

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/tools/ is two folders down


def main(argv: list[str] | None = None) -> int:
    with few_collections():  # macros.collector: a quarter of the CPU time at 1,000 briefings
        return _check(argv)


def _check(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.tools.check", description="Check the data without building the site.")
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--all", action="store_true", help="print every warning, not only those about entries you changed")
    parser.add_argument("--publish", action="store_true",
                        help="also the launch check: the partnership's own settings are filled in and none of the sample is left")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    data_dir = args.data_dir
    project = data_dir.resolve().parent
    changed = None if args.all else report.changes(project)
    if args.publish:
        from . import launch  # the partnership's settings: read only for the launch check
    launch_problems = launch.problems(project) if args.publish else []
    data = read(data_dir)
    try:
        catalogue = checked(data)  # every rule (macros.data.rules), the feedback form's agency list too
    except DataError as e:
        return failed(e, changed, args.all, launch_problems, data)
    annotate(report.shown(catalogue.warnings, changed, args.all))
    for line in report.lines(catalogue.warnings, changed, args.all) + _suggestions(data):
        print(line, file=sys.stderr)
    print(f"The data is valid: {summary(catalogue)}.")
    if args.publish:
        annotate(launch_problems)
        if any(p.level == "error" for p in launch_problems):
            print(launched(launch_problems), file=sys.stderr)
            return 1
        for problem in launch_problems:
            print(problem, file=sys.stderr)
        print("Ready to publish: the settings are your partnership's and none of the sample is left.")
    return 0


def failed(error: DataError, changed, show_all: bool, launch_problems, data) -> int:
    annotate(report.shown(error.problems, changed, show_all))
    count = len(error.errors)
    lines = report.lines(error.problems, changed, show_all) + _suggestions(data)
    lines.append(f"{count} problem{'s' if count != 1 else ''} in the data: fix {'them' if count != 1 else 'it'} and check again.")
    print("\n".join(lines), file=sys.stderr)
    if launch_problems:
        print(launched(launch_problems), file=sys.stderr)
    return 1


def launched(problems) -> str:
    """The launch check's problems and what to do about them."""
    errors = sum(1 for p in problems if p.level == "error")
    return "\n".join([str(p) for p in problems] + [
        f"{plural(errors, 'problem')} before the site can be published: fix {'them' if errors != 1 else 'it'} and run "
        f"`make check PUBLISH=1` again (README.md, \"Start your partnership's site\")."])


def summary(catalogue) -> str:
    """'2 briefings, 9 themes, 11 resources, 10 agencies and 10 needs' ('no briefings' on a new site)."""
    return listing([plural(len(catalogue.briefings), "briefing"), plural(len(catalogue.themes), "theme"),
                    plural(len(catalogue.resources), "resource"), plural(len(catalogue.agencies), "agency", "agencies"),
                    plural(len(catalogue.needs), "need")])


def _suggestions(data) -> list[str]:
    """What `make fix` could add that is no rule (never an annotation, never a failure), from the files as read."""
    suggestion = fix.comment_line_suggestion(data.data_dir, known=data.comment_lines)
    return [suggestion] if suggestion else []


def annotate(problems) -> None:
    """GitHub reads workflow commands from standard output only."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation())


if __name__ == "__main__":
    sys.exit(main())
