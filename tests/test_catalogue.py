"""Loading a whole data folder: each kind of mistake reported as path:line, and the indexes built."""
import datetime as dt

import pytest

from conftest import FIXTURE_DATA, make_data
from macros.catalogue import load
from macros.errors import DataError

GOOD = """
title: New audit
type: rapid-review
date: 2023-05-02
summary: A rapid review.
agencies: [police]
needs: [neglect]
worries:
  - text: A worry about fathers
    themes: [engagement-with-fathers]
    resources: [dash]
learning:
  - theme: cumulative-harm
    found: [Found one]
    actions: [Do one]
"""


def errors(tmp_path, files, seeds=False) -> list[str]:
    with pytest.raises(DataError) as e:
        load(make_data(tmp_path, files, seeds=seeds))
    return [str(p) for p in e.value.errors]


def test_seeds_load_with_no_problems():
    cat = load(FIXTURE_DATA)
    assert [b.id for b in cat.briefings] == ["2022-12-engagement-with-fathers", "2021-12-pre-school-children"]
    # nobody has reviewed the seed resources yet, and some have no public link: said, honestly
    assert {w.message.split("'")[2] for w in cat.warnings} <= {" has never been reviewed: check its link and description, then add ", " has no web link: add "}
    fathers = cat.briefings[0]
    assert len(fathers.worries) == 6 and len(fathers.good_practice) == 8
    assert fathers.learning[0].points[0].text == "Accumulative impact of abuse should always be considered and included in the"
    pre = cat.briefings[1]
    assert len(pre.worries) == 4 and len(pre.good_practice) == 8
    assert pre.date_label == "December 2021" and fathers.date_label == "6 December 2022"


def test_a_new_briefing_is_indexed_everywhere(tmp_path):
    cat = load(make_data(tmp_path, {"briefings/2023-05-new-audit.yml": GOOD}))
    new = next(b for b in cat.briefings if b.id == "2023-05-new-audit")
    assert cat.briefings[0] is new  # newest first
    assert new in [e.briefing for e in cat.theme_entries["engagement-with-fathers"]]
    assert new in [e.briefing for e in cat.theme_entries["cumulative-harm"]]
    assert new in cat.resource_briefings["dash"]
    assert new in cat.agency_briefings["police"]
    assert new in cat.need_briefings["neglect"]
    assert cat.theme_years("engagement-with-fathers") == [2021, 2022, 2023]


def test_indexes_of_the_seeds():
    cat = load(FIXTURE_DATA)
    ids = lambda bs: sorted(b.id for b in bs)
    assert ids(cat.resource_briefings["dash"]) == ["2021-12-pre-school-children"]
    assert [t.id for t in cat.resource_themes["dash"]] == ["cumulative-harm"]
    assert ids(e.briefing for e in cat.theme_entries["engagement-with-fathers"]) == [
        "2021-12-pre-school-children", "2022-12-engagement-with-fathers"]
    police = [a.item.text for a in cat.agency_findings["police"]]
    assert "Responsive practice by police" in police
    # an agency credited with good practice counts as appearing in that briefing
    assert "2021-12-pre-school-children" in ids(cat.agency_briefings["social-care"])


def test_unknown_field_with_did_you_mean(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD + "wories:\n  - x\n"})
    assert e.startswith("data/briefings/2023-05-x.yml:15: unknown field 'wories' (did you mean 'worries'?)")


def test_wrong_type_names_field_and_line(tmp_path):
    bad = GOOD + "cohort:\n  children: eight\n"
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": bad})
    assert e == "data/briefings/2023-05-x.yml:16: children should be a whole number, not the text 'eight'"


def test_missing_required_fields(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": "title: Only a title\n"})
    assert e == "data/briefings/2023-05-x.yml:1: missing required fields type, date, summary"


def test_impossible_date(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD.replace("2023-05-02", "2022-13-45")})
    assert e == "data/briefings/2023-05-x.yml:3: date '2022-13-45' is not a real date: write it as YYYY-MM-DD, e.g. 2022-12-06"


