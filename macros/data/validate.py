"""Check documents against the JSON Schemas in data/schema/, then what a schema cannot say.

The schemas are the single statement of the data format: editors' editors use them
(the `# yaml-language-server: $schema=` line), and so does this module. What follows
turns jsonschema's errors into sentences an editor can act on, at the right line.
"""
from __future__ import annotations

import calendar
import difflib
import re
from collections import defaultdict
from functools import lru_cache
from typing import Any, Iterable
from urllib.parse import urlsplit

from . import dates
from . import fastschema
from . import schemas
from .errors import Problem
from .kinds import REGISTRIES
from .text import exact, kind_of, quote, quote_fix, shorten
from .yamlload import FIX_WRITES_IT, Lines, jsonable, line_of, strings

ADDING = 'see "Adding a theme, resource, agency or need" in CONTRIBUTING.md'
# Which registry a field name refers to, wherever it appears (macros.data.kinds).
REFERENCE_FIELDS = {field: k.folder for k in REGISTRIES for field in k.references}
# ... except in the kinds of file where the name holds text: a resource's owner is a role or team.
NOT_REFERENCES = {"resources": {"owner"}}
REGISTRY_WORD = {k.folder: k.name for k in REGISTRIES}

_TYPE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number",
               "array": 'a list (lines starting with "- ")', "object": 'a set of "field: value" lines',
               "boolean": "true or false"}
_ID_HINT = "use lower-case letters, digits and single hyphens, e.g. cumulative-harm"


@lru_cache(maxsize=None)
def validator(kind: str) -> jsonschema.protocols.Validator:
    # Imported here: jsonschema only explains a document the fast check (macros.data.fastschema) refused, and
    # importing it was a tenth of a second of every `make check`.
    import jsonschema
    schema = schemas.schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    # Two places where Python's reading of a schema is looser than the standard's (and editors'):
    # 12.0 is no whole number (it would reach the model as a float), and a pattern's closing `$` is the
    # end of the text, not "before a final newline" as in Python's re (so `id: "x\n"` is refused).
    strict = jsonschema.validators.extend(
        cls, validators={"pattern": _pattern},
        type_checker=cls.TYPE_CHECKER.redefine("integer", lambda _, v: isinstance(v, int) and not isinstance(v, bool)))
    return strict(schemas.inlined(kind), format_checker=cls.FORMAT_CHECKER)


@lru_cache(maxsize=None)
def _ecma(pattern: str) -> re.Pattern:
    """The pattern with ECMA-262's meaning of a closing `$` (the end of the text) in Python's re: \\Z."""
    return re.compile(re.sub(r"(?<!\\)\$(?=\)*$)", r"\\Z", pattern))


def _pattern(validator, pattern: str, instance, schema):
    import jsonschema  # already imported by validator(), the only user of this
    if validator.is_type(instance, "string") and not _ecma(pattern).search(instance):
        yield jsonschema.ValidationError(f"{quote(instance)} does not match {pattern!r}")


def check_schema(kind: str, document: Any, lines: Lines, name: str) -> list[Problem]:
    """Every schema problem in one document, as sentences at lines."""
    return [Problem(name, line_of(lines, p), m) for p, m in schema_findings(kind, document).items()]


def schema_findings(kind: str, document: Any) -> dict[tuple, str]:
    """Every schema problem in one document, {path: sentence}, and what a schema cannot say about web addresses."""
    bad_keys: list[tuple] = []
    texts: list[tuple[tuple, str]] = []
    return findings(kind, jsonable(document, (), bad_keys, texts), bad_keys, texts)


def findings(kind: str, instance: Any, bad_keys: list[tuple], texts: list[tuple[tuple, str]]) -> dict[tuple, str]:
    """schema_findings() of a document already made jsonable(), with the non-text keys and the texts it recorded."""
    found: dict[tuple, str] = {}
    for path in bad_keys:
        found[path] = f"field name {quote(path[-1])} should be a word, not a number or date: write it as the field's name"
    # Fast path (macros/data/fastschema.py): jsonschema runs only on a document the compiled check refuses, to explain it.
    for error in () if fastschema.accepts(kind, instance) else validator(kind).iter_errors(instance):
        for path, message in _describe(error, kind):
            found.setdefault(path, message)
    for path, url in texts:
        if path and path[-1] == "url" and path not in found:  # every `url` field at any depth
            message = url_problem(url)
            if message:
                found[path] = message
    return found


