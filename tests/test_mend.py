"""One run shows every problem (issue 18 §4): a tab indent, curly quotes or a date written 30/06/2024 is
reported at its line, and the rest of the file is checked as if it were mended (macros.data.mend)."""
import pytest

from conftest import make_data
from macros.tools import check
from macros.data.catalogue import load
from macros.data.errors import DataError
from macros.data.mend import MENDERS, mend

B = "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\n"


def said(tmp_path, name: str, text: str) -> list[str]:
    data = make_data(tmp_path, seeds=False)
    (data / name).write_text(text, encoding="utf-8")
    try:
        problems = load(data).warnings
    except DataError as e:
        problems = e.problems
    return [str(p).removeprefix(f"data/{name}:") for p in problems if p.path == f"data/{name}"]


NEW_EDITORS_DRAFT = """\
title: Home education
type: rapid-reveiw
date: 2024-06-30
summary: S
cohort:
\tchildren: eight
\tage_range: [16, 2]
worries:
  - text: Call the mother on 07700 900123
    themes: [cumulative-harms]
wories: [x]
questions:
  - How do we know: we asked
"""


def test_a_tab_indent_no_longer_hides_the_files_other_problems(tmp_path):
    """A new editor saw 3 problems, then 8: the tab stopped the file being read."""
    found = said(tmp_path, "briefings/2024-06-x.yml", NEW_EDITORS_DRAFT)
    assert [f.split(":")[0] for f in found] == ["2", "6", "6", "9", "10", "11", "13"]
    assert found[1].startswith("6: a tab character is used for indenting here and on 1 more line")
    assert "more problems may follow" not in " ".join(found)
    assert [f.split(": ", 1)[1][:30] for f in found] == [
        "type 'rapid-reveiw' is not one", "a tab character is used for in", "children should be a whole num",
        "this looks like a UK phone num", "unknown theme 'cumulative-harm", "unknown field 'wories' (did yo",
        "item 1 of questions has a ': '"]


def test_age_range_order_is_checked_once_the_tabs_are_read(tmp_path):
    found = said(tmp_path, "briefings/2024-06-x.yml", B.replace("2023-05-02", "2024-06-30") + "cohort:\n\tage_range: [16, 2]\n")
    assert found == ["6: a tab character is used for indenting: YAML needs spaces (set your editor to indent with spaces). "
                     "`make fix` replaces each tab with spaces",
                     "6: age_range should be youngest first, e.g. [2, 16]"]


def test_curly_quotes_and_a_uk_date_are_reported_and_the_rest_checked(tmp_path):
    text = ("title: “Review: home education”\ntype: rapid-review\ndate: 30/06/2024\nsummary: S\n"
            "worries:\n  - “Elective home education: no visit”\n  - Lives near BS1 4DJ\n")
    found = said(tmp_path, "briefings/2024-07-x.yml", text)
    assert [f.split(":")[0] for f in found] == ["1", "3", "3", "6", "7"]
    assert found[0].startswith("1: the text is in curly quotes")
    assert found[1].startswith("3: date '30/06/2024' is written another way") and "did you mean 2024-06-30?" in found[1]
    # the date as mended is the one the rest of the checks read
    assert found[2] == "3: warning: the file name starts 2024-07 but the date is 2024-06: rename the file or correct the date"
    assert found[3].startswith("6: the text is in curly quotes") and found[4].startswith("7: this looks like a UK postcode")


def test_lines_stay_right_after_every_mend(tmp_path):
    text = ("title: “T”\ntype: rapid-review\ndate: 30/06/2024\nsummary: S\ncohort:\n\tnotes: n\n\tchildren: 2\n"
            "worries:\n  - fine\n  - fine\n  - NHS 943 476 5919\n")
    found = said(tmp_path, "briefings/2024-06-x.yml", text)
    assert [f for f in found if "NHS number" in f][0].startswith("11: ")


def test_a_missing_comment_line_is_never_an_error_only_a_suggestion(tmp_path, monkeypatch, capsys):
    """The form writes no comment line: its pull request must pass."""
    data = make_data(tmp_path, {"briefings/2024-06-x.yml": B.replace("2023-05-02", "2024-06-30")}, seeds=False)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert check.main([str(data)]) == 0
    out = capsys.readouterr()
    assert "briefings/2024-06-x.yml" not in out.out  # no annotation
    [suggestion] = [line for line in out.err.splitlines() if "yaml-language-server" in line]
    assert suggestion == ("Suggestion (not a problem): data/briefings/2024-06-x.yml has no first line '# yaml-language-server: "
                          "$schema=...', with which VS Code suggests fields as you type: `make fix` adds it.")


