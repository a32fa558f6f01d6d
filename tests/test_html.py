"""Record pages converted to HTML by macros.html: the same page MkDocs would make, on every core or one."""
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from conftest import ROOT, make_data
from macros import html, parallel
from macros.catalogue import load
from macros.render import Renderer
from macros.synth import generate


@pytest.fixture(scope="module")
def config():
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = None  # set by MkDocs while it runs a plugin event; File.generated reads it
    return config


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    data = make_data(tmp_path_factory.mktemp("html"))
    generate(12, data / "briefings", seed=3)
    return Renderer(load(data))


def convert(renderer, config):
    return html.pages(renderer, config["markdown_extensions"], config["mdx_configs"] or {})


def toc_outline(toc) -> list:
    return [(item.level, item.id, item.title, toc_outline(item.children)) for item in toc]


def test_each_page_is_what_mkdocs_makes_of_its_markdown(renderer, config):
    """Same HTML, table of contents, title and anchors as MkDocs converting the whole Markdown itself."""
    markdown = renderer.pages()
    ours = convert(renderer, config)
    assert list(ours) == list(markdown) and len(ours) > 50
    full = Files([File.generated(config, src, content=text) for src, text in markdown.items()])
    stub = Files([File.generated(config, src, content=page.head) for src, page in ours.items()])
    for src, page in ours.items():
        theirs = Page(None, full.get_file_from_path(src), config)
        theirs.read_source(config)
        theirs.render(config, full)
        assert page.html == theirs.content, src
        assert toc_outline(get_toc(page.toc)) == toc_outline(theirs.toc), src
        assert page.anchors == theirs.present_anchor_ids, src
        head = Page(None, stub.get_file_from_path(src), config)  # what the engine is given: front matter and title
        head.read_source(config)
        head.render(config, stub)
        assert (head.title, head.meta) == (theirs.title, theirs.meta), src
    assert 'href="../../themes/' in ours["briefings/" + renderer.cat.briefings[0].id + ".md"].html


def test_on_every_core_the_pages_are_the_same_and_in_the_same_order(renderer, config, monkeypatch):
    one_core = convert(renderer, config)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    assert convert(renderer, config) == one_core


@pytest.mark.parametrize("here, target, url", [
    ("briefings/a.md", "../themes/x.md", "../../themes/x/"),
    ("themes/x.md", "x.md", "./"),
    ("briefings/a.md", "../index.md", "../../"),
    ("briefings/index.md", "a.md", "a/"),
    ("index.md", "briefings/a.md", "briefings/a/"),
])
def test_links_to_sources_become_links_to_pages(here, target, url):
    assert html._url(here, target) == url
