"""The editors' web form at /admin/: Sveltia CMS, configured from the JSON Schemas.

The form must write exactly what the build validates, so its configuration is not written by
hand: config() walks data/schema/*.schema.json and turns every property into a CMS field (the
description as the hint, required as required, enums as select lists, ids as choices from the
registries). A property added to a schema appears in the form at the next build; a schema
construct this module cannot map stops the build with its path, so the two cannot drift apart.
Plain Python: returns {path under site/: content}; macros.site publishes it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..data import schemas, text, uploads
from ..data.errors import DataError, Problem

BRIEFINGS_FOLDER = "data/briefings"
# Outside GitHub Actions (which says which repository it builds) the form names a placeholder:
# sign-in then fails with GitHub's "not found", and CONTRIBUTING.md says to build in Actions.
LOCAL_REPO = "your-organisation/safeguarding-briefings"
# The CMS script, copied into the site from the npm package pinned in package-lock.json.
SCRIPT = Path("node_modules") / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
# "(ids from data/themes.yml)", "(from data/themes.yml)": the convention every schema follows
# for fields that hold a registry id, and the only way a schema says which registry it means.
_REGISTRY_IN_TEXT = re.compile(r"data/([a-z]+)\.yml")
# The schemas' date format, as a pattern the browser can check before saving.
DATE_PATTERN = r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"


# Fields whose value names a file the form cannot create (the audit's text in data/sources/ is a plain text
# file): the hint says so, and how to add one. (A read-only field would keep the value, but Sveltia then
# hides its hint.) A name without its file is refused by the pull request's check.
FORM_ONLY_HINTS = {
    "briefing.source": "The form cannot add that file: add the text to data/sources/ on GitHub first (CONTRIBUTING.md, "
                       "\"Checking a briefing against its source\"), then write its name here, or leave this empty.",
}


class SchemaNotMapped(ValueError):
    """A schema construct the form cannot express: extend field() rather than let the form drift."""


def label(name: str) -> str:
    """good_practice -> Good practice."""
    return name.replace("_", " ").capitalize()


class _Walker:
    """Turns one schema's properties into CMS fields, resolving its local $refs."""

    def __init__(self, schema: dict, registries: dict[str, dict], where: str):
        self.defs = schema.get("$defs", {})
        self.registries = registries
        self.where = where

    def resolve(self, node: dict) -> dict:
        """The node with its $ref's keywords under its own (its own description wins: macros.data.schemas), and
        the definition it refers to as "_def"."""
        ref = node.get("$ref")
        if ref is None:
            return node
        if not str(ref).startswith(schemas.REF):
            raise SchemaNotMapped(f"{self.where}: only local $refs (#/$defs/...) are supported, not {text.exact(ref)}")
        return {**schemas.resolve(node, self.defs), "_def": self.defs[ref[len(schemas.REF):]]}

    def fields(self, schema: dict, path: str) -> list[dict]:
        required = set(schema.get("required", []))
        return [self.field(name, prop, name in required, f"{path}.{name}")
                for name, prop in schema.get("properties", {}).items()]

    def field(self, name: str, node: dict, required: bool, path: str) -> dict:
        base = {"name": name, "label": label(name), "required": required}
        node = self.resolve(node)
        if node.get("description"):
            base["hint"] = node["description"]
        if path in FORM_ONLY_HINTS:
            base["hint"] = f"{base.get('hint', '')} {FORM_ONLY_HINTS[path]}".strip()
        return {**base, **self.widget(node, path)}

    def widget(self, node: dict, path: str) -> dict:
        """The widget and its options for one (resolved) schema node."""
        if "enum" in node:
            return {"widget": "select", "options": self.options(node, path)}
        if "anyOf" in node:
            return self.any_of(node, path)
        kind = node.get("type")
        if kind == "object":
            return {"widget": "object", "fields": self.fields(node, path)}
        if kind == "array":
            return self.array(node, path)
        if kind == "string":
            return self.string(node)
        if kind == "integer" or kind == "number":
            out = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            out.update({k: node[s] for k, s in (("min", "minimum"), ("max", "maximum")) if s in node})
            return out
        if kind == "boolean":
            return {"widget": "boolean"}
        kind = text.quote(kind if isinstance(kind, str) else json.dumps(kind), 80)
        raise SchemaNotMapped(f"{text.exact(path)}: no form field for this schema (type {kind}): add it to macros/outputs/cms.py")

    @staticmethod
    def options(node: dict, path: str) -> list[dict]:
        """A select list's choices: the schema's labels shown ("Multi-agency audit"), its values saved
        ("multi-agency-audit"). The labels are the schema's enumDescriptions, which VS Code shows beside
        each value too."""
        values, labels = node["enum"], node.get("enumDescriptions") or []
        if len(labels) != len(values):
            raise SchemaNotMapped(f"{path}: a list of choices needs a label for each (enumDescriptions, in the enum's order)")
        return [{"label": text, "value": value} for value, text in zip(values, labels)]

    def any_of(self, node: dict, path: str) -> dict:
        # A branch without a type of its own has the type the node gives all of them ("type": "string", "anyOf": [...]).
        branches = [{"type": node["type"], **b} if "type" in node and "type" not in b else b
                    for b in (self.resolve(b) for b in node["anyOf"])]
        objects = [b for b in branches if b.get("type") == "object"]
        if len(objects) == 1:
            # A finding is text or a mapping with text: the form always writes the mapping,
            # which the schema accepts and which has room for the themes and agencies.
            return self.widget(objects[0], path)
        if all(b.get("type") == "string" for b in branches):
            # e.g. a date as YYYY-MM-DD or YYYY-MM: one text box that accepts either form.
            alternatives = [self._pattern(b) for b in branches]
            if None not in alternatives:
                return {"widget": "string",
                        "pattern": [f"^({'|'.join(alternatives)})$", self._pattern_message(node)]}
        raise SchemaNotMapped(f"{text.exact(path)}: no form field for this anyOf: add it to macros/outputs/cms.py")

    @staticmethod
    def _pattern(node: dict) -> str | None:
        """The node's pattern without anchors, or None when it has none the browser can check."""
        if node.get("format") == "date":
            return DATE_PATTERN
        if "pattern" in node:
            return node["pattern"].removeprefix("^").removesuffix("$")
        return None

    @staticmethod
    def _pattern_message(node: dict) -> str:
        text = node.get("_def", node).get("description") or node.get("description") or "This is not in the expected form."
        return text

    def string(self, node: dict) -> dict:
        registry = self.registry(node)
        if registry:
            return self.relation(registry, multiple=False)
        description = node.get("description") or ""
        # Long text that may hold Markdown gets a text box of several lines.
        out: dict[str, Any] = {"widget": "text" if "Markdown" in description else "string"}
        pattern = self._pattern(node)
        if pattern and pattern != r"\S":
            out["pattern"] = [f"^{pattern}$", self._pattern_message(node)]
        return out

    def array(self, node: dict, path: str) -> dict:
        items = self.resolve(node.get("items", {}))
        counts = {k: node[s] for k, s in (("min", "minItems"), ("max", "maxItems")) if s in node}
        registry = self.registry(node)
        if registry:
            return {**self.relation(registry, multiple=True), **counts}
        if "enum" in items:
            return {"widget": "select", "multiple": True, "options": self.options(items, path + "[]"), **counts}
        inner = self.widget(items, path + "[]")
        if inner["widget"] == "object":
            # A list of mappings: each item a small form, summarised by its text when collapsed.
            out = {"widget": "list", "fields": inner["fields"], **counts}
            first = inner["fields"][0]["name"] if inner["fields"] else None
            if first:
                out["summary"] = "{{fields.%s}}" % first
            return out
        return {"widget": "list", "field": {"name": "item", "label": label(path.rsplit(".", 1)[-1]), **inner}, **counts}

    def registry(self, node: dict) -> str | None:
        """The registry a field's ids come from (named in its description), when it holds ids."""
        holds_id = "id" in self.defs and self.defs["id"] in (node.get("_def"), self.resolve(node.get("items", {})).get("_def"))
        found = _REGISTRY_IN_TEXT.search(node.get("description") or "") if holds_id else None
        return found[1] if found and found[1] in self.registries else None

    def relation(self, registry: str, multiple: bool) -> dict:
        """Choices from a registry file: its ids, shown with their names."""
        shown = self.registries[registry]["display"]
        return {"widget": "relation", "collection": "registries", "file": registry,
                "value_field": f"{registry}.*.id", "display_fields": [f"{registry}.*.{shown}"],
                "search_fields": [f"{registry}.*.{shown}", f"{registry}.*.id"], "multiple": multiple}


