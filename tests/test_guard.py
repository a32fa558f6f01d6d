"""The identifiers guard: what would identify a child or family stops the build; near misses do not."""
import time

import pytest

from conftest import FIXTURE_DATA, make_data
from macros.catalogue import load
from macros.errors import DataError
from macros.identifiers import find, mask, nhs_number_ok
from macros.text import quote

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
