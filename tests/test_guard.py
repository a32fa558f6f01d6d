"""The identifiers guard: what would identify a child or family stops the build; near misses do not."""
import time

import pytest
from hypothesis import example, given, strategies as st

from conftest import FIXTURE_DATA, make_data
from macros.data.catalogue import load
from macros.data.errors import DataError
from macros.data.identifiers import find, find_in_id, mask, normalise, nhs_number_ok
from macros.data.text import quote

TRIPS = {
    "DOB 12/03/2015": "date-of-birth",
    "the d.o.b. 1.2.2019 was recorded": "date-of-birth",
    "was born 12/03/2015": "date-of-birth",
    "born on 3rd March 2015": "date-of-birth",
    "NHS 943 476 5919": "nhs-number",
    "ref 9434765919.": "nhs-number",
    "lives near BS1 4DJ": "postcode",
    "SW1A1AA": "postcode",
    "call 0117 903 6444": "phone-number",
    "mobile 07700 900123": "phone-number",
    "+44 7700 900123": "phone-number",
    "(0117) 903 6444": "phone-number",
    "mum.smith@example.com": "email",
    # as pasted from Word, or written some other common way
    "NHS 943\u00a0476\u00a05919": "nhs-number",
    "NHS 943.476.5919": "nhs-number",
    "NHS \uff19\uff14\uff13 \uff14\uff17\uff16 \uff15\uff19\uff11\uff19": "nhs-number",  # full-width digits
    "born 2019-04-03": "date-of-birth",
    "DOB: 3 April 2019": "date-of-birth",
    "a form at https://example.org/f?contact=jane.doe@gmail.com": "email",
    "a form at https://example.org/f?contact=jane.doe%40gmail.com": "email",
    "lives near BS1\u00a04DJ": "postcode",
    "call 0117\u202f903\u202f6444": "phone-number",
    "call 0117\u2013903\u20136444": "phone-number",
}
NEAR_MISSES = [
    "The audit of 6th December 2022 reviewed the records of eight children",
    "No evidence of any preventative work with abusive partner despite 10 year pattern",
    "DASH 24 questions", "A&E attendance", "Good follow up between GP and Social Care",
    "943 476 5918 fails the check",  # 10 digits failing modulus 11
    "Childline 0800 1111", "aged 2 to 16 in 2021-12", "See https://www.nspcc.org.uk/a@b or www.example.org/0117-903-6444",
    "Dobson", "born in 2015", "The date of birth was not recorded by the GP", "Father's DOB missing",
    "Date of birth: unknown", "DOB and address were shared with the school", "Y10 pupils", "CP plan", "lower-case bs1 4dj is too like ordinary words",
]


@pytest.mark.parametrize("text,kind", TRIPS.items())
def test_identifiers_are_found(text, kind):
    assert [k for k, _ in find(text)] == [kind]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_not(text):
    assert list(find(text)) == []


def test_nhs_check_digit():
    assert nhs_number_ok("9434765919") and not nhs_number_ok("9434765918") and not nhs_number_ok("123")


def test_messages_mask_what_they_found():
    assert mask("943 476 5919") == "94• ••• ••••"
    assert mask("a" * 1000 + "@example.com") == "aa" + "•" * 22 + "…"


def test_quoted_values_are_masked_and_short():
    said = quote("Jane Doe, NHS 943 476 5919, born 3/4/2019, mum.smith@example.com and more")
    assert "943 476 5919" not in said and "5919" not in said and "3/4/2019" not in said
    assert said.startswith("'Jane Doe, NHS 94•") and said.endswith("…'") and len(said) <= 33
    assert quote("x" * 100_000) == "'" + "x" * 30 + "…'"
    assert quote("NHS 943\u00a0476\u00a05919") == "'NHS 94• ••• ••••'"


@pytest.mark.parametrize("text", ["a.a." * 250_000, "0 " * 500_000, "a@" * 500_000, "7" * 1_000_000,
                                  " " * 1_000_000, "-\u2013" * 500_000, "born DOB " * 100_000, "www." * 250_000])
def test_a_megabyte_of_awkward_text_is_searched_in_linear_time(text):
    """The email pattern once backtracked: 100 KB of 'a.a.a.' took 79 s. A generous bound, not a timing."""
    start = time.perf_counter()
    assert list(find(text)) == []
    assert time.perf_counter() - start < 20


