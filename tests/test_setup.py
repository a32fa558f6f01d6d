"""A new machine and a new partnership's first run: `make` checks what it needs before installing anything
and says how to get what is missing (apt-get only as root); a site with no briefings yet builds without
npm and reads well, and `make check` counts in words."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import metadata
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from conftest import ROOT, copy_project, make_data, page_text

VENV = Path(sys.prefix)
FLOOR = re.search(r"^PYTHON_FLOOR := (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)[1]
# What a new editor's machine may lack; the tests take them off the PATH.
TOOLS = ("npm", "npx", "node", "nodejs", "chromium", "java", "apt-get")


def pinned(requirements: Path) -> list[str]:
    """The names pinned in a requirements file and the files it includes."""
    names = []
    for line in requirements.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            names += pinned(requirements.parent / line[3:].strip())
        elif "==" in line:
            names.append(re.split(r"[\[=]", line)[0])
    return names


def test_the_python_floor_is_the_newest_python_a_pinned_package_requires():
    """Runtime and test pins (installed here): each package's own Requires-Python, from its metadata."""
    lowest = {}
    for name in pinned(ROOT / "requirements-test.txt"):
        spec = SpecifierSet(metadata(name).get("Requires-Python") or "")
        assert spec.contains(FLOOR), f"{name} does not install on Python {FLOOR} ({spec})"
        bounds = [Version(s.version) for s in spec if s.operator in (">=", "~=") and "*" not in s.version]
        lowest[name] = max(bounds, default=Version("0"))
    newest = max(lowest.values())
    assert Version(FLOOR) == newest, f"the floor should be {newest} ({[n for n, v in lowest.items() if v == newest]})"
    assert f"Python {FLOOR} or newer" in (ROOT / "README.md").read_text(encoding="utf-8")


def machine_without(tmp_path: Path, missing=TOOLS) -> tuple[Path, Path]:
    """A bin folder with every program on this PATH but `missing`, and a stand-in apt-get that records its
    calls (in the returned log) and installs nothing."""
    bin_dir, log = tmp_path / "bin", tmp_path / "apt-get.log"
    bin_dir.mkdir()
    for folder in os.environ["PATH"].split(os.pathsep):
        if os.path.isdir(folder):
            for entry in os.scandir(folder):
                if entry.name not in missing and not (bin_dir / entry.name).exists() and os.access(entry.path, os.X_OK):
                    (bin_dir / entry.name).symlink_to(entry.path)
    apt = bin_dir / "apt-get"
    apt.write_text(f'#!/bin/sh\necho "$@" >> {log}\n')
    apt.chmod(0o755)
    return bin_dir, log


def make(project: Path, *args: str, path: Path | None = None, root: bool = False, **variables: str):
    """`make` in a copy of the project, as root or as someone else (SETUP_AS_ROOT: tools/setup.sh's own test switch)."""
    env = {**os.environ, "SETUP_AS_ROOT": "1" if root else ""}
    if path:
        env["PATH"] = str(path)
    return subprocess.run(["make", "--no-print-directory", *args, *(f"{k}={v}" for k, v in variables.items())],
                          cwd=project, capture_output=True, text=True, timeout=600, env=env)


def project_copy(tmp_path: Path, data: Path | None = None, node_modules: bool = True) -> Path:
    """The project with its Makefile and set-up script; copy2 keeps the requirements' times, so make installs nothing."""
    project = copy_project(tmp_path / "p", **({"data": data} if data else {}))
    for name in ("Makefile", "requirements.txt", "requirements-test.txt", "tools"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, project / name)
    if not node_modules:
        (project / "node_modules").unlink()
    return project


def python_claiming(tmp_path: Path, version: tuple) -> Path:
    """This Python, reporting another version to what the set-up script asks it."""
    fake = tmp_path / "python-old"
    fake.write_text(f'#!/bin/sh\nif [ "$1" = -c ]; then exec {sys.executable} -c "import sys; sys.version_info = {version!r}\n$2"; fi\n'
                    f'exec {sys.executable} "$@"\n')
    fake.chmod(0o755)
    return fake


# --- Python ---------------------------------------------------------------------------------------

def test_a_python_older_than_the_floor_is_refused_before_anything_is_installed(tmp_path):
    project = project_copy(tmp_path)
    venv = tmp_path / "venv"
    result = make(project, "build", PYTHON=str(python_claiming(tmp_path, (3, 11, 2, "final", 0))), VENV=str(venv))
    assert result.returncode != 0
    assert f"is Python 3.11.2, but the pinned packages need Python {FLOOR} or newer" in result.stderr
    assert "Debian 12's python3 is 3.11.2" in result.stderr and "make PYTHON=python3.12 build" in result.stderr
    assert "pip" not in result.stdout and not venv.exists()


def test_a_venv_left_by_an_older_python_is_named_with_how_to_start_again(tmp_path):
    project = project_copy(tmp_path)
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(python_claiming(tmp_path, (3, 11, 2, "final", 0)))
    result = make(project, "check", VENV=str(venv))
    assert result.returncode != 0
    assert f"{venv} was made with Python 3.11.2, but the pinned packages need Python {FLOOR} or newer" in result.stderr
    assert f"rm -rf {venv}" in result.stderr


