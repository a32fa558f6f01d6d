"""Content-Security-Policy: computed per page from its inline scripts; in Chromium, nothing is blocked
that the site needs, and nothing runs that it does not."""
from playwright.sync_api import expect
import re

from macros.csp import add_policy, inline_scripts, policy


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


def test_every_built_page_has_one_policy(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "<head>" not in html:
            continue
        assert html.count('http-equiv="Content-Security-Policy"') == 1, path


def test_search_filters_print_palette_and_quick_exit_run_with_no_violations(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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
    page.goto(f"{served}/briefings/2022-12-engagement-with-fathers/")
    assert page.is_visible("[data-sg-print]")                        # site.js ran
    assert problems == []
    # A javascript: link, as data text might have made one: the policy stops it running.
    page.evaluate("""() => { window.ran = false; const a = document.createElement('a');
        a.href = 'javascript:window.ran = true'; a.id = 'evil'; a.textContent = 'x'; document.body.prepend(a); }""")
    page.click("#evil")
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran") is False
    assert any("Content Security Policy" in p for p in problems)
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
        assert inline_scripts(html) == parser.found, path
