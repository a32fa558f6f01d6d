"""The audit's own structure, kept: sections in the source's order, each point in the section it came
from, the partnership's themes as tags (never as the audit's headings), and the editor's resource links
marked as theirs. Expectations are read from the fixture's YAML here, not from macros.data.model."""
import re
from html import unescape

import pytest
import yaml

from conftest import FIXTURE_DATA, make_data
from macros.data.catalogue import load

BRIEFINGS = ["2021-12-pre-school-children", "2022-12-engagement-with-fathers"]


def data(briefing: str) -> dict:
    return yaml.safe_load((FIXTURE_DATA / "briefings" / f"{briefing}.yml").read_text(encoding="utf-8"))


def text(value) -> str:
    return (value if isinstance(value, str) else value["text"]).strip()


def plain(html: str) -> str:
    html = re.sub(r'<a class="sg-term"[^>]*><abbr[^>]*>(.*?)</abbr></a>', r"\1", html)  # a glossary term, as read
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def region(html: str, start: str, end: str) -> str:
    return html[html.index(start): html.index(end, html.index(start))]


def in_order(haystack: str, needles: list[str]) -> bool:
    at = -1
    for needle in needles:
        found = haystack.find(needle, at + 1)
        if found < 0:
            return False
        at = found
    return True


@pytest.fixture(scope="module")
def titles():
    return {t["id"]: t["title"] for t in yaml.safe_load((FIXTURE_DATA / "themes.yml").read_text(encoding="utf-8"))}


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_each_point_is_in_its_own_section_in_the_sources_order(site, briefing):
    """Neither seed repeats a learning heading, so every learning entry of the data is one section on the page."""
    d = data(briefing)
    html = (site / "briefings" / briefing / "index.html").read_text(encoding="utf-8")
    learning = region(html, 'id="themes-for-learning"', 'id="resources"')
    sections = learning.split('<div class="sg-section')[1:]
    assert len(sections) == len(d["learning"])
    expected = [[text(i) for part in ("found", "actions", "points") for i in entry.get(part, [])] for entry in d["learning"]]
    for n, (section, entry, items) in enumerate(zip(sections, d["learning"], expected)):
        words = plain(section)
        assert in_order(words, items), (n, items, words)
        others = [i for m, other in enumerate(expected) if m != n for i in other if i not in items]
        assert not [i for i in others if i in words], f"section {n + 1} holds another section's point"
        heading = re.search(r"<h3 id=\"learning-\d+\">(.*?)<a class=\"headerlink\"", section)
        assert (plain(heading[1]) if heading else None) == (entry.get("heading") or None)
    for key, label in (("worries", "what-are-we-worried-about"), ("good_practice", "what-good-practice-did-we-see")):
        words = plain(region(html, f'id="{label}"', "<h2"))
        assert in_order(words, [text(i) for i in d[key]])


def test_the_pre_school_single_points_stand_alone(site):
    """The issue's case: these two points were shown under the cross-border finding's "What we found"."""
    html = (site / "briefings" / "2021-12-pre-school-children" / "index.html").read_text(encoding="utf-8")
    learning = region(html, 'id="themes-for-learning"', 'id="resources"')
    cross_border = next(s for s in learning.split('<div class="sg-section')[1:] if "Cross border transfers" in s)
    assert "Consider a Flag" not in cross_border and "Ensure that information is shared" not in cross_border


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_in_brief_lists_the_actions_in_the_sources_order(site, briefing):
    d = data(briefing)
    html = (site / "briefings" / briefing / "index.html").read_text(encoding="utf-8")
    box = region(html, 'class="sg-inbrief__actions"', "</ul>")
    shown = [plain(li) for li in re.findall(r"<li>(.*?)</li>", box, re.S)]
    assert shown == [text(a) for entry in d["learning"] for a in entry.get("actions", [])]
    assert shown, "the seeds have actions"


