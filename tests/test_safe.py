"""macros.pages.safe: rich text through markdown-it-py in safe mode, plain text, and the sanitiser."""
import time

import pytest

from macros.pages.safe import first_sentence, plain_text, rich, safe_link, sanitise


@pytest.mark.parametrize("payload", [
    "[click](javascript:alert(1))", "[click]( java\tscript:alert(1))", "[c](JAVASCRIPT:alert(1))",
    "[d](data:text/html;base64,PHNjcmlwdD4=)", "[v](vbscript:x)", "[f](file:///etc/passwd)",
    "<javascript:alert(1)>", "- [r]: javascript:alert(1)\n\nRead [the guidance][r].",
    "[r]: javascript:alert(1)\n\n[x][r]", "[rel](../../admin/)", "[rel](/etc)",
])
def test_links_only_to_web_and_mail_addresses(payload):
    assert "href" not in rich(payload)


def test_safe_links_emphasis_lists_and_paragraphs_survive():
    out = rich("See [the toolkit](https://example.org/x) *now* and **today**.\n\n- one\n- two\n\nMail <mailto:a@example.org>")
    assert '<a href="https://example.org/x">the toolkit</a>' in out
    assert "<em>now</em>" in out and "<strong>today</strong>" in out
    assert "<ul>\n<li>one</li>" in out and out.count("<p>") == 2
    assert 'href="mailto:a@example.org"' in out


@pytest.mark.parametrize("payload, shown", [
    ("<script>alert(1)</script>", "&lt;script&gt;"),
    ("<img src=x onerror=alert(1)>", "&lt;img"),
    ("# Not a heading", "# Not a heading"),
    ("    indented, not code", "indented, not code"),
    ("![pixel](https://tracker.example/p.png)", "pixel"),
    ("text{: onclick=alert(1) }", "{: onclick=alert(1) }"),
])
def test_raw_html_images_headings_and_code_blocks_are_text(payload, shown):
    out = rich(payload)
    assert shown in out
    for tag in ("<script", "<img", "<h1", "<pre", "<code"):
        assert tag not in out


def test_a_reference_definition_reaches_no_other_field():
    rich("[r]: https://example.org/")
    assert "href" not in rich("Read [the guidance][r].")


def test_plain_text_keeps_words_and_drops_marks():
    assert plain_text("**Bold** and *lean* [a link](https://example.org)\nnext") == "Bold and lean a link next"
    assert plain_text("one two three four", limit=10) == "one two…"
    assert first_sentence("The audit of 6th December 2022 looked. The aim was x.") == "The audit of 6th December 2022 looked."
    assert first_sentence("No full stop at all") == "No full stop at all"


def test_sanitiser_keeps_only_the_allowlist():
    out = sanitise('<p onclick="x" style="color:red" class="k">a</p><script>b</script><a href="javascript:x">c</a>'
                   '<a href="../x/">d</a><a href="#y">e</a><iframe src="//e"></iframe><div data-pagefind-filter="t">f</div>')
    assert out == '<p class="k">a</p><a>c</a><a href="../x/">d</a><a href="#y">e</a><div data-pagefind-filter="t">f</div>'


def test_safe_link():
    assert safe_link("https://example.org") and safe_link(" MAILTO:x@example.org")
    assert not safe_link("java\nscript:alert(1)") and not safe_link("//example.org") and not safe_link("x.html")


@pytest.mark.parametrize("unit", ["*a ", "[a ", "_a_ ", "`a ", "<a ", "![a](", "**a", "> - "])
def test_linear_time_on_adversarial_text(unit):
    """200 KB of a pattern that makes naive parsers backtrack (quadratic: hours): about a second of
    CPU time here (markdown-it-py is linear, about 8 microseconds a character). A generous bound."""
    text = unit * (200_000 // len(unit))
    start = time.process_time()
    rich(text)
    plain_text(text)
    assert time.process_time() - start < 30
