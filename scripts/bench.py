"""`make bench`: build the site with N synthetic briefings, beside the engine's floor, and measure.

For each N it makes three projects in a temporary folder, from the same briefings:
- ours: this project (mkdocs.yml, docs/, macros/, overrides/, data/) plus N briefings from macros.tools.synth;
- floor: a plain mkdocs-material site holding the same briefing pages as static pages (our
  renderer's HTML in .md files), one page each, out of the nav, with Material's search on: what
  this engine costs for these pages, whatever we do;
- minimal: plain Material building the same briefings as minimal Markdown pages (title, summary,
  each section as a plain list; no cross-links, no theme, resource or agency pages): the least a
  site of these briefings could cost on this engine.
It builds them in turn (ours, floor, minimal, then the reverse, ...) `--runs` times and reports medians:
wall time, peak memory (the build and its children), site size, page sizes, search bytes, and
ours / floor. Then `make check`'s time at 1,000, and search in headless Chromium at the largest N.

    python scripts/bench.py [--sizes 1000,5000] [--runs 3] [--write BENCHMARKS.md]
"""
from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from macros.data.catalogue import load
from macros.pages.records import pages as render_pages
from macros.engine import front_matter  # noqa: E402
from macros.pages.render import Renderer
from macros.pages.urls import page_path
from macros.tools.synth import generate
from conftest import copy_project  # noqa: E402  (the tests' copy of the project, without venv or site)

SEED = 1
QUERIES = ("fathers", "DASH", "neglect")
TRIES = 3  # each query, from a cold cache each time: the machine is shared, so take the median
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
FLOOR_CONFIG = """\
site_name: Floor
site_url: http://127.0.0.1:8000/
use_directory_urls: true
theme:
  name: material
  font: false
  features: [navigation.tabs]
nav:
  - Home: index.md
plugins:
  - search
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - tables
  - toc:
      permalink: true
validation:
  nav:
    omitted_files: ignore
  links:
    not_found: ignore         # the briefings link to theme, agency ... pages the floor does not have
    unrecognized_links: ignore
    anchors: ignore
"""
# Runs one command and prints its wall time, the peak resident memory of its largest process, and
# the peak of all its processes together (sampled every 50 ms: the search indexer runs beside the build).
MEASURE = """
import json, os, resource, subprocess, sys, threading, time

def tree_rss(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration, ValueError):
            pass
    return total / 1024

t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
peak = [0.0]
def sample():
    while proc.poll() is None:
        peak[0] = max(peak[0], tree_rss(proc.pid))
        time.sleep(0.05)
threading.Thread(target=sample, daemon=True).start()
err = proc.stderr.read()
proc.wait()
wall = time.perf_counter() - t
if proc.returncode:
    sys.exit(err[-3000:])
print(json.dumps({"wall": wall, "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "total_mb": peak[0]}))
"""


def minimal_page(b) -> str:
    """A briefing as the plainest Markdown page: title, summary, each section a plain list."""
    out = [f"# {b.title}", "", b.summary, ""]
    sections = [("What are we worried about?", b.worries), ("What good practice did we see?", b.good_practice)]
    sections += [(l.heading or l.theme, l.items) for l in b.learning]
    sections += [("Questions", [type("Q", (), {"text": q}) for q in b.questions])]
    for heading, items in sections:
        if items:
            out += [f"## {heading}", ""] + [f"- {item.text}" for item in items] + [""]
    return "\n".join(out)