@pytest.mark.parametrize("briefing", BRIEFINGS)
def test_themes_are_tags_never_headings(site, briefing, titles):
    d = data(briefing)
    html = (site / "briefings" / briefing / "index.html").read_text(encoding="utf-8")
    learning = region(html, 'id="themes-for-learning"', 'id="resources"')
    headings = [plain(h) for h in re.findall(r"<h[2-6][^>]*>(.*?)<a class=\"headerlink\"", learning)]
    assert not set(headings) & (set(titles.values()) - {e.get("heading") for e in d["learning"]})
    for section, entry in zip(learning.split('<div class="sg-section')[1:], d["learning"]):
        if entry.get("heading") != titles[entry["theme"]]:
            tag = f'<span class="sg-tag-label">Theme:</span> <a href="../../themes/{entry["theme"]}/" class="sg-tag">'
            assert tag in section


def test_editors_resource_links_say_related_resource(site):
    html = (site / "briefings" / "2021-12-pre-school-children" / "index.html").read_text(encoding="utf-8")
    # on a point (its own line, after the audit's words) and on a section
    assert re.search(r"The Myth of Invisible Men<span class=\"sg-related\"[^>]*>Related resource: <a href=\"../../resources/"
                     r"myth-of-invisible-men/\">", html)
    assert re.search(r'<p class="sg-related"[^>]*>Related resources: <a href="../../resources/dash/">DASH risk checklist</a>', html)
    assert "Resources:</strong>" not in html


HEADINGS = """
title: Repeats
type: multi-agency-audit
date: 2023-05-02
summary: S
learning:
  - theme: cumulative-harm
    heading: Seen in isolation
    found: [F1]
  - theme: cumulative-harm
    heading: Seen in isolation
    actions: [A1]
  - theme: cumulative-harm
    heading: Seen in isolation
    found: [F2]
  - theme: neglect-theme
    points: [P1]
  - theme: neglect-theme
    points: [P2]
  - theme: cumulative-harm
    heading: Seen in isolation
    points: [P3]
"""
THEMES = """
- id: cumulative-harm
  title: Cumulative harm
  summary: S
- id: neglect-theme
  title: Neglect
  summary: S
"""


def test_only_a_repeated_heading_whose_text_stays_in_order_is_joined(tmp_path):
    """Sections 1 and 2 join (found, then what needs to happen); 3 would put a finding after an action, so it
    stays apart; the two sections without a heading stay apart; the last repeats a heading, but not the one before it."""
    cat = load(make_data(tmp_path, {"themes.yml": THEMES, "briefings/2023-05-repeats.yml": HEADINGS}, seeds=False))
    [b] = cat.briefings
    shown = [(g.heading, [i.text for i in g.found], [i.text for i in g.actions], [i.text for i in g.points])
             for g in b.learning_groups()]
    assert shown == [("Seen in isolation", ["F1"], ["A1"], []), ("Seen in isolation", ["F2"], [], []),
                     (None, [], [], ["P1"]), (None, [], [], ["P2"]), ("Seen in isolation", [], [], ["P3"])]
    assert [a.text for _, a in b.learning_actions()] == ["A1"]
    assert [len(x.found) for x in b.learning] == [1, 0, 1, 0, 0, 0]  # the data is left as it was


def test_a_theme_page_keeps_each_point_under_the_section_it_came_from(site):
    """Information sharing, Pre-School Children: the worry and good practice first, then each learning section
    in order; the cross-border section's points never sit with the single points before it."""
    html = (site / "themes" / "information-sharing" / "index.html").read_text(encoding="utf-8")
    block = html[html.index('id="2021-12-pre-school-children"'):]
    block = block[: block.index('<div class="sg-section">', 1)] if '<div class="sg-section">' in block[1:] else block
    words = plain(block)
    assert in_order(words, ["Lack of explicit sharing when a case was closed", "Good communication and multi agency engagement",
                            "Consider a Flag", "Ensure that information is shared", "Cross border transfers",
                            "When a child moves to a new local authority"])
    subsections = block.split('<div class="sg-subsection">')[1:]
    assert [("Consider a Flag" in s, "Ensure that information" in s, "Cross border" in s) for s in subsections] == [
        (True, False, False), (False, True, False), (False, False, True)]
