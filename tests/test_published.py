"""macros.outputs.published: the guard over the built site reads what a reader or a program gets, as they read it."""
import csv
import io
import json
from html import escape
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from conftest import copy_project, make_data, build_site, write
from macros.outputs import published
from macros.pages.safe import plain_text, rich
from test_guard import SPELLINGS


def site_with(tmp_path: Path, files: dict[str, str]) -> Path:
    site = tmp_path / "site"
    for where, text in files.items():
        write(site / where, text)
    return site


def kinds(site: Path) -> list[tuple[str, str]]:
    return sorted((hit.where, hit.kind) for hit in published.scan(site))


PAGE = """<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="script-src 'sha256-AB12CD+0117903644/4=' 'sha256-/NHS943476591='">
<title>{title}</title><meta property="og:description" content="{meta}"></head>
<body><script>var x = "07700 900123";</script><style>.a{{content:"BS1 4DJ"}}</style>
<svg viewBox="0 0 24 24"><path d="M0 0l943 476 5919z"/></svg>
<article>{body}</article></body></html>"""


@pytest.mark.parametrize("text, kind", SPELLINGS.items())
def test_every_spelling_is_found_in_every_kind_of_published_file(tmp_path, text, kind):
    """Issue 17, section 1: each spelling, as the site publishes it (autoescaped, through Markdown, in meta, in the
    feed, the JSON and the CSV), found by the output guard alone, whatever the data guard said."""
    feed = ET.Element("feed")
    ET.SubElement(feed, "summary").text = plain_text(text)
    out = io.StringIO()
    csv.writer(out).writerow(["2023-01-x", text])
    files = {"a/index.html": PAGE.format(title=escape(text), meta="M", body=""),
             "b/index.html": PAGE.format(title="T", meta="M", body=rich(text)),
             "c/index.html": PAGE.format(title="T", meta=escape(plain_text(text)), body=""),
             "feed.xml": ET.tostring(feed, encoding="unicode"),
             "data/briefings.json": json.dumps({"summary": text}, ensure_ascii=False),
             "data/findings.csv": out.getvalue()}
    if "](mailto:" in text:  # meta and feeds show a link's words, not its address
        del files["c/index.html"], files["feed.xml"]
    for n, (where, content) in enumerate(files.items()):  # one site each: a run of text is read once a site
        assert kinds(site_with(tmp_path / str(n), {where: content})) == [(where, kind)], where


def test_a_page_is_read_as_shown_not_as_written(tmp_path):
    site = site_with(tmp_path, {
        "joined/index.html": PAGE.format(title="T", meta="M", body="<p>NHS 943 <em>476</em>\n      <a href='#x'>5919</a></p>"),
        "apart/index.html": PAGE.format(title="T", meta="M", body="<table><tr><td>943</td><td>476</td><td>5919</td></tr></table>"
                                                                  "<p>Babies born</p><p>2015-03-04</p>"),
        "attributes/index.html": PAGE.format(title="T", meta="M", body='<a href="../briefings/x/" title="call 07700 900123">x</a>'
                                                                       '<h2 id="born-2015-03-04">Heading</h2>')})
    assert kinds(site) == [("attributes/index.html", "date-of-birth"), ("attributes/index.html", "phone-number"),
                           ("joined/index.html", "nhs-number")]


def test_open_data_is_read_value_by_value(tmp_path):
    """A CSV's cells and a JSON file's strings are apart: "Babies born" beside a date is no date of birth."""
    out = io.StringIO()
    csv.writer(out).writerows([["briefing_title", "briefing_date"], ["Babies born", "2015-03-04"], ["NHS 943 \"476\" 5919", ""]])
    site = site_with(tmp_path, {"data/findings.csv": out.getvalue(),
                                "data/briefings.json": json.dumps({"title": "Babies born", "date": "2015-03-04",
                                                                   "x": "tab\t0117 903 6444"})})
    assert kinds(site) == [("data/briefings.json", "phone-number")]


