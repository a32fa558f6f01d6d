"""`python -m macros.check`: validate the data without building the site.

Prints every problem as `path:line: message` (and warnings), and exits 1 if any is an error.
In GitHub Actions (GITHUB_ACTIONS=true) it also prints each as an annotation, so a pull
request shows the problem on the line it is about.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .catalogue import load
from .errors import DataError

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else ROOT / "data"
    try:
        catalogue = load(data_dir)
    except DataError as e:
        annotate(e.problems)
        print(e.report(), file=sys.stderr)
        return 1
    annotate(catalogue.warnings)
    for warning in catalogue.warnings:
        print(warning, file=sys.stderr)
    print(f"The data is valid: {len(catalogue.briefings)} briefings, {len(catalogue.themes)} themes, "
          f"{len(catalogue.resources)} resources, {len(catalogue.agencies)} agencies, {len(catalogue.needs)} needs.")
    return 0


def annotate(problems) -> None:
    """GitHub reads workflow commands from standard output only."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation())


if __name__ == "__main__":
    sys.exit(main())
