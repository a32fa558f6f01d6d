"""`make fix` (macros.tools.fix): each mechanical fault mended in place and said line by line; never a word changed,
never a file written that is not valid YAML, and nothing written at all when it cannot be done safely."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from conftest import make_data
from macros.tools import fix
from macros.data import yamlload
from macros.tools.fix import FIXERS, Fixer, fix_file, run
from macros.data.mend import Change, Mended

COMMENT = "# yaml-language-server: $schema=../schema/briefing.schema.json\n"
B = "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\n"
NAME = "briefings/2023-05-x.yml"

FAULTS = {  # name: (the file as written, as make fix leaves it, what make fix says, each after "data/<file>:")
    "tabs": (COMMENT + B + "cohort:\n\tchildren: 8\n\tnotes: n\n", COMMENT + B + "cohort:\n  children: 8\n  notes: n\n",
             ["7: replaced the tab indenting with spaces (2 for each tab)", "8: replaced the tab indenting with spaces (2 for each tab)"]),
    "tabs four wide": (COMMENT + B + "worries:\n  - text: x\n\tthemes: [a]\n", COMMENT + B + "worries:\n  - text: x\n    themes: [a]\n",
                       ["8: replaced the tab indenting with spaces (4 for each tab)"]),
    "curly double quotes": (COMMENT + B.replace("summary: S", 'summary: “Review: ‘fathers’, "mothers" and C:\\ drive”'),
                            COMMENT + B.replace("summary: S", 'summary: "Review: ‘fathers’, \\"mothers\\" and C:\\\\ drive"'),
                            ["5: straightened the curly quotes around the text"]),
    "curly single quotes": (COMMENT + B + "questions:\n  - ‘It's ours: isn’t it’  # a comment\n",
                            COMMENT + B + "questions:\n  - 'It''s ours: isn’t it'  # a comment\n",
                            ["7: straightened the curly quotes around the text"]),
    "UK date": (COMMENT + B.replace("2023-05-02", "30/05/2023"), COMMENT + B.replace("2023-05-02", "2023-05-30"),
                ["4: wrote date '30/05/2023' as 2023-05-30"]),
    "US date": (COMMENT + B.replace("2023-05-02", '"05/30/2023"'), COMMENT + B.replace("2023-05-02", "2023-05-30"),
                ["4: wrote date '05/30/2023' as 2023-05-30"]),
    "date in words": (COMMENT + B.replace("2023-05-02", "30th May, 2023"), COMMENT + B.replace("2023-05-02", "2023-05-30"),
                      ["4: wrote date '30th May, 2023' as 2023-05-30"]),
    "month": (COMMENT + B.replace("2023-05-02", "May 2023"), COMMENT + B.replace("2023-05-02", "2023-05"),
              ["4: wrote date 'May 2023' as 2023-05"]),
    "an action's dates": (COMMENT + B + "learning:\n  - theme: a\n    actions:\n      - text: Do it\n        due: 31/03/2025\n"
                                        "        updated: 03/04/2025\n",
                          COMMENT + B + "learning:\n  - theme: a\n    actions:\n      - text: Do it\n        due: 2025-03-31\n"
                                        "        updated: 03/04/2025\n",
                          ["10: wrote due '31/03/2025' as 2025-03-31",
                           "11: left updated '03/04/2025' as it is: it could be 3 April 2025 (day first, as in the UK) or "
                           "4 March 2025 (month first, as in the US). Write it as YYYY-MM-DD yourself"]),
    "a ': ' in a field's text": (COMMENT + B.replace("summary: S", "summary: Review: fathers  # the audit's word") + "worries:\n"
                                 "  - text: Call: now \"quoted\" it's\n  - text: C:\\ drive: x\n",
                                 COMMENT + B.replace("summary: S", "summary: \"Review: fathers\"  # the audit's word") + "worries:\n"
                                 "  - text: 'Call: now \"quoted\" it''s'\n  - text: \"C:\\\\ drive: x\"\n",
                                 ["5: put the text in quotes: its ': ' made YAML read a new field there",
                                  "7: put the text in quotes: its ': ' made YAML read a new field there",
                                  "8: put the text in quotes: its ': ' made YAML read a new field there"]),
    "a ': ' in an item of texts": (COMMENT + B + "questions:\n  - How do we know: we asked\n  - Why: because\n  - text: fine\n",
                                   COMMENT + B + "questions:\n  - \"How do we know: we asked\"\n  - \"Why: because\"\n"
                                                 "  - \"text: fine\"\n",
                                   ["7: put the item in quotes: its ': ' made YAML read it as a field and its value, not text",
                                    "8: put the item in quotes: its ': ' made YAML read it as a field and its value, not text",
                                    "9: put the item in quotes: its ': ' made YAML read it as a field and its value, not text"]),
    "a ': ' in a finding, and a finding's field": (COMMENT + B + "worries:\n  - Parents were not asked: why\n  - text: fine\n"
                                                                  "    themes: [a]\n",
                                                   COMMENT + B + "worries:\n  - \"Parents were not asked: why\"\n  - text: fine\n"
                                                                  "    themes: [a]\n",
                                                   ["7: put the item in quotes: its ': ' made YAML read it as a field and its "
                                                    "value, not text"]),
    "a ': ' after an unclosed curly quote": (COMMENT + B + "worries:\n  - “Elective home education: no visit\n",
                                             COMMENT + B + "worries:\n  - \"Elective home education: no visit\"\n",
                                             ["7: put the item in quotes: its ': ' made YAML read it as a field and its value, "
                                              "not text"]),
    "comment line": (B, COMMENT + B, ['1: added the first line "# yaml-language-server: $schema=../schema/briefing.schema.json", '
                                      "with which VS Code suggests fields as you type"]),
    "trailing spaces": (COMMENT + B.replace("title: T", "title: T  \t") + "summary2: |\n  kept   \n",
                        COMMENT + B + "summary2: |\n  kept   \n", ["2: removed the spaces at the end of the line"]),
}


def fixed(tmp_path, name: str, written: bytes | str) -> tuple[bytes, list[str]]:
    data = make_data(tmp_path, seeds=False)
    path = data / name
    path.write_bytes(written.encode("utf-8") if isinstance(written, str) else written)
    lines, _, _ = run(data)
    return path.read_bytes(), [line.removeprefix(f"data/{name}:") for line in lines if line.startswith(f"data/{name}")]


@pytest.mark.parametrize("fault", FAULTS)
def test_each_mechanical_fault_is_mended_and_said(tmp_path, fault):
    written, expected, said = FAULTS[fault]
    after, lines = fixed(tmp_path, NAME, written)
    assert after.decode("utf-8") == expected
    assert lines == said


def test_every_fault_at_once_is_said_at_the_lines_of_the_file_as_written(tmp_path):
    written = B.replace("2023-05-02", "30/05/2023").replace("summary: S", "summary: “S: t”") + "cohort:\n\tchildren: 8   \n"
    after, lines = fixed(tmp_path, NAME, written)
    assert after.decode().splitlines() == [COMMENT.strip(), "title: T", "type: rapid-review", "date: 2023-05-30",
                                           'summary: "S: t"', "cohort:", "  children: 8"]
    assert [line.split(":")[0] for line in lines] == ["1", "4", "5", "7", "7"]


def test_a_registry_gets_its_own_comment_line(tmp_path):
    after, lines = fixed(tmp_path, "needs.yml", "- id: neglect\n  label: Neglect\n  description: D\n")
    assert after.decode().startswith("# yaml-language-server: $schema=schema/needs.schema.json\n- id: neglect\n")


def test_line_endings_and_a_byte_order_mark_are_kept(tmp_path):
    written = b"\xef\xbb\xbf" + (COMMENT + B + "cohort:\n\tchildren: 8\n").replace("\n", "\r\n").encode()
    after, _ = fixed(tmp_path, NAME, written)
    assert after == b"\xef\xbb\xbf" + (COMMENT + B + "cohort:\n  children: 8\n").replace("\n", "\r\n").encode()


def test_a_file_that_would_still_not_be_yaml_is_left_as_it_was(tmp_path):
    written = COMMENT + B + "cohort:\n\tchildren: 8\nquestions:\n  - How do we know: we asked\n  - [unclosed\n"
    after, lines = fixed(tmp_path, NAME, written)
    assert after.decode() == written
    assert lines == [" left as it was: even mended, it would not be valid YAML (line 11: has a list or set of fields in "
                     "brackets ([ ] or { }) that is not closed, or text in it that needs quotes: close the bracket, or put "
                     "the text in quotes. The rest of this file is checked once this is fixed, so more problems may follow), "
                     "and make fix never writes a file that is not: run `make check`, which says what to do"]


def test_tabs_that_could_mean_two_indents_are_left_and_said(tmp_path):
    written = COMMENT + B + "questions:\n  - x\n\t- y\n"
    after, lines = fixed(tmp_path, NAME, written)
    assert after.decode() == written
    assert lines == ["8: left the tabs as they are: they could mean more than one indent, so which fields belong together "
                     "cannot be told. Replace each tab with spaces yourself"]


def broken_fixer(old: str, new: str, declared: bool = True) -> Fixer:
    """A fixer with a bug: it changes `old` to `new` in the data files, saying so (or not)."""
    def function(text, path, data_dir):
        if old not in text:
            return Mended(text)
        line = text[: text.index(old)].count("\n") + 1
        return Mended(text.replace(old, new, 1), (Change(line, "changed it"),) if declared else ())
    return Fixer("broken", "nothing", fix.data_files, function)


@pytest.mark.parametrize("old, new, why", [
    ("summary: S", "summary: Z", "the words on line 5 would change, which make fix never does: mend it by hand"),
    ("summary: S", "summary: 'S '", "the value on line 5 would change, which make fix never does: mend it by hand"),
    ("summary: S", "summary: [S", "even mended, it would not be valid YAML"),
])
def test_a_fixer_that_would_change_a_word_or_a_value_or_break_the_file_writes_nothing(tmp_path, old, new, why):
    data = make_data(tmp_path, {NAME: COMMENT + B}, seeds=False)
    lines, mended, left = run(data, [broken_fixer(old, new)])
    assert (data / NAME).read_text() == COMMENT + B
    assert lines[0].startswith(f"data/{NAME}: left as it was: {why}") and (mended, left) == (0, 1)


def test_a_change_no_fixer_declared_writes_nothing(tmp_path):
    data = make_data(tmp_path, {NAME: COMMENT + B}, seeds=False)
    lines, _, _ = run(data, [broken_fixer("type: rapid-review", "type:  rapid-review", declared=False)])
    assert lines[0] == f"data/{NAME}: left as it was: line 3 would change without a reason, which make fix never does"


def test_a_fixer_for_another_file_joins_the_registry(tmp_path):
    """The shape another fixer takes (the lead's will write the feedback form's agencies from data/agencies.yml)."""
    data = make_data(tmp_path, seeds=False)
    form = data.parent / ".github" / "form.yml"
    form.parent.mkdir()
    form.write_text("options:\n  - old\n")

    def agencies(text, path, data_dir):
        ids = [line.split(": ", 1)[1] for line in (data_dir / "agencies.yml").read_text().splitlines() if line.startswith("- id: ")]
        new = "options:\n" + "".join(f"  - {i}\n" for i in ids)
        return Mended(new, (Change(2, "wrote the agencies from data/agencies.yml"),)) if new != text else Mended(text)
    lines, mended, left = run(data, FIXERS + [Fixer("form-agencies", "the form's agencies", lambda d: [form], agencies,
                                                    keeps_words=False)])
    assert form.read_text().startswith("options:\n  - gp\n  - social-care\n") and ".github/form.yml:2: wrote the agencies" in "\n".join(lines)


def test_a_second_run_has_nothing_to_mend(tmp_path):
    data = make_data(tmp_path, {NAME: B.replace("2023-05-02", "30/05/2023")}, seeds=True)
    run(data)
    lines, mended, left = run(data)
    assert lines == ["Nothing to mend: no tabs, curly quotes, unquoted text with a ': ' in it, dates written another way, "
                     "spaces at line ends or missing first lines."] and (mended, left) == (0, 0)


def test_the_command_exits_one_when_something_is_left_for_a_person(tmp_path, capsys):
    data = make_data(tmp_path, {NAME: COMMENT + B.replace("2023-05-02", "03/05/2023")}, seeds=False)
    assert fix.main([str(data)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == ("make fix mended nothing; 1 is left for you to do (said above). "
                                                        "Then run `make check`.")


def test_a_write_replaces_the_file_whole_keeping_its_mode(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    fix.write_atomic(path, b"new\n", b"old\n")
    assert path.read_bytes() == b"new\n" and oct(os.stat(path).st_mode & 0o777) == "0o640"
    with pytest.raises(fix.ChangedMeanwhile):
        fix.write_atomic(path, b"newer\n", b"old\n")  # someone saved it since it was read
    assert path.read_bytes() == b"new\n" and [p.name for p in tmp_path.iterdir()] == ["x.yml"]


# Lines as an editor might type them, mistakes and all: what make fix writes must read as YAML, or nothing is written.
PIECES = st.sampled_from(["title: T", "summary: S", "date: 30/06/2024", "date: 03/04/2024", "date: “2024-06-30”",
                          "summary: “Review: fathers”", "- “a: b”", "  - ‘it’s’", "questions:", "cohort:", "\tchildren: 8",
                          "\t\tnotes: n", "  - x   ", "\t- y", "summary: |", "  “kept”  ", "  \tkept", "- [", "key: 'a'",
                          'key: "b\\\\"', "# comment", "", "due: 31/03/2025", "  - text: x", "\tthemes: [a]", "a: b: c"])


@given(st.lists(PIECES, min_size=1, max_size=12), st.sampled_from(["\n", "\r\n"]))
def test_make_fix_never_writes_a_file_that_is_not_valid_yaml(tmp_path_factory, pieces, ending):
    data = make_data(tmp_path_factory.mktemp("fix"), seeds=False)
    path = data / NAME
    before = (ending.join(pieces) + ending).encode()
    path.write_bytes(before)
    fix_file(path, f"data/{NAME}", FIXERS, data)
    after = path.read_bytes()
    if after != before:
        yamlload.parse_yaml(after, "x")  # raises DataError if it does not read
        text = after.decode()
        if text.startswith(COMMENT.strip()) and not before.startswith(b"# yaml"):
            text = text.split("\n", 1)[1]  # the comment line added
        # the same words: a date's numbers in another order, never another word (no piece writes a month's name)
        assert sorted(re.findall(r"\w+", text)) == sorted(re.findall(r"\w+", before.decode()))


def test_make_fix_then_make_check_passes_on_a_file_with_every_fault(tmp_path):
    from test_make import make_project, run_make
    project = make_project(tmp_path)
    briefing = project / "data/briefings/2023-05-every-fault.yml"
    briefing.write_text("title: “Review: every fault”  \ntype: rapid-review\ndate: 30/05/2023\nsummary: S\ncohort:\n"
                        "\tchildren: 8\n\tage_range: [2, 16]\nquestions:\n  - ‘How do we know: we asked’\n")
    before = subprocess.run([sys.executable, "-m", "macros.tools.check"], cwd=project, capture_output=True, text=True)
    assert before.returncode == 1 and "4 problems in the data" in before.stderr
    result = run_make(project, "fix")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "make fix mended 7 things in 1 file. Then run `make check`." in result.stdout
    after = subprocess.run([sys.executable, "-m", "macros.tools.check"], cwd=project, capture_output=True, text=True)
    assert after.returncode == 0, after.stdout + after.stderr
    assert "yaml-language-server" not in after.stderr  # the suggestion is gone too


@pytest.mark.parametrize("fault", [f for f in FAULTS if "': '" in f])
def test_a_colon_is_quoted_as_make_check_says_to_quote_it(tmp_path, fault):
    """What `make check` tells the editor to type for a ': ' in text is, character for character, what `make fix` writes."""
    from macros.data.catalogue import load
    from macros.data.errors import DataError
    written, expected, _ = FAULTS[fault]
    data = make_data(tmp_path / "check", seeds=False)
    (data / NAME).write_text(written, encoding="utf-8")
    with pytest.raises(DataError) as e:
        load(data)
    advice = [p for p in e.value.problems if "like this: " in p.message and p.path == f"data/{NAME}"]
    assert advice, [str(p) for p in e.value.problems]
    for problem in advice:
        typed = problem.message.split("like this: ", 1)[1].split(" (`make fix` writes it so)")[0]
        line = expected.splitlines()[problem.line - 1]
        assert line.strip().split("  #")[0] == typed.strip(), (line, typed)
