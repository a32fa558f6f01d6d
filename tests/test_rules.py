"""macros.data.rules: every rule, broken on purpose, finds its problem under its own code; every problem
`make check` reports comes from a rule of the registry; CONTRIBUTING.md's list is the registry's.

A new rule needs an example here (the test names it if not): the smallest data that breaks it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT, make_data
from macros.data import issueform
from macros.data.catalogue import load
from macros.data.errors import DataError
from macros.data.rules import BY_CODE, RULES, markdown

TODAY = dt.date(2026, 1, 1)
B = "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\n"
BRIEFING = "briefings/2023-05-x.yml"
FORM = issueform.FORM  # written in a copy, never read from this project
# For each rule: files written over the fixture's registries (a path under the project's data/, or under the
# project for docs/ and .github/; None deletes the file), as an editor might get them wrong.
EXAMPLES: dict[str, dict[str, str | bytes | None]] = {
    "schema-files": {"data/schema/needs.schema.json": b"\xff\xfe not UTF-8"},
    "guard-names": {"data/guard-names.txt": b"\xff\xfe not UTF-8"},
    "registry-file": {"data/needs.yml": None},
    "briefing-file-name": {"data/briefings/Neglect in adolescence.yml": B},
    "yaml": {f"data/{BRIEFING}": B + "worries:\n  - a\n worries: b\n"},
    "mended": {f"data/{BRIEFING}": B.replace("date: 2023-05-02", "date: 30/05/2023")},
    "schema": {f"data/{BRIEFING}": B + "wories: [x]\n"},
    "identifier": {f"data/{BRIEFING}": B + "worries: [Seen at BS1 4DJ]\n"},
    "registry-id": {"data/needs.yml": "- id: adhd\n  label: A\n- id: adhd\n  label: B\n"},
    "date-window": {f"data/{BRIEFING}": B + "learning:\n  - theme: professional-curiosity\n"
                                             "    actions: [{text: Act, due: 2099-01}]\n"},
    "review-date": {"data/resources.yml": "- id: r\n  title: R\n  kind: tool\n  description: D\n  reviewed: 2026-06-01\n"},
    "age-range": {f"data/{BRIEFING}": B + "cohort:\n  children: 3\n  age_range: [9, 2]\n"},
    "action-dates": {f"data/{BRIEFING}": B + "learning:\n  - theme: professional-curiosity\n"
                                              "    actions: [{text: Act, status: in-progress, closed: 2023-06-01}]\n"},
    "todo-summary": {f"data/{BRIEFING}": B.replace("summary: S", "summary: TODO")},
    "future-date": {"data/briefings/2026-05-x.yml": B.replace("2023-05-02", "2026-05-02")},
    "file-name-date": {"data/briefings/2023-06-x.yml": B},
    "unknown-id": {f"data/{BRIEFING}": B + "learning:\n  - theme: professional-curiosty\n"},
    "unused-id": {"data/needs.yml": "- id: adhd\n  label: ADHD\n  description: D\n"},
    "abbreviation": {f"data/{BRIEFING}": B + "worries: [The ZQX was not told]\n"},
    "uploads": {"docs/assets/uploads/photo.html": "<script>alert(1)</script>"},
    "source": {f"data/{BRIEFING}": B + "source: 2023-05-x.txt\n"},
    "feedback-form": {FORM: "name: Used a briefing\nbody:\n  - type: dropdown\n    id: agency\n    attributes:\n"
                            "      label: Your agency\n      options:\n        - Nobody (nobody)\n"},
    "resource-review": {},  # the fixture's own resources: some never reviewed, some with no link
}


def project_with(tmp_path: Path, files: dict) -> Path:
    data = make_data(tmp_path, seeds=False)
    for name, content in files.items():
        path = tmp_path / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    return data


def found(data: Path):
    try:
        return load(data, today=TODAY).warnings
    except DataError as e:
        return e.problems


def test_every_rule_has_an_example_and_its_test():
    assert set(EXAMPLES) == set(BY_CODE), "each rule needs an example here, and each example a rule"
    for rule in RULES:
        assert (ROOT / rule.test).is_file(), f"{rule.code}: {rule.test} is not there"
        assert rule.severity in ("error", "warning", "error or warning")


@pytest.mark.parametrize("code", list(EXAMPLES))
def test_each_rule_finds_its_example_under_its_own_code(tmp_path, code):
    problems = found(project_with(tmp_path, EXAMPLES[code]))
    mine = [p for p in problems if p.rule == code]
    assert mine, [(p.rule, str(p)) for p in problems]
    rule = BY_CODE[code]
    assert {p.level for p in mine} <= ({"error", "warning"} if rule.severity == "error or warning" else {rule.severity})
    assert all(p.rule in BY_CODE for p in problems), [str(p) for p in problems if p.rule not in BY_CODE]


def test_on_good_data_no_rule_finds_anything_but_housekeeping(tmp_path):
    problems = found(make_data(tmp_path))  # the fixture's two briefings and registries, as they are
    assert {p.rule for p in problems} <= {"resource-review", "unused-id", "source", "abbreviation"}
    assert all(p.level == "warning" for p in problems)


def test_contributing_lists_what_make_check_checks_from_the_registry():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start, end = "<!-- rules: python -m macros.tools.rules --write -->\n", "<!-- end of rules -->"
    assert start in text and end in text, "CONTRIBUTING.md has lost the list's markers"
    listed = text[text.index(start) + len(start): text.index(end)]
    assert listed == markdown(), "CONTRIBUTING.md's list is not the registry's: run `python -m macros.tools.rules --write`"
