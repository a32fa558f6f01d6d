"""One function over many jobs, on every core once there are enough jobs to be worth it.

    results = run(render_page, specs, shared=renderer)   # [render_page(renderer, spec) for spec in specs]

Workers are forked, so they start with everything the parent holds (`shared`: the catalogue,
the renderer) without copying it through a pipe; only each job and its result travel. `shared`
reaches a worker as the pool's initializer argument, which a forked child inherits rather than
unpickles. Where forking is not safe (macOS, Windows) or there is one core, the jobs run here,
one after another, with the same results in the same order.
"""
from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Sequence, TypeVar

# Jobs; below this, starting worker processes costs more than it saves. SG_PARALLEL_FROM sets another
# (SG_PARALLEL_FROM=1 forks for every step of a small site, as the tests build the fixture site).
_PARALLEL_FROM = os.environ.get("SG_PARALLEL_FROM", "")
PARALLEL_FROM = max(1, int(_PARALLEL_FROM)) if _PARALLEL_FROM.strip().isdigit() else 200

# Forking is the default on Linux (CI, servers). macOS has fork but its system libraries may crash in
# a forked child, so Python no longer forks there by default: on a Mac, and on Windows, jobs run here.
FORK_IS_SAFE = sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()

J = TypeVar("J")
R = TypeVar("R")

# Set only inside a worker process, once, by the pool's initializer: what every job of that pool shares.
_worker: tuple[Callable, Any] | None = None


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:
        return os.cpu_count() or 1


def _start_worker(fn: Callable, shared: Any) -> None:
    global _worker
    _worker = (fn, shared)


def _call(job):
    fn, shared = _worker
    return fn(shared, job)


def run(fn: Callable[[Any, J], R], jobs: Sequence[J], shared: Any = None, parallel_from: int | None = None) -> list[R]:
    """[fn(shared, job) for job in jobs], spread over the cores when there are at least `parallel_from` jobs."""
    n = cores()
    if len(jobs) < (PARALLEL_FROM if parallel_from is None else parallel_from) or n < 2 or not FORK_IS_SAFE:
        return [fn(shared, job) for job in jobs]
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork"),
                             initializer=_start_worker, initargs=(fn, shared)) as pool:
        return list(pool.map(_call, jobs, chunksize=max(1, len(jobs) // (n * 4))))
