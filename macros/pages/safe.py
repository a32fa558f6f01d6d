"""Data text to HTML, safely by construction. Plain Python: nothing here knows MkDocs.

Three layers, each enough on its own for what it covers:

- Templates autoescape (macros.pages.render): data text printed by a template is text, never markup.
- The few rich-text fields (summaries, descriptions, notes, evidence) go through `rich()`:
  markdown-it-py in CommonMark mode with raw HTML off, no images, no headings, and links only
  to http(s) and mailto addresses. Each field is parsed on its own, so a reference definition
  in one field can never reach the text of another.
- `sanitise()` runs last over every page body and fragment made from data: an allowlist of
  tags and attributes (nh3, the binding of the Rust ammonia crate), with links limited to
  http(s), mailto, site-relative and #fragment addresses.
"""
from __future__ import annotations

import functools
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Addresses a data link may point to. Relative links would point into this site's own
# structure (and break when it changes); anything else (javascript:, data:, file:) is an attack.
LINK_SCHEMES = ("http://", "https://", "mailto:")
URL_SCHEMES = frozenset(s.split(":")[0] for s in LINK_SCHEMES)  # as the sanitiser names them
# Browsers drop these before reading a URL's scheme, so "java\tscript:" is javascript: to them.
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def safe_link(url: str) -> bool:
    """Whether a link target written in data may become a live link."""
    return _URL_NOISE.sub("", url).lower().startswith(LINK_SCHEMES)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # A summary is a few paragraphs and lists: a heading would break the page's outline, an
    # image would load from another host, indented or fenced code is an editor's stray indent.
    md.disable(["image", "heading", "lheading", "html_block", "html_inline", "code", "fence"])
    md.validateLink = safe_link  # an invalid link is printed as the text it was written as
    return md


_MD = _markdown()


@functools.lru_cache(maxsize=8192)  # theme summaries and resource descriptions recur on many pages
def rich(text) -> Markup:
    """A rich-text field (paragraphs, lists, emphasis, links) as sanitised HTML."""
    return Markup(sanitise(_MD.render(str(text).replace("\r\n", "\n").strip())))


@functools.lru_cache(maxsize=8192)
def plain_text(text, limit: int | None = None) -> str:
    """A rich-text field as plain text on one line (meta descriptions, feeds, cards): link text
    stays, Markdown marks go. Still untrusted text: whoever prints it escapes it."""
    words = []
    for block in _MD.parse(str(text)):
        if block.type == "inline":
            for child in block.children or ():
                if child.type in ("text", "code_inline"):
                    words.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    words.append(" ")
            words.append(" ")
    out = " ".join("".join(words).split())
    if limit and len(out) > limit:
        out = out[:limit - 1].rsplit(" ", 1)[0] + "…"
    return out


def first_sentence(text, limit: int = 240) -> str:
    """The first sentence of a rich-text field, as plain text (for cards)."""
    plain = plain_text(text)
    match = re.search(r"[.!?](?=\s+[A-Z0-9])", plain)  # linear: one pass, no nesting
    sentence = plain[:match.end()] if match else plain
    return plain_text(sentence, limit) if len(sentence) > limit else sentence


TAGS = {
    "a", "abbr", "aside", "b", "blockquote", "br", "button", "caption", "code", "dd", "details", "div", "dl", "dt",
    "em", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "label",
    "legend", "li", "nav", "ol", "option", "p", "section", "select", "small", "span", "strong", "summary", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "ul",
}
ATTRIBUTES = {
    "*": {"class", "id", "hidden", "title", "role", "tabindex", "lang", "aria-label", "aria-labelledby",
          "aria-describedby", "aria-live", "aria-hidden", "aria-current"},
    "a": {"href", "rel", "hreflang", "type"},
    "button": {"type"},
    "details": {"open"},
    "label": {"for"},
    "ol": {"start"},
    "option": {"value", "selected"},
    "select": {"name"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
# Attributes kept whatever their name after these (Pagefind's filters and our scripts' hooks): no browser runs them.
ATTRIBUTE_PREFIXES = frozenset({"data-"})


def sanitise(html: str) -> str:
    """HTML made from data, with only the allowed tags, attributes and link targets left."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes=ATTRIBUTE_PREFIXES,
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)
