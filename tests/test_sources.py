"""macros.sources: a briefing checked against the text of its source audit, word for word."""
import os

import pytest

from conftest import FIXTURE_DATA, make_data
from macros import check
from macros.catalogue import load
from macros.errors import DataError
from macros.sources import expected, unmatched

SOURCE = """\
# Multi Agency Quality Assurance Audit: Neglect March 2024

The audit looked at six children.

### What we are worried about?

- Lack of **curiosity** about new adults
  - Nobody asked who lived there
- 
- Late referral to early help**

What we found: Neglect seen in isolation

The children have a range of needs including neglect, ADHD

Organisations that audited their involvement with the six children were: GPs, Police.

Neglect Toolkit – use it at every visit -click here

Click here for the DASH risk assessment

Themes for Learning – Cumulative harm

A paragraph written
over two lines.
"""
TITLE = "Neglect"
BRIEFING = """
title: Neglect
type: thematic-review
date: 2024-03-14
source: 2024-03-neglect.txt
summary: The audit looked at six children.
worries:
  - text: Lack of curiosity about new adults
    details: [Nobody asked who lived there]
  - Late referral to early help
learning:
  - theme: cumulative-harm
    heading: Neglect seen in isolation
    points:
      - Neglect Toolkit – use it at every visit
      - "Cumulative harm: A paragraph written over two lines."
"""


def test_what_the_briefing_should_contain_and_at_which_line():
    assert expected(SOURCE, TITLE) == [
        (3, "The audit looked at six children."),
        (7, "Lack of curiosity about new adults"),  # emphasis is markup, not words
        (8, "Nobody asked who lived there"),  # sub-points too; the empty bullet is nothing
        (10, "Late referral to early help"),  # a stray ** left by conversion is not a word
        (12, "Neglect seen in isolation"),  # after a section label, the rest
        (18, "Neglect Toolkit – use it at every visit"),  # the link pointer after the dash dropped
        (22, "Cumulative harm"),
        (24, "A paragraph written over two lines."),  # a paragraph is one block, at its first line
    ]


def test_the_first_block_is_looked_for_unless_it_holds_the_title():
    assert expected(SOURCE, "Something else")[0] == (1, "Multi Agency Quality Assurance Audit: Neglect March 2024")


def test_unmatched_lines_are_those_no_text_contains_word_for_word():
    texts = ["The audit looked at  six\nchildren.", "Lack of curiosity about new adults", "Nobody asked who lived there",
             "Late referral to early help", "Neglect seen in isolation", "Neglect Toolkit – use it at every visit",
             "Cumulative harm: A paragraph written over two lines."]
    assert unmatched(SOURCE, TITLE, texts) == []
    assert unmatched(SOURCE, TITLE, [t.lower() for t in texts]) != []  # case counts
    assert unmatched(SOURCE, TITLE, texts[1:]) == [(3, "The audit looked at six children.")]
    # a line must be inside one text, not run across two
    assert unmatched("T\n\nalpha beta\n", "T", ["alpha", "beta"]) == [(3, "alpha beta")]


def briefing_data(tmp_path, briefing=BRIEFING, source=SOURCE, name="2024-03-neglect.txt"):
    files = {"briefings/2024-03-neglect.yml": briefing}
    if source is not None:
        files[f"sources/{name}"] = source
    return make_data(tmp_path, files, seeds=False)


def source_warnings(cat) -> list[str]:
    return [str(w) for w in cat.warnings if w.path.startswith("data/sources/")]


def test_a_briefing_true_to_its_source_has_no_warnings(tmp_path):
    cat = load(briefing_data(tmp_path))
    assert source_warnings(cat) == []
    assert cat.briefings[0].source_document == "2024-03-neglect.txt"


def test_a_line_left_out_is_a_warning_at_its_line_in_the_source(tmp_path):
    cat = load(briefing_data(tmp_path, BRIEFING.replace("  - Late referral to early help\n", "  - Late referral\n")))
    assert source_warnings(cat) == [
        "data/sources/2024-03-neglect.txt:10: warning: this line of the source is not in data/briefings/2024-03-neglect.yml "
        "word for word: 'Late referral to early help'. Copy it into the briefing as written, or correct the briefing "
        "where it differs"]


def test_make_check_prints_source_warnings_and_passes(tmp_path, capsys):
    data = briefing_data(tmp_path, BRIEFING.replace("six children", "6 children"))
    assert check.main([str(data)]) == 0
    err = capsys.readouterr().err
    assert "data/sources/2024-03-neglect.txt:3: warning: this line of the source is not in" in err


def test_a_briefing_without_source_is_not_checked(tmp_path):
    cat = load(briefing_data(tmp_path, BRIEFING.replace("source: 2024-03-neglect.txt\n", "")))
    assert source_warnings(cat) == [] and cat.briefings[0].source_document is None


@pytest.mark.parametrize("value, message", [
    ("../briefings/2024-03-neglect.yml", "source '../briefings/2024-03-neglect.yml' is outside data/sources/: put the audit's text in data/sources/"),
    ("/etc/hostname", "source '/etc/hostname' is outside data/sources/"),
    ("2024-03-missing.txt", "source '2024-03-missing.txt' is not in data/sources/: add the audit's text there under that name, "
                            "or correct the name, e.g. source: 2024-03-neglect.txt"),
    ("folder", "source 'folder' is not a file: name a text file in data/sources/"),
    ("outside.txt", "source 'outside.txt' is outside data/sources/"),  # a link out of the folder
])
def test_a_source_that_is_not_a_file_in_the_folder_is_refused_at_its_line(tmp_path, value, message):
    data = briefing_data(tmp_path, BRIEFING.replace("source: 2024-03-neglect.txt", f"source: {value}"))
    (data / "sources" / "folder").mkdir()
    os.symlink(data / "themes.yml", data / "sources" / "outside.txt")
    with pytest.raises(DataError) as e:
        load(data)
    [problem] = e.value.errors
    assert str(problem).startswith(f"data/briefings/2024-03-neglect.yml:4: {message}")


def test_a_source_that_is_not_utf8_is_refused(tmp_path):
    data = briefing_data(tmp_path)
    (data / "sources" / "2024-03-neglect.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(DataError) as e:
        load(data)
    assert [str(p) for p in e.value.errors] == ["data/sources/2024-03-neglect.txt: is not UTF-8 text: save it as UTF-8 (plain text or Markdown)"]


def test_the_fixture_briefings_are_true_to_their_sources():
    """The seed audits: every finding of each source is in its briefing's data word for word
    (tests/test_build.py checks the same on the built pages)."""
    cat = load(FIXTURE_DATA)
    assert [b.source_document for b in cat.briefings] == [f"{b.id}.txt" for b in cat.briefings]
    assert source_warnings(cat) == []


def test_an_identifier_in_the_source_is_refused_masked_at_its_line(tmp_path):
    data = briefing_data(tmp_path, source=SOURCE + "\nCall mum on 07700 900123 after school\n")
    with pytest.raises(DataError) as e:
        load(data)
    assert [str(p) for p in e.value.errors] == [
        "data/sources/2024-03-neglect.txt:27: this looks like a UK phone number ('07••• ••••••'): sources are published "
        "with the project and must never identify a child or family, so replace it with [removed]"]
