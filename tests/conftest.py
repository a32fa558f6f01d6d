"""Shared helpers: tiny data folders stated in a few lines, and one real build for the HTML tests."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "macros", "overrides")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def make_data(tmp: Path, files: dict[str, str] | None = None, seeds: bool = True) -> Path:
    """A data/ folder: the real one (seeds=True) or only the registries, with `files` written over it."""
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    if not seeds:
        shutil.rmtree(data / "briefings")
        (data / "briefings").mkdir()
    for name, text in (files or {}).items():
        write(data / name, text)
    return data


def copy_project(dest: Path) -> Path:
    """A copy of the whole project (no venv, no site) to build or break."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    return dest


def mkdocs_build(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` in a subprocess, as a user runs it (and so the hook's module purge is real)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once for every HTML test."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


def page_text(site: Path, url: str) -> str:
    """The readable text of a page's article, whitespace folded, entities decoded."""
    from html import unescape
    import re
    html = (site / url.strip("/") / "index.html").read_text(encoding="utf-8") if not url.endswith(".html") else (site / url).read_text()
    article = html[html.index("<article"): html.index("</article>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


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
