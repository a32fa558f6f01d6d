"""macros.outputs.search.Indexer: an index in parts, and a failure reported rather than lost on its thread."""
import json
import subprocess

import pytest

from conftest import ROOT
from macros.outputs import search

PAGES = {f"briefings/2020-01-b{i}.md": f"<h1>Briefing {i}</h1><p>Fathers and partners {i}</p>" for i in range(5)}


def test_pages_are_indexed_in_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PART_PAGES", 2)
    indexer = search.Indexer(PAGES, tmp_path)
    indexer.wait()
    assert indexer.parts == 3
    assert [p.name for p in sorted(tmp_path.iterdir())] == ["pagefind", "pagefind-2", "pagefind-3"]
    assert all((tmp_path / search.bundle(n) / "pagefind-entry.json").is_file() for n in (1, 2, 3))


def test_a_failure_on_the_indexing_thread_is_raised_by_wait(tmp_path, monkeypatch):
    import pagefind_bin
    def broken():
        raise RuntimeError("no Pagefind binary for this platform")
    for get_executable in (lambda: tmp_path / "no-such-pagefind", broken):  # an OSError, and anything else
        monkeypatch.setattr(pagefind_bin, "get_executable", get_executable)
        indexer = search.Indexer(PAGES, tmp_path)
        with pytest.raises(search.SearchIndexError, match="could not be written"):
            indexer.wait()


def test_the_build_runs_the_pagefind_that_package_lock_pins(tmp_path):
    """npm's Pagefind (newer than PyPI's) when npm ci installed it; PyPI's pagefind[bin] without npm."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/pagefind"]["version"]
    binary = search.pagefind_binary(ROOT)
    assert binary is not None
    assert subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip() == f"pagefind {pinned}"
    assert search.pagefind_binary(tmp_path) is None


@pytest.mark.parametrize("cores, threads", [(1, 1), (2, 1), (4, 2), (16, 8)])
def test_pagefind_indexes_on_half_the_cores_leaving_the_engine_its_own(tmp_path, monkeypatch, cores, threads):
    """Pagefind runs beside the engine (one core): it is given half the cores, never all of them."""
    fake = tmp_path / "pagefind"
    fake.write_text('#!/bin/sh\nout=""\nwhile [ $# -gt 0 ]; do [ "$1" = --output-path ] && out="$2"; shift; done\n'
                    'mkdir -p "$out" && echo "$RAYON_NUM_THREADS" > "$out/pagefind.js"\n')
    fake.chmod(0o755)
    monkeypatch.setattr(search.parallel, "cores", lambda: cores)
    indexer = search.Indexer(PAGES, tmp_path / "site", str(fake))
    indexer.wait()
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").read_text().strip() == str(threads)
