"""Following a theme or an agency from a phone: a readable "How to follow" page, not the feed's raw XML.
The feed stays Atom for machines; the page gives its address with a copy button, says what a feed is and how
to add it to a feed reader or Outlook, and lists the newest items. Agency feeds hold the briefings the agency
took part in, and an empty feed is dated by the data, not a placeholder."""
import datetime as dt
from xml.etree import ElementTree as ET

import pytest

from conftest import make_data, page_text
from macros.outputs import export
from macros.data.catalogue import load

A = "{http://www.w3.org/2005/Atom}"
PHONE = {"width": 390, "height": 844}
FOLLOWED = ["/themes/information-sharing/", "/agencies/camhs/"]


@pytest.fixture
def phone(browser, served):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("record", FOLLOWED)
def test_follow_opens_a_page_that_copies_the_feeds_address(phone, served, site, record):
    phone.goto(served + record)
    phone.get_by_role("link", name=f"Follow this {'theme' if 'themes' in record else 'agency'}").tap()
    phone.wait_for_url(served + record + "follow/")
    assert phone.locator("h1").inner_text().startswith("How to follow")
    address = phone.locator("#feed-address").inner_text()
    assert address.endswith(record + "feed.xml")
    assert ET.fromstring((site / record.strip("/") / "feed.xml").read_bytes()).tag == f"{A}feed"  # it is the Atom feed
    phone.get_by_role("button", name="Copy the address").tap()
    phone.wait_for_function("document.querySelector('[data-sg-copied]').textContent === 'Address copied'")
    assert phone.evaluate("navigator.clipboard.readText()") == address
    # the feed is still announced to feed readers, as Atom, beside the page
    assert phone.locator('link[rel="alternate feed"][type="application/atom+xml"][href="../feed.xml"]').count() == 1


@pytest.mark.parametrize("url", ["/themes/information-sharing/follow/", "/agencies/camhs/follow/", "/follow/"])
def test_nothing_on_a_follow_page_is_wider_than_a_phone(phone, served, url):
    phone.goto(served + url)
    assert phone.locator("[data-sg-copy]").is_visible()
    wide = phone.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && e.getClientRects().length)
        .map(e => e.tagName + '.' + e.className)""")
    assert wide == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_follow_page_is_of_use_on_its_own(site):
    text = page_text(site, "themes/information-sharing/follow/")
    for words in ("What a feed is", "A feed is a list of the newest items on a website", "Add it to a feed reader",
                  "Classic Outlook for Windows can read feeds", "Add a New RSS Feed", "This site cannot send emails"):
        assert words in text
    newest = text[text.index("The newest items"):]
    assert "Engagement with Fathers , 6 December 2022: 1 finding on this theme" in newest
    assert "Pre-School Children , December 2021: 7 findings on this theme" in newest
    camhs = page_text(site, "agencies/camhs/follow/")
    assert "Pre-School Children , December 2021: Took part" in camhs[camhs.index("The newest items"):]


def test_without_javascript_the_address_is_there_and_the_button_is_not(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "/themes/information-sharing/follow/")
    assert page.locator("#feed-address").is_visible() and not page.locator("[data-sg-copy]").is_visible()
    context.close()


def test_follow_pages_are_not_search_results(site):
    """Every follow page says the same: in the index it would answer "feed" or "Outlook" with a page per theme."""
    import json
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(
        [p for p in site.glob("*/*/index.html") if p.parts[-3] in ("briefings", "themes", "resources", "agencies", "needs", "glossary")])


def test_an_agency_feed_holds_the_briefings_it_took_part_in():
    """CAMHS audited its part in Pre-School Children, and no finding there names it: its feed was empty."""
    from conftest import FIXTURE_DATA
    cat = load(FIXTURE_DATA)
    feed = ET.fromstring(export.agency_feed(cat, "camhs", "https://x.org/", "S").encode())
    [entry] = feed.findall(f"{A}entry")
    assert entry.find(f"{A}title").text == "Pre-School Children"
    assert entry.find(f"{A}content").text == "CAMHS audited its involvement in this multi-agency audit."
    assert feed.find(f"{A}updated").text == "2021-12-01T00:00:00Z"


def test_an_empty_feed_is_dated_by_the_newest_data(tmp_path):
    briefing = "title: Fathers\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\nagencies: [gp]\n"
    cat = load(make_data(tmp_path, {"briefings/2023-05-fathers.yml": briefing}, seeds=False), today=dt.date(2025, 1, 1))
    feed = ET.fromstring(export.agency_feed(cat, "police", "https://x.org/", "S").encode())
    assert feed.findall(f"{A}entry") == []
    assert feed.find(f"{A}updated").text == "2023-05-02T00:00:00Z"
