"""macros.data.kinds: each kind of record declared once, and everything a declaration needs is there.

A new kind that misses a part (its schema, template, index page, nav line, fixture data) fails
here, naming the part, before it fails anywhere less clear."""
from __future__ import annotations

import pytest
import yaml

from conftest import FIXTURE_DATA, ROOT
from macros.data.kinds import BY_FOLDER, BY_MODEL, BY_NAME, DATA_KINDS, KINDS, REGISTRIES
from macros.data.schemas import SCHEMA_FILES
from macros.data.validate import REFERENCE_FIELDS


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_has_its_schema_template_index_page_nav_line_and_fixture(kind):
    assert (ROOT / "macros" / "pages" / "templates" / kind.template).is_file(), f"macros/pages/templates/{kind.template}"
    index = ROOT / "docs" / kind.folder / "index.md"
    assert index.is_file(), f"docs/{kind.folder}/index.md"
    nav = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["nav"]
    if kind.in_nav:
        assert {kind.title: f"{kind.folder}/index.md"} in nav, f"mkdocs.yml nav: - {kind.title}: {kind.folder}/index.md"
    if kind.made_from:  # made from the other records: a method of the catalogue lists them, no schema or data
        from macros.data.catalogue import Catalogue
        assert callable(getattr(Catalogue, kind.made_from, None)), f"Catalogue.{kind.made_from}"
        return
    assert (ROOT / "data" / "schema" / kind.schema).is_file(), f"data/schema/{kind.schema}"
    assert (FIXTURE_DATA / kind.data.rstrip("/")).exists(), f"tests/fixtures/data/{kind.data}"
    if kind.registry:
        assert (ROOT / "macros" / "pages" / "templates" / "fragments" / f"{kind.folder}.html.j2").is_file()
        assert "{{" in index.read_text(encoding="utf-8")  # it lists them (record_list, theme_matrix ...)


def test_names_folders_models_and_reference_fields_are_each_one_kinds():
    assert len(BY_NAME) == len(BY_FOLDER) == len(BY_MODEL) == len(KINDS)
    fields = [f for k in REGISTRIES for f in k.references]
    assert len(fields) == len(set(fields))
    assert REFERENCE_FIELDS == {f: k.folder for k in REGISTRIES for f in k.references}
    assert SCHEMA_FILES == tuple(k.schema for k in DATA_KINDS)


def test_a_record_page_is_made_as_its_kind_declares(site):
    """The front matter the engine's theme reads comes from the declaration: og:type, the description, the feed."""
    briefing = (site / "briefings/2022-12-engagement-with-fathers/index.html").read_text(encoding="utf-8")
    theme = (site / "themes/engagement-with-fathers/index.html").read_text(encoding="utf-8")
    need = next((site / "needs").glob("*/index.html")).read_text(encoding="utf-8")
    assert '<meta property="og:type" content="article">' in briefing
    assert '<meta property="og:type" content="website">' in theme and 'href="feed.xml"' in theme
    assert 'href="feed.xml"' not in need
