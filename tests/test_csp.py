"""Content-Security-Policy: computed per page from its inline scripts; in Chromium, nothing is blocked
that the site needs, and nothing runs that it does not."""
import re

import pytest
from playwright.sync_api import expect

from macros.pages.csp import NoHead, add_policy, inline_scripts, policy
from macros.pipeline import FinishError, finish


def test_hashes_every_runnable_inline_script_and_nothing_else():
    html = ('<html><head><script>var a = 1;</script><script src="x.js"></script>'
            '<script type="application/json">{"a": 1}</script><script type="module">b()</script></head></html>')
    assert inline_scripts(html) == ["var a = 1;", "b()"]
    p = policy(html)
    assert "'sha256-" in p and p.count("'sha256-") == 2
    assert "default-src 'self'" in p and "object-src 'none'" in p and "base-uri 'none'" in p
    script_src = re.search(r"script-src ([^;]*)", p).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src


def test_policy_is_the_first_thing_in_head():
    out = add_policy("<!doctype html><html><head><meta charset=utf-8><script>x()</script></head><body></body></html>")
    assert out.index('http-equiv="Content-Security-Policy"') < out.index("<meta charset")


@pytest.mark.parametrize("head", ['<head lang="en-GB">', "<HEAD>", "<head\n  data-x>"])
def test_a_head_with_attributes_or_in_capitals_gets_the_policy(head):
    out = add_policy(f"<!doctype html><html>{head}<script>x()</script></head><body><header>h</header></body></html>")
    assert out.startswith(f'<!doctype html><html>{head}\n<meta http-equiv="Content-Security-Policy" content="')
    assert out.count("Content-Security-Policy") == 1


@pytest.mark.parametrize("html", ["<!doctype html><title>t</title><script>x()</script><p>no head",
                                  "<html><body><header>a header is not a head</header></body></html>"])
def test_a_page_without_a_head_is_refused_not_left_without_a_policy(html):
    with pytest.raises(NoHead):
        add_policy(html)


def test_the_build_stops_at_a_page_without_a_head_naming_it(tmp_path):
    """pipeline.finish, over what the engine wrote: a page it cannot protect fails the build, with its path."""
    (tmp_path / "ok.html").write_text("<html><head></head><body></body></html>", encoding="utf-8")
    (tmp_path / "bare.html").write_text("<p>no head</p>", encoding="utf-8")
    with pytest.raises(FinishError, match=r"bare\.html: the page has no <head>"):
        finish(tmp_path, {})


def test_every_built_page_has_one_policy_before_any_script_or_style(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40 and site / "404.html" in pages and site / "admin" / "index.html" in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert html.count('http-equiv="Content-Security-Policy"') == 1, path
        at = html.index('<meta http-equiv="Content-Security-Policy"')
        head = re.search(r"<head\b[^>]*>", html)
        assert head and head.end() <= at < html.index("</head>"), path
        assert not re.search(r"<script|<style|<link", html[:at]), path


# Every Content-Security-Policy violation on the page, as the browser reports it, recorded and logged (so a test
# can wait for one without a predicate run in the page, which the policy would refuse as eval). Init scripts
# are not subject to the policy.
RECORD_VIOLATIONS = """window.sgViolations = [];
document.addEventListener("securitypolicyviolation", e => {
  sgViolations.push(e.effectiveDirective + " " + e.blockedURI);
  console.info("sg-violation " + e.effectiveDirective);
});"""


def test_search_filters_print_palette_and_quick_exit_run_with_no_violations(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") and "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{served}/briefings/")
    page.wait_for_selector("[data-sg-filters]:not([hidden])")       # filters.js ran
    page.select_option("#sg-filter-year", "2021")
    expect(page.locator("[data-sg-count]")).to_contain_text("1 briefing")  # (no string predicates: they need eval)
    page.fill(".sg-search__input", "fathers")                        # Pagefind: WebAssembly
    page.wait_for_selector(".sg-search__results a", timeout=15000)
    page.click("[data-md-component=palette] label:not([hidden])")    # the palette toggle (Material's bundle)
    assert page.evaluate("window.sgViolations") == []
    page.goto(f"{served}/briefings/2022-12-engagement-with-fathers/")
    assert page.is_visible("[data-sg-print]")                        # site.js ran
    assert page.evaluate("window.sgViolations") == [] and problems == []
    # A javascript: link, as data text might have made one: the policy stops it running, and says so.
    page.evaluate("""() => { window.ran = false; const a = document.createElement('a');
        a.href = 'javascript:window.ran = true'; a.id = 'evil'; a.textContent = 'x'; document.body.prepend(a); }""")
    with page.expect_console_message(lambda m: m.text.startswith("sg-violation")):  # the browser refused it ...
        page.click("#evil")
    assert page.evaluate("window.sgViolations") == ["script-src-elem inline"]
    assert page.evaluate("window.ran") is False                     # ... and did not run it
    context.close()


def test_the_scripts_found_are_those_an_html_parser_finds(site):
    """inline_scripts() reads scripts by the tokenizer's rule, for speed: Python's HTML parser agrees on every page."""
    from html.parser import HTMLParser

    class Scripts(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=False)
            self.found, self._in = [], None

        def handle_starttag(self, tag, attrs):
            if tag == "script":
                attrs = dict(attrs)
                runnable = "src" not in attrs and (attrs.get("type") or "").strip().lower() in (
                    "", "module", "text/javascript", "application/javascript")
                self._in = [] if runnable else None

        def handle_data(self, data):
            if self._in is not None:
                self._in.append(data)

        def handle_endtag(self, tag):
            if tag == "script" and self._in is not None:
                self.found.append("".join(self._in))
                self._in = None

    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        parser = Scripts()
        parser.feed(html)
        assert inline_scripts(html, content=True) == parser.found, path


def test_a_script_in_a_pages_content_is_never_allowed():
    """The theme's scripts are hashed; one written into a page's content (a docs/ page's Markdown, say) is not,
    so the browser refuses it whatever it says."""
    import base64
    import hashlib
    theme, written = "window.theme = 1;", "window.ran = true;"
    html = (f"<html><head><script>{theme}</script></head><body><article class=\"md-content__inner\">"
            f"<p>Hello</p><script>{written}</script></article><script>{theme}</script></body></html>")

    def digest(script):
        return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
    assert inline_scripts(html) == [theme, theme] and inline_scripts(html, content=True) == [theme, written, theme]
    assert digest(theme) in policy(html) and digest(written) not in policy(html)