def test_future_date_and_mismatched_file_name_are_warnings(tmp_path):
    cat = load(make_data(tmp_path, {"briefings/2099-01-x.yml": GOOD.replace("2023-05-02", "2099-01-02"),
                                    "briefings/2023-04-y.yml": GOOD}, seeds=False), today=dt.date(2026, 1, 1))
    messages = [str(w) for w in cat.warnings]
    assert any("2099-01-x.yml:3: warning: date 2099-01-02 is in the future" in m for m in messages)
    assert any("2023-04-y.yml:3: warning: the file name starts 2023-04 but the date is 2023-05" in m for m in messages)


def test_enum_with_suggestion(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD.replace("rapid-review", "rapid-reveiw")})
    assert ":2: type 'rapid-reveiw' is not one of:" in e and "did you mean 'rapid-review'?" in e


def test_unknown_ids_suggest_the_nearest(tmp_path):
    bad = GOOD.replace("[engagement-with-fathers]", "[engagement-with-father]").replace("theme: cumulative-harm", "theme: cumulative-harms")
    found = errors(tmp_path, {"briefings/2023-05-x.yml": bad})
    assert "data/briefings/2023-05-x.yml:9: unknown theme 'engagement-with-father' (did you mean 'engagement-with-fathers'?): theme ids are defined in data/themes.yml" in found
    assert any(e.startswith("data/briefings/2023-05-x.yml:12: unknown theme 'cumulative-harms' (did you mean 'cumulative-harm'?)") for e in found)


def test_list_where_a_mapping_belongs_and_the_reverse(tmp_path):
    found = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD + "cohort: [8, 2]\n",
                              "briefings/2023-05-y.yml": GOOD.replace("agencies: [police]", "agencies: {police: yes}")})
    assert any("2023-05-x.yml:15: cohort should be a set of \"field: value\" lines, not a list" in e for e in found)
    assert any("2023-05-y.yml:5: agencies should be a list" in e for e in found)


def test_document_that_is_not_a_mapping(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": "- just\n- a list\n"})
    assert e.startswith("data/briefings/2023-05-x.yml:1: the file should be a set of \"field: value\" lines, not a list")


def test_item_of_the_wrong_shape(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD + "good_practice:\n  - [a, b]\n"})
    assert e.startswith("data/briefings/2023-05-x.yml:16: item 1 of good_practice should be text, or a set of fields starting with 'text:'")


def test_unknown_field_inside_an_item(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD + "good_practice:\n  - text: ok\n    theme: [a]\n"})
    assert e.startswith("data/briefings/2023-05-x.yml:17: unknown field 'theme' (did you mean 'themes'?)")


def test_bad_url_scheme(tmp_path):
    data = make_data(tmp_path)
    text = (data / "resources.yml").read_text().replace("url: https://drivepartnership.org.uk/", "url: javascript:alert(1)")
    (data / "resources.yml").write_text(text)
    with pytest.raises(DataError) as e:
        load(data)
    [p] = e.value.errors
    assert p.path == "data/resources.yml" and "must be a web address starting with https://" in p.message


def test_duplicate_registry_ids_ignore_case(tmp_path):
    data = make_data(tmp_path)
    with open(data / "needs.yml", "a") as f:
        f.write("- id: adhd\n  label: Again\n  description: D\n")
    with pytest.raises(DataError) as e:
        load(data)
    [p] = e.value.errors
    assert "id 'adhd' is used twice" in p.message and p.line and p.line > 1


def test_bad_file_name(tmp_path):
    [e] = errors(tmp_path, {"briefings/New Audit.yml": GOOD})
    assert e.startswith("data/briefings/New Audit.yml: file name should be YYYY-MM-short-title.yml")


def test_same_id_twice(tmp_path):
    found = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD, "briefings/2023-05-x.yaml": GOOD})
    assert any("has the same id as" in e for e in found)


def test_every_problem_is_reported_at_once(tmp_path):
    found = errors(tmp_path, {"briefings/2023-05-a.yml": GOOD + "wories: []\n",
                              "briefings/2023-05-b.yml": "title: x\ntitle: y\n",
                              "briefings/2023-05-c.yml": GOOD.replace("[police]", "[polise]")})
    assert len(found) == 3


def test_broken_registry_does_not_flood_with_unknown_ids(tmp_path):
    data = make_data(tmp_path)
    (data / "resources.yml").write_text("- id: dash\n  title: x\n  title: y\n")
    with pytest.raises(DataError) as e:
        load(data)
    assert len(e.value.errors) == 1 and "appears twice" in e.value.errors[0].message


