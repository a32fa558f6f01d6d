"""Loading a whole data folder: each kind of mistake reported as path:line, and the indexes built."""
import datetime as dt

import pytest

from conftest import FIXTURE_DATA, make_data
from macros.data.catalogue import load
from macros.data.errors import DataError

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
    assert e.startswith("data/briefings/2023-05-x.yml:1: missing required fields type, date, summary: add them")


def test_impossible_date(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD.replace("2023-05-02", "2022-13-45")})
    assert e == ("data/briefings/2023-05-x.yml:3: date '2022-13-45' is not a real date: there is no month 13. "
                 "Write dates as YYYY-MM-DD, or YYYY-MM when only the month is known")


def test_future_date_and_mismatched_file_name_are_warnings(tmp_path):
    cat = load(make_data(tmp_path, {"briefings/2026-06-x.yml": GOOD.replace("2023-05-02", "2026-06-02"),
                                    "briefings/2023-04-y.yml": GOOD}, seeds=False), today=dt.date(2026, 1, 1))
    messages = [str(w) for w in cat.warnings]
    assert any("2026-06-x.yml:3: warning: date 2026-06-02 is in the future" in m for m in messages)
    assert any("2023-04-y.yml:3: warning: the file name starts 2023-04 but the date is 2023-05" in m for m in messages)


def test_enum_with_suggestion(tmp_path):
    [e] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD.replace("rapid-review", "rapid-reveiw")})
    assert ":2: type 'rapid-reveiw' is not one of:" in e and "did you mean 'rapid-review'?" in e


def test_unknown_ids_suggest_the_nearest(tmp_path):
    bad = GOOD.replace("[engagement-with-fathers]", "[engagement-with-father]").replace("theme: cumulative-harm", "theme: cumulative-harms")
    found = errors(tmp_path, {"briefings/2023-05-x.yml": bad})
    assert any(e.startswith("data/briefings/2023-05-x.yml:9: unknown theme 'engagement-with-father' (did you mean "
                            "'engagement-with-fathers'?): the theme ids are ") for e in found)
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
    from macros.data.model import Resource
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


SIX_MISTAKES = """
title: A trial draft
type: rapid-review
date: 30/06/2023
summary: "   "
cohort:
  children: eight
worries:
  - text: A worry
    themes: [engagement-with-father]
wories: [x]
questions:
  - How do we know: we asked the family
"""


def test_one_run_reports_every_problem_in_line_order_with_the_right_count(tmp_path):
    """A trial draft's six mistakes once took four runs of `make check` to see; a syntax error elsewhere hid none."""
    with pytest.raises(DataError) as e:
        load(make_data(tmp_path, {"briefings/2023-06-draft.yml": SIX_MISTAKES,
                                  "briefings/2023-07-other.yml": "title: [unclosed\n"}, seeds=False))
    said = [(p.path.rsplit("/", 1)[1], p.line, p.message) for p in e.value.errors]
    assert [(path, line) for path, line, _ in said] == [("2023-06-draft.yml", 3), ("2023-06-draft.yml", 4),
                                                         ("2023-06-draft.yml", 6), ("2023-06-draft.yml", 9),
                                                         ("2023-06-draft.yml", 10), ("2023-06-draft.yml", 12),
                                                         ("2023-07-other.yml", 2)]
    messages = [m for _, _, m in said]
    assert "did you mean 2023-06-30?" in messages[0] and "summary is blank" in messages[1]
    assert "children should be a whole number" in messages[2] and "unknown theme 'engagement-with-father'" in messages[3]
    assert "unknown field 'wories'" in messages[4] and "put the whole text in quotes" in messages[5]
    assert "more problems may follow" in messages[6]
    assert e.value.report().endswith("7 problems in the data: fix them and build again.")


@pytest.mark.parametrize("date, said", [
    ("30/06/2024", "date '30/06/2024' is written another way: write dates as YYYY-MM-DD, or YYYY-MM when only the month "
                   "is known: did you mean 2024-06-30?"),
    ("30-06-2024", "did you mean 2024-06-30?"), ("30.6.2024", "did you mean 2024-06-30?"),
    ("30 June 2024", "did you mean 2024-06-30?"), ("June 2024", "did you mean 2024-06?"),
    ("2024-02-30", "date '2024-02-30' is not a real date: February 2024 has 29 days. Write dates as YYYY-MM-DD"),
    ("soon", "date 'soon' is not a date: write dates as YYYY-MM-DD"),
])
def test_a_date_written_another_way_gets_the_iso_form_to_write(tmp_path, date, said):
    [e] = errors(tmp_path, {"briefings/2024-06-x.yml": GOOD.replace("2023-05-02", date)})
    assert e.startswith("data/briefings/2024-06-x.yml:3: ") and said in e


