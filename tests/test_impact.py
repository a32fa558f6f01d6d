"""The impact loop's data: actions with owners and status, use records, the indexes over them,
actions.csv, the per-theme and per-agency feeds and the chart of findings per year (the "used a
briefing" form: tests/test_issueform.py). Each test writes the briefings it needs; the registries are the fixture's."""
import csv
import datetime as dt
import io
import json
from xml.etree import ElementTree as ET

import pytest

from conftest import ROOT, make_data, write
from macros.outputs import export
from macros.pages import feeds, urls
from macros.data.catalogue import load
from macros.pages.chart import findings_per_year, year_rows
from macros.data.errors import DataError
from macros.data.model import Action, Briefing
from macros.tools.synth import generate
from macros.data.validate import check_references
from macros.data.yamlload import load_yaml

A = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
SITE = "https://briefings.example.org/"
TODAY = dt.date(2025, 6, 15)

TRACKED = """
title: Fathers and Neglect
type: multi-agency-audit
date: 2024-03-05
summary: S
agencies: [gp, social-care]
worries:
  - text: Fathers were not seen
    themes: [engagement-with-fathers]
    agencies: [police]
  - Nobody asked about the home
learning:
  - theme: engagement-with-fathers
    heading: Include fathers
    found: [Fathers were rarely invited]
    actions:
      - Write a fathers' guide
      - text: Invite fathers to every core group
        owner: social-care
        due: 2025-01
        status: in-progress
        updated: 2024-11-02
      - text: Audit again in a year
        owner: police
        due: 2025-09-30
        status: not-started
      - text: Add a father field to the referral form
        owner: gp
        due: 2024-06-30
        status: done
        updated: 2024-06-20
        evidence: The new form, https://example.org/form, went live in June
  - theme: cumulative-harm
    found: [Incidents were seen one at a time]
    actions:
      - text: Train staff on cumulative harm
        owner: police
        due: 2025-06
      - text: Stop the old chronology template
        status: dropped
used_by:
  - team: Health visiting team (east)
    agency: sirona
    date: 2024-05-14
    how: team meeting
    change: We ask about every adult in the household
  - team: Police safeguarding unit
    date: 2024-07
"""
OLDER = """
title: Older
type: rapid-review
date: 2023-02-01
summary: S
learning:
  - theme: engagement-with-fathers
    found:
      - text: Older finding on fathers
        agencies: [police]
    actions:
      - text: Older action for social care
        owner: social-care
        due: 2023-12-01
"""


@pytest.fixture
def cat(tmp_path):
    data = make_data(tmp_path, {"briefings/2024-03-tracked.yml": TRACKED, "briefings/2023-02-older.yml": OLDER}, seeds=False)
    return load(data, today=TODAY)


def briefing(cat, ident) -> Briefing:
    return next(b for b in cat.briefings if b.id == ident)


def test_actions_and_uses_load(cat):
    b = briefing(cat, "2024-03-tracked")
    actions = [a for _, a in b.actions()]
    assert [a.text for a in actions] == ["Write a fathers' guide", "Invite fathers to every core group", "Audit again in a year",
                                         "Add a father field to the referral form", "Train staff on cumulative harm",
                                         "Stop the old chronology template"]
    plain, core = actions[0], actions[1]
    assert (plain.owner, plain.status, plain.due, plain.tracked) == (None, None, None, False)
    assert plain.status_label == "No progress recorded yet"
    assert (core.owner, core.status, core.status_label) == ("social-care", "in-progress", "In progress")
    assert (core.due, core.due_precision, core.due_label) == (dt.date(2025, 1, 1), "month", "January 2025")
    assert core.updated == dt.date(2024, 11, 2) and core.tracked
    assert actions[3].evidence == "The new form, https://example.org/form, went live in June"
    assert [l.theme for l, _ in b.actions()] == ["engagement-with-fathers"] * 4 + ["cumulative-harm"] * 2
    assert [(u.team, u.agency, u.date, u.date_precision, u.how, u.change) for u in b.used_by] == [
        ("Health visiting team (east)", "sirona", dt.date(2024, 5, 14), "day", "team meeting",
         "We ask about every adult in the household"),
        ("Police safeguarding unit", None, dt.date(2024, 7, 1), "month", None, None)]
    assert b.use_count == 2 and briefing(cat, "2023-02-older").used_by == []
    assert "police" in b.agency_ids()  # owns actions, so the agency's page lists the briefing


