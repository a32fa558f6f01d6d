"""One function over many jobs, on every core once there are enough jobs to be worth it.

    results = run(render_page, specs, shared=renderer)   # [render_page(renderer, spec) for spec in specs]
    feeds = later(make_feeds)                            # make_feeds() on another core; feeds.result() waits for it

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



class later:
    """fn() started now in a forked process, on another core, while this one goes on: `.result()` waits
    for what it returned, `.cancel()` stops it. Should it fail, `.result()` calls fn() here instead, so
    that its exception is raised as it would be without the fork. Where forking is not safe, or with
    one core, fn() runs when its result is asked for."""

    def __init__(self, fn: Callable[[], Any]):
        self._fn, self._process = fn, None
        if cores() >= 2 and FORK_IS_SAFE:
            context = multiprocessing.get_context("fork")
            self._pipe, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_send_result, args=(fn, send), daemon=True)
            self._process.start()
            send.close()

    def result(self) -> Any:
        if self._process is None:
            return self._fn()
        try:
            ok, value = self._pipe.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            self._pipe.close()
            self._process.join()
        return value if ok else self._fn()

    def cancel(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()


def _send_result(fn: Callable[[], Any], send) -> None:
    try:
        result = (True, fn())
    except BaseException:
        result = (False, None)  # the parent runs fn() itself to raise the error
    send.send(result)
