"""scripts/bench.py still runs against the code: it makes its three projects from the same synthetic
briefings and builds each, and our build reports every step of the pipeline. No time is asserted
(make bench measures; machines here are shared): this only keeps `make bench` from breaking unseen
when the code it drives changes (it once passed a data folder where synth took another)."""
import importlib.util

import pytest

from conftest import ROOT
BRIEFINGS = 3


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def projects(bench, tmp_path_factory):
    return bench.make_projects(BRIEFINGS, tmp_path_factory.mktemp("bench"))


def test_the_three_projects_hold_the_same_briefings(projects):
    ours = sorted(p.stem for p in (projects["ours"] / "data" / "briefings").glob("*.yml"))
    assert len(ours) == BRIEFINGS + 2  # the synthetic ones beside the project's own two
    for floor in ("floor", "minimal"):
        assert sorted(p.stem for p in (projects[floor] / "docs" / "briefings").glob("*.md")) == ours


@pytest.mark.parametrize("kind", ["ours", "floor", "minimal"])
def test_each_project_builds_and_is_measured(bench, projects, kind):
    result = bench.build(kind, projects[kind])
    assert result["wall"] > 0 and result["rss_mb"] > 0
    figures = bench.site_figures(projects[kind] / "site")
    assert figures["pages"] == BRIEFINGS + 2 and figures["search_mb"] > 0
    if kind == "ours":  # every step of the pipeline's build, as BENCHMARKS.md's table of steps reads them
        assert {"load", "render", "stage", "engine", "finish", "exports_wait", "guard", "search_wait", "search"} \
            <= set(result["steps"]), result["steps"]
