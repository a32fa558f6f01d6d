"""Material's stylesheets cut to what the pages use (macros/stylesheet.py): smaller, and the pages look the same."""
import re
from html.parser import HTMLParser

import pytest

from macros.pages import stylesheet

# Pages of each kind, hand-written and made from data, in both colour schemes.
PAGES = ["/", "/briefings/", "/briefings/2022-12-engagement-with-fathers/", "/themes/engagement-with-fathers/",
         "/agencies/camhs/", "/actions/", "/editors/", "/accessibility/"]
# What a reader sees of an element.
STYLE = """() => [...document.querySelectorAll('body *')].map(e => { const s = getComputedStyle(e);
  return [e.tagName, e.className, s.display, s.position, s.color, s.backgroundColor, s.fontSize, s.fontWeight,
          s.margin, s.padding, s.borderTopWidth, s.width, s.visibility, s.opacity].join('|') })"""


@pytest.mark.parametrize("selector, needs", [
    (".md-nav__link--active", {"md-nav__link--active"}),
    (".md-typeset .admonition>p", {"md-typeset", "admonition"}),
    ("#__drawer:checked~.md-container", {"__drawer", "md-container"}),
    (".md-nav:not(.md-nav--primary) a", {"md-nav"}),              # :not() needs nothing
    (":is(.md-a, .md-b) p", set()),
    ('.md-typeset a[href$=".pdf"]', {"md-typeset"}),            # an attribute's value is no class
    ("[data-md-color-primary=red] .md-header", {"data-md-color-primary=red", "md-header"}),
    ("[dir=rtl] .md-top", {"md-top"}),
    (".md-typeset .headerlink:focus::before", {"md-typeset", "headerlink"}),
])
def test_what_a_selector_needs_on_the_page(selector, needs):
    assert stylesheet.required(selector) == needs


def test_a_rule_is_kept_when_a_page_may_match_it_and_a_property_when_something_reads_it():
    css = (":root{--a:1;--b:2;--c:3;--d:var(--c)}.x{margin:var(--a)}.y{margin:var(--b)}.x:not(.z){color:red}"
           "@media screen{.y{color:blue}.x .w{color:green}}@keyframes spin{to{transform:rotate(1turn)}}")
    cut = stylesheet.cut(css, {"x", "w"}, also_read=".ours{padding:var(--d)}")
    assert ".x{margin:var(--a)}" in cut and ".x:not(.z){color:red}" in cut and ".x .w{color:green}" in cut
    assert ".y" not in cut and "--b" not in cut                    # no page has .y; nothing else reads --b
    assert "--a:1" in cut and "--d:var(--c)" in cut and "--c:3" in cut  # --d is read by our stylesheet, --c by --d
    assert "@keyframes spin" in cut and "@media screen{.x .w{color:green}}" in cut


class _Names(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("class", "id") and value:
                self.names.update(value.split())


def test_every_page_links_the_cut_stylesheet_which_has_every_rule_for_a_class_on_some_page(site):
    """Independently of how the build collects names (a regex): every class or id on any page (Python's
    HTML parser) that a rule of Material's names on its own (.name{...}) has that rule in the cut stylesheet."""
    names = set()
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<head>" in html and path.parts[len(site.parts)] != "admin":
            assert "stylesheets/theme.css" in html and "stylesheets/main." not in html and "stylesheets/palette." not in html, path
        parser = _Names()
        parser.feed(html)
        names |= parser.names
    folder = site / "assets" / "stylesheets"
    material = "".join(next(folder.glob(p)).read_text(encoding="utf-8") for p in stylesheet.MATERIAL)
    theme = (site / stylesheet.THEME).read_text(encoding="utf-8")
    lone = set(re.findall(r"(?:^|[},])[.#]([A-Za-z0-9_-]+)\{", material))  # rules for one class or id alone
    used = lone & names
    assert len(used) > 20
    assert {n for n in used if not re.search(r"(?:^|[},])[.#]" + re.escape(n) + r"\{", theme)} == set()
    assert len(theme) < len(material) / 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pages_look_the_same_with_materials_whole_stylesheets(browser, served, site, scheme):
    """Every element of each kind of page has the same computed style when the page gets Material's two
    stylesheets, whole, in place of the cut one."""
    folder = site / "assets" / "stylesheets"
    whole = "\n".join(next(folder.glob(p)).read_text(encoding="utf-8") for p in stylesheet.MATERIAL)
    looks = {}
    for version in ("cut", "whole"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        if version == "whole":
            context.route("**/assets/stylesheets/theme.css", lambda route: route.fulfill(body=whole, content_type="text/css"))
        page = context.new_page()
        for url in PAGES:
            page.goto(served + url)
            looks[version, url] = page.evaluate(STYLE)
        context.close()
    for url in PAGES:
        assert looks["cut", url] == looks["whole", url], url
