"""The optional "Exit this page" control: off by default; when on, a button and Shift x3 leave without a way Back."""
import re
import pytest

from conftest import ROOT, copy_project, build_site, serving, site_urls

NEUTRAL = "https://www.bbc.co.uk/weather"
BRIEFING = "/briefings/2022-12-engagement-with-fathers/"


def test_quick_exit_is_off_by_default(site):
    assert re.search(r"quick_exit:[^\n]*\n\s+enabled: (\w+)", (ROOT / "mkdocs.yml").read_text())[1] == "false"
    assert "data-sg-exit" not in (site / BRIEFING.strip("/") / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def exit_site(tmp_path_factory):
    """The real site built with quick exit switched on, served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("exit")
    project = copy_project(tmp / "project")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(quick_exit:[^\n]*\n\s+enabled:) false", r"\1 true", config.read_text()))
    result = build_site(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    with serving(tmp / "site") as url:
        yield tmp / "site", url


@pytest.fixture
def tab(browser, exit_site):
    context = browser.new_context()
    page = context.new_page()
    page.route(NEUTRAL, lambda route: route.fulfill(body="<title>Weather</title>Weather", content_type="text/html"))
    yield page
    context.close()


def test_every_page_has_the_exit_button_when_switched_on(exit_site):
    site, _ = exit_site
    for url in site_urls(site):
        html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        assert f'href="{NEUTRAL}" data-sg-exit' in html, url


def test_the_button_leaves_and_back_does_not_return(tab, exit_site):
    _, base = exit_site
    tab.goto(base + "/")
    tab.goto(base + BRIEFING)
    tab.get_by_role("link", name="Exit this page").click()
    tab.wait_for_url(NEUTRAL)
    tab.go_back()
    assert tab.url.rstrip("/") == base  # the briefing was replaced in history


# What the page did, in order: each Shift released, and each navigation it started (the Navigation API's
# navigate event fires as location.replace is called, before anything is fetched).
RECORD = """window.sgSeen = [];
document.addEventListener("keyup", e => sgSeen.push("keyup " + e.key), true);
navigation.addEventListener("navigate", e => sgSeen.push("navigate " + e.destination.url));"""


def test_shift_three_times_leaves_and_twice_does_not(tab, exit_site):
    _, base = exit_site
    tab.add_init_script(RECORD)
    tab.goto(base + BRIEFING)
    assert tab.evaluate("typeof navigation.addEventListener") == "function"  # the browser reports navigations
    tab.keyboard.press("Shift")
    tab.keyboard.press("Shift")
    # A key press returns once the page has handled it (site.js's listener runs in the same dispatch as the
    # recorder's): both key-ups are in, and no navigation began.
    assert tab.evaluate("sgSeen") == ["keyup Shift", "keyup Shift"]  # twice is not enough
    tab.keyboard.press("Shift")
    tab.wait_for_url(NEUTRAL)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_exit_button_passes_axe(tab, exit_site, scheme):
    from test_accessibility import axe
    _, base = exit_site
    tab.emulate_media(color_scheme=scheme)
    tab.goto(base + BRIEFING)
    assert tab.get_by_role("link", name="Exit this page").is_visible()
    assert axe(tab) == []
