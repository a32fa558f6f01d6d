"""Check documents against the JSON Schemas in data/schema/, then what a schema cannot say.

The schemas are the single statement of the data format: editors' editors use them
(the `# yaml-language-server: $schema=` line), and so does this module. What follows
turns jsonschema's errors into sentences an editor can act on, at the right line.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

import jsonschema

from . import fastschema
from .errors import DataError, Problem
from .kinds import KINDS, REGISTRIES
from .text import quote, shorten
from .yamlload import Lines, jsonable, line_of, read_regular

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "schema"
SCHEMA_FILES = tuple(k.schema for k in KINDS)  # the only files data/schema/ may hold and the site publishes
ADDING = 'see "Adding a theme, resource, agency or need" in CONTRIBUTING.md'
# Which registry a field name refers to, wherever it appears (macros.kinds).
REFERENCE_FIELDS = {field: k.folder for k in REGISTRIES for field in k.references}
# ... except in the kinds of file where the name holds text: a resource's owner is a role or team.
NOT_REFERENCES = {"resources": {"owner"}}
REGISTRY_WORD = {k.folder: k.name for k in REGISTRIES}

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "array": 'a list (lines starting with "- ")', "object": 'a set of "field: value" lines',
               "boolean": "true or false"}
_ID_HINT = "use lower-case letters, digits and single hyphens, e.g. cumulative-harm"


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
def validator(kind: str) -> jsonschema.protocols.Validator:
    name = f"data/schema/{kind}.schema.json"
    try:
        schema = json.loads(read_schema(SCHEMA_DIR, f"{kind}.schema.json", name))
    except json.JSONDecodeError as e:
        raise DataError([Problem(name, e.lineno, f"is not valid JSON ({e.msg}): restore it from git "
                                                 "(git checkout -- data/schema)")]) from None
    cls = jsonschema.validators.validator_for(schema)
    # Two places where Python's reading of a schema is looser than the standard's (and editors'):
    # 12.0 is no whole number (it would reach the model as a float), and a pattern's closing `$` is the
    # end of the text, not "before a final newline" as in Python's re (so `id: "x\n"` is refused).
    strict = jsonschema.validators.extend(
        cls, validators={"pattern": _pattern},
        type_checker=cls.TYPE_CHECKER.redefine("integer", lambda _, v: isinstance(v, int) and not isinstance(v, bool)))
    return strict(_inline_refs(schema, schema.get("$defs", {})), format_checker=cls.FORMAT_CHECKER)


@lru_cache(maxsize=None)
def _ecma(pattern: str) -> re.Pattern:
    """The pattern with ECMA-262's meaning of a closing `$` (the end of the text) in Python's re: \\Z."""
    return re.compile(re.sub(r"(?<!\\)\$(?=\)*$)", r"\\Z", pattern))


def _pattern(validator, pattern: str, instance, schema):
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield jsonschema.ValidationError(f"{quote(instance)} does not match {pattern!r}")


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
    return [Problem(name, line_of(lines, p), m) for p, m in schema_findings(kind, document).items()]


def schema_findings(kind: str, document: Any) -> dict[tuple, str]:
    """Every schema problem in one document, {path: sentence}, and what a schema cannot say about web addresses."""
    bad_keys: list[tuple] = []
    instance = jsonable(document, (), bad_keys)
    found: dict[tuple, str] = {}
    for path in bad_keys:
        found[path] = f"field name {quote(path[-1])} should be a word, not a number or date: write it as the field's name"
    # Fast path (macros/fastschema.py): jsonschema runs only on a document the compiled check refuses, to explain it.
    for error in () if fastschema.accepts(kind, instance) else validator(kind).iter_errors(instance):
        for path, message in _describe(error, kind):
            found.setdefault(path, message)
    for path, url in _urls(instance):
        if path not in found:
            message = url_problem(url)
            if message:
                found[path] = message
    return found


def _urls(node: Any, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """(path, text) of every `url` field at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "url" and isinstance(value, str):
                yield path + (key,), value
            else:
                yield from _urls(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _urls(value, path + (i,))


def url_problem(url: str) -> str | None:
    """What is wrong with a web address the schema's pattern let through, or None.

    The pattern cannot see a bracketed host or a port that Python's urllib (and so the build and
    the link checker) cannot read: https://[x]/ raised ValueError in the build after `make check` passed."""
    fix = "copy the address again from the browser's address bar"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks it)
    except ValueError as e:
        return f"url {quote(url)} is not a web address that can be read ({e}): {fix}"
    if not parts.hostname:
        return f"url {quote(url)} has no site name after {parts.scheme}://: {fix}"
    return None


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
        if expected == "string" and _colon_text(inst):
            return [(path, _colon_message(what, inst))]
        if expected == "integer" and isinstance(inst, float) and inst.is_integer():
            return [(path, f"{what} should be a whole number: write {int(inst)}, not {inst}")]
        return [(path, f"{what} should be {_TYPE_WORDS.get(expected, expected)}, not {_value(inst)}")]
    if v == "required":
        unknown = [k for k in inst if k not in error.schema.get("properties", {})]
        # a misspelt field is reported once, as unknown with its did-you-mean, not also as missing
        missing = [p for p in error.validator_value if p not in inst and not difflib.get_close_matches(p, unknown, 1, 0.6)]
        if not missing:
            return []
        where = "" if not path else f" in {what}"
        return [(path, f"missing required field{'s' if len(missing) > 1 else ''} {', '.join(missing)}{where}: add "
                       f"{'them' if len(missing) > 1 else 'it'} (CONTRIBUTING.md, \"What each field means\", says what goes there)")]
    if v == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        out = []
        for key in inst:
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                out.append((path + (key,), f"unknown field {quote(key)}{hint}. Fields allowed here: {', '.join(allowed)}"))
        return out
    if v == "enum":
        options = [str(o) for o in error.validator_value]
        return [(path, f"{what} {quote(inst)} is not one of: {', '.join(options)}{did_you_mean(str(inst), options)}")]
    if v == "format" and error.validator_value == "date":
        return [(path, date_message(what, inst, month_ok=False))]
    if v == "pattern":
        if "a-z0-9" in error.validator_value:
            return [(path, f"{quote(inst)} is not a valid id: {_ID_HINT}")]
        if "https?" in error.validator_value:
            return [(path, _url_pattern_message(what, inst))]
        return [(path, f"{what} is blank: fill it in, or delete the line")]
    if v == "minLength":
        return [(path, f"{what} is blank: fill it in, or delete the line")]
    if v in ("minItems", "maxItems") and path and path[-1] == "age_range":
        return [(path, "age_range should be two ages in years, youngest first, e.g. [2, 16]")]
    if v == "maxItems":
        return [(path, f"{what} has {len(inst)} entries but at most {error.validator_value} are allowed: keep the most important ones and delete the rest")]
    if v == "maxLength":
        return [(path, f"{what} is {len(inst)} characters long but at most {error.validator_value} are allowed: shorten it")]
    if v in ("minimum", "maximum"):
        word = "at least" if v == "minimum" else "at most"
        return [(path, f"{what} should be {word} {error.validator_value}, not {_value(inst).removeprefix('the number ')}")]
    if v == "dependentRequired":
        present = next(k for k, needs in error.validator_value.items() if k in inst and any(n not in inst for n in needs))
        missing = next(n for n in error.validator_value[present] if n not in inst)
        return [(path + (present,), f"'{present}' needs '{missing}' beside it: an exception to the identifiers guard "
                                    "is 'allow: [kind]' with a 'reason:' saying who checked it and why it identifies nobody")]
    if v == "uniqueItems":
        return [(path, f"{what} lists the same entry twice: delete one")]
    return [(path, f"{what}: {error.message}")]


