"""The catalogue of the build in progress, shared by the MkDocs hook and the macros.

The hook loads and validates the data once per build (on_config) and puts the result
here; the macros that hand-written pages call read it. Nothing here knows MkDocs.
"""
from __future__ import annotations

from pathlib import Path

from . import cms, export
from .catalogue import Catalogue, load
from .render import Renderer

current: Renderer | None = None


def build(project_dir: Path, options: dict | None = None) -> Renderer:
    """Load data/ under project_dir (raises DataError) and make it the current site. `options` are
    the site's settings the pages use (mkdocs.yml's `extra`: the contact for resources without a link)."""
    global current
    current = Renderer(load(Path(project_dir) / "data"), options)
    return current


def renderer() -> Renderer:
    if current is None:
        raise RuntimeError("the data has not been loaded: is macros/hooks.py listed under hooks: in mkdocs.yml?")
    return current


def catalogue() -> Catalogue:
    return renderer().cat


def exports(project_dir: Path, site_url: str, site_name: str) -> dict[str, str | bytes]:
    """The feed, the open data, the schemas and the editors' form at /admin/, {path under site/: content}."""
    out = export.files(catalogue(), site_url, site_name, Path(project_dir) / "data" / "schema")
    # GitHub Actions names the repository the site is built from; elsewhere mkdocs.yml's extra.repository.
    from .settings import form_repository
    out.update(cms.files(Path(project_dir), site_name, form_repository(renderer().options), site_url))
    return out
