"""`python -m macros.tools.rules [--write]`: the list of what `make check` checks, from the registry of
rules (macros.data.rules); --write puts it in CONTRIBUTING.md between its markers, so the two cannot
drift apart (tests/test_rules.py fails when they do)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..data.rules import markdown

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/tools/ is two folders down
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
START, END = "<!-- rules: python -m macros.tools.rules --write -->\n", "<!-- end of rules -->"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.tools.rules", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the list into CONTRIBUTING.md")
    args = parser.parse_args(argv)
    if not args.write:
        print(markdown(), end="")
        return 0
    text = CONTRIBUTING.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"CONTRIBUTING.md has no markers for the list: put {START.strip()} and {END} where it goes", file=sys.stderr)
        return 1
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    CONTRIBUTING.write_text(before + START + markdown() + END + after, encoding="utf-8")
    print("Wrote the list of rules into CONTRIBUTING.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
