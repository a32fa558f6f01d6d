"""`make check`: plain messages for people, and GitHub annotations when run in GitHub Actions."""
import pytest

from conftest import make_data
from macros import check
from macros.errors import Problem

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
    p = Problem("data/a,b:c.yml", 7, "100% sure\r\nsecond line", "warning")
    assert p.github_annotation() == "::warning file=data/a%2Cb%3Ac.yml,line=7::100%25 sure%0D%0Asecond line"
    assert Problem("data/x.yml", None, "is missing").github_annotation() == "::error file=data/x.yml::is missing"
