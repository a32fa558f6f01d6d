"""Rendering records to HTML: structure, outline, relative links, and data text kept inert."""
import re
from html.parser import HTMLParser

import pytest

from conftest import make_data
from macros.data.catalogue import load
from macros.pages.records import pages as render_pages
from macros.pages.render import Outline, Renderer
from macros.pages.urls import page_url, slugify

FATHERS = "briefings/2022-12-engagement-with-fathers.md"
PRESCHOOL = "briefings/2021-12-pre-school-children.md"


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    return Renderer(load(make_data(tmp_path_factory.mktemp("render"))))


@pytest.fixture(scope="module")
def pages(renderer):
    return render_pages(renderer)


def text_of(html: str) -> str:
    from html import unescape
    html = re.sub(r'<a class="sg-term"[^>]*><abbr[^>]*>(.*?)</abbr></a>', r"\1", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_one_page_per_record(renderer, pages):
    cat = renderer.cat
    expected = {f"briefings/{b.id}.md" for b in cat.briefings} | {f"themes/{t}.md" for t in cat.themes} | \
        {f"resources/{r}.md" for r in cat.resources} | {f"agencies/{a}.md" for a in cat.agencies} | \
        {f"needs/{n}.md" for n in cat.needs} | {f"report/{r.year}.md" for r in cat.year_reports()}
    expected |= {f"glossary/{t}.md" for t in cat.glossary}
    follow = {"follow.md"} | {f"themes/{t}/follow.md" for t in cat.themes} | {f"agencies/{a}/follow.md" for a in cat.agencies}
    assert set(pages) == expected | follow
    reports = {f"report/{r.year}.md" for r in cat.year_reports()}
    assert {src for src, page in pages.items() if not page.searched} == follow | reports


def test_front_matter_has_the_title_and_turns_macros_off(pages):
    from macros.engine import front_matter
    head = front_matter(pages[FATHERS].meta)
    assert head.startswith("---\n") and head.endswith("\n---\n")
    assert 'title: "Engagement with Fathers"' in head
    assert "render_macros: false" in head and 'og_type: "article"' in head
    assert front_matter({"title": "</title><script>{{ 7*7 }}"}).splitlines()[1] == (
        'title: "\\u003c/title\\u003e\\u003cscript\\u003e\\u007b\\u007b 7*7 \\u007d\\u007d"')


def test_briefing_follows_the_source_structure_with_in_brief_first(pages):
    html = pages[FATHERS].html
    order = ['id="engagement-with-fathers"', 'id="in-brief"', 'id="summary"', 'id="about-this-audit"',
             'id="what-are-we-worried-about"', 'id="what-good-practice-did-we-see"', 'id="themes-for-learning"',
             'id="learning-1"', 'id="resources"',
             'id="using-this-briefing"']
    positions = [html.index(h) for h in order]
    assert positions == sorted(positions)
    assert '<a href="../../themes/cumulative-harm/">Seeing incidents in isolation (cumulative harm)</a>' in html
    assert "DASH risk checklist" not in html  # not cited by this briefing


# The In brief box of each fixture briefing, as its data file (tests/fixtures/data/briefings/) gives it: every
# open action in the audit's order, the themes for learning (the partnership's theme titles, each once), the first three worries.
IN_BRIEF = {
    FATHERS: [
        "What needs to happen",
        "Practitioners should make sure the voice of each child is heard and recorded, especially when there is a risk "
        "of another sibling having higher levels of need.",
        "Themes for learning",  # each the partnership's theme, once, in the audit's order
        "Seeing incidents in isolation (cumulative harm)", "Engagement with fathers and partners",
        "Safety planning and outcome-focused plans", "Voice of the child",
        "What worried the auditors",
        "No inclusion of father, or Mum's new partner by any practitioner in all but two cases",
        "Voice of child overshadowed by sibling with higher needs in two cases",
        "No evidence of any preventative work with abusive partner despite 10 year pattern",
        "All 6 worries",
    ],
    PRESCHOOL: [
        "What needs to happen",  # in the source's order: the DASH action, then the cross-border one
        "Practitioners from all agencies to use DASH to help identify risk of Domestic Abuse. Practitioners need to be "
        "aware of the whole picture – not see events in isolation",
        "When a child moves to a new local authority, practitioners should ensure key information is shared with new workers.",
        "Themes for learning",
        "Engagement with fathers and partners", "Information sharing and multi-agency working",
        "Seeing incidents in isolation (cumulative harm)", "Professional curiosity",
        "What worried the auditors",
        "Lack of use of DASH by partners and no evidence of updates to DASH completed",
        "Pre-birth plan could have been more robust, and then case closed too early, and resulted in further incidents "
        "and re-referral within weeks",
        "Lack of explicit sharing when a case was closed, and assumptions made about contact with other agencies, and "
        "step down happening too soon",
        "All 4 worries",
    ],
}


@pytest.mark.parametrize("src", IN_BRIEF)
def test_in_brief_holds_every_action_then_the_themes_then_the_first_worries(pages, src):
    html = pages[src].html
    box = html[html.index('<section class="sg-inbrief"'): html.index("</section>")]
    assert text_of(box) == "In brief ¶ " + " ".join(IN_BRIEF[src])


def test_a_theme_is_never_made_a_heading(pages):
    """Pre-School Children has three sections on information sharing without a heading of their own: each
    stays a section, tagged with the theme; the theme's name is no heading and no entry of the contents."""
    html = pages[PRESCHOOL].html
    assert html.count(">Information sharing and multi-agency working<a") == 0
    assert html.count('class="sg-tag">Information sharing and multi-agency working</a></p>') == 3
    toc_names = [t["name"] for t in pages[PRESCHOOL].toc[0]["children"]]
    learning = next(t for t in pages[PRESCHOOL].toc[0]["children"] if t["id"] == "themes-for-learning")
    assert [c["name"] for c in learning["children"]] == ["Engagement with Fathers", "Domestic Abuse seen in isolation"]
    assert "In brief" in toc_names


def test_no_duplicate_entries_in_any_table_of_contents(pages):
    def walk(tokens):
        for t in tokens:
            yield t
            yield from walk(t["children"])
    for src, page in pages.items():
        names = [(t["level"], t["name"]) for t in walk(page.toc)]
        assert len(names) == len(set(names)), (src, names)
        ids = [t["id"] for t in walk(page.toc)]
        assert all(f'id="{i}"' in page.html for i in ids)


def test_theme_tag_only_where_the_heading_differs(pages):
    html = pages[FATHERS].html
    # two learning sections have headings of their own, unlike their themes' names; two have none
    assert html.count('class="sg-tags"') == 4


def test_questions_are_labelled_as_the_partnerships_and_theme_questions_are_folded(renderer, pages):
    standing = ["What are your key thoughts on this briefing?",
                "How will we embed this learning in our practice, and how will we know it has made a difference?"]
    for b in renderer.cat.briefings:
        html = pages[f"briefings/{b.id}.md"].html
        using = html[html.index('id="using-this-briefing"'):]
        assert "Questions from this audit" not in html
        assert "Questions to discuss in your team" in using and "not the auditors' words" in using
        details = using[using.index("<details"):]
        assert "More questions on these themes" in details
        own = text_of(using[: using.index("<details")])
        for q in b.questions + standing:
            assert q in own
        for t in b.theme_ids():
            for q in renderer.cat.themes[t].questions:
                assert q in text_of(details)


def test_the_cohort_is_said_once(pages):
    html = text_of(pages[FATHERS].html)
    assert html.count("The eight children chosen for this audit were aged between 2 and 16") == 1
    # Pre-School Children's summary already says its cohort notes: About this audit gives the figures instead
    text = text_of(pages[PRESCHOOL].html)
    assert text.count("Five are boys and five are girls") == 1
    assert text.count("7 children have a child protection plan, and 3 have a child in need plan") == 1
    about = text[text.index("About this audit"):]
    assert about.startswith("About this audit ¶ Children: 10, aged 4 and under")


def test_resource_pages_link_or_say_whom_to_ask(tmp_path):
    data = make_data(tmp_path)
    r = Renderer(load(data), {"contact": {"name": "the business unit", "email": "unit@example.org"}})
    for resource in r.cat.resources.values():
        html = r.page_of(resource).html
        if resource.url:
            assert f'href="{resource.url}"' in html
        else:
            assert "ask your agency's safeguarding lead or the business unit" in html
            assert 'href="mailto:unit@example.org"' in html
        assert "nobody has checked" not in html and "Not reviewed yet" not in html


def test_cohort_ages_read_naturally(tmp_path):
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": """
        title: Ages
        type: rapid-review
        date: 2023-05-02
        summary: Text.
        cohort: {children: 10, age_range: [0, 4]}
    """}, seeds=False)
    r = Renderer(load(data))
    assert "<strong>Children:</strong> 10, aged 4 and under" in render_pages(r)["briefings/2023-05-x.md"].html


@pytest.mark.parametrize("src, url", [("index.md", ""), ("themes/index.md", "themes/"),
                                      ("briefings/2022-12-engagement-with-fathers.md", "briefings/2022-12-engagement-with-fathers/")])
def test_page_url_follows_the_url_contract(src, url):
    assert page_url(src) == url


def test_outline_ids_are_unique_and_nested():
    o = Outline()
    o.heading(1, "Title")
    o.heading(2, "A & B")
    o.heading(3, "Sub")
    o.heading(2, "A & B")
    o.heading(4, "Hidden", toc=False)
    assert [(t["id"], t["name"]) for t in o.toc[0]["children"]] == [("a-b", "A &amp; B"), ("a-b_1", "A &amp; B")]
    assert o.toc[0]["children"][0]["children"][0]["id"] == "sub"
    assert slugify("What are we worried about?") == "what-are-we-worried-about"


def test_duplicate_heading_ids_take_one_step_each():
    """8,000 identical headings once took 6.7 s (each tried every number before its own). Counted, not timed."""
    class Counted(set):
        looks = 0

        def __contains__(self, item):
            Counted.looks += 1
            return super().__contains__(item)

    o = Outline()
    o._ids = Counted()
    o.anchor("a_2")  # an id that a later duplicate's number would take: skipped, still unique
    ids = [o.anchor("a") for _ in range(8000)] + [o.anchor("a_1"), o.anchor("")]
    assert ids[:4] == ["a", "a_1", "a_3", "a_4"] and ids[-3:] == ["a_8000", "a_1_1", "section"]
    assert len(set(ids)) == len(ids) and Counted.looks <= 2 * 8003


def test_briefings_cards_show_the_first_sentence_and_the_number_of_actions(renderer):
    out = renderer.fragment("briefings", "briefings/index.md", briefings=renderer.cat.briefings, level=2)
    assert "The audit of 6th December 2022 reviewed the records of eight children" in out
    assert "The aim of the audit was to ascertain" not in out  # the second sentence
    assert "1 action" in out and "2 actions" in out
    assert "\n\n" not in out  # one raw HTML block for Markdown


def test_theme_pages_say_how_often_and_put_the_actions_first(pages):
    html = pages["themes/information-sharing.md"].html
    text = text_of(html)
    assert "In 2 of 2 audits , December 2021 to 6 December 2022; 8 findings." in text
    assert html.index('id="what-needs-to-happen"') < html.index('id="findings-by-briefing"')
    assert "When a child moves to a new local authority" in text_of(html[: html.index('id="findings-by-briefing"')])


def test_a_theme_pages_chart_comes_after_its_findings_and_out_of_search(pages):
    """On a phone the chart filled the first screen before the first finding; its figures matched searches."""
    for src, page in pages.items():
        if src.startswith("themes/") and 'class="sg-chart-section"' in page.html:
            html = page.html
            assert html.index('id="findings-by-briefing"') < html.index('class="sg-chart-section"'), src
            assert '<div class="sg-chart-section" data-pagefind-ignore="">' in html
            assert html.index('<div class="sg-chart-section"') < html.index("The chart in figures")


def test_need_pages_have_their_themes_and_briefings(pages):
    text = text_of(pages["needs/neglect.md"].html)
    assert "Themes where it appears" in text and "Briefings about children with this need" in text


def test_theme_and_agency_pages_show_recent_findings_in_full_and_list_the_rest(tmp_path):
    from macros.pages.render import RECENT_IN_FULL
    from macros.tools.synth import generate

    def theme_page(n):
        data = make_data(tmp_path / str(n), seeds=False)
        generate(n, data, seed=1)
        renderer = Renderer(load(data))
        pages = render_pages(renderer)
        entries = renderer.cat.theme_entries["voice-of-the-child"]
        renderer.env.globals["RECENT_IN_FULL"] = 3  # agencies have fewer findings: a small limit shows the cut
        agency = renderer.page_of(renderer.cat.agencies["police"]).html
        return pages["themes/voice-of-the-child.md"].html, agency, entries

    small, _, _ = theme_page(60)
    page, agency, entries = theme_page(120)
    assert len(entries) > RECENT_IN_FULL + 10
    full = page[: page.index('id="earlier-briefings"')]
    assert all(f"/{e.briefing.id}/" in full for e in entries[:RECENT_IN_FULL])
    assert not any(f"/{e.briefing.id}/" in full for e in entries[RECENT_IN_FULL:])
    assert all(f'id="{e.briefing.id}"' in page[len(full):] for e in entries[RECENT_IN_FULL:])
    # twice the briefings: the page grows by about a line each, not by their findings
    assert len(page) - len(small) < 300 * (len(entries) - RECENT_IN_FULL)
    assert "The 3 most recent of" in agency


def test_themes_matrix_stays_small_with_many_briefings(tmp_path):
    """Past MATRIX_BRIEFINGS, the most recent get columns and a themes-by-year table covers the rest."""
    from macros import MATRIX_BRIEFINGS
    from macros.tools.synth import generate
    data = make_data(tmp_path, seeds=False)
    generate(40, data, seed=3)
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


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def live_markup(html: str) -> list[str]:
    """Anything in a page that a browser could run or load: script-ish tags, on* attributes, unsafe URLs."""
    p = _Tags()
    p.feed(html)
    bad = []
    for tag, attrs in p.found:
        if tag in ("script", "iframe", "img", "object", "embed", "style", "link", "meta", "base", "math", "input", "use",
                   "foreignobject", "image"):
            bad.append(tag)
        if tag == "svg" and not {"sg-chart", "sg-qr"} & set((attrs.get("class") or "").split()):  # ours: macros.pages.chart, macros.pages.qr
            bad.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or name in ("src", "action", "formaction", "style", "srcdoc"):
                bad.append(f"{tag}[{name}]")
            if name == "href" and re.match(r"\s*[a-z][a-z0-9+.-]*:", value or "", re.I) \
                    and not re.match(r"(https?://|mailto:)", value, re.I):  # a scheme, and not the web's or mail's
                bad.append(f"{tag}[href={value}]")
    return bad


HOSTILE = [
    "See x](https://partnership.example [the toolkit](javascript:alert(document.cookie))",
    "- [r]: javascript:alert(1)\n\nRead [the guidance][r].",
    "<script>alert(1)</script> {{ 7*7 }} {% include 'x' %}",
    "<img src=x onerror=alert(1)> <b onclick=x>bold</b>",
    "[click]( java\tscript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) [v](vbscript:x)",
    "![pixel](https://tracker.example/p.png) text{: onclick=alert(1) }",
    "<https://ok.example/x> <javascript:alert(1)> [ok](https://ok.example/\"onmouseover=alert(1))",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_in_every_field_of_a_briefing_is_inert(tmp_path, payload):
    import json
    p = json.dumps(payload)
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": f"""
        title: {p}
        type: rapid-review
        date: 2023-05-02
        summary: {p}
        cohort: {{children: 3, notes: {p}}}
        worries: [{p}, {{text: {p}, details: [{p}]}}]
        good_practice: [{p}]
        learning:
          - theme: voice-of-the-child
            heading: {p}
            found: [{p}]
            actions: [{p}]
            points: [{p}]
        questions: [{p}]
    """})
    r = Renderer(load(data))
    for src, page in render_pages(r).items():
        assert live_markup(page.html) == [], src
    b = render_pages(r)["briefings/2023-05-x.md"]
    assert not re.search(r'(href|src)="(?!#)[^"]*script', b.html, re.I)  # in text, never in a link
    for name in ("briefings", "theme_matrix"):
        out = r.fragment(name, "index.md", briefings=r.cat.briefings, level=2, total=1, years=[])
        assert live_markup(out) == []


def test_a_hidden_second_link_is_shown_literally(tmp_path):
    payload = "See x](https://partnership.example [the toolkit](javascript:alert(document.cookie))"
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": f"""
        title: T
        type: rapid-review
        date: 2023-05-02
        summary: S
        worries: ["{payload}"]
    """}, seeds=False)
    html = render_pages(Renderer(load(data)))["briefings/2023-05-x.md"].html
    assert "See x](https://partnership.example [the toolkit](javascript:alert(document.cookie))" in html.replace("&#34;", '"')
    assert "<a href=\"javascript" not in html and 'href="https://partnership.example' not in html