def test_file_and_folder_names_are_read_as_addresses(tmp_path):
    site = site_with(tmp_path, {"briefings/2022-12-dad-born-2015-03-04-nhs-943-476-5919/index.html": "<p>x</p>",
                                "assets/uploads/family-at-bs1-4dj.pdf": "%PDF", "pagefind/fragment/en_9434765919.pf_fragment": "",
                                "sitemap.xml": "<urlset><url><loc>https://x.org/briefings/a/</loc></url></urlset>"})
    assert kinds(site) == [("assets/uploads/family-at-bs1-4dj.pdf", "postcode"),
                           ("briefings/2022-12-dad-born-2015-03-04-nhs-943-476-5919", "date-of-birth"),
                           ("briefings/2022-12-dad-born-2015-03-04-nhs-943-476-5919", "nhs-number")]
    problems = published.problems(published.scan(site))
    assert all("2015-03-04" not in str(p) and "5919" not in str(p) and "4dj" not in str(p) for p in problems)
    assert {p.path for p in problems} == {"/assets/uploads/family-at-bs•-•••.pdf", "/briefings/2022-12-dad-bo••-••••-••-••-nhs-94•-•••-••••"}


def test_the_editors_names_are_read_too(tmp_path):
    from macros.data.identifiers import compile_names
    site = site_with(tmp_path, {"a/index.html": "<p>Seen with Jay<em>den</em> at home</p>"})
    assert [h.kind for h in published.scan(site, compile_names(["Jayden"]))] == ["name"]


BRIEFING = "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: {summary}\nworries:\n  - text: {worry}\n    allow: [phone-number]\n    reason: The duty team's public number.\n"


def test_a_finding_is_reported_at_the_datas_line_masked_and_excused_where_the_data_excuses_it(tmp_path):
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": BRIEFING.format(summary='"NHS [943](https://example.org) 476 5919"',
                                                                           worry="Call the duty team on 0117 903 6444")}, seeds=False)
    site = site_with(tmp_path, {"briefings/2023-05-x/index.html": "<p>NHS 943 476 5919</p><p>Call the duty team on 0117 903 6444</p>",
                                "elsewhere/index.html": "<p>On 0117 903 <b>6444</b> too</p><p>Jane Doe 07700</p><p>900123</p>",
                                "made/index.html": "<p>Call 07700 900123</p>"})
    problems = [str(p) for p in published.problems(published.scan(site), data)]
    assert problems == [
        "/made/: shows a UK phone number ('07••• ••••••'): briefings must never identify a child or family. No one text of "
        "the data holds it as shown: it is made of text from more than one field or file, or from the site's own pages in "
        "docs/ or mkdocs.yml. Find and remove it",
        "data/briefings/2023-05-x.yml:4: the published site shows this as an NHS number (10 digits that pass the NHS number "
        "check) ('94• ••• ••••'), in /briefings/2023-05-x/: briefings must never identify a child or family, so remove it. "
        "(The check of the data did not see it as written here: Markdown, a link or a character reference hid it.)"]


def test_a_site_built_with_an_identifier_the_data_guard_cannot_see_is_not_published(tmp_path):
    """A link's words beside a number: the data holds '[943](https://example.org) 476 5919', the page shows
    'NHS 943 476 5919'. The build stops at the data's line; `make build` would keep the previous site."""
    project = copy_project(tmp_path / "p")
    path = project / "data/briefings/2021-12-pre-school-children.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("summary: |\n", 'summary: |\n  NHS [943](https://example.org) 476 5919.\n', 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "The built site shows what could identify a child or family, so it was not published:" in out
    assert "data/briefings/2021-12-pre-school-children.yml:" in out and "('94• ••• ••••')" in out
    assert "5919" not in out and "Traceback" not in out


def test_the_partnerships_own_contact_is_published_but_no_other_address(tmp_path):
    """extra.contact is the business unit's public address: every page that says whom to ask shows it."""
    site = site_with(tmp_path, {"resources/x/index.html": PAGE.format(
        title="Ask", meta="m", body="<p>Email safeguarding.unit@council.example.gov.uk or jane.doe@example.com</p>")})
    found = published.check(site, public=["safeguarding.unit@council.example.gov.uk", ""])
    assert [p.path for p in found] == ["/resources/x/"] and "jane.doe" not in str(found[0])
    assert "email address ('ja" in found[0].message
    assert published.check(site) and len(published.check(site)) == 2