def test_unknown_ids_list_the_ids_there_are_or_the_five_closest_and_how_to_add_one(tmp_path):
    themes = "".join(f"- id: theme-{n}\n  title: T{n}\n  summary: S\n" for n in "abcdefghijkl")
    [few, many] = errors(tmp_path, {"needs.yml": "- id: neglect\n  label: Neglect\n  description: N\n- id: adhd\n  label: ADHD\n  description: A\n",
                                    "themes.yml": themes,
                                    "briefings/2023-05-x.yml": GOOD.replace("[neglect]", "[neglectt]")
                                    .replace("engagement-with-fathers]", "theme-q]").replace("  - theme: cumulative-harm\n", "  - theme: theme-a\n")})
    assert "unknown need 'neglectt' (did you mean 'neglect'?): the need ids are adhd, neglect. To add a new need, see " \
           "\"Adding a theme, resource, agency or need\" in CONTRIBUTING.md" in few
    assert "the closest of the 12 theme ids in data/themes.yml are " in many
    assert len(many.split(" are ")[1].split(". To add")[0].split(", ")) == 5


def test_a_colon_in_unquoted_text_says_to_quote_it(tmp_path):
    [q, w] = errors(tmp_path, {"briefings/2023-05-x.yml": GOOD + "questions:\n  - How do we know: we asked\n"
                                                               .replace("questions", "questions") +
                               "good_practice:\n  - Good: the GP asked\n"})
    assert q.startswith("data/briefings/2023-05-x.yml:16: item 1 of questions has a ': ' inside its text")
    assert q.endswith('put the whole text in quotes, like this: - "How do we know: we asked" (`make fix` writes it so)')
    assert w.startswith("data/briefings/2023-05-x.yml:18: item 1 of good_practice has a ': ' inside its text")


SOON = (dt.date.today() + dt.timedelta(days=30)).isoformat()  # in the future, and within the years dates may be in


def resources(tmp_path, extra: str) -> list[str]:
    """The problems with one resource added at the end of the fixture's resources.yml, its lines counted from 1."""
    data = make_data(tmp_path, seeds=False)
    before = (data / "resources.yml").read_text().count("\n")
    with open(data / "resources.yml", "a") as f:
        f.write("- id: extra\n  title: Extra\n  kind: tool\n  description: D\n" + extra)
    with pytest.raises(DataError) as e:
        load(data)
    return [f"data/resources.yml:{p.line - before}: {p.message}" if p.path == "data/resources.yml" else str(p)
            for p in e.value.errors]


def test_a_url_with_a_space_says_the_space_is_the_problem(tmp_path):
    [e] = resources(tmp_path, "  url: https://example.org/a file.pdf\n")
    assert e.startswith("data/resources.yml:5: url 'https://example.org/a file.pdf' has a space in it (after 'https://example.org/a')")
    assert "starting with https://" not in e and "%20" in e


@pytest.mark.parametrize("extra, said", [
    ("  url: https://[x]/\n", "data/resources.yml:5: url 'https://[x]/' is not a web address that can be read"),
    ("  url: https://example.org:99999/\n", "data/resources.yml:5: url 'https://example.org:99999/' is not a web address"),
    (f"  reviewed: {SOON}\n", f"data/resources.yml:5: reviewed {SOON} is in the future: write the day someone last checked"),
        ("  reviewed: 9999-12-31\n", "data/resources.yml:5: reviewed '9999-12-31' is not between 1990 and "),
    ("  review_every: 12.0\n", "data/resources.yml:5: review_every should be a whole number: write 12, not 12.0"),
])
def test_what_once_crashed_the_build_is_refused_at_its_line(tmp_path, extra, said):
    [e] = resources(tmp_path, extra)
    assert e.startswith(said)


def test_ids_and_file_names_with_a_final_newline_are_refused(tmp_path):
    data = make_data(tmp_path / "a", seeds=False)
    (data / "needs.yml").write_text((data / "needs.yml").read_text().replace("- id: neglect\n", '- id: "neglect\\n"\n'))
    with pytest.raises(DataError) as caught:
        load(data)
    [e] = [str(p) for p in caught.value.errors]
    assert e.startswith("data/needs.yml:") and "'neglect\\n' is not a valid id" in e
    data = make_data(tmp_path / "b", {"briefings/2023-05-x\n.yml": GOOD})
    with pytest.raises(DataError) as caught:
        load(data)
    assert [p.message.split(" in lower")[0] for p in caught.value.errors] == ["file name should be YYYY-MM-short-title.yml"]