BRIEFING = """
title: T
type: rapid-review
date: 2023-05-02
summary: |
  First line.
  Second line with DOB 1/2/2019.
worries:
  - Plain worry for Jayden
  - text: Call the duty team on 0117 903 6444
    allow: [phone-number]
    reason: The council's public duty number, checked by the business unit.
  - text: Call 0117 903 6444 from BS1 4DJ
    allow: [phone-number]
    reason: Public number.
"""


def test_the_build_fails_naming_file_line_and_kind_and_allow_excuses_only_its_kinds(tmp_path):
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": BRIEFING, "guard-names.txt": "# names from the case files\njayden\n"}, seeds=False)
    with pytest.raises(DataError) as e:
        load(data)
    got = [(p.path, p.line, p.message.split(":")[0]) for p in e.value.errors]
    assert got == [
        ("data/briefings/2023-05-x.yml", 6, "this looks like a date of birth ('DO• •/•/••••')"),
        ("data/briefings/2023-05-x.yml", 8, "this looks like a name from data/guard-names.txt ('Ja••••')"),
        ("data/briefings/2023-05-x.yml", 12, "this looks like a UK postcode ('BS• •••')"),
    ]
    assert "add 'allow: [postcode]' and a 'reason:'" in e.value.errors[2].message


def test_names_list_is_whole_word_and_optional(tmp_path):
    data = make_data(tmp_path, {"guard-names.txt": "Ann\n"}, seeds=True)
    load(data)  # "Ann" is in no seed as a word ("annual", "planning" do not count)
    (data / "guard-names.txt").write_text("Fathers\n")
    with pytest.raises(DataError):
        load(data)


def test_the_seeds_pass_clean():
    assert not [w for w in load(FIXTURE_DATA).warnings if "looks like" in w.message]


# Issue 17, section 1: each spelling once published a child's identifiers past the guard (on the page, in
# og:description and in feed.xml). Read as a reader reads it, each is what it looks like.
SPELLINGS = {
    "jane.doe&#64;example.com": "email",                  # character references, decoded as a browser does
    "07700&#32;900123": "phone-number",
    "NHS 943&#x20;476&#x20;5919": "nhs-number",
    "lives at BS1&nbsp;4DJ": "postcode",
    "born 2015\\-03\\-04": "date-of-birth",               # Markdown's escapes ...
    "NHS 943 *476* 5919": "nhs-number",                   # ... and emphasis
    "call `07700` 900123": "phone-number",
    "NHS 943 _476_ 5919": "nhs-number",
    "[email](mailto:jane.doe%40example.com)": "email",    # a mail link
    "NHS 943\u200b476\u200b5919": "nhs-number",           # invisible characters, in any field
    "jane.doe\u200b@example.com": "email",
    "born 04\u200b/03/2015": "date-of-birth",
    "NHS 943\u00ad476\u00ad5919": "nhs-number",           # soft hyphen
    "NHS 943\u2060476\u20605919": "nhs-number",           # word joiner
    "NHS 943\u034f476\u034f5919": "nhs-number",           # combining grapheme joiner
    "NHS 943\u180e476\u180e5919": "nhs-number",           # Mongolian vowel separator
    "NHS 943\ufeff476\u200d5919": "nhs-number",           # BOM, zero-width joiner
    "NHS \u0669\u0664\u0663 \u0664\u0667\u0666 \u0665\u0669\u0661\u0669": "nhs-number",  # Arabic-Indic digits
    "NHS 943 476\n5919": "nhs-number",                    # a line break, which a page shows as a space
    "lives at BS1\n4DJ": "postcode",
}


@pytest.mark.parametrize("text,kind", SPELLINGS.items())
def test_every_spelling_of_an_identifier_is_found(text, kind):
    assert [k for k, _ in find(text)] == [kind]


@pytest.mark.parametrize("text", ["good_practice and key_messages", "A&E and A&amp;E", "**Bold** words, `code` and *emphasis*",
                                  "C:\\path\\to", "a\u200bb", "Zoë, naïve, Łódź", "2 * 3 = 6", "page 943 of 4765"])
def test_normalising_finds_nothing_in_ordinary_text(text):
    assert list(find(text)) == []


def test_normalise_reads_text_as_a_reader_does():
    assert normalise("A&amp;E, 943&#x20;476 and 943\u200b476\u00ad \uff19 \u0669 \u2013 \u00a0x") == "A&E, 943 476 and 943476 9 9 -  x"
    assert normalise("born 2015\\-03\\-04 *one* **two** `three` _four_ good_practice") == "born 2015-03-04 one two three four good_practice"
    assert normalise("a&#10;b\nc") == "a b\nc"  # a line break written as a reference is a space: lines still count


