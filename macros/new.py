"""`make new TITLE="..." DATE=YYYY-MM-DD`: write a new briefing file from the template.

The file is named by the convention (data/briefings/YYYY-MM-slug.yml), has every section
present and commented, and is valid as written, so the editor's first preview works.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

from .model import BRIEFING_TYPES

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).parent / "templates" / "new-briefing.yml"
USAGE = ('Usage: make new TITLE="Neglect in adolescence" DATE=2024-03-14\n'
         "  TITLE  the briefing's title (required)\n"
         "  DATE   the audit date, YYYY-MM-DD (default: today)\n"
         f"  TYPE   one of {', '.join(BRIEFING_TYPES)} (default: multi-agency-audit)")


def slug(title: str, limit: int = 50) -> str:
    """'Neglect in adolescence' -> 'neglect-in-adolescence': lower case, hyphens, no accents."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower().replace("'", ""))
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > limit:
            break
        out = f"{out}-{word}" if out else word[:limit]
    return out


def new_briefing(title: str, date: str, type_: str, briefings: Path) -> Path:
    """Write the file and return its path; ValueError with a sentence when something is wrong."""
    title = " ".join(title.split())
    if not title:
        raise ValueError(USAGE)
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise ValueError(f"DATE '{date}' is not a date: write it as YYYY-MM-DD, e.g. DATE=2024-03-14") from None
    if type_ not in BRIEFING_TYPES:
        raise ValueError(f"TYPE '{type_}' is not one of: {', '.join(BRIEFING_TYPES)}")
    name = slug(title)
    if not name:
        raise ValueError(f"TITLE '{title}' has no letters or digits to make a file name from")
    path = briefings / f"{day:%Y-%m}-{name}.yml"
    values = {"title": json.dumps(title, ensure_ascii=False), "date": day.isoformat(), "type": type_}  # JSON text is YAML
    text = re.sub(r"\{\{ (\w+) \}\}", lambda m: values[m.group(1)], TEMPLATE.read_text(encoding="utf-8"))
    briefings.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:  # "x": never overwrite an editor's work
            f.write(text)
    except FileExistsError:
        raise ValueError(f"{path.relative_to(briefings.parent.parent).as_posix()} already exists: "
                         "edit it, or choose a different TITLE") from None
    return path


def main(environ=os.environ, root: Path = ROOT) -> int:
    title, date = environ.get("TITLE", ""), environ.get("DATE") or dt.date.today().isoformat()
    try:
        path = new_briefing(title, date, environ.get("TYPE") or "multi-agency-audit", root / "data" / "briefings")
    except ValueError as e:
        print(e, file=sys.stderr)
        return 2
    rel = path.relative_to(root).as_posix()
    print(f"Wrote {rel}\n"
          f"Next: open it and fill it in (CONTRIBUTING.md says what each field means).\n"
          f"Preview: run `make serve`, then open http://127.0.0.1:8000/briefings/{path.stem}/\n"
          f"Before a pull request: run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
