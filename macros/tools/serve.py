"""`make serve`: the site on http://127.0.0.1:8000, built again whenever the data, docs/, overrides/ or
mkdocs.yml change, the open page reloading by itself.

Each rebuild runs the whole pipeline (macros.pipeline) into a new folder, and the server switches
to it only when it built: while the data has problems, the last good version stays on show, and
every page says so at the top, listing each problem as path:line: message (macros.outputs.preview; added
as pages are served, so a build never holds it). A change to the code in macros/ needs a restart:
Python does not reload a package it has imported, and this says so rather than serve a mix.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from .. import pipeline
from ..outputs import preview
from . import report
from ..engine import ENGINES
from ..data.errors import DataError, Problem

WATCHED = ("data", "docs", "overrides", "mkdocs.yml")
CODE = ("macros",)
RELOAD_PATH = "/.sg-serve/"  # the preview's own files; never part of a build
# Asks the server every second which build it shows, and reloads the page when that changes.
RELOAD_JS = """(function () {
  var shown = null;
  function check() {
    fetch("%sbuild", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (n) {
      if (shown !== null && n !== shown) { location.reload(); }
      shown = n;
    }).catch(function () {}).finally(function () { setTimeout(check, 1000); });
  }
  check();
})();
""" % RELOAD_PATH


def snapshot(root: Path, parts) -> dict[str, tuple[int, int]]:
    """{path: (modification time, size)} of every file under the watched parts of the project."""
    out = {}
    for part in parts:
        path = root / part
        if path.is_file():
            info = path.stat()
            out[str(path)] = (info.st_mtime_ns, info.st_size)
        elif path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if d != "__pycache__"]
                for name in filenames:
                    file = os.path.join(dirpath, name)
                    try:
                        info = os.stat(file)
                        out[file] = (info.st_mtime_ns, info.st_size)
                    except OSError:
                        pass
    return out


class Preview:
    """What the server shows: the folder of the last good build, its number, and the data's problems when
    the last rebuild failed on them."""

    def __init__(self, root: Path, engine: str):
        self.root, self.engine = root, engine
        self.work = Path(tempfile.mkdtemp(prefix="sg-serve-"))
        self.folder: Path | None = None
        self.number = 0
        self.problems: list[Problem] = []
        self.lock = threading.Lock()

    def rebuild(self) -> None:
        out = self.work / f"build-{self.number + 1}"
        try:
            built = pipeline.build(self.root, out, self.engine)
        except DataError as e:
            shutil.rmtree(out, ignore_errors=True)
            with self.lock:
                self.problems = e.problems
                self.number += 1
            state = "still serving the last good version" if self.folder else "nothing to show until it is fixed"
            print(f"The data has problems; {state}:\n{e.report()}", file=sys.stderr, flush=True)
            return
        except pipeline.BUILD_ERRORS as e:
            shutil.rmtree(out, ignore_errors=True)
            print(f"The site could not be built; still serving the last good version:\n{e}", file=sys.stderr, flush=True)
            return
        with self.lock:
            old, self.folder, self.problems = self.folder, out, []
            self.number += 1
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        for line in report.warning_lines(built.catalogue.warnings, self.root):  # as `make check` says them
            print(line, file=sys.stderr, flush=True)
        print(f"Built: serving build {self.number}", file=sys.stderr, flush=True)

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


class Handler(http.server.SimpleHTTPRequestHandler):
    preview: Preview

    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        with preview.lock:
            folder = preview.folder or preview.work
        super().__init__(*args, directory=str(folder), **kwargs)

    def log_message(self, *args):  # quiet: the rebuilds are what an editor watches for
        pass

    def do_GET(self):
        if self.path.startswith(RELOAD_PATH):
            name = self.path[len(RELOAD_PATH):].split("?")[0]
            if name == "build":
                return self._send(str(self.preview.number).encode(), "text/plain")
            if name == "reload.js":
                return self._send(RELOAD_JS.encode(), "text/javascript")
            return self.send_error(404)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            html = path.read_text(encoding="utf-8")
            with self.preview.lock:
                problems = list(self.preview.problems)
            if problems:
                html = preview.add_banner(html, problems)
            html = html.replace("</body>", f'<script src="{RELOAD_PATH}reload.js"></script></body>', 1)
            return self._send(html.encode("utf-8"), "text/html; charset=utf-8")
        if self.preview.folder is None and self.path in ("/", "/index.html"):
            with self.preview.lock:
                problems = list(self.preview.problems)
            page = f'<!doctype html><html lang="en-GB"><title>Preview</title><body>{preview.banner(problems)}' \
                   f'<script src="{RELOAD_PATH}reload.js"></script></body></html>'
            return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def watch(preview: Preview, interval: float = 0.5) -> None:
    """Rebuild when a watched file changes; say that a code change needs a restart."""
    seen, code = snapshot(preview.root, WATCHED), snapshot(preview.root, CODE)
    while True:
        time.sleep(interval)
        now = snapshot(preview.root, WATCHED)
        if now != seen:
            seen = now
            preview.rebuild()
        now_code = snapshot(preview.root, CODE)
        if now_code != code:
            code = now_code
            print("macros/ changed: stop `make serve` (Ctrl+C) and start it again to use the new code",
                  file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve", description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="host:port to serve on (default 127.0.0.1:8000)")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs")
    args = parser.parse_args(argv)
    host, _, port = args.dev_addr.rpartition(":")
    preview = Preview(Path.cwd(), args.engine)
    preview.rebuild()
    server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), functools.partial(Handler, preview=preview))
    threading.Thread(target=watch, args=(preview,), daemon=True).start()
    print(f"Serving on http://{host or '127.0.0.1'}:{server.server_address[1]}/ (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        preview.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
