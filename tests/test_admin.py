"""The editors' form at /admin/: its configuration follows the schemas, it is built from node_modules
alone, it stays out of the public site, and in Chromium it writes a briefing that checks and builds."""
import gzip
import json
import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from conftest import (DATA_TESTS, FIXTURE_DATA, FORM_SAVES, ROOT, build_site, clone, copy_project, make_check, make_data,
                      page_text, run_tests, write)
from macros.outputs import cms
from macros.data.errors import DataError
from macros.data.read import BRIEFING_NAME

SCHEMAS = ROOT / "data" / "schema"


# --- The configuration follows the schemas -------------------------------------------------------

def _resolve(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        node = {**defs[node["$ref"].split("/")[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def schema_fields(props: dict, required: list, defs: dict, path: str = "") -> dict[str, dict]:
    """Every property of a schema, nested objects and list items too, by dotted path."""
    out = {}
    for name, node in props.items():
        node = _resolve(node, defs)
        key = path + name
        out[key] = {"required": name in required, "description": node.get("description"), "node": node}
        inner = _resolve(node.get("items", {}), defs) if node.get("type") == "array" else node
        for branch in [inner] + [_resolve(b, defs) for b in inner.get("anyOf", [])]:
            if branch.get("type") == "object":
                out.update(schema_fields(branch.get("properties", {}), branch.get("required", []), defs, key + "."))
    return out


def cms_fields(fields: list, path: str = "") -> dict[str, dict]:
    out = {}
    for field in fields:
        key = path + field["name"]
        out[key] = field
        out.update(cms_fields(field.get("fields", []), key + "."))
    return out


def registry_fields(config: dict) -> dict[str, list]:
    registries = next(c for c in config["collections"] if c["name"] == "registries")
    return {f["name"]: f["fields"][0]["fields"] for f in registries["files"]}


def check_against_schemas(config: dict, schema_dir: Path) -> None:
    """The drift test: the form has a field for every schema property and no other, each with the
    schema's requiredness, description as hint, enum values as options, and registry ids as choices."""
    schemas = {p.name.removesuffix(".schema.json"): json.loads(p.read_text()) for p in schema_dir.glob("*.schema.json")}
    forms = registry_fields(config)
    forms["briefing"] = next(c for c in config["collections"] if c["name"] == "briefings")["fields"]
    assert set(forms) == set(schemas), "a collection for every schema, and none without one"
    for name, schema in schemas.items():
        defs = schema.get("$defs", {})
        entry = _resolve(schema["items"], defs) if schema.get("type") == "array" else schema
        expected = schema_fields(entry["properties"], entry.get("required", []), defs)
        actual = cms_fields(forms[name])
        assert set(actual) == set(expected), f"{name}: fields differ: {set(actual) ^ set(expected)}"
        for key, want in expected.items():
            got = actual[key]
            assert got["required"] is want["required"], f"{name}.{key}: required"
            if f"{name}.{key}" in cms.FORM_ONLY_HINTS:  # what the form cannot do, after the schema's description
                assert got["hint"] == f"{want['description']} {cms.FORM_ONLY_HINTS[name + '.' + key]}", f"{name}.{key}: hint"
            else:
                assert got.get("hint") == want["description"], f"{name}.{key}: hint"
            node = want["node"]
            choices = node if "enum" in node else _resolve(node.get("items", {}), defs)
            if "enum" in choices:  # the schema's labels shown, its values saved
                assert got["widget"] == "select" and got["options"] == [
                    {"label": text, "value": value} for value, text in zip(choices["enum"], choices["enumDescriptions"], strict=True)
                ], f"{name}.{key}: options"
            registry = re.search(r"data/([a-z]+)\.yml", want["description"] or "")
            holds_ids = "id" in defs and defs["id"]["pattern"] in (node.get("pattern"), _resolve(node.get("items", {}), defs).get("pattern"))
            if holds_ids and registry and registry[1] in schemas:
                assert got["widget"] == "relation" and got["file"] == registry[1], f"{name}.{key}: not chosen from {registry[1]}"
                assert got["value_field"] == f"{registry[1]}.*.id" and got["multiple"] is (node.get("type") == "array")
            elif holds_ids:
                assert got.get("pattern"), f"{name}.{key}: the id pattern is not checked in the form"


def test_the_form_agrees_with_the_schemas():
    check_against_schemas(cms.config(SCHEMAS, "org/repo"), SCHEMAS)


def test_the_drift_check_fails_when_they_disagree():
    config = cms.config(SCHEMAS, "org/repo")
    briefing = next(c for c in config["collections"] if c["name"] == "briefings")
    briefing["fields"] = [f for f in briefing["fields"] if f["name"] != "questions"]
    with pytest.raises(AssertionError, match="questions"):
        check_against_schemas(config, SCHEMAS)
    config = cms.config(SCHEMAS, "org/repo")
    next(f for f in registry_fields(config)["resources"] if f["name"] == "kind")["options"].pop()
    with pytest.raises(AssertionError, match="resources.kind: options"):
        check_against_schemas(config, SCHEMAS)
    config = cms.config(SCHEMAS, "org/repo")
    next(f for f in registry_fields(config)["resources"] if f["name"] == "kind")["options"][0]["label"] = "toolkit"
    with pytest.raises(AssertionError, match="resources.kind: options"):
        check_against_schemas(config, SCHEMAS)


TINY_BRIEFING = {
    "$defs": {"id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "An id."},
              "text": {"type": "string", "minLength": 1, "pattern": "\\S", "description": "Text."}},
    "type": "object", "required": ["title", "date"],
    "properties": {
        "title": {"$ref": "#/$defs/text", "description": "The title."},
        "date": {"description": "YYYY-MM-DD or YYYY-MM.", "anyOf": [
            {"type": "string", "format": "date"}, {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"}]},
        "key_messages": {"type": "array", "items": {"$ref": "#/$defs/text"}, "description": "Three things to remember."},
        "actions": {"type": "array", "description": "What needs to happen.", "items": {
            "type": "object", "required": ["text"], "properties": {
                "text": {"$ref": "#/$defs/text", "description": "The action."},
                "owner": {"$ref": "#/$defs/id", "description": "Who does it (id from data/agencies.yml)."},
                "status": {"enum": ["open", "done"], "enumDescriptions": ["Open", "Done"], "description": "Where it stands."}}}},
    },
}
TINY_AGENCIES = {"type": "array", "$defs": TINY_BRIEFING["$defs"], "items": {
    "type": "object", "required": ["id", "name"], "properties": {
        "id": {"$ref": "#/$defs/id", "description": "The id."},
        "name": {"$ref": "#/$defs/text", "description": "Short name."}}}}


def tiny_schemas(tmp_path, briefing=TINY_BRIEFING) -> Path:
    write(tmp_path / "briefing.schema.json", json.dumps(briefing))
    write(tmp_path / "agencies.schema.json", json.dumps(TINY_AGENCIES))
    return tmp_path


def test_fields_another_engineer_adds_to_a_schema_reach_the_form(tmp_path):
    schema_dir = tiny_schemas(tmp_path)
    config = cms.config(schema_dir, "org/repo")
    check_against_schemas(config, schema_dir)
    fields = cms_fields(config["collections"][0]["fields"])
    assert fields["key_messages"]["widget"] == "list" and fields["key_messages"]["field"]["widget"] == "string"
    assert fields["actions.owner"] == {**fields["actions.owner"], "widget": "relation", "file": "agencies",
                                       "value_field": "agencies.*.id", "display_fields": ["agencies.*.name"],
                                       "multiple": False, "required": False}
    assert fields["actions.status"]["options"] == [{"label": "Open", "value": "open"}, {"label": "Done", "value": "done"}]
    assert fields["actions"]["summary"] == "{{fields.text}}"


def test_a_date_box_accepts_what_the_schema_accepts_and_refuses_the_rest(tmp_path):
    field = cms_fields(cms.config(tiny_schemas(tmp_path), "org/repo")["collections"][0]["fields"])["date"]
    pattern, message = field["pattern"]
    for good in ["2024-03-14", "2021-12"]:
        assert re.search(pattern, good), good
    for bad in ["14/03/2024", "2024-13", "2024-3-14", "2024-03-14x", "March 2024"]:
        assert not re.search(pattern, bad), bad
    assert message == "YYYY-MM-DD or YYYY-MM."  # the schema's own words say how to write it


def test_a_list_of_choices_without_a_label_for_each_stops_with_its_path(tmp_path):
    broken = json.loads(json.dumps(TINY_BRIEFING))
    broken["properties"]["actions"]["items"]["properties"]["status"]["enumDescriptions"] = ["Open"]
    with pytest.raises(cms.SchemaNotMapped, match=r"briefing\.actions\[\]\.status: a list of choices needs a label for each"):
        cms.config(tiny_schemas(tmp_path, broken), "org/repo")


def test_the_form_and_the_site_call_each_choice_by_the_same_name():
    """The select lists' labels are the words the site prints (model.py's) for a briefing's type, a resource's
    kind and an action's status."""
    from macros.data.model import ACTION_STATUSES, BRIEFING_TYPES, RESOURCE_KINDS
    config = cms.config(SCHEMAS, "org/repo")
    briefing = cms_fields(next(c for c in config["collections"] if c["name"] == "briefings")["fields"])
    shown = lambda field: {o["value"]: o["label"] for o in field["options"]}
    assert shown(briefing["type"]) == BRIEFING_TYPES
    assert shown(briefing["learning.actions.status"]) == {k: v for k, v in ACTION_STATUSES.items() if k}
    assert shown(next(f for f in registry_fields(config)["resources"] if f["name"] == "kind")) == RESOURCE_KINDS


def test_the_source_fields_hint_says_the_form_cannot_add_the_file_and_how_to():
    config = cms.config(SCHEMAS, "org/repo")
    source = cms_fields(next(c for c in config["collections"] if c["name"] == "briefings")["fields"])["source"]
    assert source["required"] is False
    assert source["hint"].endswith("The form cannot add that file: add the text to data/sources/ on GitHub first "
                                   "(CONTRIBUTING.md, \"Checking a briefing against its source\"), then write its name here, "
                                   "or leave this empty.")


def test_a_schema_construct_the_form_cannot_express_stops_with_its_path(tmp_path):
    broken = json.loads(json.dumps(TINY_BRIEFING))
    broken["properties"]["actions"]["items"]["properties"]["due"] = {"type": "null"}
    with pytest.raises(cms.SchemaNotMapped, match=r"briefing\.actions\[\]\.due: no form field"):
        cms.config(tiny_schemas(tmp_path, broken), "org/repo")


def test_each_change_is_a_pull_request_and_briefing_files_follow_the_naming_rule():
    config = cms.config(SCHEMAS, "org/repo")
    assert config["backend"] == {"name": "github", "repo": "org/repo", "branch": "main", "auth_methods": ["token"]}
    assert config["publish_mode"] == "editorial_workflow"
    briefings = config["collections"][0]
    assert (briefings["folder"], briefings["extension"], briefings["format"]) == ("data/briefings", "yml", "yaml")
    assert briefings["slug"] == "{{fields.date | date('YYYY-MM')}}-{{title}}"
    assert config["slug"]["encoding"] == "ascii" and config["output"]["omit_empty_optional_fields"] is True
    assert [f["file"] for f in next(c for c in config["collections"] if c["name"] == "registries")["files"]] == [
        "data/agencies.yml", "data/glossary.yml", "data/needs.yml", "data/resources.yml", "data/themes.yml"]


# --- Built from node_modules, or left out with a message -----------------------------------------

FONT = "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2"


def fake_project(tmp_path, font_version="5.3.7") -> Path:
    make_data(tmp_path)
    write(tmp_path / cms.SCRIPT, f"css='@font-face{{src:url({FONT})}}';")
    fonts = tmp_path / "node_modules" / "@fontsource-variable" / "material-symbols-outlined"
    write(fonts / "package.json", json.dumps({"version": font_version}))
    (fonts / "files").mkdir()
    (fonts / "files" / "material-symbols-outlined-latin-wght-normal.woff2").write_bytes(b"wOF2font")
    return tmp_path


def test_the_script_and_its_fonts_come_from_node_modules(tmp_path):
    out = cms.files(fake_project(tmp_path), "Briefings", "org/repo")
    assert out["admin/sveltia-cms.js"] == "css='@font-face{src:url(fonts/material-symbols-outlined-latin-wght-normal.woff2)}';"
    assert out["admin/fonts/material-symbols-outlined-latin-wght-normal.woff2"] == b"wOF2font"
    assert yaml.safe_load(out["admin/config.yml"]) == cms.config(SCHEMAS, "org/repo")


def test_without_npm_ci_the_form_is_left_out_and_the_build_says_how_to_get_it(tmp_path):
    make_data(tmp_path)
    assert not cms.installed(tmp_path) and cms.files(tmp_path, "Briefings", "org/repo") == {}
    assert "run `npm ci` and build again" in cms.LEFT_OUT
    project = copy_project(tmp_path / "p")
    (project / "node_modules").unlink()
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0 and cms.LEFT_OUT in built.stderr and not (tmp_path / "site" / "admin").exists()


def test_a_font_of_another_version_stops_the_build_and_says_what_to_pin(tmp_path):
    with pytest.raises(cms.NotInstalled, match="@fontsource-variable/material-symbols-outlined@5.3.7 but 5.3.8 is installed"):
        cms.files(fake_project(tmp_path, font_version="5.3.8"), "Briefings", "org/repo")


def test_a_schema_the_form_cannot_show_stops_the_build_with_its_path(tmp_path):
    project = copy_project(tmp_path / "p")
    schema = project / "data" / "schema" / "needs.schema.json"
    doc = json.loads(schema.read_text(encoding="utf-8"))
    doc["items"]["properties"]["label"] = {"$ref": "https://example.org/label.json"}
    schema.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError) as e:
        cms.files(project, "Briefings", "org/repo")
    assert "needs.schema.json" in str(e.value) and "only local $refs" in str(e.value)


# --- In the built site ---------------------------------------------------------------------------

def test_admin_is_built_with_noindex_its_own_policy_and_nothing_from_other_hosts(site):
    html = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in html and '<html lang="en-GB">' in html
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    assert "script-src 'self';" in policy and "connect-src 'self' data: blob: https://api.github.com;" in policy
    assert re.findall(r'<script[^>]*src="([^"]+)"', html) == ["sveltia-cms.js"]
    script = (site / "admin" / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in script
    fonts = re.findall(r"url\((fonts/[^)]+)\)", script)
    assert len(fonts) == 3 and all((site / "admin" / f).is_file() for f in fonts)


def test_only_admin_loads_the_cms_and_admin_is_in_no_sitemap_search_or_nav(site):
    for page in site.rglob("*.html"):
        if page.parent.name != "admin":
            text = page.read_text(encoding="utf-8")
            assert "sveltia" not in text and 'href="/admin/' not in text and "admin/" not in re.sub(r"<article.*</article>", "", text, flags=re.S), page
    assert "/admin/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    indexed = []
    for fragment in site.glob("pagefind*/fragment/*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        indexed.append(json.loads(raw[raw.index(b"{"):])["url"])
    assert indexed and not [url for url in indexed if "admin" in url]


# --- In Chromium: what the form saves, new and edited, passes CI as CI sees it ----------------------

# The repository the form works on: the fixture data and one briefing written by hand (comments, lists in
# brackets), which the form then edits. What the form saved is kept, byte for byte, in tests/fixtures/form/saved/:
# tests/test_editors_changes.py puts the same bytes into a clone of the project.
REPOSITORY = {**{"data/" + p.relative_to(FIXTURE_DATA).as_posix(): p for p in FIXTURE_DATA.rglob("*.yml")},
              **{"data/briefings/" + p.name: p for p in (FORM_SAVES / "hand-written").glob("*.yml")}}

OPFS_WRITE = """async (files) => {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, text] of Object.entries(files)) {
    let dir = root; const parts = path.split('/');
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const w = await (await dir.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await w.write(text); await w.close();
  }}"""
OPFS_READ = """async (folder) => {
  let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('sveltia-cms-test');
  for (const part of folder.split('/')) dir = await dir.getDirectoryHandle(part);
  const out = {};
  for await (const [name, handle] of dir.entries()) out[name] = await (await handle.getFile()).text();
  return out;
}"""


@pytest.fixture
def briefings_list(browser, served):
    """/admin/'s list of briefings in a fresh tab with Sveltia's test backend: a repository in the browser's
    private file system (OPFS), seeded with REPOSITORY; the same config.yml as the site but for the
    backend. The test fails if the tab asks any other host for anything."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith((served, "data:", "blob:")) else None)
    config = yaml.safe_load(page.request.get(served + "/admin/config.yml").text())
    config["backend"] = {"name": "test-repo"}
    page.route(re.compile(r"/admin/config\.yml(\?.*)?$"), lambda route: route.fulfill(
        body=yaml.safe_dump(config, sort_keys=False), content_type="application/yaml"))
    page.goto(served + "/404.html")  # same origin, to seed its private file system
    page.evaluate(OPFS_WRITE, {name: p.read_text(encoding="utf-8") for name, p in REPOSITORY.items()})
    page.goto(served + "/admin/")
    page.get_by_role("button", name="Work with Test Repository").click()
    yield page
    context.close()
    assert external == [], f"requests to other hosts: {external}"


@pytest.fixture
def form(briefings_list):
    """The form for a new briefing."""
    briefings_list.get_by_role("button", name="Create New Entry").click()
    return briefings_list


def field(page, key_path):
    return page.locator(f'[data-key-path="{key_path}"]')


def add_item(page, key_path, index: int = 0):
    """Add item `index` to a list field, and wait until the form has drawn it: a click that lands while the
    form is still drawing itself is lost, so it is clicked again (a few times at most)."""
    for attempt in range(4):
        field(page, key_path).get_by_role("button", name=re.compile("^Add")).last.click()
        try:
            # (an item of texts is the field itself; an item of fields holds them: key paths that start so)
            page.locator(f'[data-key-path="{key_path}.{index}"], [data-key-path^="{key_path}.{index}."]').first.wait_for(
                timeout=15000)
            return
        except PlaywrightTimeout:
            if attempt == 3:
                raise


def choose(page, key_path, option):
    """Pick an option from a select list. The list may be drawn again while the registries load
    (the option is detached under the click), so open it and click again, a few times at most."""
    for attempt in range(4):
        combo = field(page, key_path).get_by_role("combobox")
        if combo.get_attribute("aria-expanded") != "true":
            combo.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5000)
            return
        except PlaywrightTimeout:
            if attempt == 3:
                raise


def fill_required(page, date):
    field(page, "title").get_by_role("textbox").fill("Neglect in adolescence")
    page.get_by_role("radio", name="Thematic review").click()
    field(page, "date").get_by_role("textbox").fill(date)
    field(page, "summary").locator("textarea").fill("How agencies saw the neglect of teenagers.")


def fill_briefing(page, date):
    fill_required(page, date)
    add_item(page, "worries")
    field(page, "worries.0.text").get_by_role("textbox").fill("Older children were seen as able to look after themselves")
    choose(page, "worries.0.themes", "Professional curiosity")
    choose(page, "worries.0.agencies", "GPs")
    add_item(page, "learning")
    choose(page, "learning.0.theme", "Professional curiosity")
    add_item(page, "learning.0.actions")
    field(page, "learning.0.actions.0.text").get_by_role("textbox").fill("Ask teenagers what home is like, and check what they say")
    choose(page, "learning.0.resources", "Neglect Toolkit")


def saved_briefings(page) -> dict[str, str]:
    return page.evaluate(OPFS_READ, "data/briefings")


def wait_for_save(page, name: str, before: dict[str, str]) -> str:
    """The text of data/briefings/<name> once the form has saved it anew."""
    # (the CMS may be mid-write when polled: a folder not there yet is "not yet", not a failure)
    page.wait_for_function(f"async ([name, before]) => {{ try {{ const now = (await ({OPFS_READ})('data/briefings'))[name];"
                           " return now !== undefined && now !== before; } catch (e) { return false; } }",
                           arg=[name, before.get(name)], polling=100)
    return saved_briefings(page)[name]


def test_what_the_form_saves_new_and_edited_passes_make_check_and_the_data_tests_and_builds(form, tmp_path):
    before = saved_briefings(form)
    fill_briefing(form, "2024-03-14")
    form.get_by_role("button", name="Save", exact=True).click()
    new = "2024-03-neglect-in-adolescence.yml"
    saved = {new: wait_for_save(form, new, before)}
    assert set(saved_briefings(form)) - set(before) == {new} and BRIEFING_NAME.match(new.removesuffix(".yml"))
    # The hand-written briefing, edited: a key message added (saving went back to the list of briefings).
    edited = "2023-09-children-missing-education.yml"
    form.get_by_text("Children Missing Education").first.click()
    add_item(form, "key_messages")
    field(form, "key_messages.0").get_by_role("textbox").fill("Ask where a child is on the first day they are missing")
    form.get_by_role("button", name="Save", exact=True).click()
    saved[edited] = wait_for_save(form, edited, before)
    # The bytes the GitHub backend would commit: the fields in the schema's order, no empty ones, no comments.
    for name, text in saved.items():
        assert text == (FORM_SAVES / "saved" / name).read_text(encoding="utf-8"), name
    # CI's checks, as CI runs them, on the repository the form worked on with what it saved.
    project = clone(tmp_path / "project", FIXTURE_DATA)
    for name, text in saved.items():
        (project / "data" / "briefings" / name).write_text(text, encoding="utf-8")
    check = make_check(project)
    assert check.returncode == 0 and "The data is valid: 4 briefings" in check.stdout, check.stdout + check.stderr
    tests = run_tests(project, *DATA_TESTS, "--basetemp", str(tmp_path / "runs"))
    assert tests.returncode == 0 and " passed" in tests.stdout, tests.stdout[-4000:] + tests.stderr[-2000:]
    site = tmp_path / "runs" / "live-site0"  # the site tests/test_live_data.py built from the clone (strictly)
    assert "Neglect in adolescence" in page_text(site, "briefings/")
    theme = page_text(site, "themes/professional-curiosity/")
    assert "Older children were seen as able to look after themselves" in theme
    assert "Ask teenagers what home is like" in theme
    edited_page = page_text(site, "briefings/2023-09-children-missing-education/")
    assert "Ask where a child is on the first day they are missing" in edited_page


def test_the_form_refuses_a_date_in_the_wrong_format_before_saving(form):
    before = saved_briefings(form)
    fill_required(form, "14/03/2024")
    form.get_by_role("button", name="Save", exact=True).click()
    date = field(form, "date").get_by_role("textbox")
    form.wait_for_function("el => el.getAttribute('aria-invalid') === 'true'", arg=date.element_handle())
    error = form.locator("#" + date.get_attribute("aria-errormessage"))
    assert "YYYY-MM-DD" in error.inner_text()
    assert saved_briefings(form) == before


def test_the_form_shows_labels_and_the_source_fields_hint(form, served):
    """An editor sees "Thematic review", not thematic-review, and is told the form cannot add a source."""
    for label in ("Multi-agency audit", "Child safeguarding practice review", "Thematic review"):
        expect(form.get_by_role("radio", name=label, exact=True)).to_be_visible()  # the form draws them after it opens
    assert form.get_by_role("radio", name="thematic-review", exact=True).count() == 0  # drawn with the labelled ones
    expect(form.get_by_text("The form cannot add that file", exact=False).first).to_be_visible()
