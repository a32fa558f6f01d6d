"""A Content-Security-Policy for each finished page, as a <meta http-equiv> (GitHub Pages sets no headers).

Scripts run only from this site's own files, plus the theme's inline scripts, each allowed by
the sha256 hash of its exact text (computed here from the page, never copied by hand: the theme
writes page-specific values into them). Only the theme's: a script inside the page's content (its
<article>, where a hand-written page's Markdown goes) is never allowed, so even if markup ever
reached a page's content, from data or from a page in docs/, no inline script, event handler
attribute or javascript: link in it could run. Plain Python.
"""
from __future__ import annotations

import base64
import hashlib
import re

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


# An HTML tokenizer ends script data at the first "</script" followed by space, "/" or ">", case
# aside: so does this pattern. A full HTML parser gave the same scripts at a tenth of the speed
# (14 s of a 46 s build at 1,000 briefings); the pages' bodies are sanitised, so the only scripts
# are the theme's and ours, and the browser tests check that no script is refused.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script[\s/>]", re.S | re.I)
_SRC = re.compile(r"""\ssrc\s*=""", re.I)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


_ARTICLE = re.compile(r"<article\b", re.I)
_ARTICLE_END = re.compile(r"</article\s*>", re.I)


def inline_scripts(html: str, content: bool = False) -> list[str]:
    """The exact text of every inline script a browser would run, in page order: the theme's, outside the
    page's content (its <article>), or with `content` those inside it too."""
    start = _ARTICLE.search(html)
    ends = list(_ARTICLE_END.finditer(html))
    inside = (start.start(), ends[-1].end()) if start and ends else None
    out = []
    for m in _SCRIPT.finditer(html):
        if not content and inside and inside[0] <= m.start() < inside[1]:
            continue
        attrs = m.group(1)
        kind = _TYPE.search(attrs)
        kind = next((g for g in kind.groups() if g is not None), "") if kind else ""
        if not _SRC.search(attrs) and kind.strip().lower() in _RUNNABLE:
            out.append(m.group(2))
    return out


def policy(html: str) -> str:
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
                     for s in inline_scripts(html)})
    directives = {**BASE, "script-src": BASE["script-src"] + hashes}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


# The page's <head> start tag, with or without attributes (never <header>).
_HEAD = re.compile(r"<head(?=[\s/>])[^>]*>", re.I)


class NoHead(ValueError):
    """A page without a <head> start tag: its policy would have nowhere to go, so it is refused, not left unprotected."""


def add_policy(html: str) -> str:
    """The page with its policy as the first thing in <head>, before any script or style; NoHead when it has no <head>."""
    head = _HEAD.search(html)
    if head is None:
        raise NoHead("the page has no <head> start tag, so its Content-Security-Policy cannot go in")
    at = head.end()
    return html[:at] + f'\n<meta http-equiv="Content-Security-Policy" content="{policy(html)}">' + html[at:]