@pytest.mark.parametrize("kind, record", [
    ("resources", "- id: index\n  title: R\n  kind: tool\n  description: D\n"),
    ("themes", "- id: index\n  title: T\n  summary: S\n"),
    ("agencies", "- id: index\n  name: A\n"),
    ("needs", "- id: index\n  label: N\n  description: D\n"),
])
def test_a_registry_id_that_would_replace_the_sections_index_page_is_refused(tmp_path, kind, record):
    data = make_data(tmp_path)
    with open(data / f"{kind}.yml", "a") as f:
        f.write(record)
    with pytest.raises(DataError) as e:
        load(data)
    [p] = e.value.errors
    assert p.path == f"data/{kind}.yml" and p.line and "id 'index' is reserved" in p.message
    assert "ids are index: choose another id" in p.message


def test_ids_of_pages_and_folders_under_docs_section_are_reserved(tmp_path):
    data = make_data(tmp_path)
    (tmp_path / "docs/resources/leaflets").mkdir(parents=True)
    (tmp_path / "docs/resources/how-to-use.md").write_text("# How to use\n")
    with open(data / "resources.yml", "a") as f:
        f.write("- id: leaflets\n  title: R\n  kind: tool\n  description: D\n- id: how-to-use\n  title: R\n  kind: tool\n  description: D\n")
    with pytest.raises(DataError) as e:
        load(data)
    assert [p.message.split(":")[0] for p in e.value.errors] == ["id 'leaflets' is reserved", "id 'how-to-use' is reserved"]
    assert "The reserved resource ids are how-to-use, index, leaflets" in e.value.errors[0].message


def test_links_in_the_data_folder_are_refused_and_never_printed(tmp_path):
    data = make_data(tmp_path, seeds=False)
    outside = tmp_path / "outside.yml"
    outside.write_text(GOOD.replace("A rapid review.", "Secret words from outside"))
    (data / "briefings/2023-05-linked.yml").symlink_to(outside)
    (data / "briefings/2023-05-passwd.yml").symlink_to("/etc/passwd")
    (data / "schema/briefing.schema.json").unlink()
    (data / "schema/briefing.schema.json").symlink_to("/proc/self/environ")
    with pytest.raises(DataError) as e:
        load(data)
    report = e.value.report()
    assert [(p.path, p.message.split(",")[0]) for p in e.value.errors] == [
        ("data/briefings/2023-05-linked.yml", "is a link to another file"),
        ("data/briefings/2023-05-passwd.yml", "is a link to another file"),
        ("data/schema/briefing.schema.json", "is a link to another file")]
    assert "Secret" not in report and "root:" not in report and "PATH=" not in report


@pytest.mark.parametrize("name, rename", [
    ("\uff12\uff10\uff12\uff12-\uff11\uff12-engagement-with-fathers.yml", "rename it 2022-12-engagement-with-fathers.yml"),  # full-width
    ("\u0662\u0660\u0662\u0662-12-engagement-with-fathers.yml", "rename it 2022-12-engagement-with-fathers.yml"),  # Arabic-Indic
    ("2022-12-engagement-with-f\u0430thers.yml", "e.g. 2022-12-engagement-with-fathers.yml"),  # a Cyrillic a
])
def test_a_file_name_that_only_looks_plain_is_refused_saying_what_to_type(tmp_path, name, rename):
    """２０２２-１２-engagement-with-fathers.yml once published a page that looked like the real one's."""
    [problem] = errors(tmp_path, {f"briefings/{name}": GOOD.replace("2023-05-02", "2022-12-06")})
    assert problem.startswith(f"data/briefings/{name}: the file name has a character that is not a plain letter, digit or hyphen (U+")
    assert problem.endswith(f"so type it with the keyboard's digits 0-9, letters a-z and hyphens: {rename}")


def test_the_file_name_rule_is_ascii_only():
    from macros.data.read import BRIEFING_NAME
    assert BRIEFING_NAME.fullmatch("2022-12-engagement-with-fathers")
    assert not BRIEFING_NAME.fullmatch("\uff12\uff10\uff12\uff12-12-x") and not BRIEFING_NAME.fullmatch("2022-12-caf\u00e9")


def test_an_id_that_only_looks_plain_is_refused_saying_what_to_type(tmp_path):
    data = make_data(tmp_path, seeds=False)
    with open(data / "themes.yml", "a", encoding="utf-8") as f:
        f.write("- id: theme-\uff12\n  title: T\n  summary: S\n")
    with pytest.raises(DataError) as e:
        load(data)
    [problem] = e.value.errors
    assert problem.message == ("id has a character that is not a plain letter, digit or hyphen (U+FF12 FULLWIDTH DIGIT TWO): "
                               "ids are web addresses (/themes/<id>/), so type it with the keyboard's digits 0-9, "
                               "letters a-z and hyphens: theme-2")
