"""`make serve` (python -m macros.tools.serve) as an editor uses it: edits to data/ show up; bad data keeps the last good preview."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import copy_project

PAGE = "briefings/2022-12-engagement-with-fathers/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float = 40) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


@pytest.fixture
def server(tmp_path):
    project = copy_project(tmp_path / "p")
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "macros.tools.serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/{PAGE}"
    try:
        assert wait_for(url, "Engagement with Fathers"), (tmp_path / "serve.log").read_text()
        yield project, url, tmp_path / "serve.log"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_serve_follows_edits_and_survives_bad_data(server):
    project, url, log = server
    briefing = project / "data/briefings/2022-12-engagement-with-fathers.yml"

    edit(project / "docs/themes/index.md", "# Themes", "# Themes we keep meeting")
    assert wait_for(url.removesuffix(PAGE) + "themes/", "Themes we keep meeting"), "an edit to docs/ did not take effect"

    edit(briefing, "\ntitle: Engagement with Fathers", "\ntitel: Engagement with Dads")
    deadline = time.monotonic() + 40
    while "unknown field 'titel'" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.5)
    text = log.read_text()
    assert "still serving the last good version" in text and "2022-12-engagement-with-fathers.yml:3: unknown field 'titel'" in text
    assert "Engagement with Fathers" in fetch(url), log.read_text()  # the last good page, not a hung server
    # ... and every preview page says so, with the problem (checked in a browser below)
    assert wait_for(url, "The data has 1 problem; the preview shows the last good version.")
    assert "2022-12-engagement-with-fathers.yml:3: unknown field &#39;titel&#39;" in fetch(url)
    assert "The data has 1 problem" in fetch(url.removesuffix(PAGE) + "themes/")

    edit(briefing, "\ntitel: Engagement with Dads", "\ntitle: Engagement with Papas")
    assert wait_for(url, "Engagement with Papas"), "serve did not recover when the data was fixed"
    assert "sg-preview-problems" not in fetch(url)  # the banner is gone with the problem
    assert "Traceback" not in log.read_text()

    # A change to the code is not half-applied: the preview says to restart.
    edit(project / "macros/pages/render.py", '"What are we worried about?"', '"What worries us?"')
    deadline = time.monotonic() + 40
    while "start it again to use the new code" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "macros/ changed: stop `make serve` (Ctrl+C) and start it again to use the new code" in log.read_text()
    assert "What worries us?" not in fetch(url)

    # Search works in the preview too, rebuilt with every change: the index is there for every record page.
    root = url.removesuffix(PAGE)
    entry = json.loads(fetch(root + "pagefind/pagefind-entry.json") or "{}")
    assert entry.get("languages", {}).get("en-gb", {}).get("page_count", 0) > 40, entry
    assert "mergeIndex" in fetch(root + "pagefind/pagefind.js")


def test_preview_banner_in_chromium_lists_every_problem(server, browser):
    project, url, log = server
    briefing = project / "data/briefings/2022-12-engagement-with-fathers.yml"
    edit(briefing, "\ntype: multi-agency-audit", "\ntype: audit\nwories: []")
    assert wait_for(url, "sg-preview-problems")
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(url)
    banner = page.locator(".sg-preview-problems")
    assert banner.is_visible() and banner.bounding_box()["y"] < 400  # at the top, on a phone too
    text = banner.inner_text()
    assert "The data has 2 problems; the preview shows the last good version." in text
    assert "2022-12-engagement-with-fathers.yml:4: type 'audit' is not one of" in text
    assert "unknown field 'wories'" in text
    assert page.locator("h1").inner_text().startswith("Engagement with Fathers")  # the last good page below it
    page.context.close()


def test_a_build_never_shows_the_banner(site):
    assert not any("sg-preview-problems" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