MINIMAL = "title: T\ntype: rapid-review\ndate: 2024-03-05\nsummary: S\n"
ACTION = MINIMAL + "learning:\n  - theme: cumulative-harm\n    actions:\n      - text: Do it\n"


@pytest.mark.parametrize("text,expected", [
    (ACTION + "        status: finished\n",
     "data/briefings/2024-03-bad.yml:9: status 'finished' is not one of: not-started, in-progress, done, dropped"),
    (ACTION + "        status: in-progess\n", "(did you mean 'in-progress'?)"),
    (ACTION + "        owner: polise\n",
     "data/briefings/2024-03-bad.yml:9: unknown agency 'polise' (did you mean 'police'?): the agency ids are camhs, edt,"),
    (ACTION + "        due: 2025-02-30\n", "data/briefings/2024-03-bad.yml:9: due '2025-02-30' is not a real date: February 2025 has 28 days."),
    (ACTION + "        due: 2025-13\n", "data/briefings/2024-03-bad.yml:9: due '2025-13' is not a real date"),
    (ACTION + "        updated: 2025\n", "data/briefings/2024-03-bad.yml:9: updated should be text, not the number 2025"),
    (ACTION + "        evidence: '  '\n", "data/briefings/2024-03-bad.yml:9: evidence is blank"),
    (ACTION + "        ownr: police\n", "data/briefings/2024-03-bad.yml:9: unknown field 'ownr' (did you mean 'owner'?)"),
    (MINIMAL + "used_by:\n  - agency: police\n", "data/briefings/2024-03-bad.yml:6: missing required field team"),
    (MINIMAL + "used_by:\n  - team: T\n    agency: polise\n",
     "data/briefings/2024-03-bad.yml:7: unknown agency 'polise' (did you mean 'police'?)"),
    (MINIMAL + "used_by:\n  - team: T\n    date: 2024-02-30\n", "data/briefings/2024-03-bad.yml:7: date '2024-02-30' is not a real date"),
])
def test_bad_fields_are_refused_at_their_line(tmp_path, text, expected):
    with pytest.raises(DataError) as e:
        load(make_data(tmp_path, {"briefings/2024-03-bad.yml": text}, seeds=False), today=TODAY)
    assert expected in e.value.report(), e.value.report()


@pytest.mark.parametrize("field,text", [
    ("used_by.team", MINIMAL + "used_by:\n  - team: Team of 943 476 5919\n"),
    ("evidence", ACTION + "        evidence: Seen for 943 476 5919\n"),
])
def test_the_identifiers_guard_covers_the_new_fields(tmp_path, field, text):
    with pytest.raises(DataError) as e:
        load(make_data(tmp_path, {"briefings/2024-03-bad.yml": text}, seeds=False), today=TODAY)
    [problem] = e.value.errors
    assert problem.line == text.count("\n") and "looks like an NHS number" in problem.message
    assert "943 476 5919" not in e.value.report()


def test_a_resources_owner_is_text_not_an_agency(tmp_path):
    path = write(tmp_path / "resources.yml", "- id: r\n  owner: Business unit\n")
    document, lines = load_yaml(path, "resources.yml")
    known = {"agencies": {"police": None}, "resources": {"r": None}}
    assert check_references(document, lines, "resources.yml", known, kind="resources") == ([], [])
    [problem], _ = check_references({"owner": "Business unit"}, lines, "b.yml", known, kind="briefing")
    assert "unknown agency 'Business unit'" in problem.message