def _describe_alternatives(error, kind: str) -> list[tuple[tuple, str]]:
    """An item is text or a mapping; a date is a day or a month: report the branch that fits."""
    path, inst = tuple(error.absolute_path), error.instance
    if any(branch.get("format") == "date" for branch in error.validator_value):
        return [(path, date_message(_field(path, kind), inst, month_ok=True))]
    fields = [b.get("properties", {}) for b in error.validator_value if b.get("type") == "object"]
    if fields and _colon_text(inst) and not _close_field(next(iter(inst)), fields[0]):
        return [(path, _colon_message(_field(path, kind), inst))]
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


def _colon_text(value: Any) -> bool:
    """True for what `- How do we know: we asked` becomes: one field, its name text, its value text or nothing."""
    return (isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value)), str)
            and isinstance(next(iter(value.values())), (str, type(None))))


def _close_field(key: str, allowed: Iterable[str]) -> bool:
    return " " not in key.strip() and bool(difflib.get_close_matches(key, list(allowed), 1, 0.6))


def _colon_message(what: str, value: dict) -> str:
    key, rest = next(iter(value.items()))
    text = f"{key}: {rest}" if rest is not None else f"{key}:"
    mark = "'" if '"' in text else '"'
    shown = shorten(text.replace("'", "''") if mark == "'" else text, 40)
    return (f"{what} has a ': ' inside its text, so YAML read it as a field name and value, not text: "
            f"put the whole text in quotes, like this: - {mark}{shown}{mark}")


