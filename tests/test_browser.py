"""What a practitioner sees in a real browser (Debian's Chromium, driven by Playwright)."""
import time

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


def test_no_page_loads_materials_script_bundle(browser, served):
    """Material's 35 KB script bundle cost a phone about a quarter of a second on a briefing page (Lighthouse's
    total blocking time); the site loads only its own scripts (overrides/main.html)."""
    page = browser.new_context().new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    for path in ("/", "/briefings/2022-12-engagement-with-fathers/"):
        page.goto(served + path, wait_until="networkidle")
    scripts = sorted({url.removeprefix(served) for url in fetched if url.endswith(".js")})
    assert scripts == ["/assets/filters.js", "/assets/search.js", "/assets/site.js"]
    page.context.close()


def test_the_light_dark_switch_follows_the_device_and_remembers_a_choice(browser, served):
    """assets/site.js does the header's switch as Material's bundle did: the device's preference first,
    then the reader's choice, on every page after."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(served + "/briefings/2022-12-engagement-with-fathers/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    switch = page.locator("[data-md-component=palette] label:not([hidden])")
    expect(switch).to_have_count(1)
    assert switch.get_attribute("title") == "Switch to light mode"
    switch.click()
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    assert page.locator("[data-md-component=palette] label:not([hidden])").get_attribute("title") == "Switch to dark mode"
    page.goto(served + "/")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    context.close()


def test_the_back_to_top_button_appears_when_scrolling_back_up(browser, served):
    page = browser.new_context(viewport={"width": 1280, "height": 600}).new_page()
    page.goto(served + "/briefings/2022-12-engagement-with-fathers/")
    button = page.locator("[data-md-component=top]")
    assert button.get_attribute("hidden") is not None
    page.mouse.wheel(0, 3000)
    until(page, "window.scrollY > 2000")
    page.mouse.wheel(0, -400)
    expect(button).not_to_have_attribute("hidden", "")
    button.click()
    until(page, "window.scrollY === 0")
    page.context.close()


def until(page, condition: str, seconds: float = 10) -> None:
    """Poll a condition from here (the pages' policy forbids the eval that wait_for_function needs)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"still not {condition}"
        page.wait_for_timeout(20)
