"""Whole-site robustness: hostile text inert everywhere, odd-but-valid text accepted, nothing lost on failure."""
import hashlib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, build_site, page_text, write
from macros.yamlload import strings

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
        due: 2020-01
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
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serving(hostile_site) as url:
        try:
            page.goto(url + "/")
            page.keyboard.press("/")
            page.keyboard.type("Hostile", delay=20)
            page.wait_for_selector(".sg-search__results li a")
            results = page.inner_html(".sg-search__results")
            assert "2023-01-hostile" in results
            assert live_payloads(results) == [] and "<script" not in results
            assert "&lt;script&gt;" in results or "alert" in page.inner_text(".sg-search__results")
            page.wait_for_timeout(300)
            assert dialogs == []
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


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_failed_make_build_leaves_site_byte_identical(tmp_path):
    project = copy_project(tmp_path / "p")
    for name in ("Makefile", "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tools", project / "tools")  # the Makefile's set-up script
    venv = Path(sys.prefix)
    make = ["make", "--no-print-directory", "build", f"VENV={venv}", f"PY={sys.executable}"]
    stamp = venv / ".runtime"
    if not stamp.exists():
        pytest.skip("the Makefile's venv stamp is missing: run through `make test`")
    first = subprocess.run(make, cwd=project, capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree_digest(project / "site")
    briefing = project / "data/briefings/2021-12-pre-school-children.yml"
    briefing.write_text(briefing.read_text().replace("type: multi-agency-audit", "type: multi-agency-audti"))
    second = subprocess.run(make, cwd=project, capture_output=True, text=True)
    assert second.returncode != 0
    assert "data/briefings/2021-12-pre-school-children.yml:5: type 'multi-agency-audti' is not one of" in second.stdout + second.stderr
    assert "did you mean 'multi-agency-audit'?" in second.stdout + second.stderr
    assert tree_digest(project / "site") == before


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
    result = subprocess.run([sys.executable, "-m", "macros.check", str(data)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_only_the_known_schema_files_are_published_and_only_as_files(tmp_path):
    from macros import export
    from macros.catalogue import load
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
    from macros.errors import DataError
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
    from macros import export
    from macros.catalogue import load
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
    result = subprocess.run([sys.executable, "-m", "macros.check", str(data)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/briefings/2023-01-x.yml:1: has " in result.stderr


def test_a_megabyte_of_awkward_text_checks_in_seconds(tmp_path):
    """100 KB of 'a.a.a.' once took `make check` 79 s (the email pattern backtracked). A generous bound."""
    import time
    from conftest import make_data
    from macros.catalogue import load
    from macros.yamlload import MAX_BYTES
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
