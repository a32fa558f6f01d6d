"""MkDocs glue: validate the data before anything is written, then add one page per record.

Listed under `hooks:` in mkdocs.yml. MkDocs imports this file once per process, but runs
on_config for every build (each `mkdocs serve` rebuild too). Python caches the `macros`
package, so on_config drops it from sys.modules and imports it afresh, before the macros
plugin loads it: edits to macros/ take effect on the next rebuild.

`mkdocs build` stops on bad data. `mkdocs serve` instead logs the problems and keeps
serving the last good data, so an editor mid-edit never loses the preview.
"""
from __future__ import annotations

import importlib
import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.briefings")
# Problems met while serving go to a logger outside "mkdocs": MkDocs counts its own warnings
# and errors, and under strict mode a counted one would stop the server serving anything.
serve_log = logging.getLogger("briefings.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False

_serving = False
_last_good = None  # the Renderer of the last build whose data was valid (serve only)
_problems = None   # while serving the last good version: the data's problems, for the preview's banner
_site = None       # the freshly imported macros.site of the current build
_record_pages: dict = {}  # {source path: macros.render.Page} of the current build
_search = None     # macros.search, imported with the rest of the package
_indexer = None    # the search index being written in the background (macros.search.Indexer)


def _fresh_site():
    """Import macros.site anew, dropping every cached macros module first."""
    for name in [m for m in sys.modules if m == "macros" or m.startswith("macros.")]:
        del sys.modules[name]
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("macros.site")


def on_startup(command, dirty):
    """Runs once per command, before the first build."""
    global _serving
    _serving = command == "serve"


@event_priority(100)  # before the macros plugin's on_config, so it picks up the fresh package
def on_config(config):
    """Runs first, before site/ is touched: a data error stops the build here, so the last good site survives."""
    global _site, _last_good, _problems
    _site = _fresh_site()
    errors = importlib.import_module("macros.errors")
    _problems = None
    try:
        renderer = _site.build(Path(config.config_file_path).parent, dict(config.extra))
    except errors.DataError as e:
        if _serving and _last_good is not None:
            serve_log.error("The data has problems; still serving the last good version:\n%s", e.report())
            _site.current = _last_good
            _problems = e.problems
            return config
        raise Abort("The data has problems, so the site was not built:\n" + e.report()) from None
    _last_good = renderer
    # Warnings are logged at INFO: `mkdocs build --strict` fails on WARNING, and these must not.
    for line in importlib.import_module("macros.report").warning_lines(renderer.cat.warnings, Path(config.config_file_path).parent):
        log.info("Data %s", line)
    return config


def on_post_build(config):
    """Runs after every build, serve's rebuilds too: guards what was published (macros.published: no page,
    feed, data file or address identifies a child), then waits for the search index started in on_files."""
    global _indexer
    leaks = importlib.import_module("macros.published").check(Path(config.site_dir), Path(config.config_file_path).parent / "data")
    if leaks and not _serving:
        on_build_error(None)
        raise Abort("The built site shows what could identify a child or family, so it was not published:\n"
                    + "\n".join(map(str, leaks)))
    for leak in leaks:  # the preview is on this computer only: say so, and keep serving
        serve_log.error("Not to be published: %s", leak)
    indexer, _indexer = _indexer, None
    try:
        indexer.wait()
    except _search.SearchIndexError as e:
        raise Abort(str(e)) from None


def on_build_error(error):
    """The build failed after on_files: stop the search indexer rather than leave it running."""
    global _indexer
    if _indexer is not None:
        _indexer.cancel()
        _indexer = None


def on_files(files: Files, config) -> Files:
    """Adds a page for every briefing, theme, resource, agency and need (kept out of the nav), and the
    feed, open data and schemas. The record pages arrive as sanitised HTML, rendered on every core
    (macros.pages): the engine gets only their front matter, and on_page_content puts the HTML in."""
    global _record_pages
    _record_pages = importlib.import_module("macros.pages").pages(_site.renderer())
    for src_uri, page in _record_pages.items():
        files.append(File.generated(config, src_uri, content=page.head))
    # The search index is made from these pages alone, so it can start now, beside the rest of the build.
    global _search, _indexer
    _search = importlib.import_module("macros.search")
    on_build_error(None)  # a previous build's indexer, if one was left (serve)
    _indexer = _search.Indexer({src: page.html for src, page in _record_pages.items()}, Path(config.site_dir))
    project = Path(config.config_file_path).parent
    for path, text in _site.exports(project, config.site_url or "/", config.site_name).items():
        files.append(File.generated(config, path, content=text))  # copied to site/ as they are
    return files


def on_env(env, config, files):
    """The theme's templates learn which extra search index parts the search box should merge."""
    env.globals["sg_search_merge"] = [_search.bundle(n) + "/" for n in range(2, _indexer.parts + 1)]
    return env


@event_priority(100)  # first, so any other plugin sees the page's real content
def on_page_content(html: str, page, config, files) -> str:
    """A record page: its HTML, table of contents and anchors from macros.render instead of the stub's."""
    done = _record_pages.get(page.file.src_uri)
    if done is None:
        return html
    page.toc = get_toc(done.toc)
    page.present_anchor_ids = set(done.anchors)
    return done.html


# Material marks its checkbox and radio toggles autocomplete="off" (so Firefox does not restore
# them on back); HTML allows autocomplete only on text-like inputs, and the Nu checker says so.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input [^>]*type="(?:checkbox|radio)"[^>]*?) autocomplete="off"')


def on_post_page(output: str, page, config) -> str:
    """Runs on each page's final HTML: drops the one attribute of Material's that is invalid HTML,
    then adds the page's Content-Security-Policy (macros.csp), hashing its inline scripts as they are.
    While serving the last good version of bad data, every page says so first (macros.preview)."""
    output = _TOGGLE_AUTOCOMPLETE.sub(r"\1", output)
    if _serving and _problems:
        output = importlib.import_module("macros.preview").add_banner(output, _problems)
    return importlib.import_module("macros.csp").add_policy(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The same for theme-only pages (404.html), which are not pages to MkDocs."""
    return on_post_page(output, None, config)
