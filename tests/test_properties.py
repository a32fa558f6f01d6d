"""Property tests: valid records always load and render to safe HTML; no document crashes the loader."""
import datetime as dt
from html.parser import HTMLParser
from urllib.parse import urlsplit

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DATA
from macros.data.catalogue import Catalogue, load
from macros.pages.records import pages as render_pages
from macros.data.errors import DataError
from macros.data.guard import scan
from macros.data.model import BRIEFING_TYPES, Briefing
from macros.pages.render import Renderer
from macros.pages.safe import ATTRIBUTE_PREFIXES, ATTRIBUTES, TAGS, URL_SCHEMES
from macros.data.validate import check_references, check_schema
from macros.data.yamlload import jsonable, parse_yaml

REAL = load(FIXTURE_DATA)
REGISTRIES = {"themes": REAL.themes, "resources": REAL.resources, "agencies": REAL.agencies, "needs": REAL.needs,
              "glossary": REAL.glossary}
# Examples per test come from the profile (tests/conftest.py); these two are cheap, so they take more.
CHEAP = settings().max_examples * 3

# Text the loader accepts: no control characters but tab and newline (the loader refuses the rest, U+0085 too,
# which YAML would read as a line break), no surrogates, no U+2028/U+2029 separators, no U+FFFE/U+FFFF.
chars = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufffe\uffff") | st.sampled_from("\t\n")
text = st.text(chars, min_size=1, max_size=80).filter(lambda s: s.strip())
hostile = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% raw %}",
                           "[x](javascript:alert(1))", "[x](data:text/html,hi)", "![x](https://e.example/p.png)",
                           "x{: onclick=alert(1) }", "<a href=javascript:1>a</a>", "&lt;script&gt;", "`<b>`",
                           "[x](<javascript:alert(1)>)", "# heading", "1. list", "> quote", "| a | b |",
                           "[r]: javascript:alert(1)", "<!-- c -->", "<svg onload=alert(1)>", "\\<script>"])
any_text = st.one_of(text, hostile, st.builds(lambda a, b: a + " " + b, text, hostile))


def ids(kind):
    return st.lists(st.sampled_from(sorted(REGISTRIES[kind])), max_size=3, unique=True)


item = st.one_of(any_text, st.fixed_dictionaries(
    {"text": any_text}, optional={"themes": ids("themes"), "agencies": ids("agencies"),
                                  "resources": ids("resources"), "details": st.lists(any_text, max_size=2)}))
items = st.lists(item, max_size=4)
learning = st.fixed_dictionaries({"theme": st.sampled_from(sorted(REGISTRIES["themes"]))},
                                 optional={"heading": any_text, "found": items, "actions": items,
                                           "points": items, "resources": ids("resources")})
briefing = st.fixed_dictionaries(
    {"title": any_text, "type": st.sampled_from(sorted(BRIEFING_TYPES)),
     "date": st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2025, 12, 31)),
     "summary": any_text},
    optional={"cohort": st.fixed_dictionaries({}, optional={"children": st.integers(1, 500), "notes": any_text,
                                                            "age_range": st.tuples(st.integers(0, 12), st.integers(12, 25)).map(list)}),
              "needs": ids("needs"), "agencies": ids("agencies"), "worries": items, "good_practice": items,
              "learning": st.lists(learning, max_size=3), "resources": ids("resources"),
              "questions": st.lists(any_text, max_size=3)})

