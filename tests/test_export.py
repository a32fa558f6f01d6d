"""Feeds and open data, without MkDocs: a valid Atom feed newest first, every finding in JSON and CSV."""
import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest

from conftest import FIXTURE_DATA, SCHEMAS, make_data
from macros.outputs import export
from macros.data.catalogue import load
from macros.pages.safe import plain_text

A = "{http://www.w3.org/2005/Atom}"
SITE = "https://briefings.example.org/"


@pytest.fixture(scope="module")
def cat():
    return load(FIXTURE_DATA)


def test_atom_feed_has_the_required_elements_newest_first(cat):
    feed = ET.fromstring(export.atom_feed(cat, SITE, "Briefings").encode())
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated"):
        assert feed.find(f"{A}{tag}").text
    assert feed.find(f"{A}author/{A}name").text == "Briefings"
    assert feed.find(f"{A}link[@rel='self']").get("href") == SITE + "feed.xml"
    entries = feed.findall(f"{A}entry")
    assert [e.find(f"{A}id").text for e in entries] == [
        SITE + "briefings/2022-12-engagement-with-fathers/", SITE + "briefings/2021-12-pre-school-children/"]
    for e in entries:
        assert e.find(f"{A}title").text and e.find(f"{A}summary").text
        assert e.find(f"{A}updated").text.endswith("T00:00:00Z")
        assert e.find(f"{A}link[@rel='alternate']").get("href") == e.find(f"{A}id").text
    assert feed.find(f"{A}updated").text == entries[0].find(f"{A}updated").text


def test_feed_text_is_escaped_xml(tmp_path):
    evil = """
title: "Fathers <script>alert(1)</script> & co"
type: rapid-review
date: 2023-05-02
summary: "A **bold** [link](https://example.org) & <b>tag</b>"
"""
    cat = load(make_data(tmp_path, {"briefings/2023-05-evil.yml": evil}, seeds=False))
    xml = export.atom_feed(cat, SITE, "B")
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    entry = ET.fromstring(xml.encode()).find(f"{A}entry")
    assert entry.find(f"{A}summary").text == "A bold link & <b>tag</b>"


def test_every_finding_is_in_the_json_and_the_csv(cat):
    data = json.loads(export.briefings_json(cat, SITE))
    rows = list(csv.DictReader(io.StringIO(export.findings_csv(cat))))
    # every worry, good practice and learning found, action and point in each fixture file, counted there
    counts = {"2022-12-engagement-with-fathers": 24, "2021-12-pre-school-children": 23}
    assert {x["id"]: len(x["findings"]) for x in data["briefings"]} == counts
    assert {b: sum(r["briefing"] == b for r in rows) for b in counts} == counts and len(rows) == 47
    for b in cat.briefings:
        texts = [item.text for _, _, item in b.all_items()]
        entry = next(x for x in data["briefings"] if x["id"] == b.id)
        assert sorted(f["text"] for f in entry["findings"]) == sorted(texts)
        assert entry["themes"] == b.theme_ids() and entry["agencies"] == b.agency_ids() and entry["needs"] == b.needs
        assert sorted(r["text"] for r in rows if r["briefing"] == b.id) == sorted(texts)
    tagged = next(r for r in rows if r["themes"])
    assert all(t in cat.themes for t in tagged["themes"].split("; "))


def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path):
    evil = """
title: Formula
type: rapid-review
date: 2023-05-02
summary: S
worries: ["=HYPERLINK(\\"http://x\\")", "+1", "@SUM(A1)", "plain"]
"""
    cat = load(make_data(tmp_path, {"briefings/2023-05-formula.yml": evil}, seeds=False))
    texts = [r["text"] for r in csv.DictReader(io.StringIO(export.findings_csv(cat)))]
    assert texts == ["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)", "plain"]


def test_schemas_are_published_beside_the_data(cat):
    out = export.files(cat, SITE, "B", SCHEMAS)
    assert {"feed.xml", "data/briefings.json", "data/findings.csv", "data/schema/briefing.schema.json"} <= set(out)
    assert json.loads(out["data/schema/briefing.schema.json"]) == json.loads((SCHEMAS / "briefing.schema.json").read_text())


def test_plain_text_keeps_words_and_drops_markup():
    assert plain_text("A **b** [c](http://x)\n\n_d_ `e`") == "A b c d e"
    assert plain_text("one two three four", limit=12) == "one two…"