def test_the_suggestion_from_the_files_as_read_is_the_one_from_reading_them_again(tmp_path):
    """`make check` makes the suggestion from what reading the data recorded; the files it did not read (a briefing
    whose name it refused, one not UTF-8, those reached through a linked folder) are read for it as before."""
    from macros.data.read import read
    from macros.tools.fix import comment_line_suggestion
    body = B.replace("2023-05-02", "2024-06-30")
    data = make_data(tmp_path / "one", {"briefings/2024-06-x.yml": body, "briefings/2024-06-Bad Name.yml": body,
                                        "briefings/2024-06-with.yml": mend(body, "briefing").text,
                                        "briefings/2024-06-broken.yml": body + "title: twice\n"}, seeds=False)
    (data / "briefings" / "2024-06-latin1.yml").write_bytes(b"title: caf\xe9\n")
    known = read(data).comment_lines
    assert known["data/briefings/2024-06-x.yml"] and not known["data/briefings/2024-06-with.yml"]
    assert "data/briefings/2024-06-broken.yml" in known  # its text was read, though not as YAML
    assert not {"data/briefings/2024-06-Bad Name.yml", "data/briefings/2024-06-latin1.yml"} & set(known)
    suggestion = comment_line_suggestion(data, known=known)
    assert suggestion == comment_line_suggestion(data)
    assert "data/briefings/2024-06-Bad Name.yml, data/briefings/2024-06-broken.yml, data/briefings/2024-06-x.yml have" in suggestion

    linked = make_data(tmp_path / "two", seeds=False)
    (linked / "briefings").rmdir()
    (tmp_path / "two" / "elsewhere").mkdir()
    (tmp_path / "two" / "elsewhere" / "2024-06-x.yml").write_text(body)
    (linked / "briefings").symlink_to(tmp_path / "two" / "elsewhere")
    known = read(linked).comment_lines
    assert "data/briefings/2024-06-x.yml" not in known  # refused by `make check`, so not read
    assert comment_line_suggestion(linked, known=known) == comment_line_suggestion(linked) is not None


def test_text_inside_a_block_is_the_texts_own(tmp_path):
    """Quotes, tabs and trailing spaces in a block (|) are its text: nothing to report, nothing mended."""
    text = B.replace("summary: S", "summary: |\n  “Quoted” as the audit wrote it\n  \tand indented   \n  ‘too’")
    assert said(tmp_path, "briefings/2023-05-x.yml", text) == []
    assert "“Quoted” as the audit wrote it\n  \tand indented   \n" in mend(text, "briefing").text


def test_tabs_that_could_mean_two_indents_are_not_guessed(tmp_path):
    """`  - x` then `<tab>- y`: a sibling with 2-space tabs, part of the text with 4: the editor decides."""
    found = said(tmp_path, "briefings/2023-05-x.yml", B + "questions:\n  - x\n\t- y\n")
    assert found == ["7: a tab character is used for indenting: YAML needs spaces (set your editor to indent with spaces). "
                     "The rest of this file is checked once this is fixed, so more problems may follow"]


def test_a_value_that_only_holds_curly_quotes_inside_is_not_touched(tmp_path):
    text = B.replace("summary: S", "summary: The child said “no one asked me”") + "questions:\n  - '“Quoted” on purpose'\n"
    assert said(tmp_path, "briefings/2023-05-x.yml", text) == []


@pytest.mark.parametrize("mender", MENDERS, ids=lambda m: m.name)
def test_a_mend_of_a_file_without_the_fault_changes_nothing(mender):
    text = "# yaml-language-server: $schema=../schema/briefing.schema.json\n" + B + "questions:\n  - 'x'\n"
    assert mender.function(text, "briefing").text == text


def test_two_quotations_are_not_taken_for_one_pair_around_the_text(tmp_path):
    text = B.replace("summary: S", "summary: “Yes” and “no”") + "questions:\n  - ‘It’s ours’\n"
    mended = mend(text, "briefing")
    assert "summary: “Yes” and “no”\n" in mended.text and "  - 'It’s ours'\n" in mended.text


def test_a_file_only_libyaml_reads_is_checked_not_a_traceback(tmp_path):
    """`  <tab>kept` under a date written 30/06/2024: libyaml reads the line as more of the date, PyYAML's own reader
    refuses the tab. The date mender, which reads with PyYAML's, raised its error as a traceback from `make check`."""
    from macros.data.mend import dates_mender
    text = B.replace("date: 2023-05-02", "date: 30/06/2024\n  \tkept")
    assert dates_mender(text, "briefing").text == text
    found = said(tmp_path, "briefings/2024-06-x.yml", text)
    assert found and all("Traceback" not in f for f in found) and any("date" in f for f in found), found
