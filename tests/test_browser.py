"""What a practitioner sees in a real browser (Debian's Chromium, driven by Playwright)."""
import pytest


def search(page, served, query: str) -> list[str]:
    """Type a query as a person does (Material listens for key presses) and read the result links."""
    page.goto(served + "/")
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item")
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item > .md-search-result__link").all()]


def test_search_for_fathers_lists_both_briefings(page, served):
    links = " ".join(search(page, served, "fathers"))
    assert "briefings/2022-12-engagement-with-fathers/" in links
    assert "briefings/2021-12-pre-school-children/" in links


def test_search_for_dash_lists_the_briefing_and_the_resource(page, served):
    links = " ".join(search(page, served, "DASH"))
    assert "briefings/2021-12-pre-school-children/" in links
    assert "resources/dash/" in links


@pytest.mark.parametrize("width", [390, 1280])
def test_briefing_page_fits_the_screen(browser, served, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served + "/briefings/2022-12-engagement-with-fathers/")
    assert page.evaluate("document.querySelector('h1').firstChild.textContent") == "Engagement with Fathers"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    context.close()
