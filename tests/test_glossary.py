"""The glossary: a registry of terms with its own pages and /glossary/, each term's first use on a record page
marked up and linked to its entry (a tap on a phone opens it; on paper the expansion follows the term), and a
`make check` warning for an abbreviation in a briefing that the glossary does not define."""
import re

import pytest
import yaml
from hypothesis import given, strategies as st

from conftest import FIXTURE_DATA, make_data, page_text
from macros.tools import check
from macros.data import glossary
from macros.data.catalogue import load
from macros.data.model import Term

PHONE = {"width": 390, "height": 844}
FATHERS = "briefings/2022-12-engagement-with-fathers/index.html"
PRESCHOOL = "briefings/2021-12-pre-school-children/index.html"


def fixture_terms() -> list[dict]:
    return yaml.safe_load((FIXTURE_DATA / "glossary.yml").read_text(encoding="utf-8"))


def test_the_first_use_of_a_term_is_marked_up_and_linked_and_later_ones_are_not(site):
    html = (site / FATHERS).read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    first = '<a class="sg-term" href="../../glossary/cp/"><abbr title="Child protection">CP</abbr></a>'
    assert article.count(first) == 1 and article.count("glossary/cp/") == 1
    text = page_text(site, FATHERS)
    assert text.count("CP") >= 2  # "stepped up to CP earlier", then "CP Conferences", plain
    assert article.index(first) < article.index("CP Conferences")
    # never inside a heading or another link, never in the hidden search facets
    for tag in re.findall(r"<(h[1-6]|a)\b[^>]*>(?:(?!</\1>).)*sg-term", article, re.S):
        pytest.fail(f"a term marked inside <{tag}>")


def test_a_term_is_explained_by_a_tap_on_a_phone(browser, served):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{served}/{PRESCHOOL.removesuffix('index.html')}")
    term = page.locator("a.sg-term", has_text="DASH").first
    assert term.locator("abbr").get_attribute("title").startswith("Domestic Abuse, Stalking")
    term.tap()
    page.wait_for_url(f"{served}/glossary/dash/")
    assert page.locator("h1").inner_text().startswith("DASH")
    assert "Domestic Abuse, Stalking and Harassment and Honour Based Violence" in page.locator("article").inner_text()
    context.close()


def test_on_paper_the_expansion_follows_the_term(page, served):
    page.goto(f"{served}/{PRESCHOOL.removesuffix('index.html')}")
    page.emulate_media(media="print")
    after = page.locator("a.sg-term abbr").first.evaluate("e => getComputedStyle(e, '::after').content")
    assert after.startswith('" (Domestic Abuse, Stalking')


def test_the_glossary_lists_every_term_a_to_z_and_each_has_its_page(site):
    terms = fixture_terms()
    text = page_text(site, "glossary/")
    shown = [t["term"] for t in sorted(terms, key=lambda t: t["term"])]
    assert [text.index(f"{t} ") for t in shown] == sorted(text.index(f"{t} ") for t in shown)
    for t in terms:
        assert f"{t['term']} {' '.join(t['expansion'].split())}." in text
        entry = page_text(site, f"glossary/{t['id']}/")
        assert entry.startswith(t["term"]) and " ".join(t["meaning"].split()) in entry
        html = (site / "glossary" / t["id"] / "index.html").read_text(encoding="utf-8")
        assert f'href="{t["source"]}"' in html
    nav = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="glossary/"' in nav


BRIEFING = """
title: Jargon
type: rapid-review
date: 2023-05-02
summary: |
  The audit looked at DASH and at
  the XYZ panel, twice: XYZ.
worries:
  - Referral to the QRST team was late
  - GPs were not told
"""


def test_make_check_warns_about_an_abbreviation_the_glossary_does_not_define(tmp_path, capsys):
    data = make_data(tmp_path, {"briefings/2023-05-jargon.yml": BRIEFING}, seeds=False)
    name = "data/briefings/2023-05-jargon.yml"
    warned = [str(w) for w in load(data).warnings if "glossary" in w.message]
    assert warned == [
        f"{name}:6: warning: 'XYZ' is not in the glossary: a reader from another area may not know it. Add it to "
        "data/glossary.yml (term, expansion, meaning and the source that confirms it), or spell it out",
        f"{name}:8: warning: 'QRST' is not in the glossary: a reader from another area may not know it. Add it to "
        "data/glossary.yml (term, expansion, meaning and the source that confirms it), or spell it out"]
    assert check.main([str(data)]) == 0  # a warning, never a refusal
    assert "'XYZ' is not in the glossary" in capsys.readouterr().err


def test_marking_skips_links_headings_and_hidden_text_and_escapes_what_it_adds():
    terms = [Term("ae", "A&E", 'Accident "and" Emergency', "M", "https://example.org/"), Term("gp", "GP", "General practitioner", "M", "https://x/")]
    page = ('<h2>GP</h2><div hidden><span>GP</span></div><p><a href="x">GP</a> then GPs, a GP and A&amp;E.</p>'
            '<p>A&amp;E again.</p>')
    out = glossary.mark(page, glossary.by_spelling(terms), glossary.pattern(terms), lambda t: f"../{t.id}/")
    assert out == ('<h2>GP</h2><div hidden><span>GP</span></div><p><a href="x">GP</a> then '
                   '<a class="sg-term" href="../gp/"><abbr title="General practitioner">GPs</abbr></a>, a GP and '
                   '<a class="sg-term" href="../ae/"><abbr title="Accident &#34;and&#34; Emergency">A&amp;E</abbr></a>.</p>'
                   '<p>A&amp;E again.</p>')


def test_a_term_is_marked_only_as_a_whole_word_and_a_word_it_ends_does_not_hide_the_next():
    terms = [Term("cp", "CP", "Child protection", "M", "https://x/"), Term("cin", "Child in Need", "Child in Need", "M", "https://x/"),
             Term("need", "Need", "A need", "M", "https://x/"), Term("ae", "A&E", "Accident and Emergency", "M", "https://x/")]
    mark = lambda page: glossary.mark(page, glossary.by_spelling(terms), glossary.pattern(terms), lambda t: f"../{t.id}/")
    # inside a word (EHCP), after a hyphen, an apostrophe or an entity: not the term
    for page in ("<p>the EHCP was late</p>", "<p>non-CP work</p>", "<p>o'CP</p>", "<p>&amp;CP</p>", "<p>CPR</p>"):
        assert mark(page) == page
    # a longer spelling that does not start a word leaves the words after it to be matched
    assert mark("<p>XChild in Need</p>") == ('<p>XChild in <a class="sg-term" href="../need/"><abbr title="A need">Need</abbr>'
                                            '</a></p>')
    assert mark("<p>(CP) and CP's plan</p>") == '<p>(<a class="sg-term" href="../cp/"><abbr title="Child protection">CP</abbr></a>) and CP\'s plan</p>'
    assert mark("<p>at A&amp;E,</p>").count('href="../ae/"') == 1


@given(st.lists(st.sampled_from(["A", "B", "Z", "a", "&", "'", "’", "-", "s", " ", "1", "É", "GPs", "A&E", "CP's"]),
                max_size=20).map("".join))
def test_every_text_holding_an_abbreviation_is_one_the_quick_pattern_finds(text):
    """The abbreviation check reads only the texts MAY_ABBREVIATE finds something in."""
    from macros.data.passages import ABBREVIATION, MAY_ABBREVIATE
    assert not ABBREVIATION.search(text) or MAY_ABBREVIATE.search(text)
