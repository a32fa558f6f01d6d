"""Record pages converted to HTML here, on every core, instead of one by one by the engine.

Python-Markdown takes about 11 ms for a briefing page, and MkDocs converts pages one after
another on one core: with thousands of briefings that is most of the build. The record pages
are ours, so we render and convert them in worker processes (macros.parallel), with the
site's own Markdown extensions and settings (the glue passes them in), and hand the engine
the finished HTML with its table of contents.

The templates link records by their Markdown source (`../themes/x.md`, as a hand-written page
would); the engine would rewrite those into URLs, so `_Links` does it here, by the same URL
contract (render.page_url).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

import markdown
from markdown.treeprocessors import Treeprocessor

from . import parallel
from .render import Renderer, url_between

_FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.S)
_TITLE_RE = re.compile(r"^# .*$", re.M)
_SOURCE_LINK_RE = re.compile(r"^(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)([^?#]*\.md)(#.*)?$")  # relative, to a .md source
_ID_RE = re.compile(r"<[a-zA-Z][^>]*?\sid=\"([^\"]*)\"")


@dataclass(frozen=True)
class HtmlPage:
    head: str             # front matter and the title line: what the engine reads for metadata and title
    html: str             # the whole page body as HTML
    toc: list             # Python-Markdown's toc_tokens, for the engine's table of contents
    anchors: frozenset    # every id on the page, for checking links that point into it


def _url(here: str, target: str) -> str:
    """The URL of page source `target` (relative to `here`'s folder) as seen from page `here`."""
    return url_between(here, posixpath.normpath(posixpath.join(posixpath.dirname(here), target)))


class _Links(Treeprocessor):
    """Turns links to page sources into links to their pages, relative to the page being converted."""
    here = ""

    def run(self, root):
        for a in root.iter("a"):
            match = _SOURCE_LINK_RE.match(a.get("href", ""))
            if match:
                a.set("href", _url(self.here, match.group(1)) + (match.group(2) or ""))


class _Job:
    """What each worker needs, set before the workers fork: the renderer, the page list, the Markdown set-up."""

    def __init__(self, renderer: Renderer, extensions: list, configs: dict):
        self.renderer, self.specs = renderer, renderer.specs()
        self.extensions, self.configs = extensions, configs
        self._md = None

    def markdown(self) -> tuple[markdown.Markdown, _Links]:
        if self._md is None:  # one per process, made on first use
            md = markdown.Markdown(extensions=self.extensions, extension_configs=self.configs)
            links = _Links(md)
            md.treeprocessors.register(links, "sg_links", 0)  # last, as MkDocs registers its own
            self._md = md, links
        return self._md


_job: _Job | None = None


def convert(md: markdown.Markdown, links: _Links, here: str, text: str) -> HtmlPage:
    """One page's Markdown (with front matter) as HTML."""
    front = _FRONT_MATTER_RE.match(text)
    body = text[front.end():] if front else text
    title = _TITLE_RE.search(body)
    links.here = here
    md.reset()
    html = md.convert(body)
    return HtmlPage(head=(front.group() if front else "") + (title.group() + "\n" if title else ""),
                    html=html, toc=getattr(md, "toc_tokens", []), anchors=frozenset(_ID_RE.findall(html)))


def _page(i: int) -> HtmlPage:
    md, links = _job.markdown()
    spec = _job.specs[i]
    return convert(md, links, spec[0], _job.renderer.page(spec))


def pages(renderer: Renderer, extensions: list, configs: dict) -> dict[str, HtmlPage]:
    """Every record page as HTML, {source path: page}, converted on every core when there are many."""
    global _job
    _job = _Job(renderer, extensions, configs)
    # The few big pages (a theme lists findings from every briefing) first, so no worker is left
    # converting them alone at the end; the result keeps the specs' order.
    order = list(reversed(range(len(_job.specs))))
    try:
        done = dict(zip(order, parallel.run(_page, order)))
        return {spec[0]: done[i] for i, spec in enumerate(_job.specs)}
    finally:
        _job = None
