"""The build, as plain steps in order; the engine is one of them, and turns pages into themed HTML.

    load + check   data/ -> a Site (settings, catalogue, renderer); DataError lists every problem
    render         every record page to sanitised HTML, on every core (macros.pages.records)
    search         Pagefind over those pages, on a thread beside the steps below (macros.outputs.search)
    stage          docs/, one stub page per record (its front matter, its table of contents there too, and
                   its title as a heading), and a
                   stand-in for each of the feeds, open data and schemas (so the engine copies them and
                   checks links to them), which a forked process makes meanwhile, on another core
    engine         all that into themed HTML (macros.engine: MkDocs or ProperDocs)
    finish         each record page's body in place of its stub's; a Content-Security-Policy on every page;
                   Material's stylesheets cut to what the pages use (macros.pages.stylesheet); then the feeds
                   and open data over their stand-ins
    publish        the editors' form at /admin/ (after finish: it has a policy of its own)
    guard          what is published, as a reader gets it (macros.outputs.published): an identifier the data's
                   guard missed stops the build (DataError, at the data's line where one holds it)

The site's content comes from these steps, not from the engine's plugins or hooks: the engine
sees a stub per record (its title, description and table of contents, so that it shows them and
the skip link as for any page), and `finish` puts the body in, between the stub's markers. The only plugin the engine runs is mkdocs-macros, for the lists on hand-written pages.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from .outputs import cms, export, published, search
from .pages import csp, stylesheet
from . import engine as engines, parallel
from .pages.records import pages as render_pages
from .pages.render import Page
from .pages.urls import page_url
from .engine.settings import Settings
from .site import BLOCK_RE, Site

# A record's stub page holds its title between these; `finish` puts the page's body in their place.
# Data can never write them: every data value is escaped in pages, and the stub holds no data text
# but its title, each character of which is written as an HTML character reference, and front matter
# (JSON strings, with < > & written as \u escapes).
BEGIN, END = "<!-- sg:body -->", "<!-- sg:end -->"
# Material marks its checkbox and radio toggles autocomplete="off" (so Firefox does not restore
# them on back); HTML allows autocomplete only on text-like inputs, and the Nu checker says so.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="(?:checkbox|radio)"[^>]*?) autocomplete="off"')


class FinishError(Exception):
    """A built page is not as the stub left it (its markers are missing or repeated), or has no <head> for its policy."""


# What stops a build other than the data: the message says what to do.
BUILD_ERRORS = (engines.EngineError, FinishError, search.SearchIndexError, cms.NotInstalled)


# Markdown's and its extensions' syntax characters (emphasis, code, links, HTML, entities, attr_list's
# `{: ...}`, a closing `#`); every other character means only itself in a heading's text.
_MARKDOWN_SYNTAX = frozenset("\\`*_[]<>&!{}#|")


def heading_text(text: str) -> str:
    """Text as a Markdown heading shows it, whatever it holds: Markdown's syntax characters as HTML
    character references, so that Markdown and its extensions see only text; white space as one space."""
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SYNTAX else c for c in " ".join(text.split()))


def stub(page: Page) -> str:
    """A record page for the engine: its front matter, then its title as a heading (for the skip link and
    the theme's check for an h1) between the markers that `finish` replaces with the body. The rest of its
    table of contents is in the front matter (`sg_toc`, which overrides/partials/toc.html shows): a heading
    the engine parsed cost a page a millisecond of the engine's time, a second a thousand briefings."""
    toc = page.toc
    first = toc[0] if toc and toc[0]["level"] == 1 else None
    contents = first["children"] if first else toc
    lines = [engines.front_matter({**page.meta, "sg_toc": _toc(contents)}), BEGIN, ""]
    if first:
        lines += [f"# {heading_text(first['text'])} {{#{first['id']}}}", ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def _toc(tokens: list[dict]) -> list[dict]:
    """Headings as the table of contents shows them: each one's id, its text, and the headings under it."""
    return [{"id": t["id"], "title": " ".join(t["text"].split()), **({"children": _toc(t["children"])} if t["children"] else {})}
            for t in tokens]


def stage(docs: Path, out: Path, pages: dict[str, Page], files: dict[str, str | bytes]) -> None:
    """docs/ (linked, not copied, where the file system allows), a stub page per record and `files`, in `out`."""
    try:
        shutil.copytree(docs, out, copy_function=os.link)
    except OSError:
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(docs, out)
    for src, page in pages.items():
        path = out / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(stub(page), encoding="utf-8")
    write(out, files)


def _finish_file(shared: tuple[dict[str, str], dict[str, Callable[[], str]]], path: str) -> set[str]:
    bodies, blocks = shared
    with open(path, encoding="utf-8") as f:
        html = f.read()
    if blocks and "<!-- sg:block " in html:
        html = BLOCK_RE.sub(lambda m: blocks[m.group(1)]() if m.group(1) in blocks else "", html)
    body = bodies.get(path)
    if body is not None:
        start, end = html.find(BEGIN), html.find(END)
        if start < 0 or end < start or html.find(BEGIN, start + 1) >= 0:
            raise FinishError(f"{path}: the engine did not keep the page's body markers, so its body cannot go in")
        html = html[:start] + body + html[end + len(END):]
    try:
        html = csp.add_policy(_TOGGLE_AUTOCOMPLETE.sub(r"\1", html))
    except csp.NoHead as e:
        raise FinishError(f"{path}: {e}") from None
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    return stylesheet.names(html)


def finish(site_dir: Path, pages: dict[str, Page], own: list[str] = (),
           blocks: dict[str, Callable[[], str]] | None = None) -> None:
    """Every page the engine wrote: a hand-written page's lists and tables (`blocks`, macros.site.Site.block)
    rendered in place of their placeholders, a record page's body in place of its stub's title, then the
    page's Content-Security-Policy (hashing its inline scripts as they finally are); then the one
    stylesheet of Material's the pages link, cut to what they use (macros.pages.stylesheet). `own`: the
    site's own stylesheets and scripts (mkdocs.yml's extra_css and extra_javascript)."""
    site_dir = Path(site_dir)
    bodies = {str(site_dir / page_url(src) / "index.html"): page.html for src, page in pages.items()}
    missing = [p for p in bodies if not os.path.isfile(p)]
    if missing:
        raise FinishError(f"the engine wrote no page for {len(missing)} records, e.g. {missing[0]}")
    files = sorted(str(p) for p in site_dir.rglob("*.html"))
    used = parallel.run(_finish_file, files, shared=(bodies, blocks or {}))
    stylesheet.write(site_dir, set().union(*used), list(own))


def own_assets(settings: Settings) -> list[str]:
    """The site's own stylesheets and scripts, as mkdocs.yml lists them (a path, or a mapping with one)."""
    entries = (settings.get("extra_css") or []) + (settings.get("extra_javascript") or [])
    return [e if isinstance(e, str) else str(e.get("path", "")) for e in entries]


def write(site_dir: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = Path(site_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@contextlib.contextmanager
def _timed(timings: dict | None, step: str):
    """The step's wall time in seconds into timings[step] (make bench reads them), when timings is given."""
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[step] = time.perf_counter() - start


def build(root: Path, site_dir: Path, engine: str = "mkdocs", settings: Settings | None = None,
          timings: dict | None = None) -> Site:
    """Build the project at `root` into `site_dir` (which the engine empties first). Raises DataError
    (the data), BuildError (see BUILD_ERRORS); returns the build's Site. `timings`, when given, gets each
    step's wall time in seconds, and how long the build waited for the feeds and open data and for the search index."""
    root, site_dir = Path(root), Path(site_dir)
    with _timed(timings, "load"):
        site = Site.load(root, settings)
    with _timed(timings, "render"):
        pages = render_pages(site.renderer)
    with tempfile.TemporaryDirectory(prefix="sg-build-") as tmp:
        tmp = Path(tmp)
        indexer = search.Indexer({src: page.html for src, page in pages.items() if page.searched}, tmp / "search",
                                 search.pagefind_binary(root))
        exports = None
        try:
            with _timed(timings, "stage"):
                # The feeds and open data are made on another core while the engine works; the engine
                # meanwhile sees a stand-in for each (it copies them, and checks the links to them).
                exports = parallel.later(site.exports)
                stage(root / "docs", tmp / "docs", pages, dict.fromkeys(export.paths(site.catalogue), ""))
            merge = [search.bundle(n) + "/" for n in range(2, indexer.parts + 1)]
            with _timed(timings, "engine"):
                engines.build(engine, site.settings.config_file, tmp / "docs", site_dir,
                              {engines.SITE_KEY: site, "search_merge": merge})
            with _timed(timings, "finish"):
                finish(site_dir, pages, own_assets(site.settings), site.blocks)
                if not cms.installed(root):
                    print(cms.LEFT_OUT, file=sys.stderr)
                write(site_dir, site.admin())
            with _timed(timings, "exports_wait"):
                write(site_dir, exports.result())
            with _timed(timings, "guard"):
                contact = site.settings.extra.get("contact") or {}
                leaks = published.check(site_dir, root / "data",
                                        public=[str(contact.get("email") or ""), str(contact.get("url") or "")])
                if leaks:
                    raise published.Leak(leaks)  # each says what the site shows and where the data holds it
            with _timed(timings, "search_wait"):
                indexer.wait()
        except BaseException:
            indexer.cancel()
            if exports is not None:
                exports.cancel()
            raise
        for part in range(1, indexer.parts + 1):
            os.replace(tmp / "search" / search.bundle(part), site_dir / search.bundle(part))
    if timings is not None:
        timings["search"] = indexer.seconds
    return site
