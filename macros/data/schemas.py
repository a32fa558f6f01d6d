"""The JSON Schemas in data/schema/, the single statement of the data format: read as ordinary files
only, their local `$ref`s resolved in one way for everyone, and what other modules ask of them
(which fields hold a date; what a pattern means, in `x-message`).

Every pattern in a schema names its meaning with `x-message` (an annotation JSON Schema leaves
alone): "id", "url", "text" (not blank) or "month". Messages come from that name, never from the
pattern's text, and the id pattern is written once, here: tests/test_schema.py checks each schema's
"id" patterns against it.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import DataError, Problem
from .kinds import DATA_KINDS
from .yamlload import read_regular

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "data" / "schema"  # the project's data/schema/
SCHEMA_FILES = tuple(k.schema for k in DATA_KINDS)  # the only files data/schema/ may hold and the site publishes
# An id: lower-case letters and digits, single hyphens between; a page's address (/themes/<id>/).
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
ID = re.compile(ID_PATTERN.strip("^$"))  # used with fullmatch, for ids read before a schema has judged them
REF = "#/$defs/"


def read_schema(schema_dir: Path, filename: str, name: str) -> str:
    """One of SCHEMA_FILES as text: a regular file in schema_dir (never a link), or DataError naming it."""
    if filename not in SCHEMA_FILES:
        raise DataError([Problem(name, None, f"is not one of the schema files ({', '.join(SCHEMA_FILES)}): remove it")])
    raw = read_regular(Path(schema_dir) / filename, name, schema_dir)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError([Problem(name, None, "is not UTF-8 text: restore it from git (git checkout -- data/schema)")]) from None


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    """The project's schema of a kind of file ("briefing", "themes" ...), parsed; DataError when it is not JSON."""
    name = f"data/schema/{kind}.schema.json"
    try:
        return json.loads(read_schema(SCHEMA_DIR, f"{kind}.schema.json", name))
    except json.JSONDecodeError as e:
        raise DataError([Problem(name, e.lineno, f"is not valid JSON ({e.msg}): restore it from git "
                                                 "(git checkout -- data/schema)")]) from None


def resolve(node: Any, defs: dict) -> Any:
    """A node whose `$ref` is a local definition ("#/$defs/x"): x's keywords under the node's own (its
    description wins). Any other node as it is."""
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith(REF):
        node = {**defs[node["$ref"][len(REF):]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def inline(node: Any, defs: dict) -> Any:
    """The schema with every local `$ref` resolved, all the way down (the same meaning: the schemas define
    nothing in terms of itself). Following a $ref is most of jsonschema's time."""
    node = resolve(node, defs)
    if isinstance(node, list):
        return [inline(v, defs) for v in node]
    if isinstance(node, dict):
        return {k: inline(v, defs) for k, v in node.items()}
    return node


@lru_cache(maxsize=None)
def inlined(kind: str) -> dict:
    s = schema(kind)
    return inline(s, s.get("$defs", {}))


def _is_date(node: Any) -> tuple[bool, bool]:
    """(holds a date, a month alone will do) for a (resolved) schema node."""
    if not isinstance(node, dict):
        return False, False
    branches = [b for b in node.get("anyOf", []) + node.get("oneOf", []) if isinstance(b, dict)]
    if node.get("format") == "date":
        return True, False
    if any(b.get("format") == "date" for b in branches):
        return True, any(b.get("x-message") == "month" for b in branches)
    return False, False


@lru_cache(maxsize=None)
def date_fields(kind: str) -> dict[str, bool]:
    """{field name: whether a month alone will do} for every property, at any depth, whose value is a date
    (or a list of dates) in the kind's schema."""
    found: dict[str, bool] = {}

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for value in node:
                walk(value)
            return
        if not isinstance(node, dict):
            return
        for name, prop in (node.get("properties") or {}).items():
            for candidate in (prop, prop.get("items") if isinstance(prop, dict) else None):
                is_date, month_ok = _is_date(candidate)
                if is_date:
                    found[name] = found.get(name, True) and month_ok
        for value in node.values():
            walk(value)

    walk(inlined(kind))
    return found


def patterns(node: Any, where: tuple = ()):
    """(where, pattern, x-message) of every pattern in a schema, for the test that keeps them in step."""
    if isinstance(node, dict):
        if "pattern" in node:
            yield where, node["pattern"], node.get("x-message")
        for key, value in node.items():
            yield from patterns(value, where + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from patterns(value, where + (i,))
