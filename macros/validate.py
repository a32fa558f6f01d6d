"""Check documents against the JSON Schemas in data/schema/, then what a schema cannot say.

The schemas are the single statement of the data format: editors' editors use them
(the `# yaml-language-server: $schema=` line), and so does this module. What follows
turns jsonschema's errors into sentences an editor can act on, at the right line.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import jsonschema

from .errors import Problem
from .yamlload import Lines, jsonable, line_of

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"
KINDS = ("briefing", "themes", "resources", "agencies", "needs")
# Which registry a field name refers to, wherever it appears.
REFERENCE_FIELDS = {"theme": "themes", "themes": "themes", "resources": "resources",
                    "agencies": "agencies", "needs": "needs", "owner": "agencies", "agency": "agencies"}
# ... except in the kinds of file where the name holds text: a resource's owner is a role or team.
NOT_REFERENCES = {"resources": {"owner"}}
REGISTRY_WORD = {"themes": "theme", "resources": "resource", "agencies": "agency", "needs": "need"}

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "array": 'a list (lines starting with "- ")', "object": 'a set of "field: value" lines',
               "boolean": "true or false"}
_ID_HINT = "use lower-case letters, digits and single hyphens, e.g. cumulative-harm"


@lru_cache(maxsize=None)
def validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(_inline_refs(schema, schema.get("$defs", {})), format_checker=cls.FORMAT_CHECKER)


def _inline_refs(node: Any, defs: dict) -> Any:
    """The schema with each local "$ref": "#/$defs/x" replaced by x itself (same meaning).

    Following a $ref is most of jsonschema's time; `make check` on 1,000 briefings is
    twice as fast without them. The schemas have no recursive definitions."""
    if isinstance(node, list):
        return [_inline_refs(v, defs) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline_refs(v, defs) for k, v in node.items() if k != "$ref"}
    ref = node.get("$ref")
    if ref and ref.startswith("#/$defs/") and "/" not in ref[len("#/$defs/"):]:
        target = _inline_refs(defs[ref[len("#/$defs/"):]], defs)
        return {**target, **out}  # the referring place's own words (its description) win
    if ref:
        out["$ref"] = ref
    return out


def check_schema(kind: str, document: Any, lines: Lines, name: str) -> list[Problem]:
    """Every schema problem in one document, as sentences at lines."""
    bad_keys: list[tuple] = []
    instance = jsonable(document, (), bad_keys)
    found: dict[tuple, str] = {}
    for path in bad_keys:
        found[path] = f"field name {path[-1]!r} should be a word, not a number or date"
    for error in validator(kind).iter_errors(instance):
        for path, message in _describe(error, kind):
            found.setdefault(path, message)
    return [Problem(name, line_of(lines, p), m) for p, m in found.items()]


def _describe(error, kind: str) -> list[tuple[tuple, str]]:
    path = tuple(error.absolute_path)
    what = _field(path, kind)
    v, inst = error.validator, error.instance
    if v in ("anyOf", "oneOf"):
        return _describe_alternatives(error, kind)
    if v == "type":
        expected = error.validator_value
        if inst is None:
            return [(path, f"{what} is empty: fill it in, or delete the line")]
        if not path:
            return [(path, f"the file should be {_TYPE_WORDS.get(expected, expected)}, not {_value(inst)}: "
                           f"see data/schema/{kind}.schema.json or CONTRIBUTING.md")]
        return [(path, f"{what} should be {_TYPE_WORDS.get(expected, expected)}, not {_value(inst)}")]
    if v == "required":
        unknown = [k for k in inst if k not in error.schema.get("properties", {})]
        # a misspelt field is reported once, as unknown with its did-you-mean, not also as missing
        missing = [p for p in error.validator_value if p not in inst and not difflib.get_close_matches(p, unknown, 1, 0.6)]
        if not missing:
            return []
        where = "" if not path else f" in {what}"
        return [(path, f"missing required field{'s' if len(missing) > 1 else ''} {', '.join(missing)}{where}")]
    if v == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        out = []
        for key in inst:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                out.append((path + (key,), f"unknown field '{key}'{hint}. Fields allowed here: {', '.join(allowed)}"))
        return out
    if v == "enum":
        options = [str(o) for o in error.validator_value]
        return [(path, f"{what} '{inst}' is not one of: {', '.join(options)}{did_you_mean(str(inst), options)}")]
    if v == "format" and error.validator_value == "date":
        return [(path, f"{what} '{inst}' is not a real date: write it as YYYY-MM-DD, e.g. 2022-12-06")]
    if v == "pattern":
        if "a-z0-9" in error.validator_value:
            return [(path, f"'{inst}' is not a valid id: {_ID_HINT}")]
        if "https?" in error.validator_value:
            return [(path, f"{what} '{inst}' must be a web address starting with https:// or http://")]
        return [(path, f"{what} is blank: fill it in, or delete the line")]
    if v == "minLength":
        return [(path, f"{what} is blank: fill it in, or delete the line")]
    if v in ("minItems", "maxItems") and path and path[-1] == "age_range":
        return [(path, "age_range should be two ages in years, youngest first, e.g. [2, 16]")]
    if v in ("minimum", "maximum"):
        word = "at least" if v == "minimum" else "at most"
        return [(path, f"{what} should be {word} {error.validator_value}, not {inst}")]
    if v == "dependentRequired":
        present = next(k for k, needs in error.validator_value.items() if k in inst and any(n not in inst for n in needs))
        missing = next(n for n in error.validator_value[present] if n not in inst)
        return [(path + (present,), f"'{present}' needs '{missing}' beside it: an exception to the identifiers guard "
                                    "is 'allow: [kind]' with a 'reason:' saying who checked it and why it identifies nobody")]
    if v == "uniqueItems":
        return [(path, f"{what} lists the same entry twice")]
    return [(path, f"{what}: {error.message}")]


def _describe_alternatives(error, kind: str) -> list[tuple[tuple, str]]:
    """An item is text or a mapping; a date is a day or a month: report the branch that fits."""
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [errs for errs in branches.values()
               if not any(e.validator == "type" and not e.relative_path for e in errs)]
    if fitting:
        out = []
        for sub in sorted(fitting[0], key=lambda e: len(e.relative_path)):
            out.extend(_describe(sub, kind))
        return out
    path = tuple(error.absolute_path)
    what = _field(path, kind)
    if error.instance is None:
        return [(path, f"{what} is empty: fill it in, or delete the line")]
    return [(path, f"{what} should be text, or a set of fields starting with 'text:', not {_value(error.instance)}")]


def _field(path: tuple, kind: str) -> str:
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(path[:-1]) if isinstance(p, str)), None)
        return f"item {last + 1} of {parent}" if parent else f"entry {last + 1}"
    return str(last)


def _value(value: Any) -> str:
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, bool):
        return f"{value}".lower()
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return repr(value)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the nearest option, or '' when nothing is near."""
    options = list(options)
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not match:
        lower = word.lower()
        match = [o for o in options if lower and (lower in o.lower() or o.lower() in lower)][:1]
    return f" (did you mean '{match[0]}'?)" if match else ""


