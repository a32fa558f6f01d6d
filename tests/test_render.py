"""Rendering records to Markdown: structure, relative links, and data text kept inert."""
import pytest

from conftest import ROOT, make_data
from macros.catalogue import load
from macros.render import Renderer, block, inline


@pytest.fixture(scope="module")
def pages():
    return Renderer(load(ROOT / "data")).pages()


def test_one_page_per_record(pages):
    cat = load(ROOT / "data")
    expected = {f"briefings/{b.id}.md" for b in cat.briefings} | {f"themes/{t}.md" for t in cat.themes} | \
        {f"resources/{r}.md" for r in cat.resources} | {f"agencies/{a}.md" for a in cat.agencies} | \
        {f"needs/{n}.md" for n in cat.needs}
    assert set(pages) == expected


def test_record_pages_are_not_rendered_by_macros(pages):
    for markdown in pages.values():
        assert markdown.startswith("---\nrender_macros: false\n")
        assert "\n---\n" in markdown  # the front matter ends


def test_briefing_follows_the_source_structure(pages):
    md = pages["briefings/2022-12-engagement-with-fathers.md"]
    order = ["# Engagement with Fathers", "## About this audit", "## What are we worried about?",
             "## What good practice did we see?", "## Themes for learning",
             "### Incidents of Domestic Abuse and of Neglect being seen in isolation",
             "#### What we found", "#### What needs to happen", "## Resources", "## Using this briefing"]
    positions = [md.index(h) for h in order]
    assert positions == sorted(positions)
    assert "[Seeing incidents in isolation (cumulative harm)](../themes/cumulative-harm.md)" in md
    assert "[DASH risk checklist]" not in md  # not cited by this briefing
    assert "[Resolution of Professional Differences Policy](../resources/professional-differences-policy.md)" in md


def test_links_are_relative_md_paths(pages):
    md = pages["themes/cumulative-harm.md"]
    assert "](../briefings/2021-12-pre-school-children.md)" in md
    assert "](../resources/dash.md)" in md


def test_resource_without_url_says_so(pages):
    assert "No web link yet" in pages["resources/neglect-toolkit.md"]
    assert "(https://drivepartnership.org.uk/about-us/the-drive-project/)" in pages["resources/drive-programme.md"]


@pytest.mark.parametrize("payload, absent", [
    ("<script>alert(1)</script>", "<script"),
    ("<img src=x onerror=alert(1)>", "<img"),
    ("{{ config.site_name }} {% if 1 %}x{% endif %}", "{{"),
    ("[click](javascript:alert(1))", "](javascript"),
    ("[click]( java\tscript:alert(1))", "]( java"),
    ("[click](data:text/html;base64,PHNjcmlwdD4=)", "](data:"),
    ("![pixel](https://tracker.example/p.png)", "!["),
    ("text{: onclick=alert(1) }", "{:"),
    ("[x]: javascript:alert(1)", "\n[x]:"),
    ("`code`", "`"),
])
def test_hostile_text_is_inert(payload, absent):
    for out in (inline(payload), block(payload)):
        assert absent not in "\n" + out


def test_safe_links_and_emphasis_survive():
    assert inline("see [the toolkit](https://example.org/x) *now*") == "see [the toolkit](https://example.org/x) *now*"
    assert inline("A&E") == "A&amp;E"


def test_block_keeps_paragraphs_but_not_headings():
    out = block("# Not a heading\n\nSecond paragraph\n\n- a list")
    assert out.startswith("\\# Not a heading") and "\n\nSecond paragraph\n\n- a list" in out


def test_inline_cannot_start_a_block():
    assert inline("# heading") == "\\# heading"
    assert inline("1. one") == "1\\. one"


