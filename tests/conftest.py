"""Shared helpers: tiny data folders stated in a few lines, and one real build for the HTML tests.

Behaviour tests run on the frozen fixture data in tests/fixtures/data/ (the two seed briefings and
the registries as they were), never on the live data/, which editors change every month. The live
data gets only the test files in DATA_TESTS, whose checks `make check` also makes; SG_PROJECT_ROOT
names another project to run those on (the default is this one).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from hypothesis import HealthCheck, Phase, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
FORM_SAVES = ROOT / "tests" / "fixtures" / "form"  # what the editors' form saved (tests/test_admin.py), byte for byte
NOT_YET_DUE_YEAR = dt.date.today().year + 1  # next year: the last a date in the data may be in (macros.data.date_window)
IMPACT_BRIEFINGS = ROOT / "tests" / "fixtures" / "impact" / "briefings"  # laid over the fixture's (its README says why)
SCHEMAS = ROOT / "data" / "schema"  # the project's, not data: the fixture has no copy to fall out of step
LIVE = Path(os.environ.get("SG_PROJECT_ROOT") or ROOT).resolve()
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "overrides", "package.json", "package-lock.json")
# What a clone has besides: the feedback form (made from data/agencies.yml), the Makefile `make check` runs, the tests.
CLONE_PARTS = (".github", "Makefile", "requirements.txt", "requirements-test.txt", "pytest.ini", "tests", "tools")
# The test files that touch data: those that read the live project's data/ or a file made from it (the feedback
# form's agency list), and the synthetic briefings, which once took the live ids into the fixture's catalogue.
# tests/test_editors_changes.py runs them in clones after every kind of change an editor makes, and fails when a
# test file that reads the live data is missing here; every other test runs on fixtures, whatever data/ holds.
DATA_TESTS = ("tests/test_live_data.py", "tests/test_issueform.py", "tests/test_synth.py")

# Hypothesis: in CI (CI=true, as GitHub Actions sets) the same examples every run, few enough to be
# quick, each within a deadline, and a failure reported at once with the blob to reproduce it (no
# shrinking, which once took five minutes: run the test locally to get the smallest example). Locally,
# more examples and a fresh draw each run. Generating whole briefings is slow by Hypothesis' measure,
# and meant to be. HYPOTHESIS_PROFILE=ci or dev chooses one directly.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
# Both start from Hypothesis' defaults: it loads its own "ci" profile by itself when any CI variable is set.
_DEFAULT = settings.get_profile("default")
settings.register_profile("ci", _DEFAULT, derandomize=True, max_examples=50, deadline=5000, print_blob=True,
                          phases=(Phase.explicit, Phase.reuse, Phase.generate), suppress_health_check=_QUIET)
settings.register_profile("dev", _DEFAULT, max_examples=100, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev"))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_data(tmp: Path, files: dict[str, str] | None = None, seeds: bool = True) -> Path:
    """A data/ folder: the fixture's (seeds=True) or only its registries, with the project's schemas and `files` written over it."""
    data = tmp / "data"
    shutil.copytree(FIXTURE_DATA, data)
    if not (data / "schema").exists():
        shutil.copytree(SCHEMAS, data / "schema")
    if not seeds:
        for folder in ("briefings", "sources"):
            shutil.rmtree(data / folder)
            (data / folder).mkdir()
    for name, text in (files or {}).items():
        write(data / name, text)
    return data


def copy_project(dest: Path, data: Path = FIXTURE_DATA, source: Path = ROOT) -> Path:
    """A copy of the project's code (no venv, no site) with `data` as its data/ (the fixture's unless told), to build or break."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    shutil.copytree(data, dest / "data", ignore=shutil.ignore_patterns("guard-names.txt"))
    if not (dest / "data" / "schema").exists():
        shutil.copytree(source / "data" / "schema", dest / "data" / "schema")
    if (source / "node_modules").is_dir():  # installed packages, not code: the editors' form is built from them
        (dest / "node_modules").symlink_to(source / "node_modules")
    return dest


