"""The promise to editors: adding or removing a briefing never breaks the tests.

A copy of the project, as a fresh clone has it (nothing beside it), gets a new valid briefing
and loses one it had; the tests that read data/ then run in it, in a separate pytest.
"""
import os
import shutil
import subprocess
import sys

from conftest import ROOT, copy_project, write

# The tests that read the live data/ (tests/test_live_data.py, and each data file against its
# schema), with the quick fixture-based tests of the core, to show they do not read data/ at all.
# (The fixture site's tests, test_build.py and the browser tests, build from tests/fixtures/ the same way.)
DATA_TESTS = ["tests/test_live_data.py", "tests/test_schema.py", "tests/test_catalogue.py", "tests/test_sources.py",
              "tests/test_export.py", "tests/test_guard.py", "tests/test_check.py", "tests/test_new.py"]

NEW = """
# yaml-language-server: $schema=../schema/briefing.schema.json
title: Neglect in Adolescence
type: thematic-review
date: 2024-03-14
source: 2024-03-neglect-in-adolescence.txt
summary: A thematic review of neglect of teenagers.
needs: [neglect]
agencies: [education]
worries:
  - text: Nobody asked who the new adults in the home were
    themes: [professional-curiosity]
"""
SOURCE = """
Thematic review: Neglect in Adolescence

What are we worried about?

- Nobody asked who the new adults in the home were
"""


def test_the_data_tests_pass_after_a_briefing_is_added_and_another_removed(tmp_path):
    project = copy_project(tmp_path / "clone", data=ROOT / "data")
    shutil.copytree(ROOT / "tests", project / "tests", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pytest.ini", project / "pytest.ini")
    briefings = sorted((project / "data" / "briefings").glob("*.yml"))
    assert briefings, "the live data has no briefing to remove"
    briefings[0].unlink()
    write(project / "data" / "briefings" / "2024-03-neglect-in-adolescence.yml", NEW)
    write(project / "data" / "sources" / "2024-03-neglect-in-adolescence.txt", SOURCE)
    env = {k: v for k, v in os.environ.items() if k != "SG_PROJECT_ROOT"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *DATA_TESTS],
                            cwd=project, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "skipped" not in result.stdout.splitlines()[-1]
