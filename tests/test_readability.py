"""Plain-words advice (macros/tools/readability.py): grade, long sentences, passive voice, abbreviations a reader may
not know; a Markdown report for the pull request's summary that never fails the job."""
import pytest

from conftest import FIXTURE_DATA, make_data, write
from macros.tools import readability as r

FATHERS = FIXTURE_DATA / "briefings" / "2022-12-engagement-with-fathers.yml"


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """textstat would download the CMU dictionary through NLTK: the module must never ask."""
    import nltk
    monkeypatch.setattr(nltk, "download", lambda *a, **k: pytest.fail("tried to download"))


def test_a_plain_text_grades_low_and_an_audits_summary_high():
    assert r.grade("We met the family. The child was safe. We wrote a plan with them.") < 5
    summary = ("The aim of the audit was to ascertain whether there were good multi-agency standards for managing cases "
               "and whether organisations have implemented a robust and consistent response in line with statutory and "
               "good practice guidance, and the Children's Partnership policies and procedures.")
    assert r.grade(summary) > 15


def test_sentences_end_at_stops_paragraphs_and_list_items():
    assert r.sentences("One. Two three!\n\nFour\n- five six\n- seven") == ["One.", "Two three!", "Four", "five six", "seven"]
    assert r.sentences("The 6th Dec. review") == ["The 6th Dec. review"]  # a lower-case word after a stop goes on


@pytest.mark.parametrize("sentence, passive", [
    ("Two cases could have been stepped up to CP earlier", True),
    ("this is being reviewed internally", True),
    ("information is not shared with new workers", True),
    ("The child was seen at home", True),
    ("The children were aged 4 years and under", False),
    ("Practitioners share information with new workers", False),
    ("The nurse saw the child", False),
])
def test_passive_voice_is_found_cheaply(sentence, passive):
    assert r.is_passive(sentence) is passive


def test_abbreviations_are_capitals_two_to_six_letters_plurals_and_ampersands_included():
    assert r.abbreviations("GPs and A&E; MARAC, the DASH. Dash, Camhs, I, OK-ish, ABCDEFG, CP's") == ["GP", "A&E", "MARAC", "DASH", "CP"]
    assert r.explained_in("a Multi-Agency Risk Assessment Conference (MARAC) meets", "MARAC")
    assert r.explained_in("MARAC (Multi-Agency Risk Assessment Conference)", "MARAC")
    assert not r.explained_in("refer to MARAC (today)", "MARAC")


def test_the_report_on_a_briefing_names_lines_and_never_fails(tmp_path, capsys):
    broken = write(tmp_path / "2024-01-broken.yml", "title: [unclosed\n")
    data = make_data(tmp_path, {"glossary.yml": "[]\n"}, seeds=False)  # a glossary that explains nothing
    assert r.main([str(FATHERS), str(broken), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "| The audit's summary | " in out and "| The editor's words (key messages, questions, notes) | " in out
    assert "**Sentences over 25 words** (3):" in out
    assert "- line 7 (summary): “The aim of the audit was to ascertain" in out
    unexplained = out[out.index("**Abbreviations a reader may not know**"):]
    assert "- CP: first at line 29 (worries.4.text)" in unexplained and "- CCE: first at line 82" in unexplained
    assert "CSPR" not in unexplained  # the audit spells it out: "Practice Review (CSPR)"
    assert "### `" in out and "Not read: DataError. `make check` says what is wrong." in out


def test_abbreviations_the_glossary_defines_are_not_listed(tmp_path):
    report = r.report(FATHERS, "fathers.yml", known={"CP", "CSC", "GP"})
    assert [a for a, _ in report.unexplained()] == ["CCE"]


def test_the_projects_own_text_reads_at_grade_9_or_below():
    """The home page, index pages and the templates' labels and empty states, measured as briefings are."""
    grades = r.own_grades()
    assert "docs/index.md" in grades and "macros/pages/templates/follow.html.j2" in grades
    assert {name: g for name, g in grades.items() if g is None or g > r.TARGET_GRADE} == {}


def test_own_text_is_the_words_a_reader_gets():
    source = '# Title\n\nSee [the list](x.md) of {{ count("briefings") }} briefings.{% if x %} More.{% endif %}\n\n| a | b |\n| --- | --- |\n'
    assert r.own_text(source) == "Title\n\nSee the list of  it  briefings.\n\nMore.\n\na b"