def _url_pattern_message(what: str, url: Any) -> str:
    space = re.search(r"\s", url) if isinstance(url, str) else None
    if space and url.strip() and re.match(r"https?://\S", url.strip()):
        return (f"{what} {quote(url)} has a space in it (after {quote(url[:space.start()][-30:])}): a web address cannot hold "
                "spaces. Copy the address again from the browser's address bar, or write each space as %20")
    return f"{what} {quote(url)} must be a web address starting with https:// or http://: copy it from the browser's address bar"


_DATE_FORMS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%d/%m/%y", "%d.%m.%y", "%d-%m-%y",
               "%Y/%m/%d", "%Y.%m.%d", "%B %Y", "%b %Y", "%m/%Y", "%Y/%m"]


def date_message(what: str, value: Any, month_ok: bool) -> str:
    """Why a date was refused and how to write it: 30/06/2024 is a real date written another way."""
    how = "write dates as YYYY-MM-DD, or YYYY-MM when only the month is known" if month_ok else "write the date as YYYY-MM-DD"
    text = str(value).strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), iso[3]
        if not 1 <= month <= 12:
            return f"{what} {quote(value)} is not a real date: there is no month {month}. {how[0].upper() + how[1:]}"
        if day is None and not month_ok:
            return f"{what} {quote(value)} needs the day as well as the month: {how}, e.g. {year:04d}-{month:02d}-01"
        if day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= int(day) <= last:
                return (f"{what} {quote(value)} is not a real date: {calendar.month_name[month]} {year} has {last} days. "
                        f"{how[0].upper() + how[1:]}")
    guess = _read_date(text)
    if guess is None:
        return f"{what} {quote(value)} is not a date: {how}, e.g. 2022-12-06"
    if isinstance(guess, str):
        return f"{what} {quote(value)} is not a real date ({guess}): {how}"
    day, precision = guess
    meant = day.isoformat()[:7] if precision == "month" else day.isoformat()
    if precision == "month" and not month_ok:
        return f"{what} {quote(value)} needs the day as well as the month: {how}, e.g. {meant}-01"
    return f"{what} {quote(value)} is written another way: {how}: did you mean {meant}?"


def _read_date(text: str) -> tuple[dt.date, str] | str | None:
    """(date, "day" or "month") for the common UK ways of writing one; a reason when it names no real day."""
    try:  # 2023-05-02T10:00:00, as YAML reads a time
        return dt.datetime.fromisoformat(text).date(), "day"
    except ValueError:
        pass
    plain = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b|\bof\b|,", " ", text, flags=re.I)
    plain = " ".join(plain.replace("Sept", "Sep").split()).rstrip(".")
    for form in _DATE_FORMS:
        try:
            day = dt.datetime.strptime(plain, form).date()
        except ValueError as e:
            if "out of range" in str(e):
                return "that day is not in that month"
            continue
        return day, "month" if "%d" not in form else "day"
    return None


def _value(value: Any) -> str:
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, bool):
        return f"{value}".lower()
    if isinstance(value, (int, float)):
        return f"the number {shorten_number(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return repr(value)


def shorten_number(value: int | float) -> str:
    text = repr(value)
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text)} characters)"


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
                     skip: set[str] = frozenset(), skip_paths=frozenset(),
                     kind: str | None = None) -> tuple[list[Problem], list[tuple[str, str]]]:
    """Problems for ids that do not exist, and the (registry, id) pairs that do.

    Registries in `skip` failed to load, so their ids cannot be judged; `skip_paths` already have a
    schema problem (an id written wrongly, an unknown field), so nothing at or under them is judged again.
    `kind` is the kind of file (some field names are references in one kind and text in another)."""
    problems, used = [], []
    for registry, ident, path in references(document, kind=kind):
        if registry in skip or (skip_paths and any(path[:n] in skip_paths for n in range(1, len(path) + 1))):
            continue
        if ident in known[registry]:
            used.append((registry, ident))
            continue
        problems.append(Problem(name, line_of(lines, path), unknown_id(registry, ident, known[registry])))
    return problems, used


def unknown_id(registry: str, ident: str, known: Iterable[str]) -> str:
    """The message for an id not in its registry: the nearest, the ids there are, and how to add one."""
    word, ids = REGISTRY_WORD[registry], sorted(known)
    if not ids:
        listed = f"data/{registry}.yml has no {word} ids yet"
    elif len(ids) <= 10:
        listed = f"the {word} ids are {', '.join(ids)}"
    else:
        closest = difflib.get_close_matches(ident, ids, n=5, cutoff=0) or ids[:5]
        listed = f"the closest of the {len(ids)} {word} ids in data/{registry}.yml are {', '.join(closest)}"
    return f"unknown {word} {quote(ident)}{did_you_mean(ident, ids)}: {listed}. To add a new {word}, {ADDING}"