def test_the_lines_of_a_block_still_count_after_normalising(tmp_path):
    text = "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: |\n  A&amp;E \u200b*first*\n  NHS 943 *476* 5919.\n"
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": text}, seeds=False)
    with pytest.raises(DataError) as e:
        load(data)
    assert [(p.line, p.message.split(":")[0]) for p in e.value.errors] == [(6, "this looks like an NHS number (10 digits that pass the NHS number check) ('94• ••• ••••')")]


def test_each_published_spelling_is_refused_by_make_check_at_its_line_and_never_repeated(tmp_path, capsys):
    """What `make check` prints (CI's public log) names each line and none of the identifiers."""
    import json
    from macros.tools import check
    # (a line break inside quotes is the guard's one blind spot for lines: it takes it for a block's, a line below)
    spellings = [text for text in SPELLINGS if "\n" not in text]
    fields = "\n".join(f"  - {json.dumps(text, ensure_ascii=False)}" for text in spellings)
    text = f"title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\nworries:\n{fields}\n"
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": text}, seeds=False)
    assert check.main([str(data), "--all"]) == 1
    err = capsys.readouterr().err
    for line in range(6, 6 + len(spellings)):
        assert f"data/briefings/2023-05-x.yml:{line}: this looks like" in err
    for secret in ("jane.doe", "900123", "5919", "4DJ", "2015", "\u0665\u0669\u0661\u0669"):
        assert secret not in err


@pytest.mark.parametrize("name, kind", [("2022-12-dad-born-2015-03-04-nhs-943-476-5919.yml", "a date of birth"),
                                        ("2022-12-child-at-bs1-4dj.yml", "a UK postcode"),
                                        ("2022-12-call-07700-900123.yml", "a UK phone number")])
def test_a_file_name_that_identifies_is_refused_and_never_repeated(tmp_path, capsys, name, kind):
    """File names are published: as the briefing's address, in the sitemap, the feeds and the open data."""
    from macros.tools import check
    text = "title: T\ntype: rapid-review\ndate: 2022-12-02\nsummary: S\nworries: [wories]\n"  # (a mistake too: not reported)
    data = make_data(tmp_path, {f"briefings/{name}": text}, seeds=False)
    assert check.main([str(data), "--all"]) == 1
    err = capsys.readouterr().err
    [line] = [l for l in err.splitlines() if l.startswith("data/briefings/")]
    assert f": the file name looks like it holds {kind}: the name is the briefing's web address" in line
    assert line.startswith("data/briefings/2022-12-") and "•" in line
    assert not any(part in err for part in ("2015-03-04", "5919", "4dj", "900123"))


def test_an_id_that_identifies_is_refused_at_its_line(tmp_path):
    """Registry ids are web addresses too (/themes/<id>/): a postcode in one is in lower case."""
    data = make_data(tmp_path, seeds=False)
    with open(data / "themes.yml", "a", encoding="utf-8") as f:
        f.write("- id: family-at-bs1-4dj\n  title: T\n  summary: S\n")
    lines = (data / "themes.yml").read_text().count("\n")
    with pytest.raises(DataError) as e:
        load(data)
    assert [(p.path, p.line, p.message.split(":")[0]) for p in e.value.errors] == [
        ("data/themes.yml", lines - 2, "this looks like a UK postcode ('bs•-•••')")]
    assert "4dj" not in e.value.report()


@pytest.mark.parametrize("ident", ["cp2-3rd-review", "year-10-pupils", "ks2-sats", "a1-5"])
def test_ids_that_only_look_like_postcodes_pass(ident):
    assert list(find_in_id(ident)) == []


def _spans(found):
    return [(kind, m.span(), m.group()) for kind, m in found]


_PIECES = list("aB zZ.-_*`/:#'\n\t") + ["0", "7", "@", "%40", "&#64;", "&amp;", "\\", "２", "Ø", "\u200b", "mailto:",
                                        "https://x/", "BS1 4DJ", "943 476 5919", "a@b.co", "born 12/03/2015", "&commat;",
                                        "＠", "b.co", "０７７００ ９００１２３"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
@example("write to a&commat;b.co")
@example("write to a＠b.co")
@example("call ０７７００ ９００１２３")
@example("a\\@b.co")
def test_a_text_passed_over_quickly_is_one_the_full_search_finds_nothing_in(text):
    """find() skips a text without a digit, '@', '%', '&', '\\' or a character that is not ASCII: the full search
    (normalise, then every pattern) must find nothing there, and gives the same as find() everywhere else."""
    from macros.data.identifiers import _found
    assert _spans(find(text)) == _spans(_found(text, None))
