"""Every record page rendered to HTML on every core (macros.parallel).

Jinja and the sanitiser take a few milliseconds a briefing page; with thousands of briefings
that is worth spreading over the cores. The workers are forked with the renderer already
built, so only a page's spec goes in and its finished Page comes back.
"""
from __future__ import annotations

from .. import parallel
from .render import Page, Renderer


def _page(renderer: Renderer, spec) -> Page:
    return renderer.page(spec)


def pages(renderer: Renderer, parallel_from: int | None = None) -> dict[str, Page]:
    """Every record page, {source path: Page}, in the renderer's order (briefings first, newest first).
    `parallel_from`: how many pages make it worth forking workers (macros.parallel.PARALLEL_FROM)."""
    specs = renderer.specs()
    # The few big pages (a theme lists findings from many briefings) first, so no worker is left
    # rendering them alone at the end; the result keeps the specs' order.
    done = {page.src: page for page in parallel.run(_page, specs[::-1], shared=renderer, parallel_from=parallel_from)}
    return {spec[0]: done[spec[0]] for spec in specs}
