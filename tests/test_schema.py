"""The JSON Schemas: an independent validator agrees with the build.

check-jsonschema (a separate program, YAML 1.2 via ruamel) plays the part of an editor's
editor: what it accepts the build accepts, and what the build's schema check refuses it
refuses too. Both read an unquoted YAML date as its YYYY-MM-DD text.
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, SCHEMAS, write
from macros.data import schemas
from macros.data.kinds import DATA_KINDS
from macros.data.validate import check_schema
from macros.data.yamlload import load_yaml

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

MINIMAL = "title: T\ntype: rapid-review\ndate: 2023-05-02\nsummary: S\n"
VALID_BRIEFINGS = {
    "minimal": MINIMAL,
    "month-date": MINIMAL.replace("2023-05-02", "2023-05"),
    "quoted-date": MINIMAL.replace("2023-05-02", '"2023-05-02"'),
    "allow-with-reason": MINIMAL + "worries:\n  - text: Call 0117 903 6444\n    allow: [phone-number]\n    reason: The service's public number, checked by the business unit.\n",
    "full-item": MINIMAL + "good_practice:\n  - text: T\n    themes: [a]\n    agencies: [b]\n    resources: [c]\n    details: [d]\n",
}
INVALID_BRIEFINGS = {
    "unknown-field": MINIMAL + "wories: [x]\n",
    "missing-title": MINIMAL.replace("title: T\n", ""),
    "bad-type": MINIMAL.replace("rapid-review", "rapid-reveiw"),
    "impossible-date": MINIMAL.replace("2023-05-02", "2023-13-45"),
    "february-30": MINIMAL.replace("2023-05-02", "2023-02-30"),
    "date-with-time": MINIMAL.replace("2023-05-02", "2023-05-02T10:00:00"),
    "slashed-date": MINIMAL.replace("2023-05-02", "02/05/2023"),
    "number-summary": MINIMAL.replace("summary: S", "summary: 42"),
    "blank-title": MINIMAL.replace("title: T", "title: '  '"),
    "item-without-text": MINIMAL + "worries:\n  - themes: [a]\n",
    "unknown-item-field": MINIMAL + "worries:\n  - text: x\n    theme: [a]\n",
    "allow-without-reason": MINIMAL + "worries:\n  - text: x\n    allow: [postcode]\n",
    "reason-without-allow": MINIMAL + "worries:\n  - text: x\n    reason: checked\n",
    "allow-unknown-kind": MINIMAL + "worries:\n  - text: x\n    allow: [shoe-size]\n    reason: r\n",
    "zero-children": MINIMAL + "cohort:\n  children: 0\n",
    "one-age": MINIMAL + "cohort:\n  age_range: [2]\n",
    "bad-id": MINIMAL + "needs: [Domestic_Abuse]\n",
    "learning-without-theme": MINIMAL + "learning:\n  - found: [x]\n",
    "duplicate-needs": MINIMAL + "needs: [a, a]\n",
}
RESOURCE = "- id: r\n  title: R\n  kind: tool\n  description: D\n"
VALID_RESOURCES = {
    "minimal": RESOURCE,
    "reviewed": RESOURCE + "  url: https://example.org/x\n  reviewed: 2025-12-06\n  review_every: 6\n  owner: Business unit\n",
}
INVALID_RESOURCES = {
    "reviewed-impossible": RESOURCE + "  reviewed: 2025-02-30\n",
    "reviewed-month-only": RESOURCE + "  reviewed: 2025-12\n",
    "url-scheme": RESOURCE + "  url: javascript:alert(1)\n",
    "review-every-zero": RESOURCE + "  review_every: 0\n",
    "unknown-field": RESOURCE + "  reviwed: 2025-12-06\n",
    "bad-kind": RESOURCE.replace("tool", "leaflet"),
}


def data_files() -> list[Path]:
    """The fixture's data files: real briefings and registries, as editors write them."""
    return sorted(FIXTURE_DATA.glob("*.yml")) + sorted((FIXTURE_DATA / "briefings").glob("*.yml"))


def schema_for(path: Path) -> Path:
    return SCHEMAS / f"{'briefing' if path.parent.name == 'briefings' else path.stem}.schema.json"