def url_problem(url: str) -> str | None:
    """What is wrong with a web address the schema's pattern let through, or None.

    The pattern cannot see a bracketed host or a port that Python's urllib (and so the build and
    the link checker) cannot read: https://[x]/ raised ValueError in the build after `make check` passed."""
    fix = "copy the address again from the browser's address bar"
    try:
        parts = urlsplit(url)
    except ValueError:  # urllib's only complaint here: a [ or ] that opens no IPv6 address
        return f"url {quote(url)} is not a web address that can be read (a [ or ] in the site's name): {fix}"
    try:
        parts.port  # noqa: B018 (reading it checks it)
    except ValueError:  # its message repeats the value, so it is not shown
        return (f"url {quote(url)} is not a web address that can be read (after the site's name, a ':' must be "
                f"followed by a port number from 0 to 65535): {fix}")
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
            return [(path, f"{what} should be a whole number: write {exact(int(inst))}, not {exact(inst)}")]
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
    if v == "pattern":  # what the pattern means is the schema's own word for it (macros.data.schemas)
        meaning = error.schema.get("x-message")
        if meaning == "id":
            return [(path, f"{quote(inst)} is not a valid id: {_ID_HINT}")]
        if meaning == "url":
            return [(path, _url_pattern_message(what, inst))]
        if meaning == "month":
            return [(path, date_message(what, inst, month_ok=True))]
        if meaning == "text":
            return [(path, f"{what} is blank: fill it in, or delete the line")]
        return [(path, f"{what} {quote(inst)} is not in the form its schema asks for: see data/schema/{kind}.schema.json")]
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
    # jsonschema's own message repeats the value (repr), so it is never shown: the rule's name and the schema say what is wrong
    return [(path, f"{what} does not follow the rule '{v}' of data/schema/{kind}.schema.json: see CONTRIBUTING.md, "
                   "\"What each field means\"")]


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
    """How a message names the place: a field's name, or 'item 2 of worries'. A name is data (an unknown
    field's, or one the schema refused), so it is shown as any value is."""
    if not path:
        return "the file"
    last = path[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(path[:-1]) if isinstance(p, str)), None)
        return f"item {last + 1} of {shorten(parent)}" if parent else f"entry {last + 1}"
    return shorten(last)


def _colon_text(value: Any) -> bool:
    """True for what `- How do we know: we asked` becomes: one field, its name text, its value text or nothing."""
    return (isinstance(value, dict) and len(value) == 1 and isinstance(next(iter(value)), str)
            and isinstance(next(iter(value.values())), (str, type(None))))


def _close_field(key: str, allowed: Iterable[str]) -> bool:
    return " " not in key.strip() and bool(difflib.get_close_matches(key, list(allowed), 1, 0.6))


COLON_ITEM = "has a ': ' inside its text, so YAML read it as a field name and value, not text: "


def is_colon_text_message(message: str) -> bool:
    """The schema check's message for an item of texts that YAML read as a field and its value."""
    return COLON_ITEM in message


def _colon_message(what: str, value: dict) -> str:
    key, rest = next(iter(value.items()))
    text = f"{key}: {rest}" if rest is not None else f"{key}:"
    return f"{what} {COLON_ITEM}{quote_fix('- ', text)}{FIX_WRITES_IT}"


def _url_pattern_message(what: str, url: Any) -> str:
    space = re.search(r"\s", url) if isinstance(url, str) else None
    if space and url.strip() and re.match(r"https?://\S", url.strip()):
        return (f"{what} {quote(url)} has a space in it (after {quote(url[:space.start()][-30:])}): a web address cannot hold "
                "spaces. Copy the address again from the browser's address bar, or write each space as %20")
    return f"{what} {quote(url)} must be a web address starting with https:// or http://: copy it from the browser's address bar"


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
    reading = dates.read(text) if isinstance(value, str) else None
    if reading is None:
        return f"{what} {quote(value)} is not a date: {how}, e.g. 2022-12-06"
    if reading.iso is None:
        return f"{what} {quote(value)} {reading.why}. {how[0].upper() + how[1:]}"
    if reading.has_time:
        return f"{what} {quote(value)} has a time of day as well as the date: write the day only: did you mean {reading.iso}?"
    if reading.precision == "month" and not month_ok:
        return f"{what} {quote(value)} needs the day as well as the month: {how}, e.g. {reading.iso}-01"
    return f"{what} {quote(value)} is written another way: {how}: did you mean {reading.iso}? (`make fix` writes it so)"


def _value(value: Any) -> str:
    """What a value is, for "should be text, not ...": text quoted and masked, anything else by its kind."""
    if isinstance(value, str):
        return f"the text {quote(value)}"
    if isinstance(value, bool):
        return f"{value}".lower()
    if isinstance(value, (int, float)):
        return f"the number {exact(shorten_number(value))}"  # a number can be an NHS number too
    if isinstance(value, dict):
        return "a set of fields"
    return kind_of(value) or quote(value)


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


def references(document: Any, kind: str | None = None,
               texts: Iterable[tuple[tuple, str]] | None = None) -> Iterable[tuple[str, str, tuple]]:
    """Every id the document refers to: (registry, id, path), by field name at any depth (a field of ids
    holds one, or a list of them). `texts`: the document's strings() where the caller has them already."""
    not_here = NOT_REFERENCES.get(kind, ())
    for path, value in strings(document) if texts is None else texts:
        field = path[-2] if path and isinstance(path[-1], int) and len(path) > 1 else path[-1] if path else None
        if isinstance(field, str) and field in REFERENCE_FIELDS and field not in not_here:
            yield REFERENCE_FIELDS[field], value, path


