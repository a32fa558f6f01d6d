"""The practitioners' fields: key messages, notes on the source's text, where a resource's link
was found and when to use it, and needs that describe themselves and name the resources that help."""
import json

import pytest

from conftest import make_data
from macros.outputs import export
from macros.data.catalogue import load
from macros.data.errors import DataError

THEMES = """
- id: cumulative-harm
  title: Cumulative harm
  summary: Incidents seen one at a time.
"""
RESOURCES = """
- id: dash
  title: DASH risk checklist
  kind: tool
  description: A risk checklist.
  use_when: >
    When someone tells you
    about domestic abuse.
  url: https://example.org/dash
  url_source: https://example.org/found-here
  publisher: SafeLives
- id: neglect-toolkit
  title: Neglect Toolkit
  kind: toolkit
  description: Helps evidence neglect.
"""
AGENCIES = """
- id: gp
  name: GP
"""
NEEDS = """
- id: neglect
  label: Neglect
  description: A child's basic needs not met.
  resources: [neglect-toolkit]
- id: domestic-abuse
  label: Domestic abuse
  description: Abuse between adults in the family.
  resources:
    - dash
"""
KEY_MESSAGES = """key_messages:
  - Include fathers in every assessment.
  - >
    Join incidents up
    over time.
"""
BRIEFING = """
title: Fathers
type: multi-agency-audit
date: 2023-05-02
summary: S
""" + KEY_MESSAGES + """needs: [neglect, domestic-abuse]
agencies: [gp]
worries:
  - text: A sentence the source cuts off in the
    source_note: The audit's sentence ends here.
    themes: [cumulative-harm]
  - A plain worry
learning:
  - theme: cumulative-harm
    points:
      - text: Another cut-off point and
        source_note: Cut off in the source.
    resources: [dash]
"""


def registries(**override) -> dict[str, str]:
    """Every registry, stated here; `override` replaces one by name (needs=..., resources=...)."""
    files = {"themes.yml": THEMES, "resources.yml": RESOURCES, "agencies.yml": AGENCIES, "needs.yml": NEEDS}
    files.update({f"{name}.yml": text for name, text in override.items()})
    return files


def line_of(text: str, fragment: str) -> int:
    """The line of `text`, as written to its file (leading newline dropped), where `fragment` is."""
    return next(i for i, line in enumerate(text.lstrip("\n").splitlines(), 1) if fragment in line)


def problems(tmp_path, files: dict[str, str]) -> list[str]:
    with pytest.raises(DataError) as e:
        load(make_data(tmp_path, files, seeds=False))
    return [str(p) for p in e.value.errors]


def test_new_fields_load_into_the_model_and_the_open_data(tmp_path):
    cat = load(make_data(tmp_path, {**registries(), "briefings/2023-05-fathers.yml": BRIEFING}, seeds=False))
    [b] = cat.briefings
    assert b.key_messages == ["Include fathers in every assessment.", "Join incidents up over time."]
    assert b.worries[0].source_note == "The audit's sentence ends here."
    assert b.worries[1].source_note is None
    assert b.learning[0].points[0].source_note == "Cut off in the source."
    dash, toolkit = cat.resources["dash"], cat.resources["neglect-toolkit"]
    assert (dash.url_source, dash.use_when) == ("https://example.org/found-here", "When someone tells you about domestic abuse.")
    assert (toolkit.url, toolkit.url_source, toolkit.use_when) == (None, None, None)
    assert cat.needs["neglect"].resources == ["neglect-toolkit"] and cat.needs["domestic-abuse"].resources == ["dash"]
    assert cat.needs["neglect"].description == "A child's basic needs not met."

    data = json.loads(export.briefings_json(cat, "https://example.org/"))
    [entry] = data["briefings"]
    assert entry["key_messages"] == b.key_messages
    assert [f["source_note"] for f in entry["findings"]] == ["The audit's sentence ends here.", None, "Cut off in the source."]
    resource = next(r for r in data["resources"] if r["id"] == "dash")
    assert resource["url_source"] == "https://example.org/found-here" and resource["use_when"] == dash.use_when
    need = next(n for n in data["needs"] if n["id"] == "neglect")
    assert need == {"id": "neglect", "label": "Neglect", "description": "A child's basic needs not met.",
                    "resources": ["neglect-toolkit"], "ask": None}
    rows = export.findings_csv(cat).splitlines()
    assert rows[0].endswith(",source_note") and rows[1].endswith(",The audit's sentence ends here.")


def test_a_resource_cited_only_by_a_need_is_in_use(tmp_path):
    cat = load(make_data(tmp_path, registries(), seeds=False))
    unused = [w.message for w in cat.warnings if "nothing refers to it" in w.message]
    assert not any("resource" in m for m in unused), unused


def test_more_than_five_key_messages_are_refused_at_their_line(tmp_path):
    briefing = BRIEFING.replace(KEY_MESSAGES, "key_messages: [one, two, three, four, five, six]\n")
    found = problems(tmp_path, {**registries(), "briefings/2023-05-many.yml": briefing})
    line = line_of(briefing, "key_messages")
    assert found == [f"data/briefings/2023-05-many.yml:{line}: key_messages has 6 entries but at most 5 are allowed: "
                     "keep the most important ones and delete the rest"]


def test_a_long_key_message_is_refused_at_its_line(tmp_path):
    briefing = BRIEFING.replace("  - Include fathers in every assessment.\n", "  - " + "word " * 40 + "\n")
    found = problems(tmp_path, {**registries(), "briefings/2023-05-long.yml": briefing})
    line = line_of(briefing, "word word")
    assert found == [f"data/briefings/2023-05-long.yml:{line}: item 1 of key_messages is 199 characters long "
                     "but at most 160 are allowed: shorten it"]


def test_an_unknown_resource_under_a_need_is_refused_at_its_line(tmp_path):
    needs = NEEDS.replace("    - dash\n", "    - dash\n    - neglect-tolkit\n")
    found = problems(tmp_path, registries(needs=needs))
    line = line_of(needs, "neglect-tolkit")
    assert found == [f"data/needs.yml:{line}: unknown resource 'neglect-tolkit' (did you mean 'neglect-toolkit'?): "
                     "the resource ids are dash, neglect-toolkit. To add a new resource, see \"Adding a theme, resource, "
                     "agency or need\" in CONTRIBUTING.md"]


def test_a_need_without_a_description_is_refused(tmp_path):
    found = problems(tmp_path, registries(needs="- id: neglect\n  label: Neglect\n"))
    assert found == ["data/needs.yml:1: missing required field description in entry 1: add it "
                     "(CONTRIBUTING.md, \"What each field means\", says what goes there)"]


@pytest.mark.parametrize("address", ["javascript:alert(1)", "www.safelives.org.uk/dash", "ftp://example.org/x"])
def test_url_source_must_be_a_web_address(tmp_path, address):
    resources = RESOURCES.replace("url_source: https://example.org/found-here", f"url_source: {address!r}")
    found = problems(tmp_path, registries(resources=resources))
    line = line_of(resources, "url_source")
    assert found == [f"data/resources.yml:{line}: url_source '{address}' must be a web address starting with https:// or "
                     "http://: copy it from the browser's address bar"]


def test_a_blank_source_note_is_refused(tmp_path):
    briefing = BRIEFING.replace("source_note: The audit's sentence ends here.", 'source_note: " "')
    found = problems(tmp_path, {**registries(), "briefings/2023-05-blank.yml": briefing})
    line = line_of(briefing, "source_note")
    assert found == [f"data/briefings/2023-05-blank.yml:{line}: source_note is blank: fill it in, or delete the line"]