def make_projects(n: int, work: Path) -> dict[str, Path]:
    ours, floor, minimal = copy_project(work / "ours"), work / "floor", work / "minimal"
    generate(n, ours / "data", seed=SEED)
    renderer = Renderer(load(ours / "data"))
    pages = render_pages(renderer)
    for b in renderer.cat.briefings:
        here = page_path(b)
        for project, text in ((floor, front_matter(pages[here].meta) + pages[here].html), (minimal, minimal_page(b))):
            target = project / "docs" / here
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    for project in (floor, minimal):
        (project / "docs" / "index.md").write_text("# Floor\n\nThe same briefings as static pages.\n", encoding="utf-8")
        (project / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    return {"ours": ours, "floor": floor, "minimal": minimal}


def measure(cmd: list[str], cwd: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{out.stderr}")
    return json.loads(out.stdout)


def build(project: Path, strict: bool) -> dict:
    shutil.rmtree(project / "site", ignore_errors=True)
    return measure([sys.executable, "-m", "mkdocs", "build", "-q", *(["--strict"] if strict else []),
                    "--site-dir", "site"], project)


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def site_figures(site: Path) -> dict:
    pages = [p for p in (site / "briefings").glob("*/index.html")]
    page_sizes = [size(p) for p in pages]
    parts = list(site.glob("pagefind*/"))  # the index may come in parts: pagefind/, pagefind-2/ ...
    search = sum(size(p) for p in parts) if parts else size(site / "search" / "search_index.json")
    kind_max = {k: max((size(p) for p in (site / k).glob("*/index.html")), default=0)
                for k in ("themes", "agencies", "resources", "needs")}
    return {"site_mb": size(site) / 1e6, "pages": len(pages), "page_kb_mean": statistics.mean(page_sizes) / 1e3,
            "page_kb_max": max(page_sizes) / 1e3, "search_mb": search / 1e6,
            "briefings_index_kb": size(site / "briefings" / "index.html") / 1e3,
            **{f"{k}_kb_max": v / 1e3 for k, v in kind_max.items()}}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


WATCH = """
() => {
  window.__last = 0; window.__first = 0;
  const input = document.getElementById("sg-search-input");
  const status = document.querySelector(".sg-search__status");
  input.addEventListener("input", () => { window.__last = performance.now(); window.__first = 0; });
  new MutationObserver(() => {
    const hit = document.querySelector('.sg-search__results li a[href*="/briefings/"]');
    if (!window.__first && hit && status.textContent.includes("\u201c" + input.value.trim() + "\u201d"))
      window.__first = performance.now();
  }).observe(document.querySelector("[data-sg-search]"), {subtree: true, childList: true, characterData: true});
}
"""


def search_figures(site: Path) -> list[dict]:
    """Per query, from a cold cache: ms from the last keystroke to the first matching briefing shown, and bytes fetched."""
    from playwright.sync_api import sync_playwright
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    landing = next((site / "briefings").glob("*/index.html")).parent.name
    out = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            for query in [q for q in QUERIES for _ in range(TRIES)]:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(f"{base}/briefings/{landing}/", wait_until="load")
                page.evaluate(WATCH)
                fetched: list = []
                page.on("requestfinished", lambda r: fetched.append(r))
                page.keyboard.press("/")
                page.keyboard.type(query, delay=80)
                deadline = time.monotonic() + 30  # polled from here: the page's CSP forbids wait_for_function's eval
                while not page.evaluate("window.__first > 0") and time.monotonic() < deadline:
                    page.wait_for_timeout(20)
                ms = page.evaluate("window.__first - window.__last")
                page.wait_for_timeout(300)  # let straggling requests finish before counting
                nbytes = sum(r.sizes()["responseBodySize"] for r in fetched)
                out.append({"query": query, "ms": ms, "kb": nbytes / 1e3, "requests": len(fetched)})
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1024**2:.0f} GiB memory, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def run(sizes: list[int], runs: int) -> str:
    rows, searches, check = [], [], None
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
            projects = make_projects(n, Path(tmp))
            ours = projects["ours"]
            times: dict[str, list[dict]] = {kind: [] for kind in projects}
            for i in range(runs):
                order = [(kind, project, kind == "ours") for kind, project in projects.items()]
                for kind, project, strict in (order if i % 2 == 0 else order[::-1]):
                    times[kind].append(build(project, strict))
                    last = times[kind][-1]
                    print(f"N={n} run {i + 1} {kind}: {last['wall']:.1f} s, largest process {last['rss_mb']:.0f} MB, "
                          f"all processes {last['total_mb']:.0f} MB", flush=True)
            row = {"n": n}
            for kind, project in projects.items():
                row[kind] = {"wall": statistics.median(t["wall"] for t in times[kind]),
                             "walls": [round(t["wall"], 1) for t in times[kind]],
                             "rss_mb": max(t["rss_mb"] for t in times[kind]),
                             "total_mb": max(t["total_mb"] for t in times[kind]), **site_figures(project / "site")}
            row["ratio"] = row["ours"]["wall"] / row["floor"]["wall"]
            row["ratio_minimal"] = row["ours"]["wall"] / row["minimal"]["wall"]
            rows.append(row)
            if n == 1000 or (check is None and n == sizes[-1]):
                check = {"n": n, **{"wall": statistics.median(
                    measure([sys.executable, "-m", "macros.tools.check", str(ours / "data")], ROOT)["wall"] for _ in range(runs))}}
            if n == sizes[-1]:
                searches = search_figures(ours / "site")
    return report(rows, check, searches, runs)


def report(rows, check, searches, runs) -> str:
    lines = [f"Machine: {machine()}. Runs per build: {runs} (median shown; all runs in brackets). "
             f"Measured {time.strftime('%Y-%m-%d')}.", "",
             "| Briefings | Build | Wall time (s) | Peak memory, largest process / all processes (MB) | Site (MB) | Briefing page, mean / max (KB) "
             "| Search index (MB) | /briefings/ (KB) | Largest theme / agency page (KB) | Ours / floor | Ours / minimal |",
             "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        for kind in ("ours", "floor", "minimal"):
            f = r[kind]
            ours = kind == "ours"
            aggregate = f"{f['themes_kb_max']:.0f} / {f['agencies_kb_max']:.0f}" if ours else "n/a"
            ratio = f"{r['ratio']:.2f} | {r['ratio_minimal']:.2f}" if ours else ("1 | " if kind == "floor" else " | 1")
            lines.append(f"| {r['n']:,} | {kind} | {f['wall']:.1f} {f['walls']} | {f['rss_mb']:.0f} / {f['total_mb']:.0f} | {f['site_mb']:.1f} "
                         f"| {f['page_kb_mean']:.1f} / {f['page_kb_max']:.1f} | {f['search_mb']:.2f} "
                         f"| {f['briefings_index_kb']:.0f} | {aggregate} | {ratio} |")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        lines += ["", f"Growth from {a['n']:,} to {b['n']:,} briefings ({b['n'] / a['n']:.0f}x the briefings): "
                      f"ours {b['ours']['wall'] / a['ours']['wall']:.2f}x, floor {b['floor']['wall'] / a['floor']['wall']:.2f}x, "
                      f"minimal {b['minimal']['wall'] / a['minimal']['wall']:.2f}x."]
    if check:
        lines += ["", f"`make check` (python -m macros.tools.check) on {check['n']:,} briefings: {check['wall']:.1f} s (median)."]
    if searches:
        lines += ["", f"Search on the {rows[-1]['n']:,}-briefing site (Pagefind), each query from a cold cache in headless Chromium, "
                      "typed at 80 ms a key:", "",
                  "| Query | Last keystroke to first matching briefing shown, median [all] (ms) | Fetched for the search, max (KB) | Requests, max |",
                  "| --- | ---: | ---: | ---: |"]
        for query in QUERIES:
            mine = [s for s in searches if s["query"] == query]
            ms = sorted(s["ms"] for s in mine)
            lines.append(f"| {query} | {statistics.median(ms):.0f} {[round(m) for m in ms]} "
                         f"| {max(s['kb'] for s in mine):.0f} | {max(s['requests'] for s in mine)} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=Path, help=f"put the results between {START} and {END} in this file")
    args = parser.parse_args()
    text = run([int(s) for s in args.sizes.split(",")], args.runs)
    print(text)
    if args.write:
        doc = args.write.read_text(encoding="utf-8")
        doc = doc[: doc.index(START) + len(START)] + "\n" + text + "\n" + doc[doc.index(END):]
        args.write.write_text(doc, encoding="utf-8")
        print(f"Wrote the results into {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
