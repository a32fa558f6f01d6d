"""A Content-Security-Policy for each finished page, as a <meta http-equiv> (GitHub Pages sets no headers).

Scripts run only from this site's own files, plus the theme's inline scripts, each allowed by
the sha256 hash of its exact text (computed here from the page, never copied by hand: the theme
writes page-specific values into them). So even if markup from data ever reached a page, no
inline script, event handler attribute or javascript: link in it could run. Plain Python.
"""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

# JavaScript MIME types (HTML standard) and the empty type: the scripts a browser runs.
_RUNNABLE = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],  # Pagefind's search runs as WebAssembly
    "style-src": ["'self'", "'unsafe-inline'"],      # Material sets style attributes from its scripts
    "img-src": ["'self'", "data:"],                  # Material's icons are data: SVGs in its CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            attrs = dict(attrs)
            runnable = "src" not in attrs and (attrs.get("type") or "").strip().lower() in _RUNNABLE
            self._in = [] if runnable else None

    def handle_data(self, data):
        if self._in is not None:
            self._in.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in is not None:
            self.scripts.append("".join(self._in))
            self._in = None


def inline_scripts(html: str) -> list[str]:
    """The exact text of every inline script a browser would run, in page order."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def policy(html: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                     for s in inline_scripts(html)})
    directives = {**BASE, "script-src": BASE["script-src"] + hashes}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(html: str) -> str:
    """The page with its policy as the first thing in <head>, before any script or style."""
    head = html.find("<head>")
    if head < 0:
        return html
    at = head + len("<head>")
    return html[:at] + f'\n<meta http-equiv="Content-Security-Policy" content="{policy(html)}">' + html[at:]
