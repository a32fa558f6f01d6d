"""Loading one YAML file: lines remembered, and what PyYAML would silently accept refused."""
import datetime as dt
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA
from macros.data.errors import DataError
from macros.data.yamlload import MAX_BYTES, line_of, parse_yaml


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


def test_colon_in_text_shows_the_fix_and_says_more_may_follow():
    [p] = problems('title: T\nworries:\n  - text: How do we know: we asked\n')
    assert p.startswith("data/x.yml:3: this line has a ': ' inside its text")
    assert 'put the whole text in quotes, like this: - text: "How do we know: we asked"' in p
    assert "more problems may follow" in p
    [p] = problems('summary: He said "no": twice\n')
    assert """like this: summary: 'He said "no": twice'""" in p


def test_duplicate_key_message_does_not_repeat_long_or_identifying_keys():
    [p] = problems("NHS 943 476 5919 and more words here than fit: 1\nNHS 943 476 5919 and more words here than fit: 2\n")
    assert "5919" not in p and "…" in p and "appears twice" in p


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


@pytest.mark.parametrize("escape, code", [("\\x01", "U+0001"), ("\\0", "U+0000"), ("\\x7f", "U+007F"), ("\\x85", "U+0085"),
                                          ("\\uFFFE", "U+FFFE"), ("\\r", "U+000D"), ("\\u2028", "U+2028"),
                                          ("\\ud83d", "U+D83D")])
def test_control_characters_written_as_escapes_are_refused_at_their_line(escape, code):
    [p] = problems(f'title: ok\nworries:\n  - fine\n  - "bad {escape} char"\n')
    assert p.startswith("data/x.yml:4: has ") and code in p and ("retype" in p or "write the whole character" in p)


def test_a_surrogate_pair_is_refused_with_the_escape_to_write_instead():
    [p] = problems('title: "Emoji \\ud83d\\ude00"\n')
    assert p.startswith("data/x.yml:1:") and "\\U0001F600" in p


def test_control_character_in_a_block_names_its_own_line_and_in_a_key_too():
    assert problems('summary: |\n  one\n  two \\x01\n  three\x01\n')[0].startswith("data/x.yml:4:")
    assert problems('"ke\\x01y": 1\n')[0].startswith("data/x.yml:1:")


def test_tab_and_newline_written_as_escapes_are_kept():
    doc, _ = parse_yaml(b'a: "one\\ttwo\\nthree"\n', "x.yml")
    assert doc == {"a": "one\ttwo\nthree"}


@pytest.mark.parametrize("raw", ["summary: 0\x850\n", "questions: ['0\x850']\n", "title: a\u2028b\n"])
def test_a_raw_line_break_character_is_refused_not_turned_into_a_space(raw):
    """U+0085 (NEL) and U+2028 are line breaks to YAML: 'x<NEL>y' used to load as 'x y'."""
    [p] = problems(raw)
    assert p.startswith("data/x.yml:1: has an invisible line-break character")


@pytest.mark.parametrize("number", ["9" * 4301, "-" + "1" * 5000, "0x" + "f" * 4000, "1" * 200 + ".5"])
def test_a_number_too_long_to_print_is_refused_at_its_line(number):
    [p] = problems(f"title: T\nreview_every: {number}\n")
    assert p.startswith("data/x.yml:2: has a number") and "quotes" in p


@pytest.mark.parametrize("text", ["[" * 200_000, "- " * 100_000 + "x"])
def test_deep_nesting_is_an_error_not_a_crash(text):
    # libyaml (the quick path) would overflow the C stack on these: they must take the Python path
    with pytest.raises(DataError) as e:
        parse_yaml(text.encode(), "deep.yml")
    assert "nested too deeply" in e.value.report()


def test_quick_and_careful_readers_agree(tmp_path):
    """The libyaml reader (no '&' or '*' in the text) gives the same values and lines as the Python one."""
    from macros.data import yamlload
    text = (FIXTURE_DATA / "briefings/2022-12-engagement-with-fathers.yml").read_text(encoding="utf-8")
    assert "&" not in text and "*" not in text
    quick = yamlload._parse(yamlload._FastLoader, text, "f.yml")
    careful = yamlload._parse(yamlload._Loader, text, "f.yml")
    assert quick == careful and len(quick[1]) > 50


def _typed(value):
    """The value with each part's type beside it: 1 == 1.0 == True and '1' != 1 are not enough to say two documents match."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


_EVERY_KIND_OF_VALUE = r"""
title: Plain text
quoted: "double \t quoted"
single: 'single ''quoted'''
block: |
  line one
  line two
folded: >
  folded
  text
date: 2022-12-06
month: 2022-12
impossible: 2022-13-45
stamp: 2022-12-06 10:30:00
whole: 12
octal: 0o17
hex: 0x1F
sexagesimal: 1:30
real: 12.5
exponent: 1e3
infinite: .inf
yes_word: yes
true_word: true
empty:
tilde: ~
tagged_text: !!str 12
tagged_number: !!int 12
2015: a number as a field name
2022-12-06: a date as a field name
true: a truth as a field name
1.5: a real number as a field name
list: [a, 1, 2022-01-01, null, [nested, {k: v}]]
nested:
  - text: one
    themes: [a, b]
  - plain item
