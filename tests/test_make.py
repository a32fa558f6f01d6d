"""The Makefile's own targets, run with `make` in a copy of the project (the venv is this one)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from macros.catalogue import load

VENV = Path(sys.prefix)


def make_project(tmp_path: Path) -> Path:
    """A copy of the project with its Makefile; copy2 keeps the requirements' times, so make installs nothing."""
    if not (VENV / ".runtime").exists():
        pytest.skip("the Makefile's venv stamp is missing: run through `make test`")
    project = copy_project(tmp_path / "p")
    for name in ("Makefile", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, project / name)
    return project


def run_make(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", f"VENV={VENV}", f"PY={sys.executable}", *args],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


TITLES = [
    "Spending $100 on $(shell touch x) and ${HOME} and $$",
    "$(shell touch x)",
    "\"Double\" and 'single' quotes, it's `touch x` and $(touch x)",
    "Back\\slash \\n \\\\ and a # hash: colon",
]


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("how", ["argument", "environment"])
def test_make_new_writes_the_title_literally_and_runs_nothing(tmp_path, title, how):
    project = make_project(tmp_path)
    if how == "argument":
        result = run_make(project, "new", f"TITLE={title}", "DATE=2024-06")
    else:
        result = run_make(project, "new", env={"TITLE": title, "DATE": "2024-06"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / "x").exists()
    [path] = (project / "data/briefings").glob("2024-06-*.yml")
    [briefing] = [b for b in load(project / "data").briefings if b.id == path.stem]
    assert briefing.title == " ".join(title.split())
    # The file as written passes `make check` (the TODO summary is only a warning).
    check = subprocess.run([sys.executable, "-m", "macros.check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_make_new_with_a_bad_date_says_what_it_should_be(tmp_path):
    project = make_project(tmp_path)
    result = run_make(project, "new", "TITLE=Neglect", "DATE=30/06/2024")
    assert result.returncode != 0
    assert "write the date as YYYY-MM-DD or YYYY-MM: did you mean DATE=2024-06-30?" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "data/briefings").iterdir()) == sorted(
        p.name for p in (ROOT / "data/briefings").iterdir())


def test_no_other_target_expands_a_title_given_to_it(tmp_path):
    project = make_project(tmp_path)
    result = run_make(project, "check", "TITLE=$(shell touch x)")
    assert result.returncode == 0, result.stderr
    assert not (project / "x").exists()
