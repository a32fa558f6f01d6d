"""The yearly report (/report/<year>/ and data/report-<year>.csv) on the impact fixture: every figure
equals what an analyst computes with Python's csv module from the published actions.csv, uses.csv and
findings.csv; the tables copy into a word processor; the current and previous years are linked from
/actions/ and /editors/."""
import csv
import datetime as dt
import json
import re
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from conftest import html_tables, page_text
from macros.data.model import ActionFigures


def read(site: Path, name: str) -> list[dict]:
    with (site / "data" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def year_of(day: str) -> int | None:
    return int(day[:4]) if day else None


def median(days: list[int]) -> str:
    if not days:
        return ""
    m = statistics.median(days)
    return str(int(m)) if float(m).is_integer() else f"{m:.1f}"


def expected(site: Path, year: int) -> dict:
    """The report's figures for `year`, from the published CSV files alone."""
    actions = [r for r in read(site, "actions.csv") if year_of(r["agreed"]) == year]
    by_owner = defaultdict(lambda: {"agreed": 0, "closed": 0, "overdue": 0, "open": 0, "days": []})
    by_owner["All"]  # the totals' row, even for a year with none
    for r in actions:
        for row in (by_owner[r["owner_name"] or "No owner recorded"], by_owner["All"]):
            row["agreed"] += 1
            if r["status"] in ("Done", "Dropped"):
                row["closed"] += 1
                if r["days_to_close"]:
                    row["days"].append(int(r["days_to_close"]))
            elif r["overdue"] == "yes":
                row["overdue"] += 1
            else:
                row["open"] += 1
    owners = {o: [str(v["agreed"]), str(v["closed"]), str(v["overdue"]), str(v["open"]), median(v["days"])]
              for o, v in by_owner.items()}
    uses = [r for r in read(site, "uses.csv") if year_of(r["date"]) == year]
    findings = read(site, "findings.csv")
    briefings = {r["briefing"] for r in findings if year_of(r["briefing_date"]) == year}
    theme_years = defaultdict(Counter)
    for r in findings:
        for theme in filter(None, r["themes"].split("; ")):
            if year_of(r["briefing_date"]) <= year:
                theme_years[theme][year_of(r["briefing_date"])] += 1
    themes = {t: (c[year], sorted(c)) for t, c in theme_years.items() if c[year] and len(c) >= 2}
    return {"owners": owners, "uses": Counter(r["briefing_title"] for r in uses), "changes": sorted(
        (r["team"], r["change"] or "Not recorded") for r in uses), "briefings": len(briefings), "themes": themes}


def report_tables(site: Path, year: int) -> dict[str, list[list[str]]]:
    return html_tables((site / "report" / str(year) / "index.html").read_text(encoding="utf-8"))


def table(tables: dict, start: str) -> list[list[str]]:
    found = [rows for caption, rows in tables.items() if caption.startswith(start)]
    return found[0] if found else []


def years(site: Path) -> list[int]:
    return sorted(int(p.parent.name) for p in (site / "report").glob("*/index.html"))


def test_the_fixture_has_what_the_report_must_count(impact_site):
    """Issue 22's fixture: actions across two years and more, some closed late, some dropped, some with no status; several uses."""
    rows = read(impact_site, "actions.csv")
    assert len({year_of(r["agreed"]) for r in rows}) >= 2
    assert any(r["closed"] and r["closed"] > r["due"] for r in rows)  # closed late
    assert any(r["status"] == "Dropped" for r in rows)
    assert any(r["status"] == "No progress recorded yet" for r in rows)
    assert len(read(impact_site, "uses.csv")) >= 5
    assert years(impact_site)[0] == 2021 and years(impact_site)[-1] == dt.date.today().year  # every year to this one


def test_every_report_page_shows_what_the_csv_files_give(impact_site):
    for year in years(impact_site):
        want = expected(impact_site, year)
        tables = report_tables(impact_site, year)
        actions = table(tables, f"Actions agreed in {year}, by owner")
        shown = {r[0]: [c if c not in ("None closed", "Days not recorded") else "" for c in r[1:]] for r in actions[1:]}
        assert (shown or {"All": ["0", "0", "0", "0", ""]}) == want["owners"], year  # no table: none agreed
        briefings = table(tables, f"{want['briefings']} briefing")
        assert len(briefings[1:]) == want["briefings"], year
        uses = table(tables, f"Uses recorded in {year}, by briefing")
        assert {r[0]: int(r[1]) for r in uses[1:-1]} == dict(want["uses"]), year
        changes = table(tables, f"What teams said they will do differently, {year}")
        assert sorted((r[0], r[5]) for r in changes[1:]) == want["changes"], year
        themes = table(tables, f"Themes found in {year} and before")
        titles = {t["id"]: t["title"] for t in json.loads((impact_site / "data/briefings.json").read_text())["themes"]}
        assert {r[0]: (int(r[1]), [int(y) for y in r[2].split(", ")]) for r in themes[1:]} == {
            titles[t]: v for t, v in want["themes"].items()}, year


def test_each_report_csv_holds_the_same_figures(impact_site):
    for year in years(impact_site):
        want = expected(impact_site, year)
        rows = read(impact_site, f"report-{year}.csv")
        assert {r["year"] for r in rows} == {str(year)}
        got = defaultdict(dict)
        for r in rows:
            got[(r["table"], r["row"])][r["measure"]] = r["value"]
        owners = {row: [m["agreed"], m["closed"], m["overdue"], m["open"], m["median_days_to_close"]]
                  for (t, row), m in got.items() if t == "actions agreed, by owner"}
        assert owners == want["owners"], year
        assert got[("briefings published", "All")] == {"briefings": str(want["briefings"])}
        assert {row: int(m["uses"]) for (t, row), m in got.items() if t == "uses recorded, by briefing" and row != "All"} \
            == dict(want["uses"])
        assert len([k for k in got if k[0] == "themes that recur"]) == len(want["themes"])


def test_the_2023_report_in_figures(impact_site):
    """One year worked by hand from tests/fixtures/impact/: the missed-appointments review's eight actions."""
    actions = table(report_tables(impact_site, 2023), "Actions agreed in 2023, by owner")
    assert actions[0] == ["Owner", "Agreed", "Closed (done or dropped)", "Overdue", "Open", "Median days to close"]
    assert actions[-1] == ["All", "8", "3", "1", "4", "212"]  # closed in 231, 212 and 142 days
    assert ["Social Care", "1", "0", "1", "0", "None closed"] in actions
    assert ["No owner recorded", "3", "0", "0", "3", "None closed"] in actions
    text = page_text(impact_site, "report/2023/")
    assert "1 use recorded with no date is counted in no year." in text


def test_a_median_of_an_even_count_is_the_mean_of_the_middle_two():
    assert ActionFigures("All", None, days_to_close=[10, 30, 20, 41]).median_days == 25.0
    assert ActionFigures("All", None, days_to_close=[10, 31]).median_days == 20.5
    assert ActionFigures("All", None).median_days is None


def test_the_tables_copy_into_a_word_processor(impact_site):
    html = (impact_site / "report/2023/index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"): html.index("</article>")]
    tables = re.findall(r"<table.*?</table>", article, re.S)
    assert len(tables) == 5
    for t in tables:
        assert "<caption>" in t and "<thead>" in t
        assert not re.search(r"colspan|rowspan|<table.*<table", t[6:], re.S)  # no merged cells, no table in a table
    chart = article[article.index('<div class="sg-report-chart">'):]
    assert chart.index('role="img"') < chart.index("<table")  # a chart, then its figures in the table


@pytest.mark.parametrize("url", ["actions/", "editors/"])
def test_the_current_and_previous_years_are_linked(impact_site, url):
    html = (impact_site / url / "index.html").read_text(encoding="utf-8")
    line = html[html.index('class="sg-report-links"'):]
    line = line[: line.index("</p>")]
    this_year = dt.date.today().year
    hrefs = re.findall(r'href="([^"]+)"', line)
    assert hrefs == [f"../report/{this_year}/", f"../report/{this_year - 1}/", "../report/"]
    for href in hrefs:
        assert (impact_site / url / href / "index.html").resolve().is_file()
    assert f"{this_year} (so far)" in page_text(impact_site, url)