def test_missing_registry(tmp_path):
    data = make_data(tmp_path)
    (data / "needs.yml").unlink()
    with pytest.raises(DataError) as e:
        load(data)
    assert [p.message for p in e.value.errors] == ["is missing: every site needs this file, even if it only lists a few entries"]


def test_defined_but_unused_is_a_warning(tmp_path):
    data = make_data(tmp_path)
    with open(data / "needs.yml", "a") as f:
        f.write("- id: young-carer\n  label: Young carer\n  description: Caring for a parent or sibling.\n")
    cat = load(data)
    assert [w.message for w in cat.warnings if w.path == "data/needs.yml"] == ["need 'young-carer' is defined but nothing refers to it"]


def test_ids_differing_only_in_case_are_refused(tmp_path):
    found = errors(tmp_path, {"briefings/2023-05-new-audit.yml": GOOD, "briefings/2023-05-New-Audit.yml": GOOD})
    assert any(e.startswith("data/briefings/2023-05-New-Audit.yml: file name should be YYYY-MM-short-title.yml in lower case") for e in found)


def test_age_range_youngest_first(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD + "cohort:\n  age_range: [16, 2]\n"})
    assert e == "data/briefings/2023-05-x.yml:16: age_range should be youngest first, e.g. [2, 16]"


REVIEWED = """
- id: r
  title: R
  kind: tool
  description: D
  url: https://example.org/
  reviewed: 2025-12-06
"""


@pytest.mark.parametrize("extra,today,expected", [
    ("", dt.date(2026, 12, 6), []),
    ("", dt.date(2026, 12, 7), ["resource 'r' was due for review on 2026-12-06"]),
    ("  review_every: 6\n", dt.date(2026, 6, 7), ["resource 'r' was due for review on 2026-06-06"]),
])
def test_review_due_dates_give_warnings_not_errors(tmp_path, extra, today, expected):
    data = make_data(tmp_path, seeds=False)
    with open(data / "resources.yml", "a") as f:
        f.write(REVIEWED.lstrip("\n") + extra)
    cat = load(data, today=today)
    got = [w.message.split(":")[0] for w in cat.warnings if w.message.startswith("resource 'r' ") and "review" in w.message]
    assert got == expected
    assert ("r" in [r.id for r in cat.overdue_resources()]) == bool(expected)


def test_review_due_is_the_same_day_months_later_or_the_months_last_day():
    from macros.model import Resource
    r = Resource("r", "R", "tool", "D", None, None, dt.date(2025, 8, 31), 6, None)
    assert r.review_due == dt.date(2026, 2, 28)


def test_facets_offer_only_what_some_briefing_has(tmp_path):
    cat = load(make_data(tmp_path, {"briefings/2023-05-new-audit.yml": GOOD}, seeds=False))
    facets = {key: [v for v, _ in values] for key, _, values in cat.facets()}
    assert facets == {"theme": ["engagement-with-fathers", "cumulative-harm"], "agency": ["police"],
                      "need": ["neglect"], "type": ["rapid-review"], "year": ["2023"]}


def test_theme_counts_count_findings_per_briefing(tmp_path):
    cat = load(make_data(tmp_path, {"briefings/2023-05-new-audit.yml": GOOD}, seeds=False))
    assert cat.theme_counts("cumulative-harm") == {"2023-05-new-audit": 2}
    assert cat.theme_counts("engagement-with-fathers") == {"2023-05-new-audit": 1}
    assert cat.theme_counts("voice-of-the-child") == {}


def test_reading_in_parallel_gives_the_same_catalogue_and_problems(tmp_path, monkeypatch):
    from macros import parallel
    files = {"briefings/2023-05-new-audit.yml": GOOD, "briefings/2023-05-bad.yml": GOOD + "wories: []\n",
             "briefings/2023-06-other.yml": GOOD.replace("2023-05-02", "2023-06-01")}
    data = make_data(tmp_path, files)

    def outcome():
        try:
            cat = load(data)
            return [b.id for b in cat.briefings], []
        except DataError as e:
            return None, [str(p) for p in e.problems]

    sequential = outcome()
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    assert outcome() == sequential and sequential[1]
    (data / "briefings/2023-05-bad.yml").unlink()
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10_000)
    sequential = outcome()
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    assert outcome() == sequential and sequential[0][0] == "2023-06-other"
