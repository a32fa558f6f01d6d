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
    import time
    job = parallel.later(lambda: time.sleep(60))
    start = time.monotonic()
    job.cancel()
    assert time.monotonic() - start < 10 and not job._process.is_alive()
