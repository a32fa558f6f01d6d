"""Whole-site robustness: hostile text inert everywhere (pages, feeds, data, search), odd-but-valid text accepted, bad data reported without a traceback."""
import json
import re
import subprocess
import sys
import unicodedata
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT, copy_project, build_site, page_text, write
from macros.data.yamlload import strings

# Each payload, if it ever became live, would leave a mark the assertions below look for.
PAYLOADS = ['<script>alert("s1")</script>', "<img src=x onerror=alert(2)>", "[c](javascript:alert(3))",
            '{{ "pwn" ~ "ed" }}', "{% if true %}jinja-ran{% endif %}", "[d](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href='javascript:alert(4)'>a</a>", "x{: onclick=alert(5) }", "![t](https://tracker.example/t.png)",
            "See x](https://partnership.example [the toolkit](javascript:alert(document.cookie))",
            "[v]( java\tscript:alert(6)) <javascript:alert(7)> [f](file:///etc/passwd)"]
# Only possible in the fields that hold paragraphs: a reference definition inside a list item.
REFDEF = "- [r]: javascript:alert(8)\n\nRead [the guidance][r]."
P = " ".join(PAYLOADS)


def q(text: str) -> str:
    return json.dumps(text)  # JSON strings are valid YAML scalars


HOSTILE_BRIEFING = f"""
title: {q("Hostile " + P)}
type: learning-briefing
date: 2023-01-10
summary: {q(P + chr(10) + chr(10) + REFDEF)}
cohort:
  children: 3
  notes: {q(P)}
needs: [hostile-need]
agencies: [hostile-agency]
worries:
  - {q(P)}
  - text: {q(P)}
    details: [{q(P)}]
    source_note: {q(P)}
    themes: [hostile-theme]
    agencies: [hostile-agency]
    resources: [hostile-resource]
good_practice:
  - text: {q(P)}
    agencies: [hostile-agency]
learning:
  - theme: hostile-theme
    heading: {q(P)}
    found: [{q(P)}]
    actions:
      - {q(P)}
      - text: {q(P)}
        owner: hostile-agency
        due: 2023-06
        status: in-progress
        evidence: {q(P + chr(10) + chr(10) + REFDEF)}
    points: [{q(P)}]
    resources: [hostile-resource]
resources: [hostile-resource]
used_by:
  - team: {q(P)}
    agency: hostile-agency
    date: 2023-02-01
    how: {q(P)}
    change: {q(P)}
questions: [{q(P)}]
key_messages: [{q(P[:150])}]
"""
REGISTRY_ENTRIES = {
    "themes.yml": f"- id: hostile-theme\n  title: {q(P)}\n  summary: {q(P)}\n  questions: [{q(P)}]\n  resources: [hostile-resource]\n",
    "resources.yml": f"- id: hostile-resource\n  title: {q(P)}\n  kind: tool\n  description: {q(P)}\n  publisher: {q(P)}\n  use_when: {q(P)}\n"
                     f"  owner: {q(P)}\n  url: \"https://example.org/a?b=<script>&c=\\\"x\\\"\"\n",
    "agencies.yml": f"- id: hostile-agency\n  name: {q(P)}\n  full_name: {q(P)}\n  description: {q(P)}\n",
    "needs.yml": f"- id: hostile-need\n  label: {q(P)}\n  description: {q(P)}\n  resources: [hostile-resource]\n",
}


