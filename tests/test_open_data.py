"""The open data an analyst downloads, read as an analyst reads it (Python's csv module), gives the
figures the site's own pages show: /actions/ from actions.csv, the themes matrix from findings.csv,
each briefing's "Used by" from uses.csv. On the impact fixture (tracked actions and uses)."""
import csv
import json
import re
from collections import Counter, defaultdict

import pytest

from conftest import html_tables, page_text

PROGRESS = ["Overdue", "Open", "Done", "Dropped"]


def read(site, name: str) -> list[dict]:
    with (site / "data" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table(site, url: str, caption_start: str) -> list[list[str]]:
    tables = html_tables((site / url / "index.html").read_text(encoding="utf-8"))
    [rows] = [rows for caption, rows in tables.items() if caption.startswith(caption_start)]
    return rows


def progress(row: dict) -> str:
    """Where an action stands, from the CSV's own columns."""
    if row["status"] in ("Done", "Dropped"):
        return row["status"]
    return "Overdue" if row["overdue"] == "yes" else "Open"


def test_every_file_reads_with_the_columns_the_data_page_lists(impact_site):
    text = page_text(impact_site, "data/")
    for name, listed_as in (("findings.csv", "findings.csv"), ("actions.csv", "actions.csv"), ("uses.csv", "uses.csv"),
                            ("report-2023.csv", "report-<year>.csv")):
        rows = read(impact_site, name)
        assert rows, name
        listed = table(impact_site, "data", f"Columns of {listed_as}")
        assert [r[0] for r in listed[1:]] == list(rows[0]), name  # every column, in order, with what it holds
        assert all(r[1] for r in listed[1:]), name
        assert f"{name}" in text


def test_dates_are_one_format_with_the_precision_stated(impact_site):
    day = re.compile(r"\d{4}-\d{2}-\d{2}")
    for name, columns in (("actions.csv", ["briefing_date", "due", "agreed", "closed", "updated", "as_of"]),
                          ("uses.csv", ["date"]), ("findings.csv", ["briefing_date"])):
        for row in read(impact_site, name):
            for column in columns:
                assert row[column] == "" or day.fullmatch(row[column]), (name, column, row[column])
    rows = read(impact_site, "actions.csv")
    # The pre-school briefing is dated December 2021 and its DASH action is due June 2022: months, not days.
    dash = next(r for r in rows if r["text"].startswith("Practitioners from all agencies to use DASH"))
    assert (dash["briefing_date"], dash["agreed"], dash["due"], dash["month_only"]) == (
        "2021-12-01", "2021-12-01", "2022-06-30", "briefing_date; due; agreed")
    dropped = next(r for r in rows if r["text"] == "A single neglect screening form for every agency")
    assert (dropped["closed"], dropped["days_to_close"]) == ("2024-08-01", "")  # closed in a month: no days counted
    late = next(r for r in rows if r["text"].startswith("GPs to flag"))
    assert (late["agreed"], late["closed"], late["days_to_close"], late["owner_name"]) == ("2023-10-02", "2024-05-20", "231", "GPs")
    undated = [r for r in read(impact_site, "uses.csv") if r["team"] == "GP safeguarding leads"]
    assert [(r["date"], r["month_only"]) for r in undated] == [("", "")]


def test_the_actions_page_shows_what_actions_csv_gives(impact_site):
    rows = read(impact_site, "actions.csv")
    expected = defaultdict(Counter)
    for row in rows:
        expected[row["owner_name"] or "No owner recorded"][progress(row)] += 1
    summary = table(impact_site, "actions", f"{len(rows)} actions as of")
    assert summary[0] == ["Owner"] + PROGRESS
    shown = {r[0]: [int(n) for n in r[1:]] for r in summary[1:-1]}
    assert shown == {owner: [counts[p] for p in PROGRESS] for owner, counts in expected.items()}
    assert summary[-1] == ["All"] + [str(sum(c[p] for c in expected.values())) for p in PROGRESS]
    unrecorded = sum(1 for r in rows if r["status"] == "No progress recorded yet")
    assert f"{len(rows)} actions as of" in page_text(impact_site, "actions/")
    assert f"{unrecorded} of them with no progress recorded yet" in page_text(impact_site, "actions/")
    # each listed action once, whatever its state
    html = (impact_site / "actions/index.html").read_text(encoding="utf-8")
    assert html.count("data-sg-filterable") == len(rows)


def test_the_themes_matrix_shows_what_findings_csv_gives(impact_site):
    counts = Counter()
    for row in read(impact_site, "findings.csv"):
        for theme in filter(None, row["themes"].split("; ")):
            counts[(theme, row["briefing_title"])] += 1
    data = json.loads((impact_site / "data/briefings.json").read_text())
    titles = {t["id"]: t["title"] for t in data["themes"]}
    matrix = table(impact_site, "themes", "Findings on each theme, by briefing")
    # each column's heading is the briefing's title, then its date
    briefings = [next(b["title"] for b in data["briefings"] if h.startswith(b["title"] + " ")) for h in matrix[0][1:-1]]
    shown = {}
    for row in matrix[1:]:
        for title, cell in zip(briefings, row[1:-1]):
            if cell != "None":
                shown[(row[0], title)] = int(cell.split()[0])
    assert shown == {(titles[t], b): n for (t, b), n in counts.items()}
    # issue 22: the tags alone (the old themes column) gave 4 here, leaving out the point in the learning section on fathers
    assert shown[("Engagement with fathers and partners", "Engagement with Fathers")] == 5


def test_each_briefings_uses_are_the_rows_of_uses_csv(impact_site):
    uses = Counter(r["briefing"] for r in read(impact_site, "uses.csv"))
    assert sum(uses.values()) == 9
    for b in json.loads((impact_site / "data/briefings.json").read_text())["briefings"]:
        text = page_text(impact_site, f"briefings/{b['id']}/")
        n = uses[b["id"]]
        assert (f"Used by {n} team{'s' if n != 1 else ''}" in text) if n else ("Used by" not in text), b["id"]


@pytest.mark.parametrize("name", ["findings.csv", "actions.csv", "uses.csv"])
def test_the_csv_files_have_their_header_once_and_crlf_rows(impact_site, name):
    raw = (impact_site / "data" / name).read_bytes()
    assert raw.count(b"\r\n") >= 2 and raw.splitlines()[0].count(b",") >= 5
