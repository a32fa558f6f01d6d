"""`make bench`: every figure of the performance targets, measured side by side in one run.

For each N it makes three projects in a temporary folder, from the same briefings:
- ours: this project (mkdocs.yml, docs/, macros/, overrides/, data/) plus N briefings from macros.tools.synth,
  built as `make build` builds it: `python -m macros.tools.build --site-dir DIR` (the pipeline, the engine in-process);
- floor: a plain mkdocs-material site holding the same briefing pages as static pages (our
  renderer's HTML in .md files), one page each, out of the nav, with Material's search on: what
  this engine costs for these pages, whatever we do;
- minimal: plain Material building the same briefings as minimal Markdown pages (title, summary,
  each section as a plain list; no cross-links, no theme, resource or agency pages): the least a
  site of these briefings could cost on this engine. The target: ours at most 1.0x of it.
It builds them in turn (ours, floor, minimal, then the reverse, ...) `--runs` times and reports medians:
wall time, each step of ours (and how long it waited for the search index), peak memory, sizes.
Then, alternating too: `make check` against plain PyYAML (CSafeLoader) parsing the same files; at the
largest N, search in headless Chromium (last key to results shown, and the bytes fetched); Lighthouse
(mobile) on the home page and a seed briefing, served with gzip as GitHub Pages serves them; and a
profile of our build at 1,000 briefings (pyinstrument).

The machine may be shared: before each group of measurements it waits (a while, not for ever) for the
load average to fall below --quiet-load, and every figure is shown with the load it was measured at.

    python scripts/bench.py [--sizes 1000,5000] [--runs 3] [--write BENCHMARKS.md]
    python scripts/bench.py --search-sites SITE_A,SITE_B      # only search, on built sites, alternating
    python scripts/bench.py --lighthouse-sites SITE_A,SITE_B  # only Lighthouse, on built sites, alternating
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
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

from macros.data.catalogue import load  # noqa: E402
from macros.engine import front_matter  # noqa: E402
from macros.pages.records import pages as render_pages  # noqa: E402
from macros.pages.render import Renderer  # noqa: E402
from macros.pages.urls import page_path  # noqa: E402
from macros.tools.synth import generate  # noqa: E402
from conftest import copy_project  # noqa: E402  (the tests' copy of the project, without venv or site)

SEED = 1
SEED_BRIEFING = "2022-12-engagement-with-fathers"  # a real briefing, in every project (tests/fixtures/data)
QUERIES = ("fathers", "DASH", "neglect")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TARGETS = {"build": 1.0, "search_median": 200, "search_worst": 300, "search_mb": 0.6, "lcp_s": 1.2, "check": 3.0}
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
# the peak of all its processes together (sampled every 50 ms: the search indexer and forked workers run
# beside the build). The total is of proportional set sizes (Pss): a page that forked processes share
# is counted once in all, not once in each, as adding their resident sizes would.
MEASURE = """
import json, os, resource, subprocess, sys, threading, time

def tree_rss(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
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
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
                  "total_mb": peak[0]}))
