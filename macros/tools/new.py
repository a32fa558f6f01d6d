"""`make new TITLE="..." DATE=YYYY-MM-DD` (or DATE=YYYY-MM): write a new briefing file from the template.

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

from ..data import dates, text
from ..data.identifiers import KINDS, find
from ..data.model import BRIEFING_TYPES, parse_date as parse_validated

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/tools/ is two folders down
TEMPLATE = Path(__file__).parent / "new-briefing.yml"
USAGE = ('Usage: make new TITLE="Neglect in adolescence" DATE=2024-03-14\n'
         "  TITLE  the briefing's title (required)\n"
         "  DATE   the audit date, YYYY-MM-DD, or YYYY-MM when only the month is known (default: today)\n"
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


def parse_date(value: str) -> tuple[dt.date, str]:
    """DATE as (first day, the text for the file): YYYY-MM-DD, or YYYY-MM when only the month is known."""
    value = value.strip()
    how = "write the date as YYYY-MM-DD or YYYY-MM"
    try:
        if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):  # (parse_date alone would also take 20240314)
            return parse_validated(value)[0], value
    except ValueError:
        raise ValueError(f"DATE {text.quote(value)} is not a real date: check the day and month, "
                         f"and {how}, e.g. DATE=2024-03-14") from None
    reading = dates.read(value)  # 30/06/2024, 30 June 2024 ...: the same reading as `make check` and `make fix`
    if reading is not None and reading.iso is None:
        raise ValueError(f"DATE {text.quote(value)} {reading.why}: {how}, e.g. DATE=2024-03-14")
    hint = f"did you mean DATE={reading.iso}?" if reading else "e.g. DATE=2024-03-14, or DATE=2024-03 when only the month is known"
    raise ValueError(f"DATE {text.quote(value)} is not a date the site can read: {how}: {hint}")


def new_briefing(title: str, date: str, type_: str, briefings: Path) -> Path:
    """Write the file and return its path; ValueError with a sentence when something is wrong."""
    title = " ".join(title.split())
    if not title:
        raise ValueError(USAGE)
    found = next(iter(find(title)), None)
    if found:  # the title becomes the file's name, and so its web address: refused before any file is written
        raise ValueError(f"TITLE {text.quote(title)} looks like it holds {KINDS[found[0]]}: briefings are published and must "
                         "never identify a child or family, and the title becomes the file's name and web address: "
                         "choose a title without it")
    day, date_text = parse_date(date)
    if type_ not in BRIEFING_TYPES:
        raise ValueError(f"TYPE {text.quote(type_)} is not one of: {', '.join(BRIEFING_TYPES)}: "
                         "write one of them, or leave TYPE out for multi-agency-audit")
    name = slug(title)
    if not name:
        raise ValueError(f"TITLE {text.quote(title)} has no letters (A to Z) or digits to make a file name from: "
                         'add some, e.g. TITLE="Neglect in adolescence"; you can change the title '
                         "inside the file afterwards")
    path = briefings / f"{day:%Y-%m}-{name}.yml"
    # JSON text is YAML: the title arrives quoted and escaped, whatever it holds.
    values = {"title": json.dumps(title, ensure_ascii=False), "date": date_text, "type": type_, "id": path.stem}
    content = re.sub(r"\{\{ (\w+) \}\}", lambda m: values[m.group(1)], TEMPLATE.read_text(encoding="utf-8"))
    briefings.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:  # "x": never overwrite an editor's work
            f.write(content)
    except FileExistsError:
        raise ValueError(f"{text.path(path.relative_to(briefings.parent.parent).as_posix())} already exists: "
                         "edit it, or choose a different TITLE") from None
    return path


def main(environ=os.environ, root: Path = ROOT) -> int:
    title, date = environ.get("TITLE", ""), environ.get("DATE") or dt.date.today().isoformat()
    try:
        path = new_briefing(title, date, environ.get("TYPE") or "multi-agency-audit", root / "data" / "briefings")
    except ValueError as e:
        print("\n".join(text.line(line) for line in str(e).split("\n")), file=sys.stderr)  # USAGE has several lines
        return 2
    rel = text.path(path.relative_to(root).as_posix())
    print(f"Wrote {rel}\n"
          f"Next: open it and fill it in (CONTRIBUTING.md says what each field means).\n"
          f"Preview: run `make serve`, then open http://127.0.0.1:8000/briefings/{text.path(path.stem)}/\n"
          f"Before a pull request: run `make check`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