def test_a_python_at_the_floor_passes(tmp_path):
    """The same check lets the floor itself through (the venv is this one, so nothing is installed)."""
    project = project_copy(tmp_path)
    result = make(project, "check", PYTHON=str(python_claiming(tmp_path, tuple(map(int, FLOOR.split("."))) + ("final", 0))),
                  VENV=str(VENV), PY=sys.executable)
    assert result.returncode == 0, result.stderr


# --- Programs from Debian -------------------------------------------------------------------------

def test_make_test_names_every_missing_program_at_once_and_runs_no_apt_get_when_not_root(tmp_path):
    bin_dir, apt_log = machine_without(tmp_path)
    result = make(project_copy(tmp_path), "test-tools", path=bin_dir)
    assert result.returncode != 0
    assert ("Missing npm (the checkers and the editors' form), chromium (the browser tests), java (the Nu HTML checker).\n"
            "Install npm chromium default-jre-headless (on Debian or Ubuntu: sudo apt-get install npm chromium "
            "default-jre-headless), then run make again.") in result.stderr
    assert not apt_log.exists()


def test_as_root_what_is_missing_is_installed_with_apt_get(tmp_path):
    bin_dir, apt_log = machine_without(tmp_path)
    result = make(project_copy(tmp_path), "test-tools", path=bin_dir, root=True)
    assert result.returncode == 0, result.stderr
    assert apt_log.read_text().splitlines() == ["update -qq", "install -y -qq npm chromium default-jre-headless"]


def test_nothing_is_asked_for_when_everything_is_there(tmp_path):
    bin_dir, apt_log = machine_without(tmp_path, missing=("apt-get",))
    for name in ("npm", "chromium", "java"):
        if not (bin_dir / name).exists():  # a stand-in: only its presence on the PATH is checked
            (bin_dir / name).write_text("#!/bin/sh\n")
            (bin_dir / name).chmod(0o755)
    result = make(project_copy(tmp_path), "test-tools", path=bin_dir, root=True)
    assert result.returncode == 0 and result.stderr == "" and not apt_log.exists()


# --- A new partnership's first build: no briefings, no npm, not root ------------------------------

NOTICE = ("Missing npm (the editors' form and the checkers), so this builds the site without the editors' form at /admin/. "
          "To include it, install npm (on Debian or Ubuntu: sudo apt-get install npm) and run make again.")


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """`make check` and `make build` on a machine without npm, as someone other than root, in a project
    whose data has the registries and no briefings: the site a partnership starts from."""
    tmp = tmp_path_factory.mktemp("first")
    project = project_copy(tmp, data=make_data(tmp / "data", seeds=False), node_modules=False)
    bin_dir, apt_log = machine_without(tmp)
    check = make(project, "check", path=bin_dir, VENV=str(VENV), PY=sys.executable)
    build = make(project, "build", path=bin_dir, VENV=str(VENV), PY=sys.executable)
    return project, check, build, apt_log


def test_without_npm_the_site_builds_without_the_form_with_a_one_line_notice(first_build):
    project, _, build, apt_log = first_build
    assert build.returncode == 0, build.stdout + build.stderr
    assert build.stderr.count(NOTICE + "\n") == 1
    assert not apt_log.exists()
    assert (project / "site" / "index.html").is_file() and not (project / "site" / "admin").exists()
    assert not (project / "node_modules").exists()


def test_make_check_counts_in_words(first_build):
    project, check, _, _ = first_build
    counts = {name: len(yaml.safe_load((project / "data" / f"{name}.yml").read_text(encoding="utf-8")))
              for name in ("themes", "resources", "agencies", "needs")}
    assert check.returncode == 0, check.stderr
    assert check.stdout.splitlines()[-1] == (f"The data is valid: no briefings, {counts['themes']} themes, {counts['resources']} resources, "
                                    f"{counts['agencies']} agencies and {counts['needs']} needs.")


EMPTY_PAGES = {
    "/": ["Latest briefings ¶ No briefings have been published yet.",
          "No briefings have been published yet, so no theme appears in one. The themes they can be about: Engagement with fathers"],
    "/briefings/": ["the themes for learning. No briefings have been published yet."],
    "/themes/": ["No briefings have been published yet, so no theme has findings. The themes they can be about: Engagement with fathers"],
    "/agencies/": ["GPs : General practice (no briefings)"],
    "/needs/": ["Neglect (no briefings)"],
    "/actions/": ["listed only on its briefing. No briefings have been published yet. When a briefing records who owns an action"],
    "/editors/": ["Briefings without questions for teams No briefings have been published yet.",
                  "Overdue actions No briefing records an owner or a status for its actions yet, so none can be overdue.",
                  "no team has recorded using No briefings have been published yet."],
}


@pytest.mark.parametrize("url", EMPTY_PAGES)
def test_a_site_with_no_briefings_says_so_in_plain_words(first_build, url):
    text = page_text(first_build[0] / "site", url)
    for sentence in EMPTY_PAGES[url]:
        assert sentence in text
    assert not re.search(r"\b0 [a-z]+s\b|Every briefing|All 0|Filter and sort", text), text


def test_no_page_of_a_site_with_no_briefings_counts_nought(first_build):
    site = first_build[0] / "site"
    pages = [p for p in site.rglob("index.html") if "admin" not in p.parts]
    assert len(pages) > 40
    for page in pages:
        text = page_text(site, page.parent.relative_to(site).as_posix() + "/")
        assert not re.search(r"\b0 [a-z]+s\b|All 0", text), page