def references(document: Any, path: tuple = (), kind: str | None = None) -> Iterable[tuple[str, str, tuple]]:
    """Every id the document refers to: (registry, id, path), by field name at any depth."""
    if isinstance(document, dict):
        for key, value in document.items():
            registry = REFERENCE_FIELDS.get(key) if key not in NOT_REFERENCES.get(kind, ()) else None
            if registry and isinstance(value, str):
                yield registry, value, path + (key,)
            elif registry and isinstance(value, list):
                for i, v in enumerate(value):
                    if isinstance(v, str):
                        yield registry, v, path + (key, i)
            else:
                yield from references(value, path + (key,), kind)
    elif isinstance(document, list):
        for i, value in enumerate(document):
            yield from references(value, path + (i,), kind)


def check_references(document: Any, lines: Lines, name: str, known: dict[str, dict],
                     skip: set[str] = frozenset(), kind: str | None = None) -> tuple[list[Problem], list[tuple[str, str]]]:
    """Problems for ids that do not exist, and the (registry, id) pairs that do.

    Registries in `skip` failed to load, so their ids cannot be judged. `kind` is the kind of file."""
    problems, used = [], []
    for registry, ident, path in references(document, kind=kind):
        if registry in skip:
            continue
        if ident in known[registry]:
            used.append((registry, ident))
            continue
        word = REGISTRY_WORD[registry]
        problems.append(Problem(name, line_of(lines, path),
                                f"unknown {word} '{ident}'{did_you_mean(ident, known[registry])}: "
                                f"{word} ids are defined in data/{registry}.yml"))
    return problems, used