def _load(schema_dir: Path) -> dict[str, dict]:
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(Path(schema_dir).glob("*.schema.json"))}


def _display_field(item_schema: dict) -> str:
    """What a registry entry is called: its first required property after the id (title, name, label)."""
    required = item_schema.get("required", [])
    return next((n for n in item_schema.get("properties", {}) if n != "id" and n in required), "id")


def config(schema_dir: Path, repo: str, branch: str = "main", site_url: str = "") -> dict:
    """The CMS configuration (Decap-style, as Sveltia CMS reads it) for every schema in schema_dir."""
    schemas = _load(schema_dir)
    registries = {name: {"display": _display_field(s.get("items", {}))}
                  for name, s in schemas.items() if s.get("type") == "array"}
    collections = []
    briefing = schemas.get("briefing")
    if briefing is not None:
        walker = _Walker(briefing, registries, "briefing.schema.json")
        collections.append({
            "name": "briefings", "label": "Briefings", "label_singular": "Briefing",
            "description": briefing.get("description", ""),
            "folder": BRIEFINGS_FOLDER, "extension": "yml", "format": "yaml", "create": True,
            # The file name rule (macros.data.read.BRIEFING_NAME): year and month of the
            # briefing's date, then its title in lower case with hyphens.
            "slug": "{{fields.date | date('YYYY-MM')}}-{{title}}",
            "identifier_field": "title",
            "summary": "{{date}}: {{title}}",
            "sortable_fields": ["date", "title", "type"],
            # The real preview is the built site the pull request's checks attach.
            "editor": {"preview": False},
            "fields": walker.fields(briefing, "briefing"),
        })
    files = []
    for name, meta in registries.items():
        schema = schemas[name]
        walker = _Walker(schema, registries, f"{name}.schema.json")
        entry = walker.resolve(schema["items"])
        files.append({
            "name": name, "label": schema.get("title", label(name)), "file": f"data/{name}.yml",
            "fields": [{"name": name, "label": schema.get("title", label(name)), "widget": "list", "root": True,
                        "required": False, "summary": "{{fields.%s}}" % meta["display"],
                        "fields": walker.fields(entry, name)}],
        })
    if files:
        collections.append({"name": "registries", "label": "Lists (themes, resources, agencies, needs)",
                            "label_singular": "List", "files": files})
    return {
        # Editors sign in with a personal access token: GitHub's OAuth sign-in needs a server of ours.
        "backend": {"name": "github", "repo": repo, "branch": branch, "auth_methods": ["token"]},
        # Every change is a pull request to the branch, so the checks run before anything is published.
        "publish_mode": "editorial_workflow",
        "site_url": site_url,
        # Uploads: the form cannot limit their kind (Sveltia takes `accept` only on a file or image field,
        # and no field here has one), so macros.data.uploads stops the build on any but a picture or a PDF.
        # Names are made plain (lower case, hyphens) and size is bounded here, before the pull request.
        "media_folder": uploads.MEDIA_FOLDER,
        "media_libraries": {"default": {"config": {"max_file_size": uploads.MAX_UPLOAD_BYTES, "slugify_filename": True}}},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # An empty optional field is left out rather than written as '' (which the schema refuses).
        "output": {"omit_empty_optional_fields": True},
        "collections": collections,
    }


