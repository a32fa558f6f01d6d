"""A fast yes/no for "does this document pass its schema?", so that jsonschema runs only to explain a refusal.

jsonschema walks a document through the schema keyword by keyword, building an error object for
each branch of an `anyOf` that does not fit (every finding written as a mapping fails the "text"
branch first): about half of `make check`'s time. fastjsonschema compiles a schema into one
Python function that answers the same question many times faster. It reads drafts 4, 6 and 7
only, so `draft4` translates our 2020-12 schemas (macros.data.schemas has already put each `$ref`'s
target in its place):

- `dependentRequired` (2020-12) is draft 4's `dependencies` with a list of names: the same rule.
  fastjsonschema would silently ignore the newer word, so the translation is required, and
  `draft4` refuses any keyword it does not know the meaning of in both drafts.
- `integer` is draft 4's, where 12.0 is no whole number (from draft 6 on it is one): as
  validate.py's stricter reading of "integer".
- a pattern's `$` means the end of the text in both (fastjsonschema writes it as `\\Z`, as
  validate.py does), but fastjsonschema also rewrites a `$` inside a [set], where it is a plain
  character: `draft4` escapes those first, which means the same.
- `format: date` is checked as jsonschema's own date check does it (a real day, written YYYY-MM-DD), without
  importing jsonschema, which is needed only to explain a refusal.

And one rewriting for speed, with the same meaning: an `anyOf` of a text and a mapping (a finding,
an action) becomes one schema of type ["string", "object"] holding both branches' keywords, since
each of those keywords applies to its own type only (`pattern` is ignored for a mapping, `required`
for a text). fastjsonschema tries `anyOf` branches by raising an exception in each that fails,
which was most of its time.

The answer is used one way only: a document the fast check accepts has no schema problems; any
other goes to jsonschema, whose errors make the messages (validate.py). So the fast check must
never accept what jsonschema refuses; tests/test_fastschema.py runs both over the invalid and
hostile documents of the tests, and generated ones.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Callable

import fastjsonschema

from . import schemas

DRAFT4 = "http://json-schema.org/draft-04/schema#"
# Keywords whose meaning is the same in draft 4 and 2020-12 (for the forms our schemas use), and
# the annotations neither checks. Anything else stops the translation rather than be ignored.
SAME = {"type", "properties", "additionalProperties", "required", "items", "enum", "anyOf", "pattern",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "format"}
ANNOTATIONS = {"description", "title", "enumDescriptions", "$comment", "default", "examples"}
# The keywords that apply to one type only (any other value passes them), for merging `anyOf` branches.
ONLY_FOR = {"string": {"minLength", "maxLength", "pattern", "format"},
            "object": {"properties", "additionalProperties", "required", "dependencies"},
            "array": {"items", "minItems", "maxItems", "uniqueItems"}}
# A `$` inside a [set], not already escaped: a plain dollar sign there.
_DOLLAR_IN_SET = re.compile(r"(\[(?:\\.|[^\]\\])*\])")


class Untranslatable(ValueError):
    """The schema uses a keyword this module does not know to mean the same in draft 4."""


def _pattern(pattern: str) -> str:
    return _DOLLAR_IN_SET.sub(lambda m: re.sub(r"(?<!\\)\$", r"\\$", m.group(1)), pattern)


def _merged(branches: list[dict]) -> dict | None:
    """anyOf [{type: A, ...}, {type: B, ...}] as {type: [A, B], ...} when that means the same: each branch
    of another type, and each keyword of a branch one that applies to that branch's type only."""
    types = [b.get("type") for b in branches]
    if any(t not in ONLY_FOR for t in types) or len(set(types)) != len(types):
        return None
    merged: dict[str, Any] = {"type": types}
    for branch in branches:
        for key, value in branch.items():
            if key != "type" and (key not in ONLY_FOR[branch["type"]] or key in merged):
                return None
            merged.setdefault(key, value)
    return merged


def draft4(schema: Any, top: bool = True) -> Any:
    """The schema (its $refs already inlined) in draft 4's words, with the same meaning."""
    if isinstance(schema, list):
        return [draft4(s, False) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {"$schema": DRAFT4} if top else {}
    for key, value in schema.items():
        if key in ANNOTATIONS or key.startswith("x-") or (top and key in ("$schema", "$id", "$defs")):
            continue
        if key == "anyOf" and (merged := _merged(draft4(value, False))) and not set(merged) & set(schema):
            out.update(merged)
        elif key == "dependentRequired":
            out["dependencies"] = {name: list(needs) for name, needs in value.items()}
        elif key == "pattern":
            out[key] = _pattern(value)
        elif key == "properties":
            out[key] = {name: draft4(sub, False) for name, sub in value.items()}
        elif key in ("enum", "required"):
            out[key] = value
        elif key in SAME:
            out[key] = draft4(value, False)
        else:
            raise Untranslatable(f"the schema keyword {key!r} has no known draft-4 meaning in macros/data/fastschema.py")
    return out


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _is_date(value: Any) -> bool:
    """jsonschema's date format check (jsonschema._format.is_date): YYYY-MM-DD in ASCII digits, a real day."""
    if not isinstance(value, str):
        return True
    try:
        return bool(_DATE.fullmatch(value) and dt.date.fromisoformat(value))
    except ValueError:
        return False


@lru_cache(maxsize=None)
def _compiled(kind: str) -> Callable[[Any], Any]:
    return fastjsonschema.compile(draft4(schemas.inlined(kind)), formats={"date": _is_date})


def prepare(kind: str) -> None:
    """Compile `kind`'s check now: before the briefings are read in worker processes, so that they share it rather
    than each compile it (a twentieth of a second each)."""
    _compiled(kind)


def accepts(kind: str, instance: Any) -> bool:
    """True when `instance` passes the `kind` schema; False means "ask jsonschema", which explains."""
    try:
        _compiled(kind)(instance)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
