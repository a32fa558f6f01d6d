"""macros.parallel: the same results in the same order, on worker processes when there are enough jobs;
and each step that uses it (reading briefings, rendering pages, finishing pages) gives forked what it gives here.

The fixture site is under the threshold that makes a build fork (macros.parallel.PARALLEL_FROM), so these
lower it; the session's fixture site is built with SG_PARALLEL_FROM=1 for the same reason (tests/conftest.py)."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import material
import pytest

from conftest import FIXTURE_DATA, ROOT, make_data
from macros import parallel, pipeline
from macros.data.catalogue import load
from macros.data.errors import DataError
from macros.pages.records import pages
from macros.pages.render import Renderer
from macros.pages.urls import page_url

# Forking is what is tested: where it is not safe (macOS, Windows) nothing forks, in production either.
needs_fork = pytest.mark.skipif(not parallel.FORK_IS_SAFE, reason="jobs are never forked on this platform")


def _pid_and_power(power: int, n: int) -> tuple[int, int]:
    return os.getpid(), n ** power


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """Two cores whatever the machine has, and the number of worker processes each pool started."""
    started = []

    class Counted(parallel.ProcessPoolExecutor):
        def __init__(self, workers, **kwargs):
            started.append(workers)
            super().__init__(workers, **kwargs)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Counted)
    return started


def test_few_jobs_run_here_in_order():
    out = parallel.run(_pid_and_power, list(range(10)), shared=2, parallel_from=11)
    assert [square for _, square in out] == [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
    assert {pid for pid, _ in out} == {os.getpid()}


@needs_fork
def test_many_jobs_run_on_workers_in_order(monkeypatch, pools):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    out = parallel.run(_pid_and_power, list(range(500)), shared=2)
    assert [square for _, square in out] == [n * n for n in range(500)]
    assert os.getpid() not in {pid for pid, _ in out}  # really on the workers
    assert pools == [2]


@needs_fork
def test_what_jobs_share_reaches_the_workers_and_leaves_no_state_here(pools):
    out = parallel.run(_pid_and_power, list(range(300)), shared=3, parallel_from=1)
    assert [cube for _, cube in out][:4] == [0, 1, 8, 27] and len(out) == 300
    assert parallel._worker is None  # set only in the (forked) workers


def test_sg_parallel_from_sets_the_threshold():
    code = "from macros import parallel; print(parallel.PARALLEL_FROM)"
    for value, expected in (("1", "1"), ("", "200"), ("lots", "200")):
        env = {**os.environ, "SG_PARALLEL_FROM": value}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == expected, value


# Each step of the build that uses parallel.run: forked, the same as one after another here. -----------------

@pytest.fixture(scope="module")
def renderer():
    return Renderer(load(FIXTURE_DATA))


@needs_fork
def test_record_pages_rendered_on_workers_are_those_rendered_here(renderer, pools):
    here = pages(renderer, parallel_from=10 ** 6)
    assert pools == []
    forked = pages(renderer, parallel_from=1)
    assert pools == [2]
    # every page (the fixture's 42 records and a yearly report for each year since its first briefing), in order
    assert len(here) > 42 and list(here) == [spec[0] for spec in renderer.specs()] and list(forked) == list(here)
    for src, page in here.items():
        assert forked[src] == page, src  # head, body, table of contents and anchors


@needs_fork
def test_briefings_read_on_workers_load_as_read_here(monkeypatch, pools):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10 ** 6)
    here = load(FIXTURE_DATA)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    forked = load(FIXTURE_DATA)
    assert pools == [2]
    assert [b.id for b in forked.briefings] == ["2022-12-engagement-with-fathers", "2021-12-pre-school-children"]
    assert forked == here  # every record, index and warning


@needs_fork
def test_problems_found_on_workers_are_reported_as_here(tmp_path, monkeypatch, pools):
    data = make_data(tmp_path, {"briefings/2023-05-a.yml": "title: [unclosed\n",
                                "briefings/2023-05-b.yml": "title: T\ntype: audit\ndate: 2023-05-02\nsummary: S\nwories: []\n"})
    problems = {}
    for threshold in (10 ** 6, 1):
        monkeypatch.setattr(parallel, "PARALLEL_FROM", threshold)
        with pytest.raises(DataError) as e:
            load(data)
        problems[threshold] = [str(p) for p in e.value.problems]
    assert pools == [2]
    assert problems[1] == problems[10 ** 6]
    assert [p.split(":")[0] for p in problems[1]] == ["data/briefings/2023-05-a.yml", "data/briefings/2023-05-b.yml",
                                                      "data/briefings/2023-05-b.yml"]


def engine_output(site: Path, pages_: dict) -> None:
    """What the engine leaves for `finish`: each record's stub page, and a page of its own, with the theme's
    inline script and a toggle Material marks autocomplete="off"; and Material's stylesheets, which finish cuts."""
    chrome = ('<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><script>var __md = "{}";</script></head>'
              '<body><input type="checkbox" id="t" autocomplete="off">{}</body></html>')
    shutil.copytree(Path(material.__file__).parent / "templates" / "assets" / "stylesheets", site / "assets" / "stylesheets")
    for src in list(pages_) + ["index.md"]:
        path = site / page_url(src) / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        stub = f"{pipeline.BEGIN}<h1>stub</h1>{pipeline.END}" if src in pages_ else "<p>hand-written</p>"
        path.write_text(chrome.format(src, stub), encoding="utf-8")


@needs_fork
def test_pages_finished_on_workers_are_those_finished_here(tmp_path, renderer, monkeypatch, pools):
    rendered = pages(renderer, parallel_from=10 ** 6)
    trees = {}
    for threshold in (10 ** 6, 1):
        site = tmp_path / str(threshold)
        engine_output(site, rendered)
        monkeypatch.setattr(parallel, "PARALLEL_FROM", threshold)
        pipeline.finish(site, rendered)
        trees[threshold] = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}
    assert pools == [2]
    assert trees[1] == trees[10 ** 6] and len(trees[1]) == len(rendered) + 1  # and the home page
    fathers = trees[1]["briefings/2022-12-engagement-with-fathers/index.html"]
    assert rendered["briefings/2022-12-engagement-with-fathers.md"].html in fathers and "stub" not in fathers
    assert fathers.count('http-equiv="Content-Security-Policy"') == 1 and 'autocomplete="off"' not in fathers


@pytest.mark.skipif(parallel.cores() < 2 or not parallel.FORK_IS_SAFE, reason="needs two cores and fork")
def test_later_runs_on_another_process_and_hands_back_its_result():
    job = parallel.later(lambda: (os.getpid(), sum(range(1000))))
    pid, total = job.result()
    assert total == 499500 and pid != os.getpid()


def test_a_failure_later_is_raised_as_it_would_be_here():
    class Broken(Exception):
        def __init__(self, problems: list):  # like DataError: cannot be rebuilt from its message alone
            self.problems = problems
            super().__init__(f"{len(problems)} problems")

    def fails():
        raise Broken(["a", "b"])
    with pytest.raises(Broken) as raised:
        parallel.later(fails).result()
    assert raised.value.problems == ["a", "b"]


@pytest.mark.skipif(parallel.cores() < 2 or not parallel.FORK_IS_SAFE, reason="needs two cores and fork")
def test_a_job_for_later_can_be_stopped():
    """cancel() kills the job rather than waiting for it: the process ends by SIGKILL, not by finishing."""
    import signal
    import time
    job = parallel.later(lambda: time.sleep(600))
    job.cancel()
    assert not job._process.is_alive() and job._process.exitcode == -signal.SIGKILL
