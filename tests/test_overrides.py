"""overrides/: what the site changes in Material's templates, seen in Chromium."""

# Every address the page's scripts ask for, recorded as they ask (Material fetches with XMLHttpRequest).
RECORD_REQUESTS = """window.sgRequested = [];
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url, ...rest) { sgRequested.push(String(url)); return open.call(this, method, url, ...rest); };
const fetch_ = window.fetch;
window.fetch = (input, init) => { sgRequested.push(String(input.url || input)); return fetch_(input, init); };"""


def test_a_page_does_not_fetch_the_sitemap(browser, served):
    """Material fetches sitemap.xml for every <link rel=alternate> (it takes them for language versions):
    with thousands of briefings that is most of a megabyte on a phone. The feed's link must not trigger it."""
    context = browser.new_context()
    context.add_init_script(RECORD_REQUESTS)
    page = context.new_page()
    page.goto(served + "/briefings/2022-12-engagement-with-fathers/")
    # Material reads the page's links when its document$ emits; it replays its last value, so once this
    # resolves Material has handled this page, and any fetch it started is recorded.
    page.evaluate("new Promise(done => document$.subscribe(() => done()))")
    assert page.locator('link[type="application/atom+xml"]').count() == 1  # the feed is still discoverable
    assert not [url for url in page.evaluate("sgRequested") if "sitemap" in url], page.evaluate("sgRequested")
    context.close()
