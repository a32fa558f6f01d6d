"""Filtering /briefings/ in a browser: combinable, keyboard-operable, announced, shareable, and harmless without JavaScript."""
from playwright.sync_api import expect

FATHERS, PRESCHOOL = "Engagement with Fathers", "Pre-School Children"


def shown(page) -> list[str]:
    return [t.strip() for t in page.locator(".sg-card:visible h2 > a:not(.headerlink)").all_inner_texts()]


def test_filters_combine_and_announce_the_count(page, served):
    page.goto(served + "/briefings/")
    assert shown(page) == [FATHERS, PRESCHOOL]
    status = page.locator("[data-sg-count]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "2 briefings shown"
    page.select_option("#sg-filter-need", "exploitation")
    assert shown(page) == [FATHERS] and status.inner_text() == "1 briefing shown"
    page.select_option("#sg-filter-year", "2021")
    assert shown(page) == [] and status.inner_text() == "0 briefings shown"
    page.select_option("#sg-filter-need", "")
    assert shown(page) == [PRESCHOOL]
    assert page.url.endswith("/briefings/?year=2021")


def test_filter_state_in_the_url_is_restored_on_load(page, served):
    page.goto(served + "/briefings/?theme=professional-curiosity&type=multi-agency-audit")
    assert shown(page) == [PRESCHOOL]
    assert page.locator("#sg-filter-theme").input_value() == "professional-curiosity"
    page.goto(served + "/briefings/?agency=<script>&year=1999")  # unknown values are ignored
    assert shown(page) == [FATHERS, PRESCHOOL]


def test_filters_work_from_the_keyboard(page, served):
    page.goto(served + "/briefings/")
    page.locator("#sg-filter-agency").focus()
    page.keyboard.press("Tab")  # to Need
    assert page.evaluate("document.activeElement.id") == "sg-filter-need"
    page.locator("#sg-filter-year").focus()
    page.keyboard.press("ArrowDown")  # a closed select changes value with the arrow keys
    assert shown(page) == [FATHERS]
    page.get_by_role("button", name="Clear filters").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".sg-card[hidden]")).to_have_count(0)
    assert page.locator("[data-sg-count]").inner_text() == "2 briefings shown"


def test_without_javascript_every_briefing_shows_and_no_dead_controls(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "/briefings/?year=2021")
    assert shown(page) == [FATHERS, PRESCHOOL]
    assert not page.locator("[data-sg-filters]").is_visible()
    context.close()
