"""The promise to editors: what `make check` accepts, `make test` accepts, whatever they change.

A clone of the project gets every kind of change an editor makes to data/, all at once (they do not
interfere), then `make check` and the test files that touch data (DATA_TESTS) run in it, as CI runs
them on the editor's pull request. A second clone gets a different catalogue altogether. Every other
test runs on the fixtures, whatever data/ holds; the last test keeps DATA_TESTS honest about that.
"""
import re
from pathlib import Path

import yaml

from conftest import DATA_TESTS, FIXTURE_DATA, FORM_SAVES, ID_FIELDS, LIVE, REGISTRIES, ROOT, clone, make, make_check, \
    other_data, run_tests, write
from macros.data import issueform

SOURCE = """\
Thematic review: Young Carers

What are we worried about?

- Nobody asked who looked after the parent while the child was at school
"""


def ids_in(node) -> set[tuple[str, str]]:
    """(registry, id) for every id a briefing or registry entry names."""
    found = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ID_FIELDS:
                found |= {(ID_FIELDS[key], v) for v in ([value] if isinstance(value, str) else value)}
            else:
                found |= ids_in(value)
    elif isinstance(node, list):
        for value in node:
            found |= ids_in(value)
    return found


def entries(path: Path) -> list[tuple[str, int, int]]:
    """(id, first line, line after the last) of each entry of a registry, counted from 0."""
    text = path.read_text(encoding="utf-8")
    items = yaml.compose(text, Loader=yaml.SafeLoader).value
    starts = [item.start_mark.line for item in items] + [len(text.splitlines())]
    return [(dict((k.value, v) for k, v in item.value)["id"].value, a, b) for item, a, b in zip(items, starts, starts[1:])]


def free(kind: str, ident: str, data: Path) -> str:
    """`ident`, or ident-2, -3 ... if the registry has it already (an editor may have added it since)."""
    taken = {i for i, _, _ in entries(data / f"{kind}.yml")}
    return next(f"{ident}{suffix}" for suffix in ["", *(f"-{n}" for n in range(2, 100))] if f"{ident}{suffix}" not in taken)


def append(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8")
    path.write_text(old + ("" if old.endswith("\n") else "\n") + text, encoding="utf-8")


def with_ids(data: Path, text: str) -> None:
    """Each theme, resource, agency and need the briefing `text` names that data/ lacks, added from the fixture's
    registries (as an editor adds it before choosing it in the form)."""
    for kind, ident in sorted(ids_in(yaml.safe_load(text))):
        if ident not in {i for i, _, _ in entries(data / f"{kind}.yml")}:
            entry = next(e for e in yaml.safe_load((FIXTURE_DATA / f"{kind}.yml").read_text()) if e["id"] == ident)
            entry.pop("resources", None)  # the entry alone, not what it links to
            append(data / f"{kind}.yml", yaml.safe_dump([entry], sort_keys=False, allow_unicode=True))


def every_change(project: Path) -> list[str]:
    """Every kind of change an editor makes to data/, applied to `project`; returns what was done, for messages."""
    data, done = project / "data", []
    briefings = sorted((data / "briefings").glob("*.yml"))
    # Add a theme, resource, agency and need at the end of each list, as CONTRIBUTING says ...
    ids = {kind: free(kind, ident, data) for kind, ident in
           [("themes", "hidden-caring"), ("resources", "carers-assessment"), ("agencies", "carers-centre"), ("needs", "young-carer")]}
    append(data / "themes.yml", f"- id: {ids['themes']}\n  title: Hidden caring\n  summary: Children who care for a parent, unseen.\n")
    append(data / "resources.yml", f"- id: {ids['resources']}\n  title: Young carers' assessment\n  kind: tool\n"
                                   "  description: The council's assessment of a young carer's needs.\n")
    append(data / "agencies.yml", f"- id: {ids['agencies']}\n  name: Carers' Centre\n  description: Support for carers.\n")
    append(data / "needs.yml", f"- id: {ids['needs']}\n  label: Young carer\n  description: Children who look after a family member.\n")
    done.append(f"added {ids}")
    # ... and use them, in a new briefing with a new source text.
    write(data / "briefings" / "2024-05-young-carers.yml", f"""
        # yaml-language-server: $schema=../schema/briefing.schema.json
        title: Young Carers
        type: thematic-review
        date: 2024-05-20
        source: 2024-05-young-carers.txt
        summary: A thematic review of how agencies noticed children who care for a parent.
        needs: [{ids['needs']}]
        agencies: [{ids['agencies']}]
        worries:
          - text: Nobody asked who looked after the parent while the child was at school
            themes: [{ids['themes']}]
            agencies: [{ids['agencies']}]
            resources: [{ids['resources']}]
        """)
    write(data / "sources" / "2024-05-young-carers.txt", SOURCE)
    # A briefing with no comment line.
    write(data / "briefings" / "2024-06-home-visits.yml", """
        title: Home Visits
        type: rapid-review
        date: 2024-06
        summary: A rapid review of unannounced home visits.
        """)
    # The form's saved bytes: a new briefing, and one it edited (tests/test_admin.py checks these are its bytes).
    for saved in sorted((FORM_SAVES / "saved").glob("*.yml")):
        text = saved.read_text(encoding="utf-8")
        with_ids(data, text)
        (data / "briefings" / saved.name).write_text(text, encoding="utf-8")
    done.append("added a briefing with a source, one with no comment line, and the form's " +
                ", ".join(p.name for p in sorted((FORM_SAVES / "saved").glob("*.yml"))))
    # Rename a briefing, and remove another.
    if briefings:
        renamed = briefings[-1].with_name(f"{briefings[-1].stem}-revised.yml")
        briefings[-1].rename(renamed)
        done.append(f"renamed {briefings[-1].name} to {renamed.name}")
    if len(briefings) > 1:
        briefings[0].unlink()
        done.append(f"removed {briefings[0].name}")
    # Remove an entry of each list that nothing uses now (what the removed briefing alone used, say).
    documents = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in [*(data / "briefings").glob("*.yml"),
                                                                          *(data / f"{k}.yml" for k in REGISTRIES)]]
    used = set().union(*(ids_in(d) for d in documents))
    for kind in REGISTRIES:
        path = data / f"{kind}.yml"
        unused = [(ident, a, b) for ident, a, b in entries(path) if (kind, ident) not in used]
        if unused:
            ident, a, b = unused[-1]
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            path.write_text("".join(lines[:a] + lines[b:]), encoding="utf-8")
            done.append(f"removed {kind} {ident!r}, which nothing used")
    # The new and removed agencies reach the feedback form: `make fix` writes them there, as CONTRIBUTING says.
    fixed = make(project, "fix")
    assert f"{issueform.FORM}:" in fixed.stdout and "wrote the agency list from data/agencies.yml" in fixed.stdout, \
        fixed.stdout + fixed.stderr
    done.append("ran make fix")
    return done


