"""One build's site: the settings, the checked catalogue and its renderer, passed from step to step.

Made by `Site.load` at the start of every build (each `make serve` rebuild too); nothing here is
kept between builds. The pipeline (macros.pipeline) hands it to the engine step, where the
macros of hand-written pages (macros.define_env) read it. Nothing here knows an engine.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .outputs import cms, export
from .data.catalogue import Catalogue, load
from .pages.render import Renderer
from .engine.settings import Settings, form_repository


@dataclass
class Site:
    root: Path
    settings: Settings
    renderer: Renderer

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
