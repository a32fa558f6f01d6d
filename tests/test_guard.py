"""The identifiers guard: what would identify a child or family stops the build; near misses do not."""
import pytest

from conftest import FIXTURE_DATA, make_data
from macros.catalogue import load
from macros.errors import DataError
from macros.guard import find, mask, nhs_number_ok

TRIPS = {
    "DOB 12/03/2015": "date-of-birth",
    "the d.o.b. 1.2.2019 was recorded": "date-of-birth",
    "Date of birth: unknown": "date-of-birth",
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
}
NEAR_MISSES = [
    "The audit of 6th December 2022 reviewed the records of eight children",
    "No evidence of any preventative work with abusive partner despite 10 year pattern",
    "DASH 24 questions", "A&E attendance", "Good follow up between GP and Social Care",
    "943 476 5918 fails the check",  # 10 digits failing modulus 11
    "Childline 0800 1111", "aged 2 to 16 in 2021-12", "See https://www.nspcc.org.uk/a@b or www.example.org/0117-903-6444",
    "Dobson", "born in 2015", "Y10 pupils", "CP plan", "lower-case bs1 4dj is too like ordinary words",
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
        ("data/briefings/2023-05-x.yml", 6, "this looks like a date of birth ('DO•')"),
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
