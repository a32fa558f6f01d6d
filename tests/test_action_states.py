"""One wording for where an action stands (macros/data/action_states.py), word for word, on every page and
file that says it: a briefing, /actions/, /editors/, an agency's feed and actions.csv; and /actions/
listing every action, those with no status too (issue 19 §5).

The expected texts are written out here, not built with the module under test."""
import csv
import re

from conftest import page_text, NOT_YET_DUE_YEAR
from macros.data import action_states

MISSED = "briefings/2023-09-missed-health-appointments/"
# An action with an owner and a due date long past, but no status (tests/fixtures/impact/).
UNRECORDED = "Social care to ask about missed appointments in every assessment"
UNRECORDED_STATE = "Overdue · No progress recorded yet · Owner: Social Care · Due by the end of February 2024"


def test_the_words_are_defined_once():
    assert action_states.STATUS == {None: "No progress recorded yet", "not-started": "Not started",
                                    "in-progress": "In progress", "done": "Done", "dropped": "Dropped"}
    assert action_states.PROGRESS == {"overdue": "Overdue", "open": "Open", "done": "Done", "dropped": "Dropped"}
    assert action_states.overdue_sentence(1) == "1 action is overdue: past its due date and neither done nor dropped"
    assert action_states.overdue_sentence(3) == "3 actions are overdue: past their due date and neither done nor dropped"


def test_a_briefing_says_where_each_action_stands(impact_site):
    text = page_text(impact_site, MISSED)
    assert f"{UNRECORDED} {UNRECORDED_STATE}" in text
    assert "Review the was-not-brought policy across the partnership No progress recorded yet" in text
    assert ("GPs to flag a child's third missed appointment to the health visitor Done · Owner: GPs · Due 31 March 2024 · "
            "Closed 20 May 2024, 231 days after it was agreed") in text
    assert ("Police to share every missed-appointment concern the same day Dropped · Owner: Police · Due 31 January 2024 · "
            "Closed 1 February 2024, 142 days after it was agreed") in text
    assert ("Health visitors to offer a second appointment within a week Not started · Owner: Sirona · "
            f"Due by the end of December {NOT_YET_DUE_YEAR} · Updated 15 January 2024") in text


def test_actions_and_editors_pages_say_it_the_same_way(impact_site):
    actions = page_text(impact_site, "actions/")
    assert UNRECORDED_STATE in actions
    assert "An action is overdue when it is past its due date and neither done nor dropped." in actions
    editors = page_text(impact_site, "editors/")
    # The fixture's four actions due in 2022 to 2025 and still open; the fifth open one is due at the end of next year.
    assert "4 actions are overdue: past their due date and neither done nor dropped (checked on" in editors
    assert f"{UNRECORDED} ( Missed Health Appointments ; No progress recorded yet; Owner: Social Care; " \
           "Due by the end of February 2024)" in editors
    assert "past its due date" not in editors.replace("An action is", "")  # no "4 actions past its due date"


def test_the_feed_and_the_csv_use_the_same_words(impact_site):
    feed = (impact_site / "agencies/social-care/feed.xml").read_text(encoding="utf-8")
    assert f"- {UNRECORDED} (Overdue; No progress recorded yet; Owner: Social Care; Due by the end of February 2024)" in feed
    rows = list(csv.DictReader((impact_site / "data/actions.csv").open(encoding="utf-8", newline="")))
    row = next(r for r in rows if r["text"] == UNRECORDED)
    assert (row["status"], row["overdue"]) == ("No progress recorded yet", "yes")
    assert {r["status"] for r in rows} == {"No progress recorded yet", "Not started", "In progress", "Done", "Dropped"}


def test_the_editors_old_words_are_gone_everywhere(impact_site):
    for path in impact_site.rglob("*"):
        if path.suffix in (".html", ".csv", ".xml", ".json") and "pagefind" not in path.parts:
            text = path.read_text(encoding="utf-8")
            assert "Status not recorded" not in text and "status not recorded" not in text, path
            assert not re.search(r"\d+ actions past its", text), path


def test_actions_page_lists_every_action_of_the_bare_seeds(site):
    """Issue 19: the seeds record no owner or status, and /actions/ listed none of their actions."""
    html = (site / "actions/index.html").read_text(encoding="utf-8")
    text = page_text(site, "actions/")
    assert "0 actions" not in text
    assert "3 actions as of" in text and "3 of them with no progress recorded yet" in text
    assert "No owner recorded 0 3 0 0" in text  # the summary's row: overdue, open, done, dropped
    none = html[html.index('<h2 id="actions-none"'):]
    fathers = none.index('id="actions-none-2022-12-engagement-with-fathers"')
    preschool = none.index('id="actions-none-2021-12-pre-school-children"')
    assert fathers < preschool  # by briefing, newest first
    assert none.count("No progress recorded yet") == 3
    assert "Practitioners should make sure the voice of each child is heard" in none[fathers:preschool]
    assert "When a child moves to a new local authority" in none[preschool:]


def test_actions_with_a_status_come_first(impact_site):
    html = (impact_site / "actions/index.html").read_text(encoding="utf-8")
    group = html[html.index('id="actions-none-2023-09-missed-health-appointments"'):]
    group = group[: group.index("</section>")]
    # In the data the leaflet (in progress) comes after the policy review (no status), and the address check after both.
    assert group.index("Write a leaflet for parents") < group.index("Review the was-not-brought policy") \
        < group.index("Check the family's address")