@pytest.mark.parametrize("due,status,today,overdue", [
    ("2025-06-14", None, TODAY, True),            # the day after: overdue, even with no status recorded
    ("2025-06-15", "in-progress", TODAY, False),  # due today: still on time
    ("2025-06-14", "done", TODAY, False),
    ("2025-06-14", "dropped", TODAY, False),
    ("2025-06-14", "not-started", TODAY, True),
    ("2025-06", "in-progress", dt.date(2025, 6, 30), False),  # a month: due by its last day
    ("2025-06", "in-progress", dt.date(2025, 7, 1), True),
    ("2024-02", None, dt.date(2024, 2, 29), False),            # a leap year's February
    ("2024-02", None, dt.date(2024, 3, 1), True),
    (None, "not-started", TODAY, False),                      # no due date: never overdue
])
def test_overdue(due, status, today, overdue):
    data = {"text": "T", **({"due": due} if due else {}), **({"status": status} if status else {})}
    action = Action.from_data(data)
    assert action.is_overdue(today) is overdue
    assert action.progress(today) == ("overdue" if overdue else status if status in ("done", "dropped") else "open")


def test_the_actions_index_lists_every_action_those_with_a_status_first(cat):
    def texts(entries):
        return [e.action.text for e in entries]
    # Every action, those with no status ("Write a fathers' guide") too. Still to do before done or dropped;
    # among those, a recorded status first; then overdue before open; then the soonest due first.
    assert texts(cat.actions) == ["Invite fathers to every core group", "Audit again in a year",
                                  "Older action for social care", "Train staff on cumulative harm", "Write a fathers' guide",
                                  "Add a father field to the referral form", "Stop the old chronology template"]
    # "Train staff" is due 2025-06: on 15 June it still has until the end of the month
    assert [e.progress for e in cat.actions] == ["overdue", "open", "overdue", "open", "open", "done", "dropped"]
    assert cat.action_counts(cat.actions) == {"overdue": 2, "open": 3, "done": 1, "dropped": 1}
    groups = [(agency.id if agency else None, texts(entries)) for agency, entries in cat.action_groups()]
    assert groups == [  # registry order, no owner last, empty agencies left out
        ("gp", ["Add a father field to the referral form"]),
        ("social-care", ["Invite fathers to every core group", "Older action for social care"]),
        ("police", ["Audit again in a year", "Train staff on cumulative harm"]),
        (None, ["Write a fathers' guide", "Stop the old chronology template"])]
    assert [(b.id, texts(entries)) for b, entries in cat.unowned_by_briefing()] == [
        ("2024-03-tracked", ["Write a fathers' guide", "Stop the old chronology template"])]
    assert [(agency and agency.id, counts["overdue"], counts["open"]) for agency, counts in cat.action_summary()] == [
        ("gp", 0, 0), ("social-care", 2, 0), ("police", 0, 2), (None, 0, 1)]
    assert texts(cat.agency_actions["police"]) == ["Audit again in a year", "Train staff on cumulative harm"]
    assert cat.agency_actions["camhs"] == []
    assert texts(cat.overdue_actions()) == ["Older action for social care", "Invite fathers to every core group"]  # longest overdue first
    first = cat.actions[0]
    assert (first.briefing.id, first.learning.theme) == ("2024-03-tracked", "engagement-with-fathers")


def test_briefings_without_use_and_by_use(cat):
    assert [b.id for b in cat.briefings_without_use()] == ["2023-02-older"]
    assert cat.briefings_without_use(older_than_days=1000) == []
    assert [b.id for b in cat.briefings_by_use()] == ["2024-03-tracked", "2023-02-older"]