"""
# What `make check` is compared with: the interpreter starting and libyaml parsing the same files, nothing else.
PLAIN_YAML = ("import pathlib, sys, yaml\n"
              "for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yml')): yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)")


# --- the machine ---------------------------------------------------------------------------------

def load_now() -> float:
    return os.getloadavg()[0]


def wait_for_quiet(limit: float, patience: float) -> None:
    """Wait up to `patience` seconds for the 1-minute load average to fall below `limit`."""
    deadline = time.monotonic() + patience
    if load_now() >= limit:
        print(f"load {load_now():.1f}: waiting up to {patience:.0f} s for it to fall below {limit}", flush=True)
    while load_now() >= limit and time.monotonic() < deadline:
        time.sleep(10)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return (f"{os.cpu_count()} cores ({cpu}), {mem / 1024**2:.0f} GiB memory, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


# --- the projects and their builds ---------------------------------------------------------------

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
    before = load_now()
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], cwd=cwd, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{out.stderr}")
    return {**json.loads(out.stdout), "load": before}


def build(kind: str, project: Path) -> dict:
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    if kind != "ours":
        return measure([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], project)
    steps = project / "timings.json"
    result = measure([sys.executable, "-m", "macros.tools.build", "--site-dir", str(site), "--timings", str(steps)], project)
    return {**result, "steps": json.loads(steps.read_text(encoding="utf-8"))}


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def site_figures(site: Path) -> dict:
    pages = [p for p in (site / "briefings").glob("*/index.html")]
    page_sizes = [size(p) for p in pages]
    parts = list(site.glob("pagefind*/"))  # the index may come in parts: pagefind/, pagefind-2/ ...
    search = sum(size(p) for p in parts) if parts else size(site / "search" / "search_index.json")
    return {"site_mb": size(site) / 1e6, "pages": len(pages), "page_kb_mean": statistics.mean(page_sizes) / 1e3,
            "page_kb_max": max(page_sizes) / 1e3, "search_mb": search / 1e6}


# --- serving as GitHub Pages does ---------------------------------------------------------------

class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that compresses text as GitHub Pages does (gzip, when the browser accepts it),
    with Pages' ten-minute cache lifetime. Pagefind's own files are compressed by Pagefind and sent as they are."""
    protocol_version = "HTTP/1.1"  # keep-alive, as any real host (Pages serves HTTP/2); 1.0 costs a connection a file
    COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".map", ".webmanifest"}
    _cache: dict[str, bytes] = {}
    sent: list[tuple[str, int]] = []  # (path, body bytes) of every response, as sent: what a search fetched

    def copyfile(self, source, outputfile):
        body = source.read()
        outputfile.write(body)
        self.sent.append((self.path, len(body)))

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if (os.path.splitext(path)[1] not in self.COMPRESSED or not os.path.isfile(path)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = self._cache.get(path)
        if body is None:
            with open(path, "rb") as f:
                body = self._cache[path] = gzip.compress(f.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        if not any(h.startswith(b"Cache-Control") for h in getattr(self, "_headers_buffer", [])):
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):  # a browser closing a kept-alive connection
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site: Path):
    """The built site on http://127.0.0.1:<port>, gzip as GitHub Pages serves it."""
    GzipHandler._cache = {}
    server = _Server(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- search in Chromium ---------------------------------------------------------------------------

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
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def search_once(browser, base: str, landing: str, query: str) -> dict:
    """One search from a cold cache: ms from the last key to the first matching briefing shown, and what was fetched."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{base}/briefings/{landing}/", wait_until="load")
        page.evaluate(WATCH)
        page.wait_for_timeout(200)  # anything the page itself still fetches is not the search's
        GzipHandler.sent.clear()
        page.keyboard.press("/")
        page.keyboard.type(query, delay=80)
        deadline = time.monotonic() + 30  # polled from here: the page's CSP forbids wait_for_function's eval
        while not page.evaluate("window.__first > 0") and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        ms = page.evaluate("window.__first - window.__last")
        page.wait_for_timeout(300)  # let straggling requests finish before counting
        # counted by the server: the page's and its search worker's requests alike (not the favicon, which the browser fetches late)
        fetched = [(path, n) for path, n in GzipHandler.sent if not path.endswith("favicon.png")]
        return {"query": query, "ms": ms, "kb": sum(n for _, n in fetched) / 1e3, "requests": len(fetched), "load": load_now()}
    finally:
        context.close()


def search_figures(sites: dict[str, Path], tries: int) -> dict[str, list[dict]]:
    """Per site, each query `tries` times, the sites alternating query by query."""
    from playwright.sync_api import sync_playwright
    out: dict[str, list[dict]] = {name: [] for name in sites}
    with contextlib.ExitStack() as stack:
        bases = {name: stack.enter_context(serve(site)) for name, site in sites.items()}
        p = stack.enter_context(sync_playwright())
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        for i in range(tries):
            for query in QUERIES:
                for name in (list(sites) if i % 2 == 0 else list(sites)[::-1]):
                    out[name].append(search_once(browser, bases[name], SEED_BRIEFING, query))
                    print(f"search {name} {query}: {out[name][-1]['ms']:.0f} ms, {out[name][-1]['kb']:.0f} KB", flush=True)
        browser.close()
    return out


def search_summary(runs: list[dict]) -> dict:
    ms = [r["ms"] for r in runs]
    return {"median": statistics.median(ms), "worst": max(ms), "kb": max(r["kb"] for r in runs),
            "load": statistics.median(r["load"] for r in runs)}


# --- Lighthouse -------------------------------------------------------------------------------------

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_once(url: str) -> dict:
    """Lighthouse's mobile defaults (simulated slow 4G, 4x CPU slowdown) on one page, in Debian's Chromium."""
    env = {**os.environ, "CHROME_PATH": chromium()}
    out = subprocess.run(["node", str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
                          f"--only-categories={','.join(CATEGORIES)}",
                          "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                         capture_output=True, text=True, env=env, timeout=300)
    if out.returncode:
        raise SystemExit(f"Lighthouse failed on {url}:\n{out.stderr[-2000:]}")
    report = json.loads(out.stdout)
    audits = report["audits"]
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    return {**{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
            "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1e3,
            "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1e3,
            "tbt_ms": audits["total-blocking-time"]["numericValue"],
            "kb": audits["total-byte-weight"]["numericValue"] / 1e3,
            "blocking": [(b["url"].rsplit("/", 1)[-1], round(b.get("totalBytes", 0) / 1e3, 1)) for b in blocking],
            "load": load_now()}


def lighthouse_figures(pages: dict[str, tuple[Path, str]], runs: int) -> dict[str, list[dict]]:
    """Per page {name: (site, path)}, `runs` Lighthouse runs, the pages alternating."""
    if not LIGHTHOUSE.is_file():
        print(f"Lighthouse is not installed ({LIGHTHOUSE.relative_to(ROOT)}): run `npm ci`; left out", flush=True)
        return {}
    out: dict[str, list[dict]] = {name: [] for name in pages}
    with contextlib.ExitStack() as stack:
        bases = {site: stack.enter_context(serve(site)) for site in {s for s, _ in pages.values()}}
        for i in range(runs):
            for name in (list(pages) if i % 2 == 0 else list(pages)[::-1]):
                site, path = pages[name]
                out[name].append(lighthouse_once(bases[site] + path))
                r = out[name][-1]
                print(f"lighthouse {name}: performance {r['performance']}, LCP {r['lcp_s']:.2f} s", flush=True)
    return out


def lighthouse_summary(runs: list[dict]) -> dict:
    """The median run by performance score (its LCP and the rest are that run's)."""
    ordered = sorted(runs, key=lambda r: (r["performance"], -r["lcp_s"]))
    return {**ordered[len(ordered) // 2], "all": [r["performance"] for r in runs], "lcps": [round(r["lcp_s"], 2) for r in runs]}


# --- make check against plain PyYAML, and the profile ------------------------------------------------

def check_figures(project: Path, runs: int) -> dict:
    data = str(project / "data")
    times: dict[str, list[dict]] = {"check": [], "yaml": []}
    for i in range(runs):
        order = [("check", [sys.executable, "-m", "macros.tools.check", data]), ("yaml", [sys.executable, "-c", PLAIN_YAML, data])]
        for name, cmd in (order if i % 2 == 0 else order[::-1]):
            times[name].append(measure(cmd, project))
    med = {k: statistics.median(t["wall"] for t in v) for k, v in times.items()}
    return {**med, "walls": {k: [round(t["wall"], 2) for t in v] for k, v in times.items()},
            "cpu": {k: statistics.median(t["cpu"] for t in v) for k, v in times.items()},
            "ratio": med["check"] / med["yaml"], "load": statistics.median(t["load"] for v in times.values() for t in v)}


def profile(project: Path) -> str:
    """pyinstrument over `python -m macros.tools.build` (the main process: the worker processes show as waits)."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    out = project / "profile.txt"
    subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "text", "--no-color", "--unicode", "-o", str(out),
                    "-m", "macros.tools.build", "--site-dir", str(site)], cwd=project, check=True, capture_output=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return out.read_text(encoding="utf-8")


# --- the whole run ---------------------------------------------------------------------------------

def run(sizes: list[int], runs: int, quiet_load: float, patience: float) -> str:
    rows, check, searches, lighthouse, prof = [], None, {}, {}, None
    keep = Path(tempfile.mkdtemp(prefix="bench-floor-"))  # the minimal floor's site, for Lighthouse beside ours
    try:
        for n in sizes:
            with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as tmp:
                projects = make_projects(n, Path(tmp))
                ours = projects["ours"]
                times: dict[str, list[dict]] = {kind: [] for kind in projects}
                wait_for_quiet(quiet_load, patience)
                for i in range(runs):
                    order = list(projects.items())
                    for kind, project in (order if i % 2 == 0 else order[::-1]):
                        times[kind].append(build(kind, project))
                        last = times[kind][-1]
                        print(f"N={n} run {i + 1} {kind}: {last['wall']:.1f} s (load {last['load']:.1f}), largest process "
                              f"{last['rss_mb']:.0f} MB, all processes {last['total_mb']:.0f} MB", flush=True)
                row = {"n": n}
                for kind, project in projects.items():
                    row[kind] = {"wall": statistics.median(t["wall"] for t in times[kind]),
                                 "walls": [round(t["wall"], 1) for t in times[kind]],
                                 "cpu": statistics.median(t["cpu"] for t in times[kind]),
                                 "load": statistics.median(t["load"] for t in times[kind]),
                                 "rss_mb": max(t["rss_mb"] for t in times[kind]),
                                 "total_mb": max(t["total_mb"] for t in times[kind]), **site_figures(project / "site")}
                row["steps"] = {step: statistics.median(t["steps"][step] for t in times["ours"]) for step in times["ours"][0]["steps"]}
                row["ratio"] = row["ours"]["wall"] / row["floor"]["wall"]
                row["ratio_minimal"] = row["ours"]["wall"] / row["minimal"]["wall"]
                rows.append(row)
                if n == 1000 or (check is None and n == sizes[-1]):
                    wait_for_quiet(quiet_load, patience)
                    check = {"n": n, **check_figures(ours, runs)}
                    print(f"make check {check['check']:.2f} s, plain CSafeLoader {check['yaml']:.2f} s", flush=True)
                if n == 1000 or (prof is None and n == sizes[-1]):
                    wait_for_quiet(quiet_load, patience)
                    prof = {"n": n, "text": profile(ours)}
                if n == sizes[-1]:
                    build("ours", ours)  # the profile's build left its own site: a timed one again for what follows
                    shutil.copytree(projects["minimal"] / "site", keep / "minimal")
                    wait_for_quiet(quiet_load, patience)
                    searches = {"n": n, **search_figures({"ours": ours / "site"}, runs)}
                    wait_for_quiet(quiet_load, patience)
                    lighthouse = lighthouse_figures({
                        "home": (ours / "site", "/"), "briefing": (ours / "site", f"/briefings/{SEED_BRIEFING}/"),
                        "minimal floor's briefing": (keep / "minimal", f"/briefings/{SEED_BRIEFING}/")}, runs)
    finally:
        shutil.rmtree(keep, ignore_errors=True)
    return report(rows, check, searches, lighthouse, prof, runs)


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(rows, check, searches, lighthouse, prof, runs) -> str:
    lines = [f"Machine: {machine()}. Measured {time.strftime('%Y-%m-%d')}; runs per figure: {runs} (median shown, "
             "all runs in brackets), the builds of each size in turn and the searches and pages alternating. "
             "*Load* is the 1-minute load average when the figure was measured (2 cores: above 2, others were "
             "using the machine too).", "", "### Against the targets", "",
             "| Figure | Target | Measured | Load | |", "| --- | --- | --- | ---: | --- |"]
    for r in rows:
        o, m = r["ours"], r["minimal"]
        lines.append(f"| Build, {r['n']:,} briefings, ours / minimal floor | at most {TARGETS['build']:.1f}x "
                     f"| {r['ratio_minimal']:.2f}x ({o['wall']:.1f} s / {m['wall']:.1f} s) | {o['load']:.1f} "
                     f"| {verdict(r['ratio_minimal'] <= TARGETS['build'])} |")
    if searches.get("ours"):
        s = search_summary(searches["ours"])
        lines += [f"| Search, {searches['n']:,} briefings: last key to results, median | at most {TARGETS['search_median']} ms "
                  f"| {s['median']:.0f} ms | {s['load']:.1f} | {verdict(s['median'] <= TARGETS['search_median'])} |",
                  f"| Search, {searches['n']:,} briefings: worst | at most {TARGETS['search_worst']} ms | {s['worst']:.0f} ms "
                  f"| {s['load']:.1f} | {verdict(s['worst'] <= TARGETS['search_worst'])} |",
                  f"| Search, {searches['n']:,} briefings: fetched, from the first key on (largest) | at most "
                  f"{TARGETS['search_mb']} MB | {s['kb'] / 1e3:.2f} MB | {s['load']:.1f} "
                  f"| {verdict(s['kb'] / 1e3 <= TARGETS['search_mb'])} |"]
    for name in ("home", "briefing"):
        if lighthouse.get(name):
            L = lighthouse_summary(lighthouse[name])
            scores = " / ".join(str(L[c]) for c in CATEGORIES)
            lines += [f"| Lighthouse mobile, {name}: performance / accessibility / best practices / SEO | 100 each "
                      f"| {scores} | {L['load']:.1f} | {verdict(all(L[c] == 100 for c in CATEGORIES))} |",
                      f"| Lighthouse mobile, {name}: largest contentful paint | at most {TARGETS['lcp_s']} s "
                      f"| {L['lcp_s']:.2f} s | {L['load']:.1f} | {verdict(L['lcp_s'] <= TARGETS['lcp_s'])} |"]
    if check:
        lines.append(f"| `make check`, {check['n']:,} briefings, against plain CSafeLoader parsing the same files "
                     f"| at most {TARGETS['check']:.0f}x | {check['ratio']:.2f}x ({check['check']:.2f} s / {check['yaml']:.2f} s) "
                     f"| {check['load']:.1f} | {verdict(check['ratio'] <= TARGETS['check'])} |")

    lines += ["", "### Builds", "",
              "| Briefings | Build | Wall time (s) | CPU (s) | Load | Peak memory, largest process / all processes, Pss (MB) "
              "| Site (MB) | Briefing page, mean / max (KB) | Search index (MB) | Ours / floor | Ours / minimal |",
              "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        for kind in ("ours", "floor", "minimal"):
            f = r[kind]
            ratio = f"{r['ratio']:.2f} | {r['ratio_minimal']:.2f}" if kind == "ours" else ("1 | " if kind == "floor" else " | 1")
            lines.append(f"| {r['n']:,} | {kind} | {f['wall']:.1f} {f['walls']} | {f['cpu']:.1f} | {f['load']:.1f} "
                         f"| {f['rss_mb']:.0f} / {f['total_mb']:.0f} | {f['site_mb']:.1f} "
                         f"| {f['page_kb_mean']:.1f} / {f['page_kb_max']:.1f} | {f['search_mb']:.2f} | {ratio} |")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        lines += ["", f"Growth from {a['n']:,} to {b['n']:,} briefings ({b['n'] / a['n']:.0f}x the briefings): "
                      f"ours {b['ours']['wall'] / a['ours']['wall']:.2f}x, floor {b['floor']['wall'] / a['floor']['wall']:.2f}x, "
                      f"minimal {b['minimal']['wall'] / a['minimal']['wall']:.2f}x."]
    lines += ["", "Our build's steps (`macros/pipeline.py`), median wall time in seconds. The search index (Pagefind, "
                  "on a thread) and the feeds and open data (in a forked process) are made beside stage, engine and "
                  "finish; *waited* is how long the build then waited for each:", "",
              "| Briefings | load + check | render | stage | engine | finish | feeds and data: waited | search index (beside) "
              "| search index: waited |", "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in rows:
        s = r["steps"]
        lines.append(f"| {r['n']:,} | {s['load']:.2f} | {s['render']:.2f} | {s['stage']:.2f} | {s['engine']:.2f} "
                     f"| {s['finish']:.2f} | {s.get('exports_wait', 0):.2f} | {s['search']:.2f} | {s['search_wait']:.2f} |")
    if check:
        lines += ["", f"`make check` (`python -m macros.tools.check`) on {check['n']:,} briefings: {check['check']:.2f} s "
                      f"{check['walls']['check']}, {check['cpu']['check']:.2f} CPU s; plain PyYAML (CSafeLoader) parsing the "
                      f"same files in a fresh interpreter: {check['yaml']:.2f} s {check['walls']['yaml']}, "
                      f"{check['cpu']['yaml']:.2f} CPU s (load {check['load']:.1f})."]
    if searches.get("ours"):
        lines += ["", f"Search on the {searches['n']:,}-briefing site, each query from a cold cache in headless Chromium, "
                      "typed at 80 ms a key, served with gzip; the time includes the search box's pause after the last key:", "",
                  "| Query | Last key to first matching briefing shown, median [all] (ms) | Fetched from the first key on, max (KB) "
                  "| Requests, max | Load |", "| --- | ---: | ---: | ---: | ---: |"]
        for query in QUERIES:
            mine = [s for s in searches["ours"] if s["query"] == query]
            ms = sorted(s["ms"] for s in mine)
            lines.append(f"| {query} | {statistics.median(ms):.0f} {[round(m) for m in ms]} "
                         f"| {max(s['kb'] for s in mine):.0f} | {max(s['requests'] for s in mine)} "
                         f"| {statistics.median(s['load'] for s in mine):.1f} |")
    if lighthouse:
        lines += ["", "Lighthouse 12.2.3 (mobile: simulated slow 4G, 4x CPU slowdown) in Debian's Chromium, the site served "
                      "with gzip; the median run by performance score:", "",
                  "| Page | Performance [all] | Accessibility | Best practices | SEO | LCP (s) [all] | FCP (s) | TBT (ms) "
                  "| Fetched (KB) | Render-blocking (KB) | Load |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"]
        for name, runs_ in lighthouse.items():
            L = lighthouse_summary(runs_)
            blocking = ", ".join(f"{u} {k}" for u, k in L["blocking"]) or "none"
            lines.append(f"| {name} | {L['performance']} {L['all']} | {L['accessibility']} | {L['best-practices']} | {L['seo']} "
                         f"| {L['lcp_s']:.2f} {L['lcps']} | {L['fcp_s']:.2f} | {L['tbt_ms']:.0f} | {L['kb']:.0f} | {blocking} "
                         f"| {L['load']:.1f} |")
    if prof:
        lines += ["", f"Profile of `python -m macros.tools.build` at {prof['n']:,} briefings (pyinstrument; the main process, "
                      "so the worker processes of load and render show as waits; wall time under the load shown above):", "",
                  "```", trim_profile(prof["text"]), "```"]
    return "\n".join(lines)


def trim_profile(text: str, depth: int = 9, least: float = 0.15) -> str:
    """pyinstrument's tree, its header and lines nested deeper than `depth` or shorter than `least` seconds left out."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip(" │├└─")
        indent = (len(line) - len(stripped)) // 3
        head = stripped.split(" ", 1)[0]
        try:
            seconds = float(head)
        except ValueError:
            if stripped.startswith("[") and indent <= depth:
                out.append(line)
            continue
        if indent <= depth and seconds >= least:
            out.append(line)
    return "\n".join(out).strip("\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,5000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=Path, help=f"put the results between {START} and {END} in this file")
    parser.add_argument("--quiet-load", type=float, default=1.5, help="wait for the load average to fall below this")
    parser.add_argument("--patience", type=float, default=300, help="seconds to wait for it, each time")
    parser.add_argument("--search-sites", help="only measure search on these built sites (comma-separated), alternating")
    parser.add_argument("--lighthouse-sites", help="only run Lighthouse on these built sites' home and seed briefing")
    args = parser.parse_args()
    if args.search_sites or args.lighthouse_sites:
        return compare(args)
    text = run([int(s) for s in args.sizes.split(",")], args.runs, args.quiet_load, args.patience)
    print(text)
    if args.write:
        doc = args.write.read_text(encoding="utf-8")
        doc = doc[: doc.index(START) + len(START)] + "\n" + text + "\n" + doc[doc.index(END):]
        args.write.write_text(doc, encoding="utf-8")
        print(f"Wrote the results into {args.write}")
    return 0


def compare(args) -> int:
    """Side by side on sites already built: for trying one change against another."""
    if args.search_sites:
        sites = {Path(s).name: Path(s) for s in args.search_sites.split(",")}
        wait_for_quiet(args.quiet_load, args.patience)
        for name, runs in search_figures(sites, args.runs).items():
            s = search_summary(runs)
            print(f"{name}: median {s['median']:.0f} ms, worst {s['worst']:.0f} ms, fetched {s['kb']:.0f} KB (load {s['load']:.1f}); "
                  + ", ".join(f"{r['query']} {r['ms']:.0f}" for r in runs))
    if args.lighthouse_sites:
        pages = {}
        for s in args.lighthouse_sites.split(","):
            pages[f"{Path(s).name} home"] = (Path(s), "/")
            pages[f"{Path(s).name} briefing"] = (Path(s), f"/briefings/{SEED_BRIEFING}/")
        wait_for_quiet(args.quiet_load, args.patience)
        for name, runs in lighthouse_figures(pages, args.runs).items():
            L = lighthouse_summary(runs)
            print(f"{name}: performance {L['all']}, LCP {L['lcps']} s, a11y {L['accessibility']}, BP {L['best-practices']}, "
                  f"SEO {L['seo']}, FCP {L['fcp_s']:.2f} s, TBT {L['tbt_ms']:.0f} ms, {L['kb']:.0f} KB, blocking {L['blocking']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
