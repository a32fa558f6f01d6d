"""Printing a briefing for a team meeting: at most two sides of A4, no site chrome, links with their URLs."""
import re

import pytest

SEEDS = ["2022-12-engagement-with-fathers", "2021-12-pre-school-children"]  # the fixture's (tests/fixtures/data/)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("briefing", SEEDS)
def test_each_seed_briefing_prints_on_at_most_two_a4_pages(page, served, briefing):
    page.goto(f"{served}/briefings/{briefing}/")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert 1 <= pdf_pages(pdf) <= 2


def test_print_hides_the_site_chrome_and_shows_where_links_go(page, served):
    page.goto(f"{served}/briefings/{SEEDS[0]}/")
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".sg-search", "[data-sg-print]"]:
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    shown = page.locator(".sg-print-only").first
    assert shown.evaluate("e => getComputedStyle(e).display") == "inline"
    assert shown.inner_text().startswith("https://")
    page.goto(f"{served}/resources/drive-programme/")
    page.emulate_media(media="print")
    after = page.locator('article a[href^="http"]').first.evaluate("e => getComputedStyle(e, '::after').content")
    assert "https://drivepartnership.org.uk/" in after


def test_print_button_prints_and_is_hidden_without_javascript(browser, served, page):
    page.add_init_script("window.print = () => { window.printed = true; }")
    page.goto(f"{served}/briefings/{SEEDS[0]}/")
    button = page.get_by_role("button", name="Print this briefing")
    button.click()
    assert page.evaluate("window.printed") is True
    context = browser.new_context(java_script_enabled=False)
    no_js = context.new_page()
    no_js.goto(f"{served}/briefings/{SEEDS[0]}/")
    assert not no_js.locator("[data-sg-print]").is_visible()
    context.close()


def test_on_paper_the_partnerships_own_resources_say_whom_to_ask(page, served):
    """Pre-School Children cites two of the partnership's own toolkits, which have no public address."""
    page.goto(f"{served}/briefings/{SEEDS[1]}/")
    page.emulate_media(media="print")
    entries = page.locator(".sg-resources li")
    for title in ("Domestic Abuse Toolkit", "Neglect Toolkit"):
        entry = entries.filter(has_text=title)
        assert "For a copy, ask your agency's safeguarding lead or the Safeguarding Children Partnership business unit." \
            in entry.inner_text(), title
    assert "For a copy" not in entries.filter(has_text="DASH risk checklist").inner_text()
