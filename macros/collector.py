"""Python's cycle collector, run less often while a command reads the data (and builds the site).

Reading makes a few hundred thousand dicts, lists and tuples that all stay alive until the end (the
documents, their lines, the records), and none of them can be part of a cycle (YAML's anchors, the
only way to make one, are refused). At the default threshold the collector ran every 700 new objects,
each time walking more of what was still alive: about a quarter of `make check`'s CPU time at 1,000
briefings. `make check` and `make build` run it every 100,000 instead; it still runs, so whatever
cycles the engine and its templates make are still freed.
"""
from __future__ import annotations

import contextlib
import gc

THRESHOLD = (100_000, 50, 100)


@contextlib.contextmanager
def few_collections():
    """The collector every THRESHOLD[0] new objects inside the block, and set back as it was after."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
