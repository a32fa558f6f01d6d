"""The engine is the pipeline's last step: MkDocs and ProperDocs build the same site, and its
content (record pages, search, feeds, open data) comes from the pipeline, not from engine hooks."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site

MACROS = ROOT / "macros"


def _article(html: str) -> str:
    return html[html.index("<article"): html.index("</article>")]


def _files(site: Path) -> set[str]:
    # Pagefind's chunk names are content hashes of an index that records build order, and the sitemap's
    # and 404's paths are the same either way: the set of pages and data files is what must agree.
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and not p.relative_to(site).parts[0].startswith("pagefind")}


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory, fixture_project):
    out = tmp_path_factory.mktemp("properdocs") / "site"
    result = build_site(fixture_project, out, engine="properdocs")
    assert result.returncode == 0, result.stderr
    return out


def test_mkdocs_and_properdocs_publish_the_same_files_and_record_pages(site, properdocs_site):
    assert _files(site) == _files(properdocs_site)
    records = [p for p in site.rglob("index.html")
               if p.relative_to(site).parts[0] in ("briefings", "themes", "resources", "agencies", "needs")
               and len(p.relative_to(site).parts) == 3]
    assert len(records) > 40
    for page in records:
        other = properdocs_site / page.relative_to(site)
        assert _article(page.read_text(encoding="utf-8")) == _article(other.read_text(encoding="utf-8")), page
    for data in ("feed.xml", "data/findings.csv", "data/briefings.json", "data/actions.csv"):
        assert (site / data).read_bytes() == (properdocs_site / data).read_bytes(), data


def test_the_engine_runs_no_hooks_and_no_plugin_but_the_macros():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "hooks" not in config
    assert [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]] == ["macros"]


def test_record_pages_search_feeds_and_data_come_from_the_pipeline(site):
    """What hooks made before (record pages, their tables of contents, the search index, the feeds and
    open data, the policy on every page) is there with no hooks at all."""
    page = (site / "briefings/2022-12-engagement-with-fathers/index.html").read_text(encoding="utf-8")
    assert "<!-- sg:" not in page  # the stub's markers are gone: the body is in
    assert re.search(r'<a href="#what-are-we-worried-about" class="md-nav__link">', page)  # the engine's own toc
    assert 'class="md-skip"' in page  # ... and its skip link, from the stub's headings
    assert (site / "pagefind/pagefind.js").is_file() and (site / "themes/engagement-with-fathers/feed.xml").is_file()
    assert all('http-equiv="Content-Security-Policy"' in p.read_text(encoding="utf-8")
               for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "admin")


def test_the_lists_on_hand_written_pages_go_in_after_the_engine(site):
    """The macros' lists and tables reach the engine as placeholders (macros.site.Site.block), so Markdown does
    not read a list of every briefing; `finish` puts each in its place, and none is left behind."""
    for page in site.rglob("*.html"):
        assert "<!-- sg:" not in page.read_text(encoding="utf-8"), page
    listing = _article((site / "briefings/index.html").read_text(encoding="utf-8"))
    assert listing.index('href="2022-12-engagement-with-fathers/"') < listing.index('href="2021-12-pre-school-children/"')
    assert "<p><!--" not in listing and "<form class=\"sg-filters\"" in listing


def test_nothing_outside_the_engine_step_imports_an_engine():
    engines = {"mkdocs", "properdocs", "mkdocs_macros", "material"}
    importers = []
    for path in sorted(MACROS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            if any(n.split(".")[0] in engines for n in names):
                importers.append(path.relative_to(MACROS).as_posix())
    assert importers == []  # macros/engine/__init__.py imports them by name, at build time only (importlib)
    assert "importlib.import_module(f\"{engine}" in (MACROS / "engine" / "__init__.py").read_text(encoding="utf-8")


def test_a_heading_from_data_is_only_text_to_the_engine(tmp_path):
    import markdown
    from macros.pipeline import heading_text
    hostile = "Fathers & <b>carers</b> *not* `code` [x](javascript:y) {: onclick=z } #"
    html = markdown.markdown(f"## {heading_text(hostile)} {{#h}}", extensions=["attr_list", "md_in_html", "toc"])
    assert html.startswith('<h2 id="h">') and "onclick=z" not in html.split(">")[0]
    from html import unescape
    assert unescape(re.sub(r"<[^>]+>", "", html)) == hostile


def _contents(page: str) -> list[tuple[str, str]]:
    """A built page's table of contents (the secondary nav) as (link, text) in order."""
    from html import unescape
    nav = page[page.index('<nav class="md-nav md-nav--secondary"'):]
    nav = nav[:nav.index("</nav>\n", nav.index('data-md-component="toc"'))] if 'data-md-component="toc"' in nav else ""
    return [(unescape(href), " ".join(unescape(text).split()))
            for href, text in re.findall(r'<a href="([^"]*)" class="md-nav__link">\s*<span class="md-ellipsis">(.*?)</span>', nav, re.S)]


def test_a_record_pages_contents_list_its_headings_in_order_linked_to_them(site):
    """The engine sees a record's title only; its contents come from the stub's front matter, and must still
    list every heading the body has in the contents (h2 and h3), by its id and its text."""
    from html import unescape
    for name in ("briefings/2022-12-engagement-with-fathers", "themes/engagement-with-fathers", "agencies/police"):
        page = (site / name / "index.html").read_text(encoding="utf-8")
        article = _article(page)
        headings = [(f"#{i}", " ".join(unescape(re.sub(r"<[^>]+>", "", t)).split()))
                    for i, t in re.findall(r'<h[23] id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', article, re.S)]
        shown = _contents(page)
        assert len(shown) >= 2, name
        assert shown == [h for h in headings if h in shown], name  # in the body's order, each as the body has it
        assert {"#what-are-we-worried-about", "#themes-for-learning"} <= {h for h, _ in shown} or not name.startswith("briefings")
        assert page.count('class="md-skip"') == 1 and re.search(r'href="#[a-z-]+" class="md-skip"', page)


def test_a_record_pages_contents_are_escaped_whatever_its_headings_say():
    """overrides/partials/toc.html prints the front matter's headings (macros.pipeline.stub) as text."""
    from types import SimpleNamespace
    import jinja2
    from macros.engine.settings import Settings  # noqa: F401  (the package imports without an engine)
    material = Path(__import__("material").__file__).parent / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(ROOT / "overrides"), str(material)]))
    hostile = "<script>alert(1)</script> & \"x\" 'y' {{ 7*7 }}"
    page = SimpleNamespace(url="briefings/x/", toc=[], meta={"sg_toc": [
        {"id": 'a"><script>', "title": hostile, "children": [{"id": "b", "title": "<b>B</b>"}]}]})
    html = env.get_template("partials/toc.html").render(
        page=page, nav=SimpleNamespace(pages=[]), lang=SimpleNamespace(t=lambda key: "Table of contents"),
        config={"mdx_configs": {}})
    assert "<script>" not in html and "<b>" not in html and "49" not in html
    assert _contents(html) == [('#a"><script>', hostile), ("#b", "<b>B</b>")]