"""


@pytest.mark.parametrize("source", ["every kind of value", *sorted(p.name for p in FIXTURE_DATA.glob("*.yml")),
                                    *sorted(f"briefings/{p.name}" for p in (FIXTURE_DATA / "briefings").glob("*.yml"))])
def test_the_walk_makes_what_pyyaml_makes(source):
    """The walk that checks a file also makes its document (a text is its node's value, anything else is made by
    PyYAML's constructor): with either reader it must make exactly what PyYAML's own loading of the file makes."""
    import yaml
    from macros.data import yamlload
    text = _EVERY_KIND_OF_VALUE if source == "every kind of value" else (FIXTURE_DATA / source).read_text(encoding="utf-8")
    expected = _typed(yaml.load(text, Loader=yamlload._Loader))
    for loader in (yamlload._FastLoader, yamlload._Loader):
        assert _typed(yamlload._parse(loader, text, "x.yml")[0]) == expected


@pytest.mark.parametrize("source", ["every kind of value", "every kind of value, names as text",
                                    *sorted(p.name for p in FIXTURE_DATA.glob("*.yml")),
                                    *sorted(f"briefings/{p.name}" for p in (FIXTURE_DATA / "briefings").glob("*.yml"))])
def test_the_walk_makes_the_document_as_the_schema_sees_it_as_jsonable_does(source):
    """Asked to, the walk makes the document as jsonable() makes it and gathers its texts and its field names that
    are not text as jsonable() does (by jsonable() itself after the walk, for a document with such names)."""
    from macros.data import yamlload
    if source.startswith("every kind of value"):
        text = _EVERY_KIND_OF_VALUE
        if source.endswith("names as text"):
            text = "\n".join(line for line in text.splitlines() if "as a field name" not in line) + "\n"
    else:
        text = (FIXTURE_DATA / source).read_text(encoding="utf-8")
    for loader in (yamlload._FastLoader, yamlload._Loader):
        document, lines = yamlload._parse(loader, text, "x.yml")
        bad_keys, texts = [], []
        expected = _typed(yamlload.jsonable(document, (), bad_keys, texts))
        got_bad_keys, got_texts = ["left from before"], ["left from before"]
        got, got_lines = yamlload._parse(loader, text, "x.yml", got_bad_keys, got_texts)
        assert (_typed(got), got_lines, got_bad_keys, got_texts) == (expected, lines, bad_keys, texts)
        assert texts and (bad_keys != []) == (source == "every kind of value")


def test_what_the_walk_does_not_make_pyyaml_makes_whole():
    """An empty field name is kept as PyYAML keeps it (the schema then names it), not dropped by the walk."""
    doc, lines = parse_yaml(b"~: empty name\ntitle: T\n", "x.yml")
    assert doc == {None: "empty name", "title": "T"} and lines[("title",)] == 2


def test_a_link_is_refused_unread_whatever_it_points_at(tmp_path):
    from macros.data.yamlload import load_yaml
    secret = tmp_path / "outside.yml"
    secret.write_text("title: secret words\n")
    (tmp_path / "data").mkdir()
    for target in (secret, Path("/etc/passwd"), Path("/dev/zero")):
        link = tmp_path / "data" / "x.yml"
        link.unlink(missing_ok=True)
        link.symlink_to(target)
        with pytest.raises(DataError) as e:
            load_yaml(link, "data/x.yml", tmp_path / "data")
        assert str(e.value).startswith("data/x.yml: is a link") and "secret" not in str(e.value) and "root:" not in str(e.value)


def test_devices_fifos_and_folders_are_refused_without_blocking(tmp_path):
    import os
    from macros.data.yamlload import read_regular
    os.mkfifo(tmp_path / "fifo.yml")  # opening it to read would wait for a writer forever
    (tmp_path / "folder.yml").mkdir()
    for path, what in ((tmp_path / "fifo.yml", "not a regular file"), (Path("/dev/zero"), "not a regular file"),
                       (tmp_path / "folder.yml", "a folder")):
        with pytest.raises(DataError) as e:
            read_regular(path, "data/x.yml", path.parent)
        assert what in str(e.value)


def test_a_file_reached_through_a_linked_folder_is_refused(tmp_path):
    from macros.data.yamlload import read_regular
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "2024-01-x.yml").write_text("title: T\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "briefings").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(DataError) as e:
        read_regular(tmp_path / "data" / "briefings" / "2024-01-x.yml", "data/briefings/2024-01-x.yml", tmp_path / "data")
    assert "linked folder" in str(e.value)
    assert read_regular(tmp_path / "elsewhere" / "2024-01-x.yml", "x", tmp_path) == b"title: T\n"


def test_reading_stops_past_the_size_limit(tmp_path):
    from macros.data.yamlload import read_regular
    big = tmp_path / "big.yml"
    big.write_bytes(b"x" * 101)
    with pytest.raises(DataError) as e:
        read_regular(big, "data/big.yml", tmp_path, limit=100)
    assert "at most 100 bytes" in str(e.value)
