"""The Makefile's own targets, run with `make` in a copy of the project (the venv is this one)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, make_venv
from macros.data.catalogue import load


def make_project(tmp_path: Path) -> Path:
    """A copy of the project with its Makefile; copy2 keeps the requirements' times, so make installs nothing."""
    project = copy_project(tmp_path / "p")
    for name in ("Makefile", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tools", project / "tools")  # the Makefile's set-up script
    return project


def run_make(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`make` in the project, with this Python as its venv (conftest.make_venv)."""
    variables = [f"{k}={v}" for k, v in make_venv(project.parent).items()]
    return subprocess.run(["make", "--no-print-directory", *variables, *args],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **(env or {})})


TITLES = [
    "Spending $100 on $(shell touch x) and ${HOME} and $$",
    "$(shell touch x)",
    "\"Double\" and 'single' quotes, it's `touch x` and $(touch x)",
    "Back\\slash \\n \\\\ and a # hash: colon",
]


@pytest.mark.parametrize("how,title", [("argument", t) for t in TITLES] + [("environment", TITLES[0])])
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
    check = subprocess.run([sys.executable, "-m", "macros.tools.check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_make_new_with_a_bad_date_says_what_it_should_be(tmp_path):
    project = make_project(tmp_path)
    before = sorted(p.name for p in (project / "data/briefings").iterdir())
    result = run_make(project, "new", "TITLE=Neglect", "DATE=30/06/2024")
    assert result.returncode != 0
    assert "write the date as YYYY-MM-DD or YYYY-MM: did you mean DATE=2024-06-30?" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (project / "data/briefings").iterdir()) == before  # no file written


def test_no_other_target_expands_a_title_given_to_it(tmp_path):
    project = make_project(tmp_path)
    result = run_make(project, "check", "TITLE=$(shell touch x)")
    assert result.returncode == 0, result.stderr
    assert not (project / "x").exists()


# make build: macros/tools/build.py ------------------------------------------------------------------

from macros.tools import build as site_build


@pytest.fixture(autouse=True)
def quiet(monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")  # as the Makefile sets it


def tiny_pipeline(root: Path, out: Path, engine: str) -> None:
    """In place of the real pipeline (tests/test_engines.py builds the real site): what build.py swaps in."""
    (out / "deep").mkdir(parents=True)
    (out / "index.html").write_text(f"Tiny, by {engine}")


def old_site(root: Path) -> dict[str, bytes]:
    (root / "site" / "deep").mkdir(parents=True)
    (root / "site" / "index.html").write_text("the old site")
    (root / "site" / "deep" / "page.html").write_text("an old page")
    return tree(root / "site")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_make_build_is_refused_while_another_build_runs(tmp_path):
    project = make_project(tmp_path)
    before = old_site(project)
    with site_build.locked(project):  # as a build in progress holds it
        result = run_make(project, "build")
    assert result.returncode != 0
    assert "Another build is running in this folder (it holds .build.lock): wait for it to finish" in result.stderr
    assert "Built the site" not in result.stdout + result.stderr
    assert tree(project / "site") == before and not (project / ".site-new").exists()


def test_a_failed_make_build_leaves_the_last_site_byte_identical(tmp_path, site):
    project = make_project(tmp_path)
    shutil.copytree(site, project / "site")  # the last good build: the fixture site
    before = tree(project / "site")
    briefing = project / "data/briefings/2021-12-pre-school-children.yml"
    briefing.write_text(briefing.read_text().replace("type: multi-agency-audit", "type: multi-agency-audti"))
    result = run_make(project, "build")
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "data/briefings/2021-12-pre-school-children.yml:5: type 'multi-agency-audti' is not one of" in out
    assert "did you mean 'multi-agency-audit'?" in out and "Traceback" not in out
    assert tree(project / "site") == before and not (project / ".site-new").exists()


def test_the_lock_goes_when_the_build_holding_it_is_killed(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from macros.tools.build import locked; from pathlib import Path\n"
         "with locked(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(600)", str(tmp_path)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "locked\n"
        with pytest.raises(site_build.Busy):
            with site_build.locked(tmp_path):
                pass
    finally:
        holder.kill()
        holder.wait()
    with site_build.locked(tmp_path):  # no stale lock to delete by hand
        pass


def test_a_build_replaces_the_old_site_whole_never_inside_it(tmp_path, capsys):
    root = tmp_path
    old_site(root)
    (root / ".site-new" / "site").mkdir(parents=True)  # left by a build that was killed
    assert site_build.build(root, "properdocs", make=tiny_pipeline) == 0
    assert "Built the site into site/" in capsys.readouterr().out
    built = tree(root / "site")
    assert built["index.html"] == b"Tiny, by properdocs" and "deep/page.html" not in built
    assert not [p for p in (root / "site").rglob("*") if p.name in ("site", ".site-new", ".site-old")]
    assert sorted(p.name for p in root.iterdir()) == [".build.lock", "site"]


def test_a_failed_build_keeps_the_old_site_and_says_so(tmp_path, capsys):
    from macros.data.errors import DataError, Problem
    before = old_site(tmp_path)

    def bad_data(root, out, engine):
        (out / "half").mkdir(parents=True)  # what a build had written when it found the problem
        raise DataError([Problem("data/briefings/2023-05-x.yml", 3, "unknown field 'titel'")])
    assert site_build.build(tmp_path, make=bad_data) == 1
    err = capsys.readouterr().err
    assert "data/briefings/2023-05-x.yml:3: unknown field 'titel'" in err and "so site/ is as it was" in err
    assert tree(tmp_path / "site") == before and not (tmp_path / ".site-new").exists()


def test_when_site_cannot_be_replaced_it_is_kept_and_the_build_fails(tmp_path, capsys, monkeypatch):
    root = tmp_path
    before = old_site(root)
    rename = os.rename

    def refuse_into_site(src, dst):
        if Path(src) == root / ".site-new" and Path(dst) == root / "site":
            raise OSError(16, "Device or resource busy")
        rename(src, dst)
    monkeypatch.setattr(site_build.os, "rename", refuse_into_site)
    assert site_build.build(root, make=tiny_pipeline) == 1
    err = capsys.readouterr().err
    assert "Could not put the new build in place of site/ (Device or resource busy), so the previous site is as it was" in err
    assert tree(root / "site") == before
    assert not (root / ".site-new").exists() and not (root / ".site-old").exists()


def test_replace_site_into_a_missing_or_empty_folder(tmp_path):
    new = tmp_path / ".site-new"
    new.mkdir()
    (new / "index.html").write_text("new")
    site_build.replace_site(new, tmp_path / "site")
    assert tree(tmp_path / "site") == {"index.html": b"new"} and not new.exists()


def test_when_even_putting_site_back_fails_the_message_says_where_it_is(tmp_path, capsys, monkeypatch):
    root = tmp_path
    before = old_site(root)
    rename = os.rename

    def refuse_site(src, dst):
        if Path(dst) == root / "site":
            raise OSError(16, "Device or resource busy")
        rename(src, dst)
    monkeypatch.setattr(site_build.os, "rename", refuse_site)
    assert site_build.build(root, make=tiny_pipeline) == 1
    assert "so the previous site is in .site-old/ (rename it back to site/)" in capsys.readouterr().err
    assert tree(root / ".site-old") == before
