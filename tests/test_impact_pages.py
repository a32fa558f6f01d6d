"""Issue 14 on the built site: actions with owners and status, use records, the feedback link,
theme and agency feeds, and the findings-per-year chart, from a briefing of the test's own."""
import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import copy_project, build_site, page_text, write

# Due next December: still to come whenever the tests run, and within the years dates may be in (macros.data.dates).
LATER = f"{dt.date.today().year + 1}-12"
TRACKED = """
title: Missed health appointments
type: rapid-review
date: 2024-03-14
summary: Children's health appointments were missed and nobody joined the dots. A second sentence.
agencies: [gp, nbt]
worries:
  - text: Missed appointments were not followed up
    themes: [cumulative-harm]
learning:
  - theme: cumulative-harm
    found: [Each missed appointment was seen alone]
    actions:
      - text: GPs to flag a third missed appointment to the health visitor
        owner: gp
        due: 2024-06-30
        status: in-progress
        updated: 2024-05-01
      - text: The hospital to add was-not-brought to its discharge letters
        owner: nbt
        due: {later}
        status: not-started
      - text: Police to share notifications the same day
        owner: police
        status: done
        evidence: Audited in [the review](https://example.org/review) in May.
      - A plain action with no status
used_by:
  - team: North health visiting team
    agency: gp
    date: 2024-04-10
    how: team meeting
    change: We now ring the family after a second missed appointment.
questions: [What do you do after a missed appointment?]
""".replace("{later}", LATER)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("impact")
    project = copy_project(tmp / "p")
    write(project / "data/briefings/2024-03-missed-health-appointments.yml", TRACKED)
    out = tmp / "site"
    result = build_site(project, out, FEEDBACK_URL="https://forms.example/used?briefing={id}&title={title}")
    assert result.returncode == 0, result.stderr
    return out


def test_the_briefing_shows_each_actions_status_and_owner_as_text(built):
    text = page_text(built, "briefings/2024-03-missed-health-appointments/")
    assert "GPs to flag a third missed appointment to the health visitor Overdue · In progress · Owner: GPs" in text
    assert "Due 30 June 2024 · Updated 1 May 2024" in text
    assert "Not started · Owner: NBT" in text
    assert "A plain action with no status No progress recorded yet" in text
    html = (built / "briefings/2024-03-missed-health-appointments/index.html").read_text()
    assert '<a href="https://example.org/review">the review</a>' in html  # evidence is rich text


def test_actions_page_lists_overdue_first_with_counts_and_a_filter(built):
    html = (built / "actions/index.html").read_text()
    text = page_text(built, "actions/")
    assert "7 actions as of" in text and "4 of them with no progress recorded yet" in text  # the seeds' 3 and these 4
    gp = html[html.index('id="actions-gp"'):]
    assert 'data-progress="overdue"' in gp[: gp.index("</section>")]
    assert text.index("GPs to flag a third") < text.index("Police to share notifications")
    assert "1 action done or dropped" in text  # folded away
    # no owner: listed by briefing, after the owners' actions
    none = html[html.index('id="actions-none"'):]
    assert "A plain action with no status" in none and 'id="actions-none-2024-03-missed-health-appointments"' in none
    assert 'data-sg-noun="action"' in html and 'name="progress"' in html


def test_the_owning_agency_page_lists_its_actions(built):
    text = page_text(built, "agencies/gp/")
    assert "Actions it owns" in text and "GPs to flag a third missed appointment" in text and "1 overdue" in text


def test_actions_csv_has_one_row_per_action(built):
    import csv
    rows = list(csv.DictReader((built / "data/actions.csv").open(encoding="utf-8", newline="")))
    mine = [r for r in rows if r["briefing"] == "2024-03-missed-health-appointments"]
    assert len(mine) == 4
    gp = next(r for r in mine if r["owner"] == "gp")
    assert (gp["owner_name"], gp["due"], gp["status"], gp["updated"], gp["overdue"]) == (
        "GPs", "2024-06-30", "In progress", "2024-05-01", "yes")


def test_use_records_and_the_feedback_link(built):
    text = page_text(built, "briefings/2024-03-missed-health-appointments/")
    assert "Used by 1 team" in text and "North health visiting team" in text
    assert "What they will do differently: We now ring the family after a second missed appointment." in text
    html = (built / "briefings/2024-03-missed-health-appointments/index.html").read_text()
    assert 'href="https://forms.example/used?briefing=2024-03-missed-health-appointments&amp;title=Missed%20health%20appointments"' in html


def test_theme_and_agency_feeds_parse_and_carry_only_their_own_findings(built):
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(built / "themes/cumulative-harm/feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert entries and entries[0].find(f"{atom}title").text == "Missed health appointments"  # newest first
    content = "".join(e.findtext(f"{atom}content") or e.findtext(f"{atom}summary") or "" for e in entries)
    assert "Each missed appointment was seen alone" in content
    assert "Voice of child overshadowed by sibling" not in content  # a finding on another theme
    html = (built / "themes/cumulative-harm/index.html").read_text()
    assert '<link rel="alternate feed" type="application/atom+xml"' in html and 'href="feed.xml"' in html
    assert ">Follow this theme</a>" in html
    ET.parse(built / "agencies/gp/feed.xml")


def test_theme_chart_has_a_table_alternative(built):
    html = (built / "themes/cumulative-harm/index.html").read_text()
    at = html.index('class="sg-chart-figure"')
    svg = html[html.index("<svg", at): html.index("</svg>", at) + 6]
    ET.fromstring(svg)  # well-formed
    assert 'role="img"' in svg and "<title" in svg
    table = html[html.index('class="sg-table sg-chart-table"'):]
    years = re.findall(r'<tr><th scope="row">(\d{4})</th><td class="sg-num">(\d+)</td></tr>', table)
    assert [y for y, _ in years] == [str(y) for y in range(2021, 2025)]


def test_editors_page_lists_overdue_actions_and_briefings_without_use(built):
    text = page_text(built, "editors/")
    assert "Overdue actions" in text and "GPs to flag a third missed appointment" in text
    assert "Briefings over a year old that no team has recorded using" in text and "Pre-School Children" in text


def test_actions_page_stays_small_with_thousands_of_actions(tmp_path):
    """Each agency shows its first ACTIONS_PER_GROUP actions on /actions/ and all of them on its page."""
    from conftest import make_data
    from macros.data.catalogue import load
    from macros.pages.render import ACTIONS_PER_GROUP, Renderer
    from macros.tools.synth import generate
    data = make_data(tmp_path, seeds=False)
    generate(300, data, seed=2)
    r = Renderer(load(data))
    limit = r.env.globals["ACTIONS_PER_GROUP"] = 10  # a small limit shows the cut (the real one is ACTIONS_PER_GROUP)
    out = r.fragment("actions", "actions/index.md")
    biggest = max((entries for agency, entries in r.cat.action_groups() if agency), key=len)
    assert len(biggest) > 2 * limit and ACTIONS_PER_GROUP >= limit
    assert out.count("data-sg-filterable") <= 2 * limit * len(r.cat.action_groups())
    assert "owns</a>" in out
    agency = biggest[0].action.owner
    page = r.page_of(r.cat.agencies[agency]).html
    assert page.count("class=\"sg-action-status ") == len(biggest)


def test_home_page_lists_the_most_used_briefings(built, site):
    text = page_text(built, "/")
    assert "Most used briefings" in text
    assert text.index("Most used briefings") < text.index("Missed health appointments", text.index("Most used briefings"))
    assert "Most used briefings" not in page_text(site, "/")  # no use recorded: no such section
