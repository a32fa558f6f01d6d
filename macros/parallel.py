"""One function over many jobs, on every core once there are enough jobs to be worth it.

Workers are forked, so they start with everything the parent holds (the catalogue, the
renderer) without copying it through a pipe; only each job and its result travel. Where
forking is not safe (macOS, Windows) or there is one core, the jobs run here, one after
another, with the same results in the same order.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

PARALLEL_FROM = 200  # jobs; below this, starting worker processes costs more than it saves

# Forking is the default on Linux (CI, servers). macOS has fork but its system libraries may crash in
# a forked child, so Python no longer forks there by default: on a Mac, and on Windows, jobs run here.
FORK_IS_SAFE = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()

J = TypeVar("J")
R = TypeVar("R")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1


def run(fn: Callable[[J], R], jobs: Sequence[J], parallel_from: int | None = None) -> list[R]:
    """[fn(job) for job in jobs], spread over the cores when there are at least `parallel_from` jobs.

    `fn` must be a module-level function (it is named to the workers, not sent)."""
    n = cores()
    if len(jobs) < (PARALLEL_FROM if parallel_from is None else parallel_from) or n < 2 or not FORK_IS_SAFE:
        return [fn(job) for job in jobs]
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(fn, jobs, chunksize=max(1, len(jobs) // (n * 4))))
