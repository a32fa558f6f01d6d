"""Index a built site for search with Pagefind (the `pagefind[bin]` package ships the binary).

Pagefind splits the index into small chunks that the browser fetches per query, so a search
downloads kilobytes however many briefings the site holds. Plain Python: the MkDocs hook
calls `index_site` after every build, so `mkdocs build`, `make build` and `make serve` all
get a working search.
"""
from __future__ import annotations

import subprocess
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path) -> None:
    """Write the search index into <site_dir>/pagefind/."""
    from pagefind_bin import get_executable
    result = subprocess.run([str(get_executable()), "--site", str(site_dir), "--silent",
                             "--exclude-selectors", ".headerlink"],  # not the ¶ permalinks
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}{result.stderr}")