def passes_ci(project: Path, done: list[str]) -> None:
    briefings = len(list((project / "data" / "briefings").glob("*.yml")))
    check = make_check(project)
    assert check.returncode == 0 and f"The data is valid: {briefings} briefings" in check.stdout, (done, check.stdout + check.stderr)
    tests = run_tests(project, *DATA_TESTS)
    assert tests.returncode == 0, (done, tests.stdout[-4000:] + tests.stderr[-2000:])
    assert " passed" in tests.stdout and "skipped" not in tests.stdout.splitlines()[-1]


def test_every_change_an_editor_makes_passes_make_check_and_the_data_tests(tmp_path):
    project = clone(tmp_path / "clone", LIVE / "data")
    done = every_change(project)
    passes_ci(project, done)


def test_another_catalogue_altogether_passes_make_check_and_the_data_tests(tmp_path):
    """Every theme, resource, agency, need and briefing under other ids: a partnership's own data, say."""
    project = clone(tmp_path / "clone", other_data(tmp_path))
    assert not {p.name for p in (project / "data" / "briefings").iterdir()} & {p.name for p in (LIVE / "data" / "briefings").iterdir()}
    passes_ci(project, ["swapped data/ for other_data()"])


# What reads the live project: its data/ (LIVE, or ROOT / "data" but for the schemas, which are code), or the
# feedback form, whose agency list is made from data/agencies.yml (in .github/, but for the workflows).
READS_LIVE = re.compile(r'\bLIVE\b|ROOT / "data"(?! / "schema")|ISSUE_TEMPLATE|ROOT / "\.github"(?! / "workflows")')


def test_every_test_file_that_reads_the_live_project_is_in_data_tests():
    assert READS_LIVE.search('agencies = load(ROOT / "data" / "agencies.yml")')
    assert READS_LIVE.search("mkdocs_build(LIVE, out)") and READS_LIVE.search('ROOT / ".github" / "ISSUE_TEMPLATE"')
    assert READS_LIVE.search('shutil.copytree(ROOT / ".github", project / ".github")')
    assert not READS_LIVE.search('SCHEMAS = ROOT / "data" / "schema"') and not READS_LIVE.search("make_data(tmp_path)")
    assert not READS_LIVE.search('WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))')
    here = Path(__file__).name  # the runner itself
    reading = {f"tests/{p.name}" for p in (ROOT / "tests").glob("test_*.py")
               if p.name != here and READS_LIVE.search(p.read_text(encoding="utf-8"))}
    assert reading <= set(DATA_TESTS), f"add to DATA_TESTS in tests/conftest.py, or move onto fixtures: {sorted(reading - set(DATA_TESTS))}"
    assert all((ROOT / f).is_file() for f in DATA_TESTS)
