"""Index the record pages for search with Pagefind (the `pagefind[bin]` package ships the binary).

Pagefind splits the index into small chunks that the browser fetches per query, so a search
downloads kilobytes however many briefings the site holds.

What is searched: the record pages (briefings, themes, resources, agencies, needs), which is
what the search box offers. The hand-written index pages list every briefing's title, so
they would match every query and crowd out the briefings themselves. Within a page, the
"Theme: ... Agency: ..." lines under each finding and the questions every briefing shares
are left out (marked `data-pagefind-ignore` or excluded below): they repeat the same words
on thousands of pages.

When: the record pages are ready as HTML before the engine starts on the rest of the site
(macros.html), so `Indexer` starts Pagefind on them at once, in its own process, and the
build waits for it only at the end. Plain Python: the MkDocs hook drives it.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .render import page_url

EXCLUDE = (".headerlink", ".sg-links")  # the ¶ permalinks; the links under each finding
PAGE = '<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8"></head>\n<body>\n{}\n</body></html>\n'


class SearchIndexError(RuntimeError):
    pass


class Indexer:
    """Pagefind running in the background over some pages ({source path: body HTML}), writing to `out`."""

    def __init__(self, pages: dict[str, str], out: Path):
        from pagefind_bin import get_executable
        self.out = Path(out)
        self.input = Path(tempfile.mkdtemp(prefix="sg-search-"))
        try:
            for src, html in pages.items():
                path = self.input / page_url(src) / "index.html"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(PAGE.format(html), encoding="utf-8")
            command = [str(get_executable()), "--site", str(self.input), "--output-path", str(self.out.resolve()),
                       "--silent", *(arg for selector in EXCLUDE for arg in ("--exclude-selectors", selector))]
            self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except BaseException:
            shutil.rmtree(self.input, ignore_errors=True)
            raise

    def wait(self) -> None:
        """Wait for the index to be written; raises SearchIndexError if Pagefind failed."""
        try:
            output, _ = self.process.communicate()
            if self.process.returncode != 0:
                raise SearchIndexError(f"Pagefind could not build the search index:\n{output}")
            if not (self.out / "pagefind.js").is_file():
                raise SearchIndexError(f"Pagefind finished but wrote no index to {self.out}:\n{output}")
        finally:
            shutil.rmtree(self.input, ignore_errors=True)

    def cancel(self) -> None:
        """Stop Pagefind (the build failed) and clear up."""
        self.process.kill()
        self.process.communicate()
        shutil.rmtree(self.input, ignore_errors=True)
