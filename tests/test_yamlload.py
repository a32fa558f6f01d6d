"""Loading one YAML file: lines remembered, and what PyYAML would silently accept refused."""
import datetime as dt

import pytest

from conftest import FIXTURE_DATA
from macros.errors import DataError
from macros.yamlload import MAX_BYTES, line_of, parse_yaml


def problems(raw: bytes | str) -> list[str]:
    raw = raw.encode() if isinstance(raw, str) else raw
    with pytest.raises(DataError) as e:
        parse_yaml(raw, "data/x.yml")
    assert "Traceback" not in str(e.value)
    return [str(p) for p in e.value.problems]


def test_lines_are_recorded_for_keys_and_items():
    doc, lines = parse_yaml(b"title: A\nworries:\n  - one\n  - text: two\n    themes: [a]\n", "x.yml")
    assert doc["worries"][1]["text"] == "two"
    assert lines[("title",)] == 1
    assert lines[("worries", 0)] == 3
    assert lines[("worries", 1, "themes")] == 5
    assert line_of(lines, ("worries", 1, "themes", 0)) == 5


def test_duplicate_key_is_an_error_naming_both_lines():
    [p] = problems("title: One\nsummary: x\ntitle: Two\n")
    assert p.startswith("data/x.yml:3: 'title' appears twice") and "line 1" in p


def test_duplicate_key_in_nested_mapping():
    [p] = problems("cohort:\n  children: 8\n  children: 9\n")
    assert p.startswith("data/x.yml:3:")


@pytest.mark.parametrize("text", ["a: &x hello\nb: *x\n", "a: &x [1]\n", "base: &b {t: 1}\nother:\n  <<: *b\n"])
def test_anchors_and_aliases_are_refused(text):
    [p] = problems(text)
    assert "anchors and aliases" in p and p.startswith("data/x.yml:1:")


def test_billion_laughs_is_refused_quickly():
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    assert "anchors and aliases" in problems(bomb)[0]


def test_invalid_utf8_names_the_line():
    [p] = problems(b"title: ok\nsummary: caf\xe9\n")
    assert p.startswith("data/x.yml:2:") and "UTF-8" in p


def test_bom_and_crlf_are_fine():
    doc, lines = parse_yaml("\ufefftitle: Ymgysylltu â Thadau\r\nsummary: Łódź, naïve\r\n".encode("utf-8"), "x.yml")
    assert doc == {"title": "Ymgysylltu â Thadau", "summary": "Łódź, naïve"}
    assert lines[("summary",)] == 2


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text):
    [p] = problems(text)
    assert "is empty" in p


def test_tab_indentation_gets_a_plain_hint():
    [p] = problems("cohort:\n\tchildren: 8\n")
    assert p.startswith("data/x.yml:2:") and "tab" in p and "spaces" in p


def test_colon_in_text_gets_a_hint():
    [p] = problems("title: Review: fathers\n")
    assert p.startswith("data/x.yml:1:") and "quotes" in p


def test_impossible_date_stays_text_for_validation_to_report():
    doc, _ = parse_yaml(b"date: 2022-13-45\n", "x.yml")
    assert doc["date"] == "2022-13-45"
    doc, _ = parse_yaml(b"date: 2022-12-06\n", "x.yml")
    assert doc["date"] == dt.date(2022, 12, 6)


def test_oversized_file_is_refused():
    [p] = problems(b"a: " + b"x" * MAX_BYTES + b"\n")
    assert "at most" in p


def test_python_tags_are_refused_without_traceback():
    [p] = problems("a: !!python/object/apply:os.system ['true']\n")
    assert p.startswith("data/x.yml:1:")




def test_control_character_names_the_line():
    [p] = problems("title: ok\nsummary: bad \x01 char\n")
    assert p.startswith("data/x.yml:2:") and "control character" in p


@pytest.mark.parametrize("text", ["[" * 200_000, "- " * 100_000 + "x"])
def test_deep_nesting_is_an_error_not_a_crash(text):
    # libyaml (the quick path) would overflow the C stack on these: they must take the Python path
    with pytest.raises(DataError) as e:
        parse_yaml(text.encode(), "deep.yml")
    assert "nested too deeply" in e.value.report()


def test_quick_and_careful_readers_agree(tmp_path):
    """The libyaml reader (no '&' or '*' in the text) gives the same values and lines as the Python one."""
    from macros import yamlload
    text = (FIXTURE_DATA / "briefings/2022-12-engagement-with-fathers.yml").read_text(encoding="utf-8")
    assert "&" not in text and "*" not in text
    quick = yamlload._parse(yamlload._FastLoader, text, "f.yml")
    careful = yamlload._parse(yamlload._Loader, text, "f.yml")
    assert quick == careful and len(quick[1]) > 50