class SafeHTML(HTMLParser):
    """Every tag, attribute and link target in a page that the sanitiser's allowlist (macros.pages.safe) does not allow."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.bad.append(f"<{tag}>")
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed and not name.startswith(tuple(ATTRIBUTE_PREFIXES)):
                self.bad.append(f"{tag}[{name}]")
            if name == "href":  # a scheme the sanitiser allows, or a path within the site (not //another.host/)
                scheme = urlsplit(value or "").scheme.lower()
                if (scheme and scheme not in URL_SCHEMES) or (value or "").startswith("//"):
                    self.bad.append(f"href={value!r}")

    def handle_comment(self, data):
        self.bad.append("<!--")


def read(document) -> tuple:
    raw = yaml.safe_dump(document, allow_unicode=True, sort_keys=False).encode("utf-8")
    doc, lines = parse_yaml(raw, "data/briefings/2020-01-x.yml")
    return doc, lines


@given(briefing)
def test_valid_records_load_validate_and_render_to_safe_html(data):
    doc, lines = read(data)
    assert check_schema("briefing", doc, lines, "x.yml") == []
    assert check_references(doc, lines, "x.yml", REGISTRIES)[0] == []
    b = Briefing.from_data("2020-01-x", jsonable(doc))
    assert b.title == data["title"].strip() and len(b.worries) == len(data.get("worries", []))
    assert [i.text for i in b.good_practice] == [(i if isinstance(i, str) else i["text"]).strip() for i in data.get("good_practice", [])]
    cat = Catalogue(briefings=[b], registries=REGISTRIES)
    html = render_pages(Renderer(cat))["briefings/2020-01-x.md"].html
    parser = SafeHTML()
    parser.feed(html)
    assert parser.bad == [], (parser.bad, html)


json_like = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text | st.dates(),
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.one_of(text, st.integers()), inner, max_size=5),
                         max_leaves=20)


def only_data_errors(raw: bytes) -> None:
    try:
        doc, lines = parse_yaml(raw, "x.yml")
        problems = check_schema("briefing", doc, lines, "x.yml")
        check_references(doc, lines, "x.yml", REGISTRIES)  # as catalogue.load does, on every document that parses
        scan(jsonable(doc), lines, "x.yml")
        if not problems:  # the model reads only what the schema passed
            Briefing.from_data("2020-01-x", jsonable(doc))
        for p in problems:
            assert p.path == "x.yml" and p.message
    except DataError as e:
        assert e.problems and all(p.path == "x.yml" for p in e.problems)


def test_text_with_a_nel_is_refused_not_changed():
    """Hypothesis once found ['0\\x850'] loading as ['0 0']: PyYAML writes U+0085 raw, and reads it as a line break."""
    raw = yaml.safe_dump(["0\x850"], allow_unicode=True).encode("utf-8")
    try:
        parse_yaml(raw, "x.yml")
    except DataError as e:
        assert [p.line for p in e.problems] == [1] and "U+0085" in e.problems[0].message
    else:
        raise AssertionError("U+0085 was accepted")


@settings(max_examples=CHEAP, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=20), min_size=1, max_size=3))
def test_text_is_loaded_exactly_as_written_or_refused(values):
    """Whatever the characters, the loader gives back the very text, or refuses it with a line: never a changed text."""
    raw = yaml.safe_dump({"questions": values}, allow_unicode=True).encode("utf-8")
    try:
        doc, _ = parse_yaml(raw, "x.yml")
    except DataError as e:
        assert all(p.line for p in e.problems)
    else:
        assert doc == {"questions": values}


@settings(max_examples=CHEAP)
@given(json_like)
def test_arbitrary_documents_raise_only_data_errors(value):
    only_data_errors(yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@settings(max_examples=CHEAP)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_arbitrary_bytes_raise_only_data_errors(raw):
    only_data_errors(raw)


@given(briefing, st.sampled_from(["title", "type", "date", "summary", "worries", "cohort"]), json_like)
def test_a_valid_record_with_one_field_mangled_raises_only_data_errors(data, field, value):
    data = dict(data, **{field: value})
    only_data_errors(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


def test_ci_selects_a_derandomized_bounded_profile_with_a_deadline():
    """CI=true (GitHub Actions sets it) picks the "ci" profile: the same examples every run, and quick."""
    import os
    import subprocess
    import sys
    code = "import conftest; from hypothesis import settings; s = settings(); print(s.derandomize, s.max_examples, s.deadline, s.print_blob)"
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_PROFILE"}
    ci = subprocess.run([sys.executable, "-c", code], cwd=FIXTURE_DATA.parent.parent, env={**env, "CI": "true"},
                        capture_output=True, text=True, check=True).stdout.split()
    assert ci[0] == "True" and int(ci[1]) <= 100 and ci[2] != "None" and ci[3] == "True"
    dev = subprocess.run([sys.executable, "-c", code], cwd=FIXTURE_DATA.parent.parent, env={**env, "CI": ""},
                         capture_output=True, text=True, check=True).stdout.split()
    assert dev[0] == "False" and int(dev[1]) >= int(ci[1])
