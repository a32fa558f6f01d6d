"""The fast schema check (macros/fastschema.py) gives jsonschema's yes or no on every document.

validate.py trusts a yes from the fast check without asking jsonschema, so a document the fast
check accepts and jsonschema refuses would reach the site unchecked. These run both over the
tests' valid, invalid and hostile documents, and over documents made by breaking a valid briefing
or registry at one place, and require the same answer every time.
"""
import copy
import textwrap

import pytest
from hypothesis import given, strategies as st

from conftest import FIXTURE_DATA
from macros.data import fastschema
from macros.data.validate import validator
from macros.data.errors import DataError
from macros.data.yamlload import jsonable, parse_yaml
from test_catalogue import GOOD, SIX_MISTAKES
from test_render import HOSTILE
from test_robustness import HOSTILE_BRIEFING, REGISTRY_ENTRIES
from test_schema import INVALID_BRIEFINGS, INVALID_RESOURCES, VALID_BRIEFINGS, VALID_RESOURCES

KINDS = ("briefing", "resources", "themes", "agencies", "needs")


def jsonschema_accepts(kind, instance) -> bool:
    return not any(True for _ in validator(kind).iter_errors(instance))


def read(text: str):
    """The document as the build reads it, or None when it is not YAML the build can read."""
    try:
        document, _ = parse_yaml(textwrap.dedent(text).lstrip("\n").encode("utf-8"), "corpus.yml")
    except DataError:
        return None
    return jsonable(document)


def hostile_briefing(payload: str) -> dict:
    """tests/test_render.py's payload in every text field of a briefing."""
    return {"title": payload, "type": "rapid-review", "date": "2023-05-02", "summary": payload,
            "cohort": {"children": 3, "notes": payload}, "worries": [payload, {"text": payload, "details": [payload]}],
            "learning": [{"theme": "voice-of-the-child", "heading": payload, "found": [payload], "actions": [payload]}],
            "questions": [payload]}


# Where the drafts differ: draft 6 on counts 12.0 as a whole number; Python counts True as one.
MINIMAL = VALID_BRIEFINGS["minimal"]
EDGES = {"whole-number-float": MINIMAL + "cohort:\n  children: 12.0\n", "true-children": MINIMAL + "cohort:\n  children: true\n",
         "float-age": MINIMAL + "cohort:\n  age_range: [2.0, 16]\n"}
RESOURCE_EDGES = {"review-every-float": VALID_RESOURCES["minimal"] + "  review_every: 12.0\n",
                  "url-dollar": VALID_RESOURCES["minimal"] + "  url: https://$x\n"}


def corpus() -> list[tuple[str, str, object]]:
    """(name, kind, document) for every document the tests write, valid or not, and the fixture's data files."""
    docs = [(f"test_schema {n}", "briefing", read(t)) for n, t in {**VALID_BRIEFINGS, **INVALID_BRIEFINGS}.items()]
    docs += [(f"test_schema {n}", "resources", read(t)) for n, t in {**VALID_RESOURCES, **INVALID_RESOURCES}.items()]
    docs += [(n, "briefing", read(t)) for n, t in EDGES.items()] + [(n, "resources", read(t)) for n, t in RESOURCE_EDGES.items()]
    docs += [(f"test_render hostile {i}", "briefing", hostile_briefing(p)) for i, p in enumerate(HOSTILE)]
    docs += [("test_robustness hostile", "briefing", read(HOSTILE_BRIEFING))]
    docs += [(f"test_robustness {f}", f.removesuffix(".yml"), read(t)) for f, t in REGISTRY_ENTRIES.items()]
    docs += [("test_catalogue good", "briefing", read(GOOD)), ("test_catalogue mistakes", "briefing", read(SIX_MISTAKES))]
    data = FIXTURE_DATA  # the tests' data, never the live data/ (tests/conftest.py)
    docs += [(p.name, "briefing", read(p.read_text(encoding="utf-8"))) for p in sorted((data / "briefings").glob("*.yml"))]
    docs += [(p.name, p.stem, read(p.read_text(encoding="utf-8"))) for p in sorted(data.glob("*.yml"))]
    return [d for d in docs if d[2] is not None]


CORPUS = corpus()


def test_the_corpus_holds_documents_both_accept_and_both_refuse():
    answers = {jsonschema_accepts(kind, doc) for _, kind, doc in CORPUS}
    assert answers == {True, False}


