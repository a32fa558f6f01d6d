"""overrides/: what the site changes in Material's templates, seen in Chromium."""
import time

from playwright.sync_api import expect

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