class LiveMarks(HTMLParser):
    """Real tags and attributes (not escaped text) that a payload would create if it escaped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            # Links only to the web, mail, this site (relative) or a place on the page: no other scheme.
            if name in ("href", "src", "action", "formaction") and re.match(r"[a-z][a-z0-9+.-]*:", value) \
                    and not value.startswith(("http://", "https://", "mailto:")):
                self.found.append(f"<{tag} {name}={value[:20]}>")
            if name == "src" and "tracker.example" in value:
                self.found.append("remote image")

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append("script content")
        if "pwned" in data:
            self.found.append("evaluated Jinja")


def live_payloads(html: str) -> list[str]:
    parser = LiveMarks()
    parser.feed(html)
    return parser.found


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "p")
    write(project / "data/briefings/2023-01-hostile.yml", HOSTILE_BRIEFING)
    for name, entry in REGISTRY_ENTRIES.items():
        with open(project / "data" / name, "a", encoding="utf-8") as f:
            f.write(entry)
    out = tmp / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_no_payload_is_live_anywhere_in_the_site(hostile_site):
    checked = 0
    for path in hostile_site.rglob("*.html"):
        assert live_payloads(path.read_text(encoding="utf-8")) == [], path
        checked += 1
    assert checked > 40


def test_feed_and_open_data_carry_payloads_as_plain_text(hostile_site):
    """Feed readers render Atom text of type html: ours is all type text. JSON and CSV are data, kept verbatim."""
    import xml.etree.ElementTree as ET
    feed = ET.parse(hostile_site / "feed.xml").getroot()
    kinds = {el.get("type") for el in feed.iter() if el.tag.endswith(("title", "summary", "content", "subtitle"))}
    assert kinds <= {None, "text"}
    assert any(P in (el.text or "") for el in feed.iter())
    data = json.loads((hostile_site / "data/briefings.json").read_text(encoding="utf-8"))
    assert P in [text for _, text in strings(data)]
    csv_text = (hostile_site / "data/findings.csv").read_text(encoding="utf-8")
    assert P.replace('"', '""') in csv_text


@pytest.mark.parametrize("url", ["briefings/2023-01-hostile/", "themes/hostile-theme/", "resources/hostile-resource/",
                                 "agencies/hostile-agency/", "needs/hostile-need/"])
def test_payloads_are_shown_as_text(hostile_site, url):
    text = page_text(hostile_site, url)
    assert '<script>alert("s1")</script>' in text
    assert '{{ "pwn" ~ "ed" }}' in text and "{% if true %}jinja-ran{% endif %}" in text


def test_search_results_show_payloads_only_as_text(hostile_site, browser):
    """Pagefind's index is built from the pages; the search box must put what it returns in as text."""
    from conftest import serving
    from test_csp import RECORD_VIOLATIONS
    from test_search_box import search
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serving(hostile_site) as url:
        try:
            assert "/briefings/2023-01-hostile/" in search(page, url, "Hostile")  # the whole query's results are in
            results = page.inner_html(".sg-search__results")
            assert live_payloads(results) == [] and "<script" not in results
            title = page.locator('.sg-search__results a[href="/briefings/2023-01-hostile/"]').inner_text()
            assert " ".join(title.split()) == " ".join(f"Hostile {P}".split())  # the whole title, every payload as text
            # A payload made live would have run (a dialog) or been refused by the policy (a violation).
            assert dialogs == [] and page.evaluate("window.sgViolations") == []
        finally:
            context.close()


ODD = "\ufeff" + """title: Ymgysylltu â Thadau – “Łódź” and the naïve ‘fathers’ it's
type: practice-review
date: 2023-02-01
summary: |
  A summary with **bold words**, _emphasis_ and a list:

  - first point
  - second point

  Quotes of every kind: "double", 'single', “curly”, ‘curly’, «guillemets», it’s, don't.
worries:
  - {long}
  - Ymgysylltu â Thadau – Łódź – naïve
""".replace("{long}", "Long finding " + "with many words " * 400 + "end.").replace("\n", "\r\n")


def test_odd_but_valid_text_is_accepted_and_shown(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "data/briefings/2023-02-odd.yml").write_bytes(ODD.encode("utf-8"))
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "briefings/2023-02-odd/index.html").read_text(encoding="utf-8")
    text = page_text(out, "briefings/2023-02-odd/")
    assert "Ymgysylltu â Thadau – “Łódź” and the naïve ‘fathers’ it's" in text
    assert "<strong>bold words</strong>" in html and "<em>emphasis</em>" in html
    assert re.search(r"<li>first point</li>\s*<li>second point</li>", html)
    assert "«guillemets», it’s, don't." in text
    assert "with many words " * 400 + "end." in text + " "


