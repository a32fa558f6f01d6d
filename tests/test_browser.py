"""What a practitioner sees in a real browser (Debian's Chromium, driven by Playwright)."""
from playwright.sync_api import expect
import pytest

from conftest import build_site, serving


def search(page, served, query: str) -> list[str]:
    """Type a query as a person does ("/" jumps to the header's search box) and read the result links."""
    page.goto(served + "/")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    # The results of the whole query, not of a part of it typed before the pause: its status names it.
    page.wait_for_function("""q => document.querySelector('.sg-search__status').textContent.endsWith(`for “${q}”`)
        && document.querySelector('.sg-search__results').getAttribute('aria-busy') === 'false'""", arg=query)
    return [a.get_attribute("href") for a in page.locator(".sg-search__results li a").all()]


def test_search_for_fathers_lists_both_briefings(page, served):
    links = " ".join(search(page, served, "fathers"))
    assert "briefings/2022-12-engagement-with-fathers/" in links
    assert "briefings/2021-12-pre-school-children/" in links


def test_search_for_dash_lists_the_briefing_and_the_resource(page, served):
    links = " ".join(search(page, served, "DASH"))
    assert "briefings/2021-12-pre-school-children/" in links
    assert "resources/dash/" in links


def test_search_is_labelled_announced_and_closes_on_escape(page, served):
    search(page, served, "fathers")
    box = page.get_by_role("searchbox", name="Search briefings, themes and resources")
    assert box.get_attribute("aria-controls") == "sg-search-panel" and page.locator("#sg-search-panel").is_visible()
    expect(page.locator(".sg-search [role=status]")).to_contain_text("results for")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.sg-search__results') !== null")
    page.keyboard.press("Escape")
    assert page.locator("#sg-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "sg-search-input"
    page.keyboard.press("Escape")  # a second Escape clears the box
    assert box.input_value() == ""


def test_search_filters_by_type_theme_and_agency(page, served):
    search(page, served, "fathers")
    panel = page.locator("#sg-search-panel")
    panel.get_by_label("Agency").select_option("Social Care")  # only the 2022 audit names Social Care
    expect(page.locator(".sg-search__results li")).to_have_count(1)
    links = [a.get_attribute("href") for a in page.locator(".sg-search__results li a").all()]
    assert links == ["/briefings/2022-12-engagement-with-fathers/"]
    assert panel.get_by_label("Theme").locator("option", has_text="Voice of the child").count() == 1
    assert panel.get_by_label("Type").locator("option", has_text="Multi-agency audit").count() == 1


@pytest.fixture(scope="module")
def served_in_parts(tmp_path_factory, fixture_project):
    """The fixture site with its search index made in parts of 20 pages, as a site of thousands is."""
    site = tmp_path_factory.mktemp("parts")
    result = build_site(fixture_project, site, SG_SEARCH_PART_PAGES="20")
    assert result.returncode == 0, result.stderr
    assert (site / "pagefind-2" / "pagefind-entry.json").is_file() and (site / "pagefind-3" / "pagefind-entry.json").is_file()
    with serving(site) as url:
        yield url


def test_search_over_an_index_in_parts_finds_what_one_index_finds(browser, served, served_in_parts):
    """The same matches, counted and filtered alike; only the order may differ (each part weighs words by its own pages)."""
    found = {}
    for where in (served, served_in_parts):
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        found[where] = {}
        for query in ("fathers", "DASH", "neglect"):
            links = search(page, where, query)
            status = page.locator(".sg-search__status").inner_text()
            found[where][query] = status, sorted(link for link in links if "/briefings/" in link)
        found[where]["themes"] = sorted(page.locator("#sg-search-panel").get_by_label("Theme").locator("option").all_inner_texts())
        page.context.close()
    assert found[served_in_parts] == found[served]
    assert found[served]["DASH"][0].endswith("results for “DASH”") and len(found[served]["themes"]) > 5
    assert found[served]["fathers"][1] == ["/briefings/2021-12-pre-school-children/", "/briefings/2022-12-engagement-with-fathers/"]


def test_search_shows_data_as_text(page, served):
    """Result titles and excerpts are put in the page as text: nothing from the index runs."""
    search(page, served, "DASH")
    assert page.locator(".sg-search__results mark").count() > 0
    assert page.locator(".sg-search__results script, .sg-search__results img").count() == 0


@pytest.mark.parametrize("width", [390, 1280])
def test_briefing_page_fits_the_screen(browser, served, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served + "/briefings/2022-12-engagement-with-fathers/")
    assert page.evaluate("document.querySelector('h1').firstChild.textContent") == "Engagement with Fathers"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()


def test_a_page_does_not_fetch_the_sitemap(browser, served):
    """Material fetches sitemap.xml for every <link rel=alternate> (it takes them for language versions):
    with thousands of briefings that is most of a megabyte on a phone. The feed's link must not trigger it."""
    page = browser.new_context().new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(served + "/briefings/2022-12-engagement-with-fathers/", wait_until="networkidle")
    assert page.locator('link[type="application/atom+xml"]').count() == 1  # the feed is still discoverable
    assert not [url for url in fetched if "sitemap" in url], fetched
    page.context.close()


def results_for(page, served, query: str) -> list[tuple[str, str]]:
    """(link, excerpt) of every result shown for the whole query (not for a word half typed), read in one go."""
    page.goto(served + "/")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    page.wait_for_function("""q => document.querySelector('.sg-search__status').textContent.includes('“' + q + '”')
        && document.querySelector('.sg-search__results').getAttribute('aria-busy') === 'false'""", arg=query)
    return [tuple(row) for row in page.evaluate("""() => [...document.querySelectorAll('.sg-search__results li')]
        .map(li => [li.querySelector('a').getAttribute('href'), li.querySelector('.sg-search__excerpt').textContent])""")]


# What a practitioner types, and the page that should come first: the page whose own words are about it.
SEARCHES = {
    "DASH": "/resources/dash/",
    "neglect toolkit": "/resources/neglect-toolkit/",
    "step down": "/themes/step-up-step-down/",
    "information sharing": "/themes/information-sharing/",
}
# Pages that list other pages' titles: on top of a search they would hide what the person looks for.
LISTING = ("/agencies/", "/needs/")
CHART_TEXT = ("The chart in figures", "Findings per year", "YearFindings")


@pytest.mark.parametrize("query", SEARCHES)
def test_a_search_lists_the_page_about_it_first(page, served, query):
    found = results_for(page, served, query)
    assert found[0][0] == SEARCHES[query], found
    assert not [link for link, _ in found[:3] if link.startswith(LISTING)], found
    assert not [text for _, text in found if any(t in text for t in CHART_TEXT)], found


def test_a_search_for_fathers_lists_the_briefings_and_the_theme_first(page, served):
    """The briefing and the theme on fathers first (their order is a near tie: both are about fathers), then the
    other briefing that speaks of fathers; no page that only lists the briefings' titles (there were 38 results)."""
    found = results_for(page, served, "fathers")
    links = [link for link, _ in found]
    assert set(links[:2]) == {"/briefings/2022-12-engagement-with-fathers/", "/themes/engagement-with-fathers/"}, links
    assert links[2] == "/briefings/2021-12-pre-school-children/", links
    assert not [link for link in links if link.startswith(LISTING)], links
    assert not [text for _, text in found if any(t in text for t in CHART_TEXT)], found
