"""macros.parallel: the same results in the same order, on worker processes when there are enough jobs."""
import os

import pytest

from macros import parallel


def _pid_and_power(power: int, n: int) -> tuple[int, int]:
    return os.getpid(), n ** power


def test_few_jobs_run_here_in_order():
    out = parallel.run(_pid_and_power, list(range(10)), shared=2)
    assert [square for _, square in out] == [n * n for n in range(10)]
    assert {pid for pid, _ in out} == {os.getpid()}


@pytest.mark.skipif(parallel.cores() < 2 or not parallel.FORK_IS_SAFE, reason="needs two cores and fork")
def test_many_jobs_run_on_workers_in_order(monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    out = parallel.run(_pid_and_power, list(range(500)), shared=2)
    assert [square for _, square in out] == [n * n for n in range(500)]
    assert os.getpid() not in {pid for pid, _ in out}  # really on the workers


@pytest.mark.skipif(parallel.cores() < 2 or not parallel.FORK_IS_SAFE, reason="needs two cores and fork")
def test_what_jobs_share_reaches_the_workers_and_leaves_no_state_here():
    out = parallel.run(_pid_and_power, list(range(300)), shared=3, parallel_from=1)
    assert [cube for _, cube in out] == [n ** 3 for n in range(300)]
    assert parallel._worker is None  # set only in the (forked) workers