@pytest.mark.parametrize("name,kind,document", CORPUS, ids=[c[0] for c in CORPUS])
def test_the_fast_check_answers_as_jsonschema_on_every_test_document(name, kind, document):
    assert fastschema.accepts(kind, document) == jsonschema_accepts(kind, document)


# What an editor's mistake can put in one place of a document: each of YAML's kinds of value, and
# text that is nearly right (a blank, a final newline, an impossible day, a month, a bad id or address).
SCALARS = st.sampled_from([
    None, True, False, 0, 1, -1, 3, 26, 12.0, 1.5, "", " ", "\t\n", "x", "x\n", "T", "a", "a-b", "A_b", "a--b", "-a",
    "2023-05-02", "2023-05", "2023-5-2", "2023-02-30", "2024-02-29", "2023-13", "2023-05-02T10:00:00", "02/05/2023",
    "rapid-review", "tool", "done", "postcode", "not-started", "https://example.org/x", "http://e.org", "https://",
    "https:///x", "https://e.org/a b", "javascript:alert(1)", "https://e.org/x\n", "$", "x" * 161, "١٢", "2023-05-02\n"])
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["text", "theme", "themes", "allow", "reason", "id", "title", "x", "owner", "due", "status"]),
    inner, max_size=3), max_leaves=6)


def places(node, path=()):
    """Every path in the document, with whether it names a mapping's key (which can be deleted)."""
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from places(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from places(value, path + (i,))


def broken(document, path, how, value):
    doc = copy.deepcopy(document)
    if not path:
        return value
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    if how == "delete":
        del parent[path[-1]]
    elif how == "add" and isinstance(parent, dict):
        parent[f"{path[-1]}_x"] = value
    else:
        parent[path[-1]] = value
    return doc


VALID = [(kind, doc) for _, kind, doc in CORPUS if jsonschema_accepts(kind, doc)]


@given(st.data())
def test_a_document_broken_in_one_place_gets_the_same_answer_from_both(data):
    kind, document = data.draw(st.sampled_from(VALID))
    path = data.draw(st.sampled_from(list(places(document))))
    how = data.draw(st.sampled_from(["replace", "delete", "add"]))
    doc = broken(document, path, how, data.draw(VALUES))
    assert fastschema.accepts(kind, doc) == jsonschema_accepts(kind, doc), (kind, path, how, doc)


def test_a_keyword_without_a_known_draft_4_meaning_stops_the_translation():
    with pytest.raises(fastschema.Untranslatable, match="prefixItems"):
        fastschema.draft4({"type": "array", "prefixItems": [{"type": "string"}]})


def test_a_dollar_inside_a_set_stays_a_plain_dollar():
    check = fastschema.fastjsonschema.compile(fastschema.draft4({"type": "string", "pattern": "^[^$]x$"}))
    check("ax")
    with pytest.raises(fastschema.fastjsonschema.JsonSchemaException):
        check("$x")
    with pytest.raises(fastschema.fastjsonschema.JsonSchemaException):
        check("ax\n")  # a closing $ is the end of the text, as in validate.py


_DATES = ["2024-02-29", "2023-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "2023-01-00", "0000-01-01", "2023-1-01",
          "2023-01-1", "20230101", "2023-01-01T00:00", "2023-01-01 ", " 2023-01-01", "2023-01-01\n", "2023-W01-1",
          "2023-001", "２０２３-01-01", "٢٠٢٣-01-01", "2023-01", "", "9999-12-31", 20230101, None, ["2023-01-01"]]


@pytest.mark.parametrize("value", _DATES, ids=[repr(v) for v in _DATES])
def test_the_date_check_is_jsonschemas(value):
    """The fast check's `format: date` (written so that jsonschema need not be imported) says what jsonschema's says."""
    from jsonschema import Draft202012Validator
    assert fastschema._is_date(value) == Draft202012Validator.FORMAT_CHECKER.conforms(value, "date")


@given(st.text(alphabet="0123456789-T: ٢２", max_size=12))
def test_the_date_check_is_jsonschemas_on_any_text(value):
    from jsonschema import Draft202012Validator
    assert fastschema._is_date(value) == Draft202012Validator.FORMAT_CHECKER.conforms(value, "date")
