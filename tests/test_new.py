"""`make new`: a briefing file named by the convention, every section there, valid as written."""
import json

import pytest

from conftest import SCHEMAS, make_data
from macros.data.catalogue import load
from macros.tools.new import TEMPLATE, main, new_briefing, slug


@pytest.mark.parametrize("title,expected", [
    ("Neglect in adolescence", "neglect-in-adolescence"),
    ("Children's voices: 'heard' & seen?", "childrens-voices-heard-seen"),
    ("Café  crème — été", "cafe-creme-ete"),
    ("A very long title " * 10, "a-very-long-title-a-very-long-title-a-very-long"),
])
def test_slug(title, expected):
    assert slug(title) == expected


def test_the_new_file_is_valid_as_written_with_a_reminder_to_replace_the_summary(tmp_path):
    data = make_data(tmp_path, seeds=False)
    path = new_briefing('Neglect in "adolescence"', "2024-03-14", "rapid-review", data / "briefings")
    assert path.name == "2024-03-neglect-in-adolescence.yml"
    cat = load(data)
    [b] = cat.briefings
    assert b.title == 'Neglect in "adolescence"' and b.type == "rapid-review" and b.date.isoformat() == "2024-03-14"
    assert [str(w) for w in cat.warnings if "briefings/" in w.path] == [
        "data/briefings/2024-03-neglect-in-adolescence.yml:22: warning: summary still has the TODO text from `make new`: "
        "write the aim and scope of the audit"]


def test_every_section_of_the_schema_is_in_the_template():
    schema = json.loads((SCHEMAS / "briefing.schema.json").read_text())
    text = TEMPLATE.read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/briefing.schema.json\n")
    missing = [f for f in schema["properties"] if f"\n{f}:" not in text and f"\n# {f}:" not in text]
    assert missing == []


def test_an_existing_file_is_never_overwritten(tmp_path, capsys):
    (tmp_path / "data" / "briefings").mkdir(parents=True)
    existing = tmp_path / "data" / "briefings" / "2024-03-neglect.yml"
    existing.write_text("precious")
    assert main({"TITLE": "Neglect", "DATE": "2024-03-14"}, root=tmp_path) == 2
    assert existing.read_text() == "precious"
    assert "data/briefings/2024-03-neglect.yml already exists" in capsys.readouterr().err


def test_prints_where_it_is_and_how_to_preview(tmp_path, capsys):
    assert main({"TITLE": "Neglect", "DATE": "2024-03-14"}, root=tmp_path) == 0
    out = capsys.readouterr().out
    assert "Wrote data/briefings/2024-03-neglect.yml" in out
    assert "make serve" in out and "http://127.0.0.1:8000/briefings/2024-03-neglect/" in out


@pytest.mark.parametrize("env,message", [
    ({}, 'Usage: make new TITLE="'),
    ({"TITLE": "  "}, 'Usage: make new TITLE="'),
    ({"TITLE": "X", "DATE": "14/03/2024"},
     "DATE '14/03/2024' is not a date the site can read: write the date as YYYY-MM-DD or YYYY-MM: did you mean DATE=2024-03-14?"),
    ({"TITLE": "X", "DATE": "30/06/2024"}, "write the date as YYYY-MM-DD or YYYY-MM: did you mean DATE=2024-06-30?"),
    ({"TITLE": "X", "DATE": "06/2024"}, "write the date as YYYY-MM-DD or YYYY-MM: did you mean DATE=2024-06?"),
    ({"TITLE": "X", "DATE": "June 2024"}, "did you mean DATE=2024-06?"),
    ({"TITLE": "X", "DATE": "20240630"}, "did you mean DATE=2024-06-30?"),
    ({"TITLE": "X", "DATE": "30/06"}, "write the date as YYYY-MM-DD or YYYY-MM: e.g. DATE=2024-03-14, or DATE=2024-03 when"),
    ({"TITLE": "X", "DATE": "soon"}, "DATE 'soon' is not a date the site can read: write the date as YYYY-MM-DD or YYYY-MM: e.g."),
    ({"TITLE": "X", "DATE": "2024-02-30"}, "DATE '2024-02-30' is not a real date: check the day and month"),
    ({"TITLE": "X", "DATE": "2024-13"}, "DATE '2024-13' is not a real date"),
    ({"TITLE": "X", "TYPE": "audit"}, "TYPE 'audit' is not one of: multi-agency-audit"),
    ({"TITLE": "!!!"}, "TITLE '!!!' has no letters (A to Z) or digits to make a file name from: add some, e.g. TITLE="),
    ({"TITLE": "الإهمال"}, "has no letters (A to Z) or digits"),
])
def test_bad_arguments_get_a_clear_message(tmp_path, capsys, env, message):
    assert main(env, root=tmp_path) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "data" / "briefings").exists() or not list((tmp_path / "data" / "briefings").iterdir())


def test_without_a_date_it_is_today(tmp_path):
    import datetime as dt
    assert main({"TITLE": "Neglect"}, root=tmp_path) == 0
    assert (tmp_path / "data" / "briefings" / f"{dt.date.today():%Y-%m}-neglect.yml").exists()


def test_a_month_only_date_makes_a_valid_file(tmp_path):
    data = make_data(tmp_path, seeds=False)
    path = new_briefing("Neglect", "2024-06", "multi-agency-audit", data / "briefings")
    assert path.name == "2024-06-neglect.yml" and "\ndate: 2024-06\n" in path.read_text()
    cat = load(data)
    [b] = cat.briefings
    assert (b.date.isoformat(), b.date_precision) == ("2024-06-01", "month")
    assert [w for w in cat.warnings if "briefings/" in w.path and "TODO" not in str(w)] == []


@pytest.mark.parametrize("title", [
    "Spending $100 on $(shell touch x) and ${HOME}",
    "\"Quoted\" and 'single' and it's `ticks`",
    "Back\\slash \\n and \\t # not a comment: really",
    "- starts like a list, ends with a colon:",
])
def test_the_title_reaches_the_file_literally(tmp_path, title):
    data = make_data(tmp_path, seeds=False)
    new_briefing(title, "2024-03-14", "rapid-review", data / "briefings")
    [b] = load(data).briefings
    assert b.title == title