def clone(dest: Path, data: Path) -> Path:
    """The project as a fresh clone has it (code, feedback form, Makefile, tests), with `data` as its data/.

    When `data` is not the project's own, the feedback form's agency list is written from it (as `make fix`
    would), so the clone is a repository that `make check` accepts as it stands."""
    copy_project(dest, data)
    for part in CLONE_PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / part, dest / part)  # copy2: the requirements keep their times, so make installs nothing
    if Path(data).resolve() != (ROOT / "data").resolve():
        from macros.data import issueform
        issueform.write(dest)
    return dest


def make(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`make ARGS` in a clone, as an editor or CI runs it: the Makefile's own recipe, with this venv's Python."""
    stamps = project / ".venv"  # the Makefile installs the requirements unless its stamp is newer than them
    stamps.mkdir(exist_ok=True)
    (stamps / ".runtime").touch()
    env = {k: v for k, v in os.environ.items() if k not in ("SG_PROJECT_ROOT", "GITHUB_ACTIONS")}
    return subprocess.run(["make", "--no-print-directory", f"PY={sys.executable}", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=300)


def make_check(project: Path) -> subprocess.CompletedProcess:
    """`make check` in a clone, as CI runs it."""
    return make(project, "check")


def run_tests(project: Path, *files: str) -> subprocess.CompletedProcess:
    """pytest on `files` of a clone, in the clone, as `make test` runs them there."""
    env = {k: v for k, v in os.environ.items() if k != "SG_PROJECT_ROOT"}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900)


# The fields that hold another registry's ids (their schema descriptions say "ids from data/<registry>.yml").
ID_FIELDS = {"themes": "themes", "theme": "themes", "agencies": "agencies", "agency": "agencies", "owner": "agencies",
             "resources": "resources", "needs": "needs"}
REGISTRIES = ("themes", "resources", "agencies", "needs")


def other_data(tmp: Path, prefix: str = "our-") -> Path:
    """A different valid data/, made from the fixture's: every theme, resource, agency, need, briefing and source
    under another id (`prefix` + the old one), every reference with it, the files written afresh (no comments)."""
    import yaml
    data = make_data(tmp)

    def new(kind: str, ident):
        return f"{prefix}{ident}" if isinstance(ident, str) else [new(kind, i) for i in ident]

    def renamed(node):
        if isinstance(node, dict):
            return {k: new(ID_FIELDS[k], v) if k in ID_FIELDS else renamed(v) for k, v in node.items()}
        return [renamed(v) for v in node] if isinstance(node, list) else node

    def dump(path: Path, document) -> None:
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")

    for kind in REGISTRIES:
        path = data / f"{kind}.yml"
        dump(path, [{**renamed(entry), "id": new(kind, entry["id"])} for entry in yaml.safe_load(path.read_text(encoding="utf-8"))])
    for path in sorted((data / "briefings").glob("*.yml")):
        briefing = renamed(yaml.safe_load(path.read_text(encoding="utf-8")))
        date, rest = path.stem[:8], path.stem[8:]
        if "source" in briefing:
            source = data / "sources" / briefing["source"]
            briefing["source"] = f"{date}{prefix}{rest}.txt"
            source.rename(data / "sources" / briefing["source"])
        dump(data / "briefings" / f"{date}{prefix}{rest}.yml", briefing)
        path.unlink()
    return data


def make_venv(folder: Path) -> dict[str, str]:
    """make's variables that make this Python the project's venv, as `make test` would have it: a stand-in
    VENV whose stamps are newer than the requirements (this Python has every pinned package: it runs the
    tests), so `make` installs nothing, wherever pytest runs from."""
    venv = Path(folder) / "venv"
    venv.mkdir(parents=True, exist_ok=True)
    for stamp in (".runtime", ".test"):
        (venv / stamp).touch()
    return {"VENV": str(venv), "PY": sys.executable}


def build_site(project: Path, site_dir: Path, engine: str = "mkdocs", **env: str) -> subprocess.CompletedProcess:
    """`make build` (python -m macros.tools.build) in a subprocess, as a user runs it, into site_dir."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "macros.tools.build", "--engine", engine, "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory) -> Path:
    """The project with the fixture data, for every test that builds "the site"."""
    return copy_project(tmp_path_factory.mktemp("fixture") / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory, fixture_project) -> Path:
    """The fixture site, built once for every HTML test, on worker processes as a site of thousands is
    (SG_PARALLEL_FROM=1: its 42 pages are under the threshold that makes a build fork)."""
    out = tmp_path_factory.mktemp("site")
    result = build_site(fixture_project, out, SG_PARALLEL_FROM="1")
    assert result.returncode == 0, result.stderr
    return out


