"""One build's site: the settings, the checked catalogue and its renderer, passed from step to step.

Made by `Site.load` at the start of every build (each `make serve` rebuild too); nothing here is
kept between builds. The pipeline (macros.pipeline) hands it to the engine step, where the
macros of hand-written pages (macros.define_env) read it. Nothing here knows an engine.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .outputs import cms, export
from .data.catalogue import Catalogue, load
from .pages.render import Renderer
from .engine.settings import Settings, form_repository


# Where a list or table goes on a hand-written page: a comment on a line of its own, which Markdown keeps as
# it is; `finish` (macros.pipeline) puts the HTML in its place. Data cannot write one: data text is escaped.
BLOCK = "<!-- sg:block {} -->"
BLOCK_RE = re.compile(r"<!-- sg:block ([0-9]+) -->")


@dataclass
class Site:
    root: Path
    settings: Settings
    renderer: Renderer
    # The lists and tables of the hand-written pages (macros.define_env), by number, each as the function that
    # renders it: `finish` renders them, on every core, and puts them in, so Markdown does not read them (on
    # /briefings/, a list of every briefing) and the engine, on one core, does not wait for them.
    blocks: dict[str, Callable[[], str]] = field(default_factory=dict)

    def block(self, render: Callable[[], str]) -> str:
        """A placeholder for what render() returns, on a line of its own: `finish` puts it there."""
        key = str(len(self.blocks))
        self.blocks[key] = render
        return "\n" + BLOCK.format(key) + "\n"

    @property
    def catalogue(self) -> Catalogue:
        return self.renderer.cat

    @classmethod
    def load(cls, root: Path, settings: Settings | None = None) -> "Site":
        """Read and check data/ under root (raises DataError listing every problem)."""
        root = Path(root)
        settings = settings or Settings(root)
        return cls(root, settings, Renderer(load(root / "data"), settings.extra, settings.site_url))

    def exports(self) -> dict[str, str | bytes]:
        """The feeds, the open data and the schemas, {path under site/: content}."""
        s = self.settings
        return export.files(self.catalogue, s.site_url or "/", s.site_name, self.root / "data" / "schema")

    def admin(self) -> dict[str, str | bytes]:
        """The editors' form at /admin/, {path under site/: content}; nothing when the CMS is not installed."""
        return cms.files(self.root, self.settings.site_name, form_repository(self.settings.extra),
                         self.settings.site_url or "/")
