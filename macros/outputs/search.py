"""Index the record pages for search with Pagefind.

Which Pagefind: npm's `pagefind` (pinned in package-lock.json; `npm ci` installs its binary), which
is newer than PyPI's `pagefind[bin]` (requirements.txt), used when npm's is not installed, so that
`make build` without npm still builds the whole site with its search. The two write the same kind
of index, read by the same search box (docs/assets/search.js).

Pagefind splits the index into small chunks that the browser fetches per query, so a search
downloads kilobytes however many briefings the site holds.

What is searched: the record pages (briefings, themes, resources, agencies, needs), which is
what the search box offers. The hand-written index pages list every briefing's title, so
they would match every query and crowd out the briefings themselves. Within a page, what the
page says is indexed, not the lists of other pages' titles on it: the templates mark those lists,
a theme's chart and its table, the "Theme: ... Agency: ..." tags under each finding, the
"Related resource" links and the questions every briefing shares `data-pagefind-ignore` (or
they are excluded below). So an agency or need page matches a query by its own words only.
Weights (macros.pages.render): a briefing's title counts above other pages' titles, and the findings
a theme page copies from its briefings count for less there than on the briefing itself.

When: the record pages are ready as HTML before the engine starts on the rest of the site
(macros.pages.records), so `Indexer` starts Pagefind on them at once, on a thread of its own, and the
build waits for it only at the end. Past PART_PAGES pages the site is indexed in parts, one
after another, each its own bundle (pagefind/, pagefind-2/, ...) that the search box merges
in the browser (Pagefind's mergeIndex): Pagefind searches small indexes much faster, and holds
everything it indexes in memory (about a quarter of a megabyte a briefing). Plain Python: the
build's pipeline (macros.pipeline) drives it.
"""
from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
import sys
import threading
import time
from pathlib import Path

from .. import parallel
from ..pages.urls import page_url

EXCLUDE = (".headerlink", ".sg-links")  # the ¶ permalinks; the links under each finding
PAGE = '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"></head>\n<body>\n{}\n</body></html>\n'
# At most this many pages in one part. Pagefind's search of one index slows faster than the index grows:
# a word on 4,000 of 5,047 pages took 390 ms in one index, 124 + 70 ms in two, about 110 ms in four
# (4 x 1,262 pages) and 100 ms in six, where loading six parts delayed the first search and fetched
# more (make bench, BENCHMARKS.md). Smaller parts also hold Pagefind's memory down (a quarter of a
# megabyte a page while it runs).
_PART_PAGES = os.environ.get("SG_SEARCH_PART_PAGES", "")
PART_PAGES = max(1, int(_PART_PAGES)) if _PART_PAGES.strip().isdigit() else 1300


def threads() -> int:
    """How many threads Pagefind indexes with (its thread pool reads RAYON_NUM_THREADS): half the cores. It runs
    beside the engine, which uses one core; on all of them it took the engine's core from it for a second at
    1,000 briefings (engine step 4.2 and 5.1 s with every core to Pagefind, 3.4 and 3.9 s with one of two)."""
    return max(1, parallel.cores() // 2)


class SearchIndexError(RuntimeError):
    pass


def pagefind_binary(project: Path) -> str | None:
    """npm's Pagefind binary under the project's node_modules/ when npm ci installed it; None means PyPI's."""
    arch = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}.get(platform.machine().lower(), "")
    system = {"linux": "linux", "darwin": "darwin", "win32": "windows"}.get(sys.platform, sys.platform)
    name = "pagefind_extended.exe" if system == "windows" else "pagefind_extended"
    npm = Path(project) / "node_modules" / "@pagefind" / f"{system}-{arch}" / "bin" / name
    return str(npm) if npm.is_file() and os.access(npm, os.X_OK) else None


def _pypi_binary() -> str:
    from pagefind_bin import get_executable
    return str(get_executable())


def bundle(part: int) -> str:
    """The folder, under the site, of part `part` (1, 2, ...) of the index; the search box loads them all."""
    return "pagefind" if part == 1 else f"pagefind-{part}"


def parts(pages: int) -> int:
    """How many parts an index of this many pages is made in, each of about the same size."""
    return max(1, -(-pages // PART_PAGES))


class Indexer:
    """Pagefind, on a thread beside the build, over pages {source path: body HTML}, writing under `site`.
    `executable`: the Pagefind binary to run (pagefind_binary(project)); PyPI's when None."""

    def __init__(self, pages: dict[str, str], site: Path, executable: str | None = None):
        self.site = Path(site)
        self.executable = executable
        items = list(pages.items())
        self.parts = parts(len(items))
        self._parts = [items[i::self.parts] for i in range(self.parts)]  # every part a mix of kinds and years
        self._error: str | None = None
        self._process: subprocess.Popen | None = None
        self._cancelled = threading.Event()
        self.seconds = 0.0  # how long indexing took, start to end (make bench reports it)
        self._thread = threading.Thread(target=self._run, name="search-index", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        start = time.perf_counter()
        try:
            self._index()
        finally:
            self.seconds = time.perf_counter() - start

    def _index(self) -> None:
        try:
            executable = self.executable or _pypi_binary()
        except Exception as e:  # on this thread an exception would vanish: keep it for wait() to raise
            self._error = f"The search index could not be written: {e}"
            return
        for number, items in enumerate(self._parts, start=1):
            folder = Path(tempfile.mkdtemp(prefix="sg-search-"))
            try:
                for src, html in items:
                    path = folder / page_url(src) / "index.html"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(PAGE.format(html), encoding="utf-8")
                out = (self.site / bundle(number)).resolve()
                command = [executable, "--site", str(folder), "--output-path", str(out), "--silent",
                           *(arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector))]
                if self._cancelled.is_set():
                    return
                self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                                 env={**os.environ, "RAYON_NUM_THREADS": str(threads())})
                output, _ = self._process.communicate()
                if self._cancelled.is_set():
                    return
                if self._process.returncode != 0:
                    self._error = f"Pagefind could not build the search index:\n{output}"
                    return
                if not (out / "pagefind.js").is_file():
                    self._error = f"Pagefind finished but wrote no index to {out}:\n{output}"
                    return
            except Exception as e:  # on this thread an exception would vanish: keep it for wait() to raise
                self._error = f"The search index could not be written: {e}"
                return
            finally:
                shutil.rmtree(folder, ignore_errors=True)

    def wait(self) -> None:
        """Wait for every part to be written; raises SearchIndexError if one could not be."""
        self._thread.join()
        if self._error:
            raise SearchIndexError(self._error)

    def cancel(self) -> None:
        """Stop indexing (the build failed) and clear up."""
        self._cancelled.set()
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        self._thread.join()