def independent(schema: Path, files: list[Path]) -> set[str]:
    """The files check-jsonschema refuses (schema errors or parse errors)."""
    result = subprocess.run([str(CHECK_JSONSCHEMA), "--output-format", "json", "--schemafile", str(schema), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    assert result.returncode == (0 if report["status"] == "ok" else 1), result.stderr
    return {Path(e["filename"]).name for e in report.get("errors", []) + report.get("parse_errors", [])}


def by_build(kind: str, path: Path) -> list[str]:
    document, lines = load_yaml(path, path.name)
    return [str(p) for p in check_schema(kind, document, lines, path.name)]


@pytest.mark.parametrize("kind,valid,invalid", [
    ("briefing", VALID_BRIEFINGS, INVALID_BRIEFINGS),
    ("resources", VALID_RESOURCES, INVALID_RESOURCES),
])
def test_check_jsonschema_agrees_with_the_build(tmp_path, kind, valid, invalid):
    files = [write(tmp_path / f"valid-{n}.yml", t) for n, t in valid.items()]
    files += [write(tmp_path / f"invalid-{n}.yml", t) for n, t in invalid.items()]
    refused = independent(SCHEMAS / f"{kind}.schema.json", files)
    assert refused == {f"invalid-{n}.yml" for n in invalid}
    for path in files:
        problems = by_build(kind, path)
        assert bool(problems) == path.name.startswith("invalid-"), (path.name, problems)


def test_check_jsonschema_accepts_the_fixtures_data_files():
    files = data_files()
    for schema in {schema_for(p) for p in files}:
        assert independent(schema, [p for p in files if schema_for(p) == schema]) == set()


@pytest.mark.parametrize("schema", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_every_field_has_a_description_and_unknown_fields_are_refused(schema):
    """Editors see the descriptions as they type; a typo'd field name must be an error, at every level."""
    def walk(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node:
                assert node.get("additionalProperties") is False, f"{where} allows unknown fields"
                for name, sub in node.get("properties", {}).items():
                    assert sub.get("description"), f"{where}.{name} has no description"
            for k, v in node.items():
                walk(v, f"{where}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{where}/{i}")
    walk(json.loads(schema.read_text(encoding="utf-8")), schema.name)


def test_allow_without_reason_message(tmp_path):
    path = write(tmp_path / "b.yml", INVALID_BRIEFINGS["allow-without-reason"])
    [message] = by_build("briefing", path)
    assert message.startswith("b.yml:7: 'allow' needs 'reason' beside it")


@pytest.mark.parametrize("kind", [k.schema.removesuffix(".schema.json") for k in DATA_KINDS])
def test_every_pattern_says_what_it_means_and_the_id_pattern_is_written_once(kind):
    """Messages come from a pattern's `x-message`, not from its text; an id is the same everywhere."""
    found = list(schemas.patterns(schemas.schema(kind)))
    assert found and all(meaning in ("id", "url", "text", "month") for _, _, meaning in found), found
    ids = [pattern for _, pattern, meaning in found if meaning == "id"]
    assert ids and set(ids) == {schemas.ID_PATTERN}


def test_a_pattern_message_comes_from_x_message_not_from_the_patterns_text(tmp_path, monkeypatch):
    """A schema's id pattern written another way keeps its message: it is the annotation that says what it is."""
    from macros.data import validate
    doc = json.loads(schemas.read_schema(schemas.SCHEMA_DIR, "needs.schema.json", "data/schema/needs.schema.json"))
    doc["$defs"]["id"]["pattern"] = "^[0-9a-z]+(-[0-9a-z]+)*$"  # the same ids, written another way
    monkeypatch.setattr(schemas, "schema", lambda kind: doc)
    schemas.inlined.cache_clear()
    validate.validator.cache_clear()
    try:
        messages = list(validate.schema_findings("needs", [{"id": "Bad Id", "label": "L", "description": "D"}]).values())
    finally:
        schemas.inlined.cache_clear()
        validate.validator.cache_clear()
    assert messages == ["'Bad Id' is not a valid id: use lower-case letters, digits and single hyphens, e.g. cumulative-harm"]