def config_yaml(cfg: dict) -> str:
    return ("# Generated by macros/outputs/cms.py from data/schema/*.schema.json at every build: do not edit.\n"
            + yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True, width=120))


ADMIN_CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    # Svelte puts its component styles in style elements and attributes.
    "style-src 'self' 'unsafe-inline'",
    # The CMS reads and writes the repository through GitHub's API only.
    "connect-src 'self' data: blob: https://api.github.com",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
])

INDEX_HTML = """<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<!-- The CMS reads config.yml beside this page. -->
<title>Editors' form: {site_name}</title>
</head>
<body>
<noscript>The editors' form needs JavaScript. You can still change the files in data/ on GitHub: see CONTRIBUTING.md.</noscript>
<script src="sveltia-cms.js"></script>
</body>
</html>
"""


# The CMS's stylesheet asks a CDN for its fonts (the icons are a font too); the site loads nothing
# from other hosts, so the same files come from the fontsource npm packages pinned beside it.
_FONT_URL = re.compile(r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(:vf)?@([0-9.]+)/([a-z0-9-]+\.woff2)")


class NotInstalled(Exception):
    """A font the CMS needs is missing from node_modules/ (or is another version): `npm ci` mends it."""


def _local_fonts(script: str, modules: Path) -> tuple[str, dict[str, bytes]]:
    """The script with its font URLs pointing into /admin/fonts/, and those font files."""
    fonts: dict[str, bytes] = {}

    def local(match: re.Match) -> str:
        family, variable, version, file = match.groups()
        package = modules / ("@fontsource-variable" if variable else "@fontsource") / family
        name = f"{family}-{file}"
        try:
            installed = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
            data = (package / "files" / name).read_bytes()
        except OSError:
            raise NotInstalled(f"{package.relative_to(modules.parent)} is missing: add "
                               f"{package.relative_to(modules).as_posix()}@{version} to package.json and run `npm ci`") from None
        if installed != version:
            raise NotInstalled(f"the CMS wants {package.relative_to(modules).as_posix()}@{version} but {installed} "
                               "is installed: pin that version in package.json and run `npm install`")
        fonts[f"admin/fonts/{name}"] = data
        return f"fonts/{name}"  # relative to /admin/, where the CMS's style elements live

    return _FONT_URL.sub(local, script), fonts


# Not an error: the public site builds without npm. Only the form is left out, and the build says so.
LEFT_OUT = f"/admin/ (the editors' form) left out: {SCRIPT} is missing; run `npm ci` and build again"


def installed(project_dir: Path) -> bool:
    return (Path(project_dir) / SCRIPT).is_file()


def files(project_dir: Path, site_name: str, repo: str, site_url: str = "") -> dict[str, str | bytes]:
    """/admin/: its page, its configuration, the CMS script and its fonts; nothing when the CMS is not
    installed (see LEFT_OUT). A form that cannot be made stops every build: NotInstalled when a font
    it needs is missing or another version, DataError when a schema holds what the form cannot show."""
    project_dir = Path(project_dir)
    if not installed(project_dir):
        return {}
    from html import escape
    code, fonts = _local_fonts((project_dir / SCRIPT).read_text(encoding="utf-8"), project_dir / "node_modules")
    try:
        cfg = config(project_dir / "data" / "schema", repo, site_url=site_url)
    except SchemaNotMapped as e:
        raise DataError([Problem("data/schema", None, "the editors' form at /admin/ cannot be made from the schemas: "
                                                      + text.line(str(e)))]) from None
    return {
        "admin/index.html": INDEX_HTML.format(csp=ADMIN_CSP, site_name=escape(site_name)),
        "admin/config.yml": config_yaml(cfg),
        "admin/sveltia-cms.js": code,
        **fonts,
    }
