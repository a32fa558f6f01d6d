"""`make check`: plain messages for people, and GitHub annotations when run in GitHub Actions."""
import pytest

from conftest import make_data
from macros.tools import check
from macros.data.errors import Problem

BAD = "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\nwories: [x]\n"


def run(tmp_path, monkeypatch, capsys, files, actions: bool):
    monkeypatch.setenv("GITHUB_ACTIONS", "true") if actions else monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = check.main([str(make_data(tmp_path, files, seeds=False))])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_valid_data_exits_zero(tmp_path, monkeypatch, capsys):
    code, out, err = run(tmp_path, monkeypatch, capsys, {}, actions=False)
    assert code == 0 and "The data is valid" in out


def test_problems_exit_one_with_path_and_line_and_no_annotation_outside_actions(tmp_path, monkeypatch, capsys):
    code, out, err = run(tmp_path, monkeypatch, capsys, {"briefings/2023-05-x.yml": BAD}, actions=False)
    assert code == 1
    assert "data/briefings/2023-05-x.yml:5: unknown field 'wories' (did you mean 'worries'?)" in err
    assert "::error" not in out + err


def test_in_github_actions_each_problem_is_also_an_annotation(tmp_path, monkeypatch, capsys):
    code, out, err = run(tmp_path, monkeypatch, capsys, {"briefings/2023-05-x.yml": BAD,
                                                         "briefings/2024-01-y.yml": BAD.replace("2023-05-02", "2023-06-02").replace("wories: [x]\n", "")},
                         actions=True)
    assert code == 1
    assert "::error file=data/briefings/2023-05-x.yml,line=5::unknown field 'wories' (did you mean 'worries'?)" in out
    assert "::warning file=data/briefings/2024-01-y.yml,line=3::the file name starts 2024-01" in out


def test_annotation_escapes_per_githubs_rules():
    # a line break from the data is shown as its escape (never a second line), then escaped as GitHub asks
    p = Problem("data/a,b:c.yml", 7, "100% sure\r\nsecond line", "warning")
    assert p.github_annotation() == "::warning file=data/a%2Cb%3Ac.yml,line=7::100%25 sure\\r\\nsecond line"
    assert Problem("data/x.yml", None, "is missing").github_annotation() == "::error file=data/x.yml::is missing"


def git(repo, *args):
    import subprocess
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Editor", "-c", "user.email=editor@example.org",
                    "-c", "init.defaultBranch=main", *args], check=True, capture_output=True)


@pytest.fixture
def branch(tmp_path, monkeypatch):
    """A repository whose main holds the data, on a branch where an editor added one briefing with a warning."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    data = make_data(tmp_path, seeds=False)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "main")
    git(tmp_path, "checkout", "-q", "-b", "new-briefing")
    (data / "briefings/2023-05-x.yml").write_text(BAD.replace("wories: [x]\n", "").replace("summary: S", "summary: TODO"))
    return data


def test_warnings_about_files_the_editor_did_not_change_are_one_line(branch, capsys):
    assert check.main([str(branch)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("data/briefings/2023-05-x.yml:4: warning: summary still has the TODO text")
    assert not any("has never been reviewed" in line for line in err)
    [summary] = [line for line in err if "housekeeping" in line]
    assert summary.startswith("and ") and "data/resources.yml: " in summary and "/editors/" in summary and "ALL=1" in summary
    assert len([line for line in err if not line.startswith("Suggestion (not a problem)")]) == 2


def test_all_prints_every_warning(branch, capsys):
    assert check.main(["--all", str(branch)]) == 0
    err = capsys.readouterr().err
    assert "has never been reviewed" in err and "housekeeping" not in err and "TODO" in err


def test_a_committed_change_on_the_branch_counts_as_changed(branch, capsys):
    git(branch.parent, "add", "data")
    git(branch.parent, "commit", "-q", "-m", "add a briefing")
    check.main([str(branch)])
    assert "2023-05-x.yml:4: warning: summary still has the TODO text" in capsys.readouterr().err


def test_errors_are_printed_in_full_and_counted_even_in_files_not_changed(branch, capsys):
    (branch / "needs.yml").write_text((branch / "needs.yml").read_text() + "- id: index\n  label: X\n  description: X\n")
    git(branch.parent, "checkout", "-q", "main")
    git(branch.parent, "commit", "-q", "-a", "-m", "an error merged into main")
    git(branch.parent, "checkout", "-q", "new-briefing")
    git(branch.parent, "merge", "-q", "main")
    assert check.main([str(branch)]) == 1
    err = capsys.readouterr().err
    assert "data/needs.yml:" in err and "id 'index' is reserved" in err
    assert err.rstrip().endswith("1 problem in the data: fix it and check again.")


def test_without_git_every_warning_is_printed(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-folder"))  # no git at all
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert check.main([str(make_data(tmp_path, seeds=False))]) == 0
    err = capsys.readouterr().err
    assert "has never been reviewed" in err and "housekeeping" not in err


@pytest.mark.parametrize("files, explained", [({}, False), ({"briefings/2023-05-x.yml": BAD}, True)])
def test_jsonschema_is_imported_only_to_explain_a_refusal(tmp_path, files, explained):
    """jsonschema explains what the fast check (macros.data.fastschema) refused; data it accepts never needs it."""
    import subprocess
    import sys
    from conftest import ROOT
    data = make_data(tmp_path, files, seeds=False)
    script = ("import sys\nfrom macros.tools import check\ncode = check.main([sys.argv[1]])\n"
              "print(code, 'jsonschema' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script, str(data)], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == f"{int(explained)} {explained}", result.stderr
    assert ("unknown field 'wories'" in result.stderr) == explained


def test_the_collector_is_set_back_as_it_was_after_a_check(tmp_path, monkeypatch, capsys):
    """check collects cycles less often while it reads (nothing it reads can be a cycle), and only then: a caller
    running it in its own process (the tests, `make serve`) keeps its own setting, whether the data passes or not."""
    import gc
    before = gc.get_threshold()
    seen = []
    real_read = check.read
    monkeypatch.setattr(check, "read", lambda *a: seen.append(gc.get_threshold()) or real_read(*a))
    for files in ({}, {"briefings/2023-05-x.yml": BAD}):
        run(tmp_path / str(len(files)), monkeypatch, capsys, files, actions=False)
        assert gc.get_threshold() == before
    assert seen and all(threshold[0] > before[0] for threshold in seen)
