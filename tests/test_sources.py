"""macros.data.sources: a briefing checked against the text of its source audit, word for word."""
import os

import pytest

from conftest import FIXTURE_DATA, make_data
from macros.tools import check
from macros.data.catalogue import load
from macros.data.errors import DataError
from macros.data.sources import expected, unmatched

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


# Issue 17, section 2: messages are printed in public CI logs.
def test_a_source_line_holding_an_identifier_is_refused_and_never_printed(tmp_path, capsys):
    line = "Child A, NHS number 943 476 5919, born 2015-03-04, lives at BS1 4DJ"
    data = briefing_data(tmp_path, source=SOURCE + "\n" + line + "\n")
    assert check.main([str(data), "--all"]) == 1
    err = capsys.readouterr().err
    assert "data/sources/2024-03-neglect.txt:27: this looks like an NHS number" in err
    assert "warning: this line of the source" not in err  # compared once the identifiers are gone
    assert not any(part in err for part in ("5919", "2015-03-04", "4DJ", "Child A, NHS"))


def test_a_source_warning_points_at_its_line_and_quotes_only_the_start(tmp_path):
    long = "Practitioners did not record the views of the father in any of the eight cases reviewed by the audit"
    cat = load(briefing_data(tmp_path, source=SOURCE + "\n" + long + "\n"))
    [warning] = source_warnings(cat)
    assert warning.startswith("data/sources/2024-03-neglect.txt:27: warning: this line of the source is not in "
                              "data/briefings/2024-03-neglect.yml word for word: 'Practitioners did not record the views o…'")
    assert long not in warning


def test_a_source_value_holding_an_identifier_is_refused_once_and_never_named(tmp_path):
    data = briefing_data(tmp_path, BRIEFING.replace("source: 2024-03-neglect.txt", 'source: "07700 900123 notes.txt"'))
    with pytest.raises(DataError) as e:
        load(data)
    [problem] = e.value.errors
    assert str(problem).startswith("data/briefings/2024-03-neglect.yml:4: this looks like a UK phone number ('07••• ••••••')")
    assert "900123" not in e.value.report()


def test_a_source_value_is_quoted_cut_short(tmp_path):
    value = "2024-03-" + "a-very-long-name-" * 6 + ".txt"
    with pytest.raises(DataError) as e:
        load(briefing_data(tmp_path, BRIEFING.replace("source: 2024-03-neglect.txt", f"source: {value}")))
    [problem] = e.value.errors
    assert problem.message.startswith("source '2024-03-a-very-long-name-a-very-long-name-a-very-long-name-a…' is not in data/sources/")


@pytest.mark.parametrize("command", [["-m", "macros.tools.check"], ["-m", "macros.tools.build"]])
def test_a_source_name_too_long_for_a_file_is_a_message_not_a_traceback(tmp_path, command):
    """`source:` of 300 a's once ended `make check` and `make build` with OSError: File name too long."""
    import subprocess
    import sys
    from conftest import copy_project
    data = briefing_data(tmp_path, BRIEFING.replace("source: 2024-03-neglect.txt", "source: " + "a" * 300 + ".txt"))
    project = copy_project(tmp_path / "project", data)
    argv = command + ([str(project / "data")] if "macros.tools.check" in command else ["--site-dir", str(tmp_path / "site")])
    result = subprocess.run([sys.executable, *argv], cwd=project, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert ("data/briefings/2024-03-neglect.yml:4: source 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' "
            "cannot be read as a file name (File name too long)") in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr and "a" * 61 not in result.stdout + result.stderr


# Issue 17, section 4.1: each of the source's blocks against every text of the briefing took time growing with
# their product (a megabyte each: about 950 s of CPU). Now with their sum.
@pytest.fixture(params=["scan", "automaton"])
def search_by(request, monkeypatch):
    """contained() both ways: str's own search while small, Aho-Corasick past SEARCH_BUDGET."""
    from macros.data import sources
    monkeypatch.setattr(sources, "SEARCH_BUDGET", 10**12 if request.param == "scan" else 0)
    return request.param


@pytest.mark.parametrize("needles, haystack, found", [
    ({"a", "ab", "abc", "b", "bcd", "x"}, "zabcz", {"a", "ab", "abc", "b"}),
    ({"he", "she", "his", "hers"}, "ushers", {"he", "she", "hers"}),  # the textbook example: overlaps and suffixes
    ({"a a a", "a a", "a"}, "a a", {"a a", "a"}),
    ({"alpha beta"}, "alpha\nbeta", set()),  # never across two texts
    ({"", "q"}, "", set()),
])
def test_contained_finds_exactly_the_needles_in_the_haystack(search_by, needles, haystack, found):
    from macros.data.sources import contained
    assert contained(needles, haystack) == found


def test_unmatched_is_the_same_either_way(search_by):
    texts = ["The audit looked at six children.", "Lack of curiosity about new adults", "Nobody asked who lived there"]
    assert unmatched(SOURCE, TITLE, texts) == [(10, "Late referral to early help"), (12, "Neglect seen in isolation"),
                                               (18, "Neglect Toolkit – use it at every visit"), (22, "Cumulative harm"),
                                               (24, "A paragraph written over two lines.")]


@pytest.mark.parametrize("make", [
    lambda n: ({"zq"} | {f"z{i}" for i in range(n)}, "x " * (8 * n)),        # many needles, none there
    lambda n: ({"a " * k + "a" for k in range(n // 8)}, "a " * (4 * n)),      # each needle inside the next, all there
    lambda n: ({"ab" * k + "c" for k in range(1, n // 16)}, "ab" * (4 * n)),  # long partial matches, then none
])
def test_the_automaton_takes_steps_in_proportion_to_the_needles_and_haystack_together(make):
    """Counted, not timed: at every size, a few steps per character of needles and haystack together (were
    each needle sought through the haystack, the steps would be their product: thousands per character)."""
    from macros.data.sources import _Automaton
    for n in (1_000, 8_000):
        needles, haystack = make(n)
        automaton = _Automaton(needles)
        automaton.search(haystack)
        assert automaton.steps <= 4 * (sum(map(len, needles)) + len(haystack))


def test_a_source_too_long_to_compare_is_a_warning_not_a_minute(tmp_path):
    from macros.data.sources import MAX_LINES
    cat = load(briefing_data(tmp_path, source="zq\n\n" * (MAX_LINES // 2 + 1)))
    [warning] = source_warnings(cat)
    assert warning == (f"data/sources/2024-03-neglect.txt: warning: has {MAX_LINES + 3:,} lines, more than the {MAX_LINES:,} "
                       "a source may have to be compared with data/briefings/2024-03-neglect.yml (an audit's summary has "
                       "a few hundred): check it is the audit's own text. It was not compared")


def test_the_automaton_finds_what_a_search_for_each_needle_finds():
    from hypothesis import given, strategies as st
    from macros.data.sources import _Automaton
    words = st.text("ab \n", max_size=12)

    @given(st.sets(words, max_size=8), words)
    def agree(needles, haystack):
        needles = {n for n in needles if n}
        assert _Automaton(needles).search(haystack) == {n for n in needles if n in haystack}
    agree()
