"""Warnings in full only about the entries a branch changed, told by git in a real repository.

Each test makes a repository in a temporary folder whose main holds the fixture data (17 standing
warnings in resources.yml: resources never reviewed or without a link), then changes it on a branch
as an editor would, and reads what `make check` prints."""
import subprocess

import pytest

from conftest import make_data, write
from macros.tools import check, report

NEW_RESOURCE = "- id: young-carers-service\n  title: Young carers service\n  kind: service\n  description: Support for young carers.\n"
NEVER_REVIEWED = "warning: resource '{}' has never been reviewed: check its link and description, then add 'reviewed: YYYY-MM-DD'"
NO_LINK = "warning: resource '{}' has no web link: add 'url' when there is a public one"


def git(repo, *args) -> str:
    return subprocess.run(["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                           "-c", "init.defaultBranch=main", *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository whose main holds the fixture data, checked out on a new branch."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    make_data(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "main")
    git(tmp_path, "checkout", "-q", "-b", "editor")
    return tmp_path


def printed(root, capsys) -> list[str]:
    """What `make check` prints about problems (its suggestion of the comment line aside: no warning)."""
    assert check.main([str(root / "data")]) == 0
    return [line for line in capsys.readouterr().err.splitlines() if not line.startswith("Suggestion (not a problem)")]


def summary(n: int, where: str) -> str:
    return (f"and {n} housekeeping warnings on entries you have not changed ({where}): the site's /editors/ page "
            "lists them, and `make check ALL=1` prints them")


def test_a_new_resource_gets_its_own_warnings_and_the_17_old_ones_are_one_line(repo, capsys):
    resources = repo / "data" / "resources.yml"
    line = resources.read_text().count("\n") + 1
    resources.write_text(resources.read_text() + NEW_RESOURCE)
    assert printed(repo, capsys) == [
        f"data/resources.yml:{line}: " + NEVER_REVIEWED.format("young-carers-service"),
        f"data/resources.yml:{line}: " + NO_LINK.format("young-carers-service"),
        f"data/resources.yml:{line}: warning: resource 'young-carers-service' is defined but nothing refers to it",
        summary(17, "data/resources.yml: 17")]


def test_a_changed_line_inside_an_entry_shows_that_entry_only_committed_or_not(repo, capsys):
    resources = repo / "data" / "resources.yml"
    resources.write_text(resources.read_text().replace("  publisher: SafeLives\n- id: domestic-abuse-toolkit",
                                                       "  publisher: SafeLives (national charity)\n- id: domestic-abuse-toolkit"))
    expected = ["data/resources.yml:6: " + NEVER_REVIEWED.format("dash"), summary(16, "data/resources.yml: 16")]
    assert printed(repo, capsys) == expected
    git(repo, "commit", "-q", "-am", "publisher")
    assert printed(repo, capsys) == expected


def test_lines_deleted_from_an_entry_change_that_entry(repo, capsys):
    resources = repo / "data" / "resources.yml"
    text = resources.read_text()
    resources.write_text(text.replace("  url: https://safelives.org.uk/practice-support/resources-identifying-risk-victims-face\n", "", 1))
    assert printed(repo, capsys) == ["data/resources.yml:6: " + NEVER_REVIEWED.format("dash"),
                                     "data/resources.yml:6: " + NO_LINK.format("dash"), summary(16, "data/resources.yml: 16")]


def test_a_source_warning_shows_when_the_briefing_naming_it_changed(repo, capsys):
    """The source is as it was; the briefing's finding was reworded, so the source's line is no longer in it."""
    briefing = repo / "data" / "briefings" / "2022-12-engagement-with-fathers.yml"
    briefing.write_text(briefing.read_text().replace("  - Impact of trauma\n", "  - The impact of trauma\n"))
    [warning, rest] = printed(repo, capsys)
    assert warning.startswith("data/sources/2022-12-engagement-with-fathers.txt:") and "'Impact of trauma'" in warning
    assert ": warning: this line of the source is not in data/briefings/2022-12-engagement-with-fathers.yml word for word" in warning
    assert rest == summary(17, "data/resources.yml: 17")


def test_a_new_or_renamed_file_is_changed_as_a_whole(repo, capsys):
    write(repo / "data" / "briefings" / "2024-01-x.yml", "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: TODO\n")
    git(repo, "add", "data")
    git(repo, "commit", "-q", "-m", "a briefing with two warnings")
    git(repo, "branch", "-q", "-f", "main")  # merged: the briefing is now main's
    git(repo, "mv", "data/briefings/2024-01-x.yml", "data/briefings/2023-05-x.yml")
    git(repo, "commit", "-q", "-m", "renamed, not a byte changed")
    err = printed(repo, capsys)
    assert err[0].startswith("data/briefings/2023-05-x.yml:4: warning: summary still has the TODO text")
    assert err[1:] == [summary(17, "data/resources.yml: 17")]


def test_what_git_reports_is_the_lines_of_each_file_as_it_is_now(repo):
    resources = repo / "data" / "resources.yml"
    lines = resources.read_text().splitlines(keepends=True)
    lines[6] = "  title: DASH checklist\n"  # line 7
    del lines[40]  # line 41, marac's url: the deletion sits after line 40
    resources.write_text("".join(lines) + NEW_RESOURCE)
    write(repo / "data" / "briefings" / "2024-01-x.yml", "title: T\n")
    changes = report.changes(repo)
    end = len(lines)
    assert changes.lines == {"data/resources.yml": {7, 40, end + 1, end + 2, end + 3, end + 4}}
    assert changes.whole == {"data/briefings/2024-01-x.yml"}


@pytest.mark.parametrize("how", ["not a repository", "no main branch"])
def test_when_git_cannot_tell_every_warning_is_printed(repo, capsys, how):
    if how == "not a repository":
        (repo / ".git").rename(repo / "not-git")
    else:
        git(repo, "branch", "-q", "-D", "main")
    assert report.changes(repo) is None
    err = printed(repo, capsys)
    assert len(err) == 17 and not any("housekeeping" in line for line in err)


@pytest.mark.parametrize("written", ["date: 2024-02-30\n", "a: &a [x, x]\nb: [*a, *a]\n", "title: [unclosed\n"])
def test_a_changed_briefing_that_cannot_be_read_gets_its_messages_not_a_traceback(repo, capsys, written):
    """What this branch changed is read, for the source a briefing names, as make check reads it: an impossible
    date, an alias or a syntax error is the check's to report, at its line."""
    write(repo / "data" / "briefings" / "2024-01-x.yml",
          "title: T\ntype: rapid-review\nsource: 2022-12-engagement-with-fathers.txt\nsummary: S\n" + written)
    assert check.main([str(repo / "data")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "data/briefings/2024-01-x.yml:" in err
