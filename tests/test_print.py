"""Printing a briefing for a team meeting: at most two sides of A4, no site chrome, links with their URLs;
and, with its actions tracked and its uses recorded (the impact fixture), still two sides: "In brief"
with the key messages or the open actions, the questions early with room to write, every resource
with its address or whom to ask, and the briefing's address and QR code at the foot."""
import re

import pytest
import segno

from conftest import IMPACT_SITE_URL, serving
from macros.pages.qr import MASK as QR_MASK

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
    shown = page.locator(".sg-print-url").first
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


TRACKED = ["2022-12-engagement-with-fathers", "2021-12-pre-school-children", "2023-09-missed-health-appointments",
           "2024-02-neglect-in-adolescence"]  # tests/fixtures/impact/briefings/


@pytest.fixture(scope="module")
def impact_served(impact_site):
    with serving(impact_site) as url:
        yield url


@pytest.fixture
def paper(browser, impact_served):
    """A tab on the impact site that fails the test if the page asks any other host for anything."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    external = []
    tab.on("request", lambda r: external.append(r.url) if not r.url.startswith((impact_served, "data:")) else None)
    yield tab
    context.close()
    assert external == []


def printed(tab, selector: str) -> str:
    """The text of `selector` as printed (what print styles hide is left out)."""
    tab.emulate_media(media="print")
    return " ".join(tab.locator(selector).first.inner_text().split())


@pytest.mark.parametrize("briefing", TRACKED)
def test_with_tracked_actions_and_uses_it_prints_on_two_a4_pages_with_its_qr_code(paper, impact_served, briefing):
    paper.goto(f"{impact_served}/briefings/{briefing}/")
    assert 1 <= pdf_pages(paper.pdf(format="A4", prefer_css_page_size=True)) <= 2
    address = f"{IMPACT_SITE_URL}briefings/{briefing}/"
    assert printed(paper, ".sg-address").startswith(f"This briefing online: {address} Scan the code or type the address")
    qr = paper.locator(".sg-address svg.sg-qr")
    box = qr.bounding_box()
    assert box and 70 <= box["width"] == box["height"] <= 100  # about 22 mm: scans from a sheet on the table
    # the code is the address: the same modules as segno's own code for it (with the site's fixed mask, macros.pages.qr)
    expected = re.search(r' d="([^"]+)"', segno.make(address, error="m", mask=QR_MASK).svg_inline())[1]
    assert qr.locator("path").get_attribute("d") == expected
    assert paper.locator(".sg-feedback").evaluate("e => getComputedStyle(e).display") == "none"  # its long address is not printed


def test_in_brief_on_paper_is_the_key_messages_or_the_open_actions(paper, impact_served):
    paper.goto(f"{impact_served}/briefings/2024-02-neglect-in-adolescence/")
    assert printed(paper, ".sg-inbrief") == "In brief Neglect does not stop at adolescence Ask teenagers themselves about home"
    paper.goto(f"{impact_served}/briefings/2023-09-missed-health-appointments/")
    box = printed(paper, ".sg-inbrief")
    assert box.startswith("In brief What needs to happen Health visitors to offer a second appointment")
    for still_to_do in ("Social care to ask about missed appointments", "Review the was-not-brought policy",
                        "Write a leaflet for parents", "Check the family's address"):
        assert still_to_do in box
    for closed in ("GPs to flag", "The hospital to add", "Police to share"):  # done, done, dropped
        assert closed not in box
    paper.emulate_media(media="screen")
    assert "GPs to flag" not in paper.locator(".sg-inbrief").inner_text()  # nor on screen
    # The fathers briefing's one action is done and it has no key messages: its first worries instead.
    paper.goto(f"{impact_served}/briefings/2022-12-engagement-with-fathers/")
    box = printed(paper, ".sg-inbrief")
    assert box.startswith("In brief What worried the auditors No inclusion of father") and "What needs to happen" not in box


def test_on_paper_the_questions_come_early_with_room_to_write(paper, impact_served):
    paper.goto(f"{impact_served}/briefings/2023-09-missed-health-appointments/")
    paper.emulate_media(media="print")
    questions = paper.locator(".sg-print-questions li")
    assert questions.count() == 3  # the briefing's one and the two every briefing asks
    assert questions.first.inner_text() == "What do you do when a child is not brought to an appointment?"
    top = paper.locator(".sg-print-questions").bounding_box()["y"]
    assert top < paper.locator("#summary").bounding_box()["y"] < paper.locator("#what-are-we-worried-about").bounding_box()["y"]
    for i in range(3):
        room = questions.nth(i).evaluate("e => parseFloat(getComputedStyle(e).paddingBottom) / parseFloat(getComputedStyle(e).fontSize)")
        assert room >= 1
    assert paper.locator(".sg-using").evaluate("e => getComputedStyle(e).display") == "none"  # not a second time at the end
    paper.emulate_media(media="screen")
    assert not paper.locator(".sg-print-questions").is_visible()


def test_on_paper_every_resource_has_its_address_or_whom_to_ask(paper, impact_served):
    paper.goto(f"{impact_served}/briefings/2022-12-engagement-with-fathers/")
    paper.emulate_media(media="print")
    items = paper.locator(".sg-resources li")
    assert items.count() == 8  # every resource the briefing cites, its findings' too
    for i in range(items.count()):
        text = " ".join(items.nth(i).inner_text().split())
        assert re.search(r"https?://\S+", text) or "For a copy, ask your agency's safeguarding lead or the Safeguarding " \
                                                  "Children Partnership business unit." in text, text


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