def test_actions_csv_has_a_row_per_action_with_formulas_defused(tmp_path):
    evil = ACTION.replace("Do it", "'=1+2'") + \
        "        owner: police\n        due: 2025-03\n        status: done\n        updated: 2025-04-01\n" \
        "        evidence: '@SUM(A1)'\n      - Plain action\n"
    cat = load(make_data(tmp_path, {"briefings/2024-03-csv.yml": evil}, seeds=False), today=TODAY)
    rows = list(csv.DictReader(io.StringIO(export.actions_csv(cat))))
    assert rows == [
        {"briefing": "2024-03-csv", "briefing_title": "T", "briefing_date": "2024-03-05", "theme": "cumulative-harm",
         "text": "'=1+2", "owner": "police", "owner_name": "Police", "status": "Done", "overdue": "no", "as_of": "2025-06-15",
         "due": "2025-03-31", "agreed": "2024-03-05", "closed": "", "days_to_close": "", "updated": "2025-04-01",
         "month_only": "due", "evidence": "'@SUM(A1)"},
        {"briefing": "2024-03-csv", "briefing_title": "T", "briefing_date": "2024-03-05", "theme": "cumulative-harm",
         "text": "Plain action", "owner": "", "owner_name": "", "status": "No progress recorded yet", "overdue": "no",
         "as_of": "2025-06-15", "due": "", "agreed": "2024-03-05", "closed": "", "days_to_close": "", "updated": "",
         "month_only": "", "evidence": ""}]
    assert "data/actions.csv" in export.files(cat, SITE, "B", ROOT / "data" / "schema")


def test_briefings_json_has_the_new_fields(cat):
    data = json.loads(export.briefings_json(cat, SITE))
    b = next(x for x in data["briefings"] if x["id"] == "2024-03-tracked")
    actions = [f for f in b["findings"] if f.get("part") == "actions"]
    assert {k: actions[1][k] for k in ("text", "owner", "due", "status", "updated", "evidence")} == {
        "text": "Invite fathers to every core group", "owner": "social-care", "due": "2025-01", "status": "in-progress",
        "updated": "2024-11-02", "evidence": None}
    assert actions[0]["status"] is None and "status" not in b["findings"][0]  # a worry has no status
    assert b["used_by"][1] == {"team": "Police safeguarding unit", "agency": None, "date": "2024-07", "how": None, "change": None}


def parse_feed(xml: str):
    feed = ET.fromstring(xml.encode())
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{A}{tag}").text
    assert feed.find(f"{A}author/{A}name").text
    entries = feed.findall(f"{A}entry")
    for e in entries:
        for tag in ("id", "title", "updated", "published"):
            assert e.find(f"{A}{tag}").text
        assert e.find(f"{A}content").get("type") == "text"
    assert len({e.find(f"{A}id").text for e in entries}) == len(entries)
    return feed, entries


def test_a_theme_feed_carries_only_that_themes_findings_newest_first(cat):
    feed, entries = parse_feed(export.theme_feed(cat, "engagement-with-fathers", SITE, "B"))
    assert feed.find(f"{A}link[@rel='self']").get("href") == SITE + "themes/engagement-with-fathers/feed.xml"
    assert feed.find(f"{A}link[@rel='alternate']").get("href") == SITE + "themes/engagement-with-fathers/"
    assert [e.find(f"{A}link[@rel='alternate']").get("href") for e in entries] == [
        SITE + "briefings/2024-03-tracked/", SITE + "briefings/2023-02-older/"]
    assert entries[0].find(f"{A}id").text == SITE + "briefings/2024-03-tracked/#theme-engagement-with-fathers"
    content = entries[0].find(f"{A}content").text
    for text in ("Include fathers", "Fathers were rarely invited", "Write a fathers' guide", "Fathers were not seen",
                 "Invite fathers to every core group (Overdue; In progress; Owner: Social Care; Due by the end of January 2025; "
                 "Updated 2 November 2024)", "Write a fathers' guide (No progress recorded yet)"):
        assert text in content
    for other in ("Incidents were seen one at a time", "Train staff on cumulative harm", "Nobody asked about the home"):
        assert other not in content
    assert entries[0].find(f"{A}updated").text == "2024-11-02T00:00:00Z"  # an action's status was updated then
    assert feed.find(f"{A}updated").text == "2024-11-02T00:00:00Z"
    _, entries = parse_feed(export.theme_feed(cat, "cumulative-harm", SITE, "B"))
    [content] = [e.find(f"{A}content").text for e in entries]
    assert "Train staff on cumulative harm" in content and "Fathers" not in content


