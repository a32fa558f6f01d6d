"""Render the catalogue to Markdown pages: one template and one function per page kind.

Data text is text. Every value a template prints goes through `finalize`, which
escapes it for Markdown unless it is already `Markup` (trusted output we built):
HTML is shown, never run; `{{ }}` is shown, never evaluated; links to anything but
an http(s) or mailto address are shown as text; images are not loaded.
"""
from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup, escape

from .catalogue import Catalogue
from .model import Agency, Briefing, Need, Resource, Theme, long_date

TEMPLATES = Path(__file__).parent / "templates"
SECTIONS = {"worries": "What are we worried about?", "good_practice": "What good practice did we see?",
            "learning": "Themes for learning"}
# Theme and agency pages show this many of the most recent briefings' findings in full and list
# the rest compactly, so a page grows by a line, not a section, per briefing.
RECENT_IN_FULL = 20
STANDING_QUESTIONS = ["What are your key thoughts on this briefing?",
                      "How will we embed this learning in our practice, and how will we know it has made a difference?"]

_CHARS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;", "`": "&#96;", "|": "&#124;"}
_CHARS_RE = re.compile("[&<>{}`|]")
_SPACES_RE = re.compile(r"\s+")
_LINK_RE = re.compile(r"\]\(([^)\n]*)")  # a link target runs at least to the first ')'; more is no safer
_REFDEF_RE = re.compile(r"^( {0,3})\[([^\]]+)\]:", re.M)
_BLOCK_START_RE = re.compile(r"^(\s*)(#|[-+*](?=\s)|\d+[.)](?=\s)|=+\s*$|-{3,}\s*$)", re.M)
# Links in data text must be full web addresses: a relative link would point into this site's
# own structure (and break when it changes); anything else (javascript:, data:) is an attack.
_SAFE_URL_RE = re.compile(r"^(https?://[^/\\]|mailto:)", re.I)


def _safe_url(url: str) -> bool:
    url = "".join(ch for ch in url if ch > " ").strip("<>")  # browsers ignore tabs and newlines in URLs
    return bool(_SAFE_URL_RE.match(url))


def _escape(text: str) -> str:
    text = _CHARS_RE.sub(lambda m: _CHARS[m.group()], str(text))
    text = text.replace("![", "!\\[")  # no images: nothing loads from another host
    text = _LINK_RE.sub(lambda m: m.group() if _safe_url(m.group(1)) else "]\\(" + m.group(1), text)
    return _REFDEF_RE.sub(lambda m: f"{m.group(1)}\\[{m.group(2)}]:", text)


def _escape_block_start(m: re.Match) -> str:
    marker = m.group(2)
    if marker[0].isdigit():  # "1." starts a list; "1\." does not, and shows no backslash
        return m.group(1) + marker[:-1] + "\\" + marker[-1]
    return m.group(1) + "\\" + marker


def inline(text, link_text: bool = False) -> Markup:
    """Data text for one line (a list item, a heading, a table cell): Markdown emphasis and links only.

    As the text of a link we make, it may hold no brackets at all: one would end our link early."""
    return _inline(str(text), link_text)


@functools.lru_cache(maxsize=16384)  # a page prints the same titles and words many times over
def _inline(text: str, link_text: bool) -> Markup:
    text = _escape(_SPACES_RE.sub(" ", text))
    if link_text:
        text = text.replace("\\[", "[").replace("[", "&#91;").replace("]", "&#93;")
    return Markup(_BLOCK_START_RE.sub(_escape_block_start, text))


def block(text) -> Markup:
    """Data text that may hold paragraphs and lists (summaries): no headings, no raw HTML."""
    text = str(text).replace("\r\n", "\n").strip()
    return Markup(re.sub(r"^(\s*)(#|=+\s*$)", lambda m: m.group(1) + "\\" + m.group(2), _escape(text), flags=re.M))


def href(url: str) -> Markup:
    """A validated http(s) URL as a Markdown link target: nothing in it can end the link."""
    return Markup(quote(url, safe=";/?:@&=+$,-_.!~*#%[]"))