def test_hostile_title_in_every_page_kind(tmp_path):
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": """
        title: "<script>alert(1)</script> {{ 7*7 }}"
        type: rapid-review
        date: 2023-05-02
        summary: "[x](javascript:alert(1)) <b onclick=x>"
        worries: ["<iframe src=//evil>"]
        questions: ["{% include 'x' %}"]
    """})
    pages = Renderer(load(data)).pages()
    md = pages["briefings/2023-05-x.md"]
    for bad in ("<script", "{{ 7", "](javascript", "<b ", "<iframe", "{% include"):
        assert bad not in md


def test_cohort_ages_read_naturally(pages):
    assert "- **Children:** 10, aged 4 and under" in pages["briefings/2021-12-pre-school-children.md"]
    assert "- **Children:** 8, aged 2 to 16" in pages["briefings/2022-12-engagement-with-fathers.md"]


@pytest.mark.parametrize("src, url", [("index.md", ""), ("themes/index.md", "themes/"),
                                      ("briefings/2022-12-engagement-with-fathers.md", "briefings/2022-12-engagement-with-fathers/")])
def test_page_url_follows_the_url_contract(src, url):
    from macros.render import page_url
    assert page_url(src) == url


def test_using_this_briefing_has_its_own_its_themes_and_the_standing_questions(pages):
    from macros.render import STANDING_QUESTIONS
    cat = load(ROOT / "data")
    for b in cat.briefings:
        md = pages[f"briefings/{b.id}.md"]
        using = md[md.index("## Using this briefing"):]
        assert "### Questions from this audit" in using and "### Questions on its themes" in using
        for q in b.questions + [q for t in b.theme_ids() for q in cat.themes[t].questions] + STANDING_QUESTIONS:
            assert inline(q) in using, q
        assert "What are your key thoughts" in STANDING_QUESTIONS[0] and "how will we know" in STANDING_QUESTIONS[1]
        assert 'data-sg-print' in md  # the "Print this briefing" control


def test_theme_and_agency_pages_show_recent_findings_in_full_and_list_the_rest(tmp_path):
    from macros.render import RECENT_IN_FULL
    from macros.synth import generate

    def theme_page(n):
        data = make_data(tmp_path / str(n), seeds=False)
        generate(n, data / "briefings", seed=1)
        renderer = Renderer(load(data))
        pages = renderer.pages()
        entries = renderer.cat.theme_entries["voice-of-the-child"]
        renderer.env.globals["RECENT_IN_FULL"] = 3  # agencies have fewer findings: a small limit shows the cut
        agency = renderer.render("agency.md.j2", "agencies/police.md", agency=renderer.cat.agencies["police"])
        return pages["themes/voice-of-the-child.md"], agency, entries

    small, _, _ = theme_page(60)
    page, agency, entries = theme_page(120)
    assert len(entries) > RECENT_IN_FULL + 10
    full = page[: page.index("## Earlier briefings")]
    assert all(f"{e.briefing.id}.md" in full for e in entries[:RECENT_IN_FULL])
    assert not any(f"{e.briefing.id}.md" in full for e in entries[RECENT_IN_FULL:])
    assert all(f"{e.briefing.id}.md" in page[len(full):] for e in entries[RECENT_IN_FULL:])
    # twice the briefings: the page grows by about a line each, not by their findings
    assert len(page) - len(small) < 200 * (len(entries) - RECENT_IN_FULL)
    assert "The 3 most recent of" in agency


def test_themes_matrix_stays_small_with_many_briefings(tmp_path):
    """Past MATRIX_BRIEFINGS, the most recent get columns and a themes-by-year table covers the rest."""
    from macros import MATRIX_BRIEFINGS
    from macros.synth import generate
    data = make_data(tmp_path, seeds=False)
    generate(40, data / "briefings", seed=3)
    r = Renderer(load(data))
    briefings = r.cat.briefings
    out = r.fragment("theme_matrix", "themes/index.md", briefings=list(reversed(briefings[:MATRIX_BRIEFINGS])),
                     total=len(briefings), years=sorted({b.year for b in briefings}))
    first_table = out[: out.index("</table>")]
    assert first_table.count('<th scope="col">') == MATRIX_BRIEFINGS + 2
    assert f"the {MATRIX_BRIEFINGS} most recent of 40" in first_table
    years_table = out[out.index("sg-years-caption"):]
    assert all(f"<th scope=\"col\">{y}</th>" in years_table for y in {b.year for b in briefings})
    assert " briefing" in years_table


def test_text_for_raw_html_is_escaped_plain_text():
    from macros.render import text
    assert text("Fathers & <b>partners</b> {{ x }}") == "Fathers &amp; &lt;b&gt;partners&lt;/b&gt; &#123;&#123; x &#125;&#125;"
    assert text("**Bold** and *lean* [a link](https://example.org)") == "Bold and lean a link"  # no Markdown marks left
    assert text('say "hi"') == "say &#34;hi&#34;"  # safe inside an attribute too
