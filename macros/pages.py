"""Every record page rendered to HTML on every core (macros.parallel).

Jinja and the sanitiser take a few milliseconds a briefing page; with thousands of briefings
that is worth spreading over the cores. The workers are forked with the renderer already
built, so only a page's index goes in and its finished Page comes back.
"""
from __future__ import annotations

from . import parallel
from .render import Page, Renderer

_job: tuple[Renderer, list] | None = None


def _page(i: int) -> Page:
    renderer, specs = _job
    return renderer.page(specs[i])


def pages(renderer: Renderer) -> dict[str, Page]:
    """Every record page, {source path: Page}, in the renderer's order (briefings first, newest first)."""
    global _job
    specs = renderer.specs()
    _job = (renderer, specs)
    # The few big pages (a theme lists findings from many briefings) first, so no worker is left
    # rendering them alone at the end; the result keeps the specs' order.
    order = list(reversed(range(len(specs))))
    try:
        done = dict(zip(order, parallel.run(_page, order)))
        return {spec[0]: done[i] for i, spec in enumerate(specs)}
    finally:
        _job = None