def plain_text(markdown: str, limit: int | None = None) -> str:
    """Data Markdown as plain text on one line (for meta descriptions and feeds): links keep their
    text, emphasis marks go. Still untrusted text: whoever prints it escapes it."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", str(markdown))
    for mark in (r"\*\*", "__", r"\*", "_", "`"):  # paired emphasis and code marks; a lone * stays
        text = re.sub(rf"(?<![\w*]){mark}(\S(?:.*?\S)?){mark}(?![\w*])", r"\1", text)
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[:limit - 1].rsplit(" ", 1)[0] + "…"
    return text


def text(value) -> Markup:
    """Data text inside raw HTML, where Markdown does not reach: plain text (emphasis marks dropped), HTML-escaped,
    braces as entities like everything else we print."""
    return Markup(str(escape(plain_text(value))).replace("{", "&#123;").replace("}", "&#125;"))


def _json_string(value) -> Markup:
    """A JSON string (also a YAML one, for front matter) with no character that HTML or Jinja acts on."""
    text = json.dumps(str(value), ensure_ascii=False)
    return Markup(re.sub(r"[<>&{}\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text))


def _finalize(value):
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return inline(value)


# By class name, not class: while serving, the last good catalogue's classes come from an
# earlier import of macros.model than this module's.
_FOLDERS = {c.__name__: folder for c, folder in ((Briefing, "briefings"), (Theme, "themes"), (Resource, "resources"),
                                                  (Agency, "agencies"), (Need, "needs"))}


def page_path(record) -> str:
    """The source path of a record's page; the URL follows from it (/briefings/<id>/)."""
    return f"{_FOLDERS[type(record).__name__]}/{record.id}.md"


def page_url(src: str) -> str:
    """The URL path, relative to the site root, that a page's source path is served at (the URL contract)."""
    stem = src.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


@functools.lru_cache(maxsize=65536)
def _relpath(path: str, start: str) -> str:
    """posixpath.relpath, remembered: a page links to the same few dozen records as its neighbours."""
    return posixpath.relpath(path, start)


@functools.lru_cache(maxsize=65536)
def url_between(here: str, target: str) -> str:
    """The URL of page source `target` as seen from page source `here`'s URL: what links in HTML need."""
    return posixpath.relpath(page_url(target) or ".", page_url(here) or ".") + "/"


class Renderer:
    """Renders pages for one catalogue. `here` is the page being written, for relative links."""

    def __init__(self, catalogue: Catalogue):
        self.cat = catalogue
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), finalize=_finalize, autoescape=True,  # finalize escapes for Markdown; autoescape keeps macro output (Markup) as is
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
        self.env.filters.update(inline=inline, block=block, href=href, plain=plain_text, text=text,
                                json=_json_string)
        self.env.globals.update(cat=catalogue, SECTIONS=SECTIONS, RECENT_IN_FULL=RECENT_IN_FULL, STANDING_QUESTIONS=STANDING_QUESTIONS,
                                long_date=long_date, plural=plural)

    def render(self, template: str, here: str, **context) -> str:
        def url(record) -> str:
            return _relpath(page_path(record), posixpath.dirname(here) or ".")

        def link(record, text=None, cls=None) -> Markup:
            attrs = f"{{ .{cls} }}" if cls else ""
            return Markup(f"[{inline(text if text is not None else record.title, link_text=True)}]({url(record)}){attrs}")

        def html_url(record) -> str:
            """For raw HTML, which MkDocs does not rewrite: the record's URL relative to this page's URL."""
            return url_between(here, page_path(record))

        return self.env.get_template(template).render(here=here, link=link, html_url=html_url, **context)

    def specs(self) -> list[tuple[str, str, dict]]:
        """Every record page as (source path, template, context), briefings first, newest first."""
        cat = self.cat
        out = [(page_path(b), "briefing.md.j2", {"b": b}) for b in cat.briefings]
        for kind, records in (("theme", cat.themes), ("resource", cat.resources), ("agency", cat.agencies), ("need", cat.needs)):
            out += [(page_path(r), f"{kind}.md.j2", {kind: r}) for r in records.values()]
        return out

    def page(self, spec: tuple[str, str, dict]) -> str:
        here, template, context = spec
        return self.render(template, here, **context)

    def pages(self) -> dict[str, str]:
        """Every record page, {source path: Markdown}."""
        return {spec[0]: self.page(spec) for spec in self.specs()}

    def fragment(self, name: str, here: str, **context) -> str:
        """A part of a hand-written page (a list, a table), for the macros that docs/ pages call."""
        return self.render(f"fragments/{name}.md.j2", here, **context)


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"
