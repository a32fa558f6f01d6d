"""macros.data.validate's "did you mean": bounded work for each unknown id, however many ids there are (issue 17 §4.2)."""
import difflib
import itertools
from collections import Counter

import pytest

from macros.data.validate import Nearest, check_references, unknown_id

WORDS = ["voice", "child", "neglect", "fathers", "harm", "planning", "safety", "curiosity", "challenge", "sharing",
         "information", "parents", "working", "step", "down", "education", "home", "school", "health", "police"]


def many_ids(n: int) -> list[str]:
    """n ids as editors write them: a few words and a number, all different."""
    ids = [f"{a}-{b}-{c}" for a, b, c in itertools.product(WORDS, WORDS, WORDS) if len({a, b, c}) == 3]
    return sorted(ids)[:n] if n <= len(ids) else [f"{i}-{n}" for n, i in enumerate(itertools.islice(itertools.cycle(ids), n))]


@pytest.fixture
def comparisons(monkeypatch):
    """How many times two strings were compared, by any of difflib's three ways of doing it."""
    calls = Counter()
    for name in ("ratio", "quick_ratio", "real_quick_ratio"):
        def counted(self, _original=getattr(difflib.SequenceMatcher, name), _name=name):
            calls[_name] += 1
            return _original(self)
        monkeypatch.setattr(difflib.SequenceMatcher, name, counted)
    return calls


def test_work_per_unknown_id_does_not_grow_with_the_registry(comparisons):
    """25,000 theme ids and 100 unknown references took `make check` 84 s: each was compared with every id."""
    ids = many_ids(25_000) + ["cumulative-harm", "engagement-with-fathers"]
    known = dict.fromkeys(ids)
    document = {"worries": [{"text": "x", "themes": [f"unknown-{n}-theme"]} for n in range(100)]}
    problems, _ = check_references(document, {}, "data/briefings/x.yml", {"themes": known}, kind="briefing")
    assert len(problems) == 100
    assert sum(comparisons.values()) <= 100 * Nearest.BUDGET


def test_the_index_is_built_once_for_every_file():
    known = {"themes": dict.fromkeys(many_ids(5_000))}
    nearest = {}
    for n in range(3):
        check_references({"learning": [{"theme": f"nope-{n}"}]}, {}, "x.yml", known, kind="briefing", nearest=nearest)
    first = nearest["themes"]
    check_references({"learning": [{"theme": "nope"}]}, {}, "y.yml", known, kind="briefing", nearest=nearest)
    assert nearest["themes"] is first


@pytest.mark.parametrize("typo, meant", [
    ("cumulative-harms", "cumulative-harm"),             # one letter more at the end
    ("engagment-with-fathers", "engagement-with-fathers"),  # one letter less in the middle
    ("xumulative-harm", "cumulative-harm"),              # the first letter wrong
])
def test_the_id_meant_is_still_found_among_many(typo, meant):
    ids = many_ids(25_000) + ["cumulative-harm", "engagement-with-fathers"]
    assert f"(did you mean '{meant}'?)" in unknown_id("themes", typo, ids)


def test_the_closest_five_are_listed():
    said = unknown_id("themes", "voice-child-harms", many_ids(25_000))
    listed = said.split(" are ")[1].split(". To add")[0].split(", ")
    assert len(listed) == 5 and all("voice" in i or "harm" in i for i in listed)
    assert "the closest of the 25,000 theme ids in data/themes.yml" in said
