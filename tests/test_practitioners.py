"""What a practitioner on a phone gets: the point of a briefing on the first screen, honest labels,
no dead ends, and nothing wider than the screen."""
import re

import pytest
import yaml

from conftest import FIXTURE_DATA, page_text

PHONE = {"width": 390, "height": 844}
BRIEFINGS = ["2022-12-engagement-with-fathers", "2021-12-pre-school-children"]


@pytest.fixture
def phone(browser, served):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_in_brief_and_the_first_action_are_on_the_first_phone_screen(phone, served, briefing):
    phone.goto(f"{served}/briefings/{briefing}/")
    box = phone.locator(".sg-inbrief").bounding_box()
    first_action = phone.locator(".sg-inbrief__actions li").first.bounding_box()
    assert box["y"] < PHONE["height"] / 2
    assert first_action["y"] + first_action["height"] <= PHONE["height"]


@pytest.mark.parametrize("url", ["/themes/", "/briefings/", "/briefings/2021-12-pre-school-children/", "/themes/information-sharing/"])
def test_nothing_is_wider_than_a_phone_screen(phone, served, url):
    phone.goto(served + url)
    wide = phone.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                     && getComputedStyle(e).position !== 'fixed' && e.getClientRects().length
                     && !e.closest('.md-sidebar, .md-search, .sg-search__panel, .sg-visually-hidden, .md-nav, .md-tabs'))
        .map(e => e.tagName + '.' + e.className)""")
    assert wide == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_matrix_caption_is_whole_on_a_phone(phone, served):
    phone.goto(f"{served}/themes/")
    caption = phone.locator("#sg-matrix-caption")
    assert caption.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert "oldest first" in caption.inner_text()


def test_the_site_title_is_never_cut_on_a_phone(phone, served):
    phone.goto(f"{served}/")
    name = phone.locator(".sg-short-name")
    assert name.is_visible()
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth + 1 && getComputedStyle(e).textOverflow !== 'ellipsis' || e.scrollWidth <= e.clientWidth")


def test_a_cut_off_sentence_carries_the_editors_note(site):
    text = page_text(site, "briefings/2022-12-engagement-with-fathers/")
    assert "Accumulative impact of abuse should always be considered and included in the (The audit's sentence ends here.)" in text


def test_questions_are_the_partnerships_not_the_audits(site):
    for b in BRIEFINGS:
        text = page_text(site, f"briefings/{b}/")
        assert "Questions from this audit" not in text
        assert "Questions to discuss in your team" in text and "not the auditors' words" in text


def test_every_resource_page_links_to_it_or_says_whom_to_ask(site):
    pages = sorted((site / "resources").glob("*/index.html"))
    assert pages
    linked = set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if re.search(r'class="md-button md-button--primary" href="https?://', html):
            linked.add(path.parent.name)
        else:
            assert "There is no public web address for this" in html and "ask your agency's safeguarding lead" in html, path
        assert "nobody has checked" not in html
    # the nationally published ones cited by the seed audits go to their publishers
    assert {"dash", "marac", "drive-programme", "off-the-record", "myth-of-invisible-men"} <= linked


def test_every_need_page_gives_a_next_step(site):
    """A resource to go to, and always whom to ask: the need's own `ask`, or the agency's safeguarding lead."""
    needs = yaml.safe_load((FIXTURE_DATA / "needs.yml").read_text(encoding="utf-8"))
    assert {bool(n.get("ask")) for n in needs} == {True, False}  # the fixture has both kinds
    for need in needs:
        html = (site / "needs" / need["id"] / "index.html").read_text(encoding="utf-8")
        text = page_text(site, f"needs/{need['id']}/")
        ask = text[text.index("Who to ask"):]
        if need.get("ask"):
            assert " ".join(need["ask"].split()) in ask, need["id"]
        else:
            assert "For advice about a child with this need, ask your agency's safeguarding lead or the Safeguarding " \
                   "Children Partnership business unit." in ask, need["id"]
        for r in need.get("resources", []):
            assert f'href="../../resources/{r}/"' in html, (need["id"], r)


def test_need_pages_describe_the_need_and_what_helps(site):
    text = page_text(site, "needs/neglect/")
    assert "Resources that help" in text and "Neglect Toolkit" in text
    assert "Themes where it appears" in text


def test_theme_pages_lead_with_recurrence_and_actions(site):
    text = page_text(site, "themes/cumulative-harm/")
    assert re.search(r"In 2 of 2 audits , December 2021 to 6 December 2022; \d+ findings\.", text)
    assert text.index("What needs to happen") < text.index("Findings by briefing")


def test_on_a_phone_the_filters_are_folded_and_the_first_briefing_is_on_the_first_screen(phone, served, page):
    phone.goto(f"{served}/briefings/")
    assert phone.locator("[data-sg-filter-panel]").get_attribute("open") is None
    first = phone.locator(".sg-card h2 a").first.bounding_box()
    assert first["y"] + first["height"] <= PHONE["height"]
    phone.goto(f"{served}/briefings/?year=2021")  # an address that asks for a filter opens them
    assert phone.locator("[data-sg-filter-panel]").get_attribute("open") is not None
    page.goto(f"{served}/briefings/")  # a wide screen has room: open
    assert page.locator("[data-sg-filter-panel]").get_attribute("open") is not None


@pytest.mark.parametrize("url", ["/briefings/"])  # /actions/ shares the bar, but the fixture has no action to filter
def test_the_folded_filter_bar_keeps_its_icon_beside_the_words_on_a_phone(phone, served, url):
    """The icon and the open/close arrow are pseudo-elements placed absolutely in the summary: each must sit
    clear of the words "Filter and sort", which once ran under the icon."""
    phone.goto(served + url)
    summary = phone.locator("[data-sg-filter-panel] > summary")
    assert summary.is_visible() and summary.inner_text().startswith("Filter and sort")
    boxes = summary.evaluate("""s => {
        const box = s.getBoundingClientRect(), range = document.createRange();
        range.selectNodeContents(s);
        const words = range.getBoundingClientRect();
        const mark = (where) => { const st = getComputedStyle(s, where);
            if (st.display === 'none' || st.content === 'none') return null;
            const w = parseFloat(st.width), l = st.left !== 'auto' ? box.left + parseFloat(st.left) : box.right - parseFloat(st.right) - w;
            return [l, l + w]; };
        return {words: [words.left, words.right], icon: mark('::before'), arrow: mark('::after')}; }""")
    left, right = boxes["words"]
    assert boxes["icon"] and boxes["icon"][1] <= left, boxes
    assert boxes["arrow"] is None or boxes["arrow"][0] >= right, boxes