def check_references(document: Any, lines: Lines, name: str, known: dict[str, dict],
                     skip: set[str] = frozenset(), skip_paths=frozenset(),
                     kind: str | None = None, nearest: dict[str, Nearest] | None = None,
                     texts: Iterable[tuple[tuple, str]] | None = None) -> tuple[list[Problem], list[tuple[str, str]]]:
    """Problems for ids that do not exist, and the (registry, id) pairs that do.

    Registries in `skip` failed to load, so their ids cannot be judged; `skip_paths` already have a
    schema problem (an id written wrongly, an unknown field), so nothing at or under them is judged again.
    `kind` is the kind of file (some field names are references in one kind and text in another).
    `nearest` keeps each registry's index for "did you mean" from one file to the next; `texts` are the document's
    strings() where the caller has them already."""
    problems, used = [], []
    nearest = {} if nearest is None else nearest
    for registry, ident, path in references(document, kind=kind, texts=texts):
        if registry in skip or (skip_paths and any(path[:n] in skip_paths for n in range(1, len(path) + 1))):
            continue
        if ident in known[registry]:
            used.append((registry, ident))
            continue
        if registry not in nearest:
            nearest[registry] = Nearest(known[registry])
        problems.append(Problem(name, line_of(lines, path), unknown_id(registry, ident, nearest[registry])))
    return problems, used


def unknown_id(registry: str, ident: str, known: Iterable[str] | Nearest) -> str:
    """The message for an id not in its registry: the nearest, the ids there are, and how to add one."""
    nearest = known if isinstance(known, Nearest) else Nearest(known)
    word, ids = REGISTRY_WORD[registry], nearest.ids
    best, closest = nearest.near(ident)
    hint = f" (did you mean '{exact(best)}'?)" if best else ""
    if not ids:
        listed = f"data/{registry}.yml has no {word} ids yet"
    elif len(ids) <= 10:
        listed = f"the {word} ids are {', '.join(map(exact, ids))}"
    else:
        listed = f"the closest of the {len(ids):,} {word} ids in data/{registry}.yml are {', '.join(map(exact, closest))}"
    return f"unknown {word} {quote(ident, 80)}{hint}: {listed}. To add a new {word}, {ADDING}"


class Nearest:
    """The ids nearest an unknown one, for "did you mean": a bounded amount of work per unknown id.

    Comparing an unknown id with every id is quadratic over a check (25,000 theme ids and 100 unknown
    references took 84 s). So only up to BUDGET candidates are compared, chosen through indexes built once:
    ids sharing the first three, two, then one characters, then the last three, each nearest in length first;
    then ids of the nearest lengths. A misspelling keeps most of an id's start or end, so it is among them."""

    BUDGET = 200

    def __init__(self, ids: Iterable[str]):
        self.ids = sorted(ids)
        self.compared = 0  # how many comparisons were made, over every near() call
        self._indexes: list[tuple[Any, dict]] = []
        for key in (lambda i: i[:3], lambda i: i[:2], lambda i: i[:1], lambda i: i[-3:], lambda i: ""):
            index: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
            for ident in self.ids:
                index[key(ident)][len(ident)].append(ident)
            self._indexes.append((key, index))
        self._lengths = sorted({len(i) for i in self.ids})

    def candidates(self, word: str) -> list[str]:
        """At most BUDGET ids to compare `word` with, the likeliest first."""
        out: dict[str, None] = {}
        if len(self.ids) <= self.BUDGET:
            return list(self.ids)
        by_distance = sorted(self._lengths, key=lambda n: (abs(n - len(word)), n))
        for key, index in self._indexes:
            groups = index.get(key(word))
            if not groups:
                continue
            for length in by_distance:
                for ident in groups.get(length, ()):
                    out.setdefault(ident)
                    if len(out) >= self.BUDGET:
                        return list(out)
        return list(out)

    def near(self, word: str, n: int = 5) -> tuple[str | None, list[str]]:
        """(the id `word` was probably meant to be, or None; the n closest ids)."""
        matcher = difflib.SequenceMatcher(b=word)
        scored = []
        for ident in self.candidates(word):
            matcher.set_seq1(ident)
            self.compared += 1
            scored.append((-matcher.ratio(), ident))
        scored.sort()
        closest = [ident for _, ident in scored[:n]]
        if scored and -scored[0][0] >= 0.6:
            return scored[0][1], closest
        lower = word.lower()  # "fathers" for engagement-with-fathers: one holds the other
        held = next((i for _, i in scored if lower and (lower in i.lower() or i.lower() in lower)), None)
        return held, closest
