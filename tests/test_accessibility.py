"""WCAG 2.2 AA on every page of the built site: axe-core in Chromium (light and dark, search open) and the Nu HTML checker."""
import re
import subprocess

import pytest

from conftest import ROOT, serving, site_urls

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_RUN = """axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
  .then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(' | ')))"""


def axe(page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):  # not already there from an init script
        # through the browser's debugging protocol: a <script> tag would be stopped by the pages' CSP
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(AXE_RUN)


def test_every_page_is_found(site):
    urls = site_urls(site)
    assert urls[0] == "/" and "/briefings/2022-12-engagement-with-fathers/" in urls and "/accessibility/" in urls


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_any_page(page, served, site, scheme):
    page.emulate_media(color_scheme=scheme)
    # axe comes with every page as an init script: half the time of adding it to each page after it loads.
    page.context.add_init_script(path=str(AXE))
    found = {}
    for url in site_urls(site):
        page.goto(served + url)
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        if violations := axe(page):
            found[url] = violations
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_the_search_open(page, served, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(served + "/briefings/")
    page.keyboard.press("/")
    page.keyboard.type("fathers", delay=20)
    page.wait_for_selector(".sg-search__results li a")
    assert page.locator("#sg-search-panel").get_attribute("aria-label") == "Search results"
    assert page.get_by_label("Search briefings, themes and resources").is_visible()
    assert axe(page) == []


def test_nu_html_checker_finds_no_errors(site):
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=300)
    assert result.stderr.replace(str(site), "") == "" and result.returncode == 0


def test_pages_are_in_british_english_with_a_skip_link_to_the_heading(site):
    for url in site_urls(site):
        html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        assert '<html lang="en-GB"' in html, url
        skip = re.search(r'<a href="#([^"]+)" class="md-skip">', html)
        assert skip and f'id="{skip[1]}"' in html, url


def test_keyboard_focus_is_visible(page, served):
    page.goto(served + "/briefings/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    for _ in range(3):
        page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth")
    assert ring == "solid 3px"


def test_accessibility_statement_follows_the_gov_uk_model(site):
    html = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    for heading in ["How accessible this website is", "Feedback and contact information",
                    "Enforcement procedure", "Technical information about this website’s accessibility",
                    "Compliance status", "Preparation of this accessibility statement"]:
        assert heading in html, heading


@pytest.mark.parametrize("width", [390, 1280])
def test_briefing_page_fits_the_screen(browser, served, width):
    """WCAG 1.4.10 Reflow: nothing wider than the screen, on a phone too."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served + "/briefings/2022-12-engagement-with-fathers/")
    assert page.evaluate("document.querySelector('h1').firstChild.textContent") == "Engagement with Fathers"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


# The impact fixture's pages that the bare seeds leave nearly empty: tracked actions, uses, the yearly
# reports with their charts, the open data page (tests/fixtures/impact/).
IMPACT_PAGES = ["/actions/", "/editors/", "/data/", "/report/", "/briefings/2023-09-missed-health-appointments/",
                "/briefings/2022-12-engagement-with-fathers/", "/agencies/social-care/"]


@pytest.fixture(scope="module")
def impact_served(impact_site):
    with serving(impact_site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_impact_sites_pages(browser, impact_site, impact_served, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    tab = context.new_page()
    tab.emulate_media(color_scheme=scheme)
    reports = [u for u in site_urls(impact_site) if u.startswith("/report/") and u != "/report/"]
    assert len(reports) >= 4
    found = {}
    for url in IMPACT_PAGES + reports:
        tab.goto(impact_served + url)
        if violations := axe(tab):
            found[url] = violations
    context.close()
    assert found == {}


def test_nu_html_checker_finds_no_errors_on_the_impact_sites_pages(impact_site):
    files = [str(impact_site / u.strip("/") / "index.html") for u in IMPACT_PAGES]
    files += [str(p) for p in sorted((impact_site / "report").glob("*/index.html"))]
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *files], capture_output=True, text=True, timeout=300)
    assert result.stderr.replace(str(impact_site), "") == "" and result.returncode == 0