def test_an_agency_feed_carries_only_that_agencys_findings_and_actions(cat):
    feed, entries = parse_feed(export.agency_feed(cat, "police", SITE, "B"))
    assert feed.find(f"{A}link[@rel='self']").get("href") == SITE + "agencies/police/feed.xml"
    assert [e.find(f"{A}id").text for e in entries] == [
        SITE + "briefings/2024-03-tracked/#agency-police", SITE + "briefings/2023-02-older/#agency-police"]
    newer, older = (e.find(f"{A}content").text for e in entries)
    assert "Fathers were not seen" in newer and "Audit again in a year" in newer and "Train staff on cumulative harm" in newer
    for other in ("Invite fathers", "Nobody asked", "Add a father field", "Write a fathers' guide"):
        assert other not in newer
    assert "Older finding on fathers" in older and "Older action for social care" not in older
    # sirona only used the newer briefing: nothing in either is theirs, so no entries.
    _, entries = parse_feed(export.agency_feed(cat, "sirona", SITE, "B"))
    assert entries == []


def test_every_theme_and_agency_has_a_feed_of_at_most_feed_entries(cat, monkeypatch):
    out = export.files(cat, SITE, "B", ROOT / "data" / "schema")
    assert {f"themes/{t}/feed.xml" for t in cat.themes} | {f"agencies/{a}/feed.xml" for a in cat.agencies} <= set(out)
    assert urls.feed_path(cat.themes["cumulative-harm"]) == "themes/cumulative-harm/feed.xml"
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 1)
    for xml in (export.theme_feed(cat, "engagement-with-fathers", SITE, "B"), export.agency_feed(cat, "police", SITE, "B")):
        _, entries = parse_feed(xml)
        assert [e.find(f"{A}published").text for e in entries] == ["2024-03-05T00:00:00Z"]


def test_feed_text_is_escaped(tmp_path):
    evil = ACTION.replace("Do it", "<script>alert(1)</script> & co")
    cat = load(make_data(tmp_path, {"briefings/2024-03-evil.yml": evil}, seeds=False), today=TODAY)
    xml = export.theme_feed(cat, "cumulative-harm", SITE, "B")
    assert "<script>" not in xml
    [entry] = parse_feed(xml)[1]
    assert "<script>alert(1)</script> & co" in entry.find(f"{A}content").text


def test_theme_year_counts(cat):
    # 2024: 1 found + 4 actions in the learning section + 1 tagged worry; 2023: 1 found + 1 action
    assert cat.theme_year_counts("engagement-with-fathers") == {2023: 2, 2024: 6}
    assert cat.theme_year_counts("professional-curiosity") == {}


def test_chart_is_svg_with_a_title_and_a_bar_per_year():
    svg = findings_per_year({2019: 3, 2022: 5}, "Findings on <neglect> & co per year", "neglect-chart")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title.text == "Findings on <neglect> & co per year" and root.get("aria-labelledby") == title.get("id") == "neglect-chart-title"
    assert root.find(f"{SVG}desc").get("id") == root.get("aria-describedby")
    assert root.get("viewBox") and root.get("width") is None  # scales to the width it is given
    bars = root.findall(f".//{SVG}rect[@class='sg-chart__bar']")
    assert len(bars) == 4
    heights = [float(b.get("height")) for b in bars]
    assert heights[1] == heights[2] == 0 and heights[3] > heights[0] > 0
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "sg-chart__year"] == ["2019", "2020", "2021", "2022"]
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "sg-chart__value"] == ["3", "0", "0", "5"]
    assert "Year" in texts and "Findings" in texts
    assert year_rows({2019: 3, 2022: 5}) == [(2019, 3), (2020, 0), (2021, 0), (2022, 5)]
    assert findings_per_year({}, "Nothing") == "" and year_rows({}) == []


def test_chart_labels_every_other_year_over_a_long_span():
    root = ET.fromstring(findings_per_year({2000: 1, 2019: 2}, "T"))
    assert len(root.findall(f".//{SVG}rect")) == 20
    assert [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "sg-chart__year"] == [str(y) for y in range(2000, 2020, 2)]