@pytest.mark.parametrize("files, expected", [
    ({"briefings/2023-05-a.yml": ""}, "data/briefings/2023-05-a.yml:1: is empty"),
    ({"briefings/2023-05-a.yml": "title: [unclosed\n"}, "data/briefings/2023-05-a.yml:2:"),
    ({"briefings/2023-05-A.yml": "title: x\n"}, "data/briefings/2023-05-A.yml: file name should be YYYY-MM-short-title.yml in lower case"),
    # each of these once passed `make check` or crashed it, and crashed the build
    ({"resources.yml": "- id: r\n  title: R\n  kind: tool\n  description: D\n  reviewed: 9999-12-31\n"}, "data/resources.yml:5: reviewed"),
    ({"resources.yml": "- id: r\n  title: R\n  kind: tool\n  description: D\n  review_every: 12.0\n"}, "data/resources.yml:5: review_every"),
    ({"resources.yml": "- id: r\n  title: R\n  kind: tool\n  description: D\n  url: https://[x]/\n"}, "data/resources.yml:5: url"),
    ({"briefings/2023-05-a.yml": "title: T\ncohort:\n  children: " + "9" * 5000 + "\n"}, "data/briefings/2023-05-a.yml:3: has a number"),
    ({"briefings/2023-05-a.yml": 'title: "Emoji \\ud83d\\ude00"\n'}, "data/briefings/2023-05-a.yml:1: has a character"),
])
def test_make_check_reports_without_traceback(tmp_path, files, expected):
    from conftest import make_data
    data = make_data(tmp_path, files)
    result = subprocess.run([sys.executable, "-m", "macros.tools.check", str(data)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_only_the_known_schema_files_are_published_and_only_as_files(tmp_path):
    from macros.outputs import export
    from macros.data.catalogue import load
    from conftest import make_data
    data = make_data(tmp_path)
    (data / "schema/environ.schema.json").symlink_to("/proc/self/environ")
    (data / "schema/notes.json").write_text('{"private": "not for publishing"}')
    cat = load(data)
    out = export.files(cat, "https://example.org/", "Site", data / "schema")
    assert sorted(k for k in out if k.startswith("data/schema/")) == sorted(
        f"data/schema/{kind}.schema.json" for kind in ("briefing", "themes", "resources", "agencies", "needs", "glossary"))
    assert out["data/schema/briefing.schema.json"] == (data / "schema/briefing.schema.json").read_text(encoding="utf-8")
    (data / "schema/needs.schema.json").unlink()
    (data / "schema/needs.schema.json").symlink_to("/proc/self/environ")
    from macros.data.errors import DataError
    with pytest.raises(DataError) as e:
        export.files(cat, "https://example.org/", "Site", data / "schema")
    assert str(e.value).startswith("data/schema/needs.schema.json: is a link") and "PATH=" not in str(e.value)


# Valid, but everything a feed reader's strict XML parser or a naive writer might trip on.
AWKWARD = ['Tab\there and a line\nbreak', "Emoji 😀 and \\U0001F600 by escape", "]]> & < > \" ' &amp; &#0; &#x1;",
           "Right-to-left \u202e mark, zero\u200bwidth, joiner\u200d, BOM\ufeff inside", "Combining e\u0301 and \ufffd",
           "Private use \ue000 and U+FDD0 \ufdd0", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'x'>]>&e;"]


def test_the_atom_feed_of_a_hostile_but_valid_corpus_parses_strictly(tmp_path):
    import xml.dom.minidom
    from xml.etree import ElementTree as ET
    from conftest import make_data
    from macros.outputs import export
    from macros.data.catalogue import load
    def u(text: str) -> str:  # a double-quoted YAML scalar with the characters themselves, not escapes
        return json.dumps(text, ensure_ascii=False).replace("\\\\U0001F600", "\\U0001F600")  # one escape YAML itself reads
    lines = "\n".join(f"  - {u(t)}" for t in AWKWARD)
    data = make_data(tmp_path, {"briefings/2023-01-awkward.yml": f"title: {u(' | '.join(AWKWARD))}\ntype: learning-briefing\n"
                                                                 f"date: 2023-01-10\nsummary: {u(' '.join(AWKWARD))}\nworries:\n{lines}\n"})
    cat = load(data)
    feed = export.atom_feed(cat, "https://example.org/", "Site & <Partnership>")
    xml.dom.minidom.parseString(feed.encode("utf-8"))  # expat: refuses any character XML 1.0 does not allow
    root = ET.fromstring(feed.encode("utf-8"))
    titles = [el.text for el in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Emoji 😀 and 😀 by escape" in " ".join(titles) and "]]> & < >" in " ".join(titles)


@pytest.mark.parametrize("escape", ["\\x01", "\\0", "\\x7f", "\\x85", "\\uFFFE", "\\ud83d\\ude00", "\\x0c"])
def test_text_the_feed_cannot_hold_is_refused_by_check_with_its_line(tmp_path, escape):
    from conftest import make_data
    data = make_data(tmp_path, {"briefings/2023-01-x.yml": f'title: "Bad {escape} title"\ntype: learning-briefing\n'
                                                            "date: 2023-01-10\nsummary: S\n"}, seeds=False)
    result = subprocess.run([sys.executable, "-m", "macros.tools.check", str(data)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/briefings/2023-01-x.yml:1: has " in result.stderr


def test_a_megabyte_of_awkward_text_checks_in_seconds(tmp_path):
    """100 KB of 'a.a.a.' once took `make check` 79 s (the email pattern backtracked). A generous bound."""
    import time
    from conftest import make_data
    from macros.data.catalogue import load
    from macros.data.yamlload import MAX_BYTES
    runs = ["a." * 60_000, "0 " * 60_000, "a@" * 60_000, "9" * 120_000, " " * 120_000, "-" * 120_000,
            "\u00a0\u2013" * 24_000, "born DOB " * 13_000]
    text = ("title: Awkward\ntype: learning-briefing\ndate: 2023-01-10\nsummary: S\nworries:\n"
            + "".join(f"  - {json.dumps('x ' + r + ' x', ensure_ascii=False)}\n" for r in runs))
    assert 0.9 * MAX_BYTES < len(text.encode("utf-8")) <= MAX_BYTES
    data = make_data(tmp_path, {"briefings/2023-01-awkward.yml": text}, seeds=False)
    start = time.perf_counter()
    cat = load(data)
    assert time.perf_counter() - start < 20
    assert len(cat.briefings[0].worries) == len(runs)


# ---- The privacy corpus (issue 17): every kind of identifier, in every text field of every kind of file, in
# every spelling that once got past the guard. The build must stop; the same corpus without the identifiers
# must build, and what it publishes must hold none, by a scanner that shares no code with the guard.
IDENTIFIERS = {"nhs-number": "943 476 5919", "phone-number": "07700 900123", "postcode": "BS1 4DJ",
               "email": "jane.doe@example.com", "date-of-birth": "born 2015-03-04", "name": "Jayden"}
FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@"}
ARABIC_INDIC = {str(d): chr(0x0660 + d) for d in range(10)}
SPELLINGS = [  # each a way to write v that a reader still reads as v
    lambda v: v,
    lambda v: v.replace(" ", "&#32;"), lambda v: v.replace(" ", "&#x20;"), lambda v: v.replace(" ", "&nbsp;"),
    lambda v: f"&#{ord(v[0])};{v[1:]}",                               # a character reference
    lambda v: re.sub(r"([-.@])", r"\\\1", v),                         # Markdown's backslash escapes
    lambda v: f"{v[:2]}*{v[2:-2]}*{v[-2:]}", lambda v: f"{v[:2]}`{v[2:-2]}`{v[-2:]}", lambda v: f"_{v}_",
    *[lambda v, c=c: v[:3] + c + v[3:] for c in "\u200b\u00ad\u2060\u034f\u180e\ufeff\u200d"],  # invisible characters
    lambda v: "".join(FULL_WIDTH.get(c, c) for c in v), lambda v: "".join(ARABIC_INDIC.get(c, c) for c in v),
    lambda v: f"[write](mailto:{v.replace('@', '%40')})" if "@" in v else v,
]
PAIRS = sorted({(kind, spell(value)) for kind, value in IDENTIFIERS.items() for spell in SPELLINGS})
# Every text field of every kind of file, one placeholder each on a line of its own.
CORPUS = {
    "briefings/2023-01-privacy.yml": """title: {}
type: learning-briefing
date: 2023-01-10
source: 2023-01-privacy.txt
summary: {}
key_messages:
  - {}
cohort:
  children: 3
  notes: {}
needs: [privacy-need]
agencies: [privacy-agency]
worries:
  - {}
  - text: {}
    details:
      - {}
    source_note: {}
    themes: [privacy-theme]
good_practice:
  - text: {}
learning:
  - theme: privacy-theme
    heading: {}
    found:
      - {}
    actions:
      - {}
      - text: {}
        owner: privacy-agency
        due: 2024-01
        status: in-progress
        evidence: {}
    points:
      - {}
    resources: [privacy-resource]
resources: [privacy-resource]
used_by:
  - team: {}
    agency: privacy-agency
    date: 2023-02-01
    how: {}
    change: {}
questions:
  - {}
""",
    "themes.yml": "- id: privacy-theme\n  title: {}\n  summary: {}\n  questions:\n    - {}\n  resources: [privacy-resource]\n",
    "resources.yml": "- id: privacy-resource\n  title: {}\n  kind: tool\n  description: {}\n  use_when: {}\n  publisher: {}\n"
                     "  owner: {}\n",
    "agencies.yml": "- id: privacy-agency\n  name: {}\n  full_name: {}\n  description: {}\n",
    "needs.yml": "- id: privacy-need\n  label: {}\n  description: {}\n  resources: [privacy-resource]\n",
    "sources/2023-01-privacy.txt": "{}\n\n{}\n\n{}\n",
}
# What a name, an id and a link hold: the site publishes each as (part of) an address.
NAMED = {"briefings/2022-12-dad-{}.yml": ("born-2015-03-04-nhs-943-476-5919", "and-son"),
         "themes.yml": ("- id: family-at-bs1-4dj\n  title: T\n  summary: S\n", "- id: family-at-home\n  title: T\n  summary: S\n"),
         "resources.yml": ("  url: https://example.org/contact?email=jane.doe%40example.com\n", "  url: https://example.org/contact\n")}
UPLOAD = ("docs/assets/uploads/jayden-born-2015-03-04.png", "docs/assets/uploads/a-family.png")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
NEUTRAL = "a note with zero\u200bwidth, &amp;, *emphasis*, `code`, \\- and [a link](https://example.org/)"


def privacy_corpus(project: Path, identifiers: bool) -> dict[tuple[str, int], list[str]]:
    """Write the corpus into a copied project; {(data file, line): [kinds there]} of every identifier placed.
    Without identifiers, each field holds the same words with '[removed]' where the identifier was."""
    placed: dict[tuple[str, int], list[str]] = {}
    pairs = iter(PAIRS * 3)
    for name, template in CORPUS.items():
        target = project / "data" / name
        before = target.read_text(encoding="utf-8").count("\n") if target.exists() else 0  # registries: appended
        lines, out = template.split("\n"), []
        for number, line in enumerate(lines, 1):
            while "{}" in line:
                chosen = [p for p in (next(pairs, None) for _ in range(3)) if p]
                text = "Note: " + " and ".join(spelled if identifiers else "[removed]" for _, spelled in chosen) + ". " + NEUTRAL
                if name.endswith(".txt"):
                    line = line.replace("{}", text, 1)
                else:
                    line = line.replace("{}", json.dumps(text, ensure_ascii=False), 1)
                if identifiers and chosen:
                    placed[(f"data/{name}", before + number)] = [kind for kind, _ in chosen]
            out.append(line)
        with open(target, "a", encoding="utf-8") as f:
            f.write("\n".join(out))
    assert sum(map(len, placed.values())) >= len(PAIRS) or not identifiers, "every (kind, spelling) placed at least once"
    for name, (hostile, clean) in NAMED.items():
        if name.startswith("briefings/"):
            write(project / "data" / name.format(hostile if identifiers else clean),
                  "title: T\ntype: learning-briefing\ndate: 2022-12-01\nsummary: S\nagencies: [privacy-agency]\n")
        else:
            with open(project / "data" / name, "a", encoding="utf-8") as f:
                f.write(hostile if identifiers else clean)
    upload = project / UPLOAD[0 if identifiers else 1]
    upload.parent.mkdir(parents=True, exist_ok=True)
    upload.write_bytes(PNG)
    (project / "data/guard-names.txt").write_text("Jayden\n", encoding="utf-8")
    return placed


# A scanner of its own, deliberately simple: the text of a page (scripts, styles and icons left out), and the
# attributes people read; decoded, with what cannot be seen dropped; then long runs of digits, addresses, and
# the corpus's own identifiers in their plainest form.
INVISIBLE = dict.fromkeys(c for c in range(0x10000) if unicodedata.category(chr(c)) in ("Cf", "Mn")) | {0x3164: None}


def readable(raw: str, suffix: str) -> str:
    if suffix in (".html", ".xml"):
        raw = re.sub(r"(?s)<(script|style|svg)\b.*?</\1>|<!--.*?-->", "|", raw)
        attributes = re.findall(r'\s(?:content|title|alt|aria-label|href|id|term|label)="([^"]*)"', raw)
        raw = re.sub(r"</?(?:em|strong|code|a|span|b|i|small)\b[^>]*>", "", raw)
        raw = re.sub(r"<[^>]*>", "|", raw) + "|" + "|".join(attributes)
    return raw


def leaks(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", unescape(unescape(unquote(text))).translate(INVISIBLE))
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    flat = re.sub(r"(?<=[0-9A-Za-z@])[ .\-*_`\\]{1,3}(?=[0-9A-Za-z@])", "", text).lower()
    found = re.findall(r"\d{10,}", flat) + re.findall(r"[a-z0-9]+@[a-z0-9]+\.[a-z]", flat)
    return found + [v for v in ("9434765919", "07700900123", "bs14dj", "janedoe@examplecom", "born20150304", "jayden")
                    if v in flat]


def test_the_independent_scanner_finds_the_corpus_identifiers_in_every_spelling():
    """The scanner can fail: it finds each identifier as the hostile corpus spells it, as text and as HTML."""
    for kind, spelled in PAIRS:
        assert leaks(readable(f"<p>Note: {escape(spelled)}</p>", ".html")), (kind, spelled)
    assert leaks(readable("<p>NHS 94<em>3 476 59</em>19</p>", ".html")) == ["9434765919", "9434765919"]


@pytest.fixture(scope="module")
def privacy_projects(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("privacy")
    hostile, clean = copy_project(tmp / "hostile"), copy_project(tmp / "clean")
    return (hostile, privacy_corpus(hostile, True)), (clean, privacy_corpus(clean, False))


def test_the_privacy_corpus_stops_the_build_at_every_line_and_no_message_repeats_an_identifier(privacy_projects, tmp_path):
    (project, placed), _ = privacy_projects
    result = build_site(project, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    assert not (tmp_path / "site" / "index.html").exists()
    from macros.data.identifiers import KINDS
    for (name, line), kinds in placed.items():  # each identifier placed, each found: as many of each kind as placed
        for kind in set(kinds):
            assert out.count(f"{name}:{line}: this looks like {KINDS[kind]} (") >= kinds.count(kind), (name, line, kind)
    for said in ("data/briefings/2022-12-dad-bo••-••••-••-••-nhs-94•-•••-••••.yml: the file name looks like",
                 "data/themes.yml:", "a UK postcode ('bs•-•••')", "an email address ('ja••.•••@",
                 "docs/assets/uploads/ja••••-bo••-••••-••-••.png: the file name looks like"):
        assert said in out, said
    assert leaks(out) == []


def test_the_privacy_corpus_without_identifiers_builds_and_publishes_none(privacy_projects, tmp_path):
    _, (project, _) = privacy_projects
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "briefings/2023-01-privacy/index.html").exists() and (site / "briefings/2022-12-dad-and-son/index.html").exists()
    read = 0
    for path in site.rglob("*"):
        where = path.relative_to(site).as_posix()
        assert leaks(where) == [], where  # every address and file name
        if path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".yml") and not where.startswith("admin/"):
            assert leaks(readable(path.read_text(encoding="utf-8"), path.suffix)) == [], where
            read += 1
    assert read > 60
    page = (site / "briefings/2023-01-privacy/index.html").read_text(encoding="utf-8")
    assert "[removed]" in page and 'property="og:description" content="Note: [removed]' in page