def page_text(site: Path, url: str) -> str:
    """The readable text of a page's article, whitespace folded, entities decoded."""
    from html import unescape
    import re
    html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8") if not url.endswith(".html") else (site / url).read_text()
    article = html[html.index("<article"): html.index("</article>")]
    article = re.sub(r'<a class="sg-term"[^>]*><abbr[^>]*>(.*?)</abbr></a>', r"\1", article)  # a glossary term as read
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


# The impact site's address and feedback form, as a partnership would set them (the QR code and the
# printed address carry the first; the "Tell us how you used this briefing" link the second).
IMPACT_SITE_URL = "https://briefings.example.org/"
IMPACT_FEEDBACK_URL = "https://forms.example.org/r/used-a-briefing?briefing={id}&title={title}"


@pytest.fixture(scope="session")
def impact_project(tmp_path_factory) -> Path:
    """The project with the fixture data and tests/fixtures/impact/briefings/ over it: tracked actions and uses."""
    tmp = tmp_path_factory.mktemp("impact")
    data = tmp / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copytree(IMPACT_BRIEFINGS, data / "briefings", dirs_exist_ok=True)
    # An open action that is never overdue: due at the end of next year, the last a date may be in.
    missed = data / "briefings" / "2023-09-missed-health-appointments.yml"
    missed.write_text(missed.read_text(encoding="utf-8").replace("due: 2099-12", f"due: {NOT_YET_DUE_YEAR}-12"), encoding="utf-8")
    return copy_project(tmp / "project", data)


@pytest.fixture(scope="session")
def impact_site(tmp_path_factory, impact_project) -> Path:
    """The impact fixture's site, built once, for the report, open data, print and accessibility tests."""
    out = tmp_path_factory.mktemp("impact-site")
    result = build_site(impact_project, out, SITE_URL=IMPACT_SITE_URL, FEEDBACK_URL=IMPACT_FEEDBACK_URL)
    assert result.returncode == 0, result.stderr
    return out


class _Tables(HTMLParser):
    """Every <table> of a page: its caption and its rows, each a list of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption" and self.tables:
            self._caption = []
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        for part in (self._cell, self._caption):
            if part is not None:
                part.append(data)


def html_tables(html: str) -> dict[str, list[list[str]]]:
    """{caption: rows} of every table of a page, each row its cells' text (a table without a caption under '')."""
    parser = _Tables()
    parser.feed(html)
    return {t["caption"]: t["rows"] for t in parser.tables}


class _LinksAndIds(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(how many links there are, those within the site that reach no page or no anchor) over every page of a built site.

    The engine sees only a stub of each record page (macros.pipeline), so it cannot check the body's links: this does."""
    pages = {}
    for path in site.rglob("*.html"):
        if "pagefind" not in path.parts:
            parser = _LinksAndIds()
            parser.feed(path.read_text(encoding="utf-8"))
            pages[path] = parser
    broken = []
    for path, parser in pages.items():
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            base = site if parts.path.startswith("/") else path.parent  # 404.html links from the site's root
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if target not in pages and not target.is_file():
                broken.append(f"{path.relative_to(site)}: {href} (no such page)")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    return sum(len(p.hrefs) for p in pages.values()), broken


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """A built site served on http://127.0.0.1:<free port> while the block runs; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def served(site):
    """The built site on http://127.0.0.1:<port>/ for the browser tests."""
    with serving(site) as url:
        yield url


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def site_urls(site: Path) -> list[str]:
    """The URL of every page of the built site, "/" first; not /admin/, the editors' form (tests/test_admin.py)."""
    return sorted("/" + p.parent.relative_to(site).as_posix().removeprefix(".").strip("/") + ("/" if p.parent != site else "")
                  for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "admin")


@pytest.fixture
def page(browser, served):
    """A desktop-sized tab that fails the test if the page asks any other host for anything."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    external = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith((served, "data:", "blob:")) else None)
    yield page
    context.close()
    assert external == [], f"requests to other hosts: {external}"