def test_the_feedback_link_carries_the_briefing_id_and_title(cat):
    b = briefing(cat, "2024-03-tracked")
    pattern = "https://github.com/o/r/issues/new?template=used-a-briefing.yml&briefing={id}&title=Used%3A%20{title}"
    assert urls.feedback_url(pattern, b) == ("https://github.com/o/r/issues/new?template=used-a-briefing.yml"
                                               "&briefing=2024-03-tracked&title=Used%3A%20Fathers%20and%20Neglect")
    b.title = "A & B #1"
    assert urls.feedback_url("x?t={title}", b) == "x?t=A%20%26%20B%20%231"
    # A form service's pre-filled link (Google Forms, Microsoft Forms) writes the typed {id} URL-encoded
    google = "https://docs.google.com/forms/d/e/F/viewform?usp=pp_url&entry.1=%7Bid%7D&entry.2=%7btitle%7D"
    assert urls.feedback_url(google, b) == ("https://docs.google.com/forms/d/e/F/viewform?usp=pp_url"
                                               "&entry.1=2024-03-tracked&entry.2=A%20%26%20B%20%231")


def test_synthetic_briefings_have_tracked_actions_and_uses(tmp_path):
    data = make_data(tmp_path, seeds=False)
    generate(100, data, seed=2)
    cat = load(data, today=TODAY)
    assert set(cat.action_counts(cat.actions).values()) != {0}
    assert all(n > 0 for n in cat.action_counts(cat.actions).values())
    assert cat.unowned_actions and any(cat.agency_actions.values())
    assert any(a.due_precision == "month" for e in cat.actions for a in [e.action])
    assert any(not a.tracked for b in cat.briefings for _, a in b.actions())
    assert 0 < sum(1 for b in cat.briefings if b.used_by) < len(cat.briefings)


def test_the_make_new_templates_examples_of_the_new_fields_are_valid(tmp_path):
    template = (ROOT / "macros" / "tools" / "new-briefing.yml").read_text()

    def uncommented(key: str) -> str:
        block = template[template.index(f"\n# {key}:") + 1:]
        block = block.split("\n\n")[0]  # to the next blank line or the end
        return "".join(line[2:] + "\n" for line in block.splitlines())
    text = MINIMAL + uncommented("learning") + uncommented("used_by")
    cat = load(make_data(tmp_path, {"briefings/2024-03-example.yml": text}, seeds=False), today=TODAY)
    [b] = cat.briefings
    tracked = [a for _, a in b.actions() if a.tracked]
    assert [(a.owner, a.status, a.due_precision) for a in tracked] == [("social-care", "in-progress", "month")]
    assert tracked[0].evidence and b.used_by[0].change


def test_check_jsonschema_agrees_on_the_new_fields(tmp_path):
    """An editor's editor (check-jsonschema, as in test_schema.py) accepts and refuses what the build does."""
    from test_schema import by_build, independent
    valid = {"action": ACTION + "        owner: police\n        due: 2025-03\n        status: done\n        updated: 2025-04-01\n"
                                "        evidence: See https://example.org\n",
             "use": MINIMAL + "used_by:\n  - team: T\n    agency: police\n    date: 2024-07\n    how: training\n    change: C\n"}
    invalid = {"status": ACTION + "        status: finished\n", "due": ACTION + "        due: 2025-13\n",
               "due-number": ACTION + "        due: 2025\n", "no-team": MINIMAL + "used_by:\n  - agency: police\n",
               "use-field": MINIMAL + "used_by:\n  - team: T\n    when: 2024-07\n"}
    files = [write(tmp_path / f"valid-{n}.yml", t) for n, t in valid.items()]
    files += [write(tmp_path / f"invalid-{n}.yml", t) for n, t in invalid.items()]
    assert independent(ROOT / "data" / "schema" / "briefing.schema.json", files) == {f"invalid-{n}.yml" for n in invalid}
    for path in files:
        assert bool(by_build("briefing", path)) == path.name.startswith("invalid-"), path.name
