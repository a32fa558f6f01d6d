"""The fixture site, built once: every finding of the source audits on its page, links both ways, search, no other hosts."""
import gzip
import json
import re
from html import unescape

import pytest

from conftest import FIXTURE_DATA, broken_links, copy_project, build_site, page_text, write
from macros.data.catalogue import load
from macros.data.sources import expected, unmatched

BRIEFINGS = {b.id: b for b in load(FIXTURE_DATA).briefings}


@pytest.mark.parametrize("briefing", sorted(BRIEFINGS))
def test_every_finding_of_the_source_audit_is_on_its_briefing_page(site, briefing):
    """The seed audits' own text (tests/fixtures/data/sources/), by the check `make check` runs on the data, here on the page."""
    source = (FIXTURE_DATA / "sources" / BRIEFINGS[briefing].source_document).read_text(encoding="utf-8")
    title = BRIEFINGS[briefing].title
    assert len(expected(source, title)) > 25
    assert unmatched(source, title, [page_text(site, f"briefings/{briefing}/")]) == []


def hrefs(site, url) -> set[str]:
    """Site-relative targets of the links in a page's article."""
    import posixpath
    html = (site / url / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"): html.index("</article>")]
    out = set()
    for h in re.findall(r'href="([^"#]+)', article):
        if not h.startswith(("http:", "https:", "mailto:")):
            out.add(posixpath.normpath(posixpath.join(url, h)).strip("/") + "/")
    return out


@pytest.mark.parametrize("briefing", [f"briefings/{b}/" for b in sorted(BRIEFINGS)])
def test_cross_links_go_both_ways(site, briefing):
    targets = {h for h in hrefs(site, briefing) if h.split("/")[0] in ("themes", "resources", "agencies", "needs")}
    kinds = {t.split("/")[0] for t in targets}
    assert kinds == {"themes", "resources", "agencies", "needs"}
    for target in targets:
        assert briefing in hrefs(site, target), f"{target} does not link back to {briefing}"


def test_resource_page_shows_what_cites_it(site):
    text = page_text(site, "resources/neglect-toolkit/")  # a resource the partnership alone has
    assert "Pre-School Children" in text and "Seeing incidents in isolation (cumulative harm)" in text
    assert "There is no public web address for this toolkit. For a copy, ask your agency's safeguarding lead" in text


def test_theme_page_says_how_often_it_recurs(site):
    text = page_text(site, "themes/engagement-with-fathers/")
    assert "In 2 of 2 audits , December 2021 to 6 December 2022;" in text
    assert text.index("Engagement with Fathers") < text.index("Pre-School Children")  # newest first


def test_agency_page_lists_good_practice_attributed_to_it(site):
    text = page_text(site, "agencies/police/")
    assert "Responsive practice by police" in text and "Police reporting in a timely way" in text


def test_briefings_index_lists_newest_first_with_details(site):
    text = page_text(site, "briefings/")
    assert text.index("Engagement with Fathers") < text.index("Pre-School Children")
    assert "6 December 2022" in text and "Multi-agency audit" in text and "Themes:" in text
    assert "The audit of 6th December 2022 reviewed the records of eight children" in text  # the summary's first sentence


def test_link_text_never_says_here(site):
    for html in site.rglob("*.html"):
        for text in re.findall(r"<a [^>]*>(.*?)</a>", html.read_text(encoding="utf-8"), flags=re.S):
            plain = unescape(re.sub(r"<[^>]+>", "", text)).strip().lower()
            assert plain not in {"here", "click here", "read more", "this page"}, html


def test_every_link_within_the_site_reaches_a_page_and_its_anchor(site):
    count, broken = broken_links(site)
    assert count > 1000 and not broken, broken[:20]


def test_record_pages_stay_out_of_the_navigation(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    outside_article = html[: html.index("<article")] + html[html.index("</article>"):]
    assert "2022-12-engagement-with-fathers" not in outside_article
    assert "themes/cumulative-harm" not in outside_article


def test_nothing_loads_from_another_host(site):
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r'<(script|img|iframe|source)[^>]+src="(https?:)?//', text), html
        assert not re.search(r'<link[^>]+rel="(stylesheet|preconnect|preload|icon)"[^>]+href="(https?:)?//', text), html
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def search_pages(site) -> list[dict]:
    """Pagefind's record of every indexed page (its fragments: gzipped JSON after a signature)."""
    pages = []
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        pages.append(json.loads(raw[raw.index(b"{"):]))
    return pages


def search_hits(site, word: str) -> set[str]:
    return {p["url"].lstrip("/") for p in search_pages(site) if re.search(rf"\b{word}", p["meta"]["title"] + " " + p["content"], re.I)}


def test_search_index_finds_fathers_in_both_briefings_and_dash(site):
    assert {f"briefings/{b}/" for b in BRIEFINGS} <= search_hits(site, "fathers")
    dash = search_hits(site, "DASH")
    assert "briefings/2021-12-pre-school-children/" in dash and "resources/dash/" in dash


def test_search_indexes_the_records_content_not_chrome_nor_shared_text(site):
    pages = {p["url"]: p for p in search_pages(site)}
    from macros.data.kinds import KINDS
    records = {"/" + p.parent.relative_to(site).as_posix() + "/" for kind in (k.folder for k in KINDS if k.searched)
               for p in (site / kind).glob("*/index.html")}
    # every record page of a kind that is searched (not the yearly reports: figures about other pages); no index
    # page listing them all, no "How to follow" page, no 404, no home
    assert set(pages) == records and not any("/report/" in url or "follow" in url for url in pages)
    fathers = pages["/briefings/2022-12-engagement-with-fathers/"]
    assert fathers["meta"]["title"] == "Engagement with Fathers"
    assert "Switch to dark mode" not in fathers["content"] and "¶" not in fathers["content"]
    assert "No inclusion of father" in fathers["content"]  # a finding
    assert "Who are the fathers and partners in the families you work with" in fathers["content"]  # its own questions are searchable
    for shared in ("How will we embed this learning", "Read this briefing together", "Resource: Drive Programme",
                   "Print this briefing"):
        assert shared not in fathers["content"]  # on every briefing, or a link label: not what finds this one
    assert fathers["meta"]["about"] == "Multi-agency audit · 6 December 2022"
    assert fathers["filters"]["type"] == ["Multi-agency audit"]
    assert "Engagement with fathers and partners" in fathers["filters"]["theme"]
    assert "Police" in fathers["filters"]["agency"]
    assert not (site / "search" / "search_index.json").exists()  # Material's one big index is gone


NEW = """
title: Neglect in Adolescence
type: thematic-review
date: 2024-03-14
summary: A thematic review of neglect of teenagers.
needs: [neglect, adhd]
agencies: [camhs, education]
worries:
  - text: Zebra-striped worry that appears nowhere else
    themes: [voice-of-the-child]
learning:
  - theme: professional-curiosity
    found: [Practitioners did not ask about new adults in the home]
    resources: [neglect-toolkit]
"""


def test_a_new_briefing_file_appears_everywhere_with_no_code_change(tmp_path):
    project = copy_project(tmp_path / "p")
    write(project / "data/briefings/2024-03-neglect-in-adolescence.yml", NEW)
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr
    link = "briefings/2024-03-neglect-in-adolescence/"
    assert "Zebra-striped worry" in page_text(out, link)
    assert page_text(out, "briefings/").index("Neglect in Adolescence") < page_text(out, "briefings/").index("Engagement with Fathers")
    for page in ("themes/voice-of-the-child/", "themes/professional-curiosity/", "resources/neglect-toolkit/",
                 "agencies/camhs/", "agencies/education/", "needs/neglect/", "needs/adhd/"):
        assert link in hrefs(out, page), page
    assert link in search_hits(out, "Zebra")


@pytest.mark.parametrize("name, text, expected", [
    ("data/briefings/2022-12-engagement-with-fathers.yml", None, "data/briefings/2022-12-engagement-with-fathers.yml:5: unknown field 'dat'"),
    ("data/themes.yml", "- id: cumulative-harm\n  title: A\n  title: B\n  summary: x\n", "data/themes.yml:3: 'title' appears twice"),
])
def test_bad_data_stops_the_build_and_keeps_the_last_site(tmp_path, name, text, expected):
    project = copy_project(tmp_path / "p")
    path = project / name
    path.write_text(text if text is not None else path.read_text().replace("\ndate:", "\ndat:"), encoding="utf-8")
    site_dir = project / "site"
    site_dir.mkdir()
    (site_dir / "index.html").write_text("the last good site")
    result = build_site(project, site_dir)
    assert result.returncode != 0
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert (site_dir / "index.html").read_text() == "the last good site"
    assert sorted(p.name for p in site_dir.iterdir()) == ["index.html"]


def test_editors_page_lists_what_needs_attention_and_resource_pages_say_when_reviewed(site):
    text = page_text(site, "editors/")
    assert "Resources due for review" in text and "DASH risk checklist" in text and "Never" in text
    assert "Resources without a link" in text and "Off the Record" in text
    assert "Not reviewed" not in page_text(site, "resources/dash/") and "Last reviewed" not in page_text(site, "resources/dash/")
def test_themes_page_has_a_themes_by_briefings_matrix(site):
    html = (site / "themes" / "index.html").read_text(encoding="utf-8")
    table = html[html.index('<div class="sg-matrix"'):html.index("</table>")]
    assert "<caption" in table
    assert re.findall(r'<th scope="col"><a href="\.\./briefings/([^/]+)/">', table) == \
        ["2021-12-pre-school-children", "2022-12-engagement-with-fathers"]
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", table, re.S)
    assert len(rows) == len(re.findall(r"^- id:", (FIXTURE_DATA / "themes.yml").read_text(), re.M))
    fathers = next(r for r in rows if 'href="engagement-with-fathers/"' in r)
    cells = re.findall(r'<a href="engagement-with-fathers/#([^"]+)">(\d+ findings?)<', fathers)
    # the findings on the theme in each file: its learning sections' items and the items tagged with it
    assert cells == [("2021-12-pre-school-children", "3 findings"), ("2022-12-engagement-with-fathers", "5 findings")]
    voice = next(r for r in rows if 'href="voice-of-the-child/"' in r)
    assert re.search(r'<td class="sg-matrix__none" data-label="[^"]+">None</td>', voice)  # no colour needed to read it
    # each cell's target exists: the theme page gives each briefing's section a stable id
    theme_page = (site / "themes" / "engagement-with-fathers" / "index.html").read_text(encoding="utf-8")
    for anchor, _ in cells:
        assert f'id="{anchor}"' in theme_page


def test_feed_open_data_and_schemas_are_published(site):
    assert (site / "feed.xml").read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed')
    data = json.loads((site / "data" / "briefings.json").read_text(encoding="utf-8"))
    assert [b["id"] for b in data["briefings"]] == ["2022-12-engagement-with-fathers", "2021-12-pre-school-children"]
    assert (site / "data" / "findings.csv").read_text(encoding="utf-8").startswith("briefing,briefing_title,")
    for name in ("briefing", "themes", "resources", "agencies", "needs"):
        json.loads((site / "data" / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in home and 'href="data/"' in home


def test_pages_have_open_graph_and_description_meta(site):
    html = (site / "briefings" / "2021-12-pre-school-children" / "index.html").read_text(encoding="utf-8")
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', html))
    assert meta["og:title"] == "Pre-School Children" and meta["og:type"] == "article"
    assert meta["og:url"].endswith("/briefings/2021-12-pre-school-children/")
    assert meta["description"] == meta["og:description"]
    assert meta["og:description"].startswith("The ten children chosen for this audit were aged 4 years and under")
    home = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', (site / "index.html").read_text(encoding="utf-8")))
    assert home["og:type"] == "website" and home["og:title"] == "Safeguarding learning briefings"


def test_meta_from_data_is_escaped_and_never_run(tmp_path):
    project = copy_project(tmp_path / "project")
    write(project / "data" / "briefings" / "2023-05-meta.yml", """
        title: 'Meta "quoted" <b>title</b>'
        type: rapid-review
        date: 2023-05-02
        summary: 'Ends "><script>alert(1)</script> and {{ 7 * 7 }} here'
        """)
    result = build_site(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "briefings" / "2023-05-meta" / "index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    assert "<script>alert" not in head and "49" not in head
    description = re.search(r'<meta property="og:description" content="([^"]*)"', head)[1]
    assert unescape(description) == 'Ends "><script>alert(1)</script> and {{ 7 * 7 }} here'


def test_make_build_collects_cycles_less_often_while_it_builds_and_sets_it_back(monkeypatch, tmp_path):
    """As make check does (macros.collector): the build reads the same data, and a caller keeps its own setting."""
    import gc
    from macros.tools import build as build_tool
    before, seen = gc.get_threshold(), []
    monkeypatch.setattr(build_tool, "build", lambda *a, **k: seen.append(gc.get_threshold()) or 0)
    assert build_tool.main(["--root", str(tmp_path)]) == 0
    assert seen and seen[0][0] > before[0] and gc.get_threshold() == before
