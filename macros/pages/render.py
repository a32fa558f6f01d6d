"""Render the catalogue to HTML: one template and one function per page kind.

Templates are Jinja with autoescaping: every data value a template prints is text, escaped
for HTML, unless it is `Markup` we built (a link, a heading) or a rich-text field that went
through macros.pages.safe.rich (markdown-it-py in safe mode). Every page body, and every fragment
that hand-written pages embed, then passes through the allowlist sanitiser (macros.pages.safe).

The table of contents and heading ids come from the template's own `heading()` calls, so
they are known without parsing the page. Plain Python: nothing here knows MkDocs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..data import glossary
from . import qr, safe
from ..data.catalogue import Catalogue
from .feeds import feed_entries
from . import chart as charts
from ..data import action_states, yearly_report
from ..data.kinds import KINDS, Kind, kind_of
from ..data.model import SECTIONS, long_date
from .urls import feed_path, feedback_url, follow_path, page_path, record_url, slugify, url_between
from ..data.words import plural

TEMPLATES = Path(__file__).parent / "templates"
# Theme and agency pages show this many of the most recent briefings' findings in full and list
# the rest compactly, so a page grows by a line, not a section, per briefing.
RECENT_IN_FULL = 20
# /actions/ shows each agency's first this many open (and done) actions; its own page has them all.
ACTIONS_PER_GROUP = 50
# Search (Pagefind) weighs a word in an h1 at 7, in text at 1, on a quadratic scale. A briefing's title
# counts more, so that a search for what a briefing is about lists it above the theme and resource pages
# that share its words (agency and need pages, which list titles, have those lists left out of the index).
BRIEFING_TITLE_WEIGHT = 10
# Findings that theme and agency pages copy from their briefings: a quarter of a word's weight there.
COPIED_WEIGHT = 0.5
# A "How to follow" page lists this many of its feed's newest items, so it is of use on its own.
FOLLOW_ITEMS = 5
FOLLOW_WHAT = "get new items in a feed reader or Outlook, without coming back to check"
STANDING_QUESTIONS = ["What are your key thoughts on this briefing?",
                      "How will we embed this learning in our practice, and how will we know it has made a difference?"]
_ID_RE = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
# Where a chart or a QR code goes: the template writes this placeholder, the sanitiser keeps it (a div),
# and then the SVG, which the sanitiser's allowlist does not cover, goes in. The SVG is ours, built with
# ElementTree from numbers and escaped text (macros.pages.chart) or by segno from a page's address (macros.pages.qr):
# the one marked exception to sanitising.
_CHART = '<div class="sg-chart" data-sg-chart="{}"></div>'
_CHART_RE = re.compile(r'<div class="sg-chart" data-sg-chart="([a-z0-9-]+)"></div>')


class Outline:
    """The headings one page writes: unique ids, permalinks, and the table of contents."""

    def __init__(self):
        self.toc: list[dict] = []
        self.charts: dict[str, str] = {}  # {id: SVG} of the charts the page holds
        self._ids: set[str] = set()
        self._next: dict[str, int] = {}  # the number each slug's next duplicate starts trying from
        self._stack: list[dict] = []

    def _unique(self, slug: str) -> str:
        """slug, or slug_1, slug_2 ...: the first not yet used. Each slug goes on from where it stopped, so
        8,000 identical headings take 8,000 steps, not 32 million."""
        slug = slug or "section"
        n = self._next.get(slug, 0)
        candidate = f"{slug}_{n}" if n else slug
        while candidate in self._ids:
            n += 1
            candidate = f"{slug}_{n}"
        self._next[slug] = n + 1
        self._ids.add(candidate)
        return candidate

    def anchor(self, wanted: str) -> str:
        """A unique id for an element that is not a heading (a briefing's block on a theme page)."""
        return self._unique(wanted)

    def heading(self, level: int, text, id: str | None = None, toc: bool = True, cls: str | None = None,
                weight: float | None = None) -> Markup:
        """`weight`: how much a search match in it counts (Pagefind's data-pagefind-weight; h1 counts 7, text 1)."""
        text = escape(text)
        plain = text.striptags()
        ident = self._unique(id or slugify(plain))
        if toc:
            token = {"level": level, "id": ident, "name": str(escape(plain)), "text": plain, "children": []}
            while self._stack and self._stack[-1]["level"] >= level:
                self._stack.pop()
            (self._stack[-1]["children"] if self._stack else self.toc).append(token)
            self._stack.append(token)
        # An f-string of escaped parts, as in link(): Markup.format costs a tenth of a briefing page's rendering.
        attrs = f' class="{escape(cls)}"' if cls else ""
        if weight is not None:
            attrs += f' data-pagefind-weight="{float(weight):g}"'
        ident = escape(ident)
        return Markup(f'<h{int(level)} id="{ident}"{attrs}>{text}<a class="headerlink" href="#{ident}" '
                      f'title="Link to this section">¶</a></h{int(level)}>')


@dataclass(frozen=True)
class Page:
    """A record page: what the engine's theme shows about it (`meta`: title, description, og:type, its feed)
    and its HTML body, table of contents and anchors."""
    src: str
    meta: dict
    html: str
    toc: list
    anchors: frozenset
    searched: bool = True  # in the search index: a "How to follow" page says the same as every other one


def follow_title(subject) -> str:
    """The title of a "How to follow" page: of a theme's or an agency's feed, or of the site's (None)."""
    return f"How to follow {subject.title}" if subject is not None else "How to follow new briefings"


class Renderer:
    """Renders pages for one catalogue. `here` is the source path of the page being written, for relative links."""

    def __init__(self, catalogue: Catalogue, options: dict | None = None, site_url: str = ""):
        self.cat = catalogue
        self.site_url = site_url  # the feeds' addresses on "How to follow" pages are absolute (for a feed reader)
        options = dict(options or {})
        # Whom to ask for a resource with no public address (mkdocs.yml extra.contact); every part optional.
        options["contact"] = {"name": "", "email": "", "url": "", **(options.get("contact") or {})}
        options.setdefault("feedback_url", "")  # "Tell us how you used this briefing": {id} and {title} filled in
        options["site_url"] = site_url or options.get("site_url") or ""  # the site's own address: printed and in QR codes
        self.options = options
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(rich=safe.rich, plain=safe.plain_text, first_sentence=safe.first_sentence)
        terms = [t for t in (catalogue.registries.get("glossary") or {}).values() if t is not None]
        self._spellings, self._terms = glossary.by_spelling(terms), glossary.pattern(terms)
        site_root = site_url.rstrip("/") + "/" if site_url else "/"
        self.env.globals.update(
            FOLLOW_ITEMS=FOLLOW_ITEMS, feed_entries=lambda subject: feed_entries(catalogue, subject, site_root),
            feed_address=lambda subject: site_root + (feed_path(subject) if subject is not None else "feed.xml"))
        self.env.globals.update(cat=catalogue, SECTIONS=SECTIONS, RECENT_IN_FULL=RECENT_IN_FULL, ACTIONS_PER_GROUP=ACTIONS_PER_GROUP,
                                STANDING_QUESTIONS=STANDING_QUESTIONS, BRIEFING_TITLE_WEIGHT=BRIEFING_TITLE_WEIGHT,
                                COPIED_WEIGHT=COPIED_WEIGHT, long_date=long_date, plural=plural,
                                options=self.options, feedback_url=feedback_url, feed_path=feed_path,
                                address=lambda b: record_url(self.options["site_url"], b),
                                states=action_states, PROGRESS=action_states.PROGRESS, yearly=yearly_report,
                                follow_title=follow_title, follow_path=follow_path)

    def _render(self, template: str, here: str, outline: Outline, terms: bool = False, **context) -> str:
        """The template's HTML, sanitised, with its charts put in; `terms`: each glossary term's first use
        marked up and linked to its entry (macros.data.glossary)."""
        raw = self._raw(template, here, outline, **context)
        if terms:
            raw = glossary.mark(raw, self._spellings, self._terms, lambda t: url_between(here, page_path(t)))
        html = safe.sanitise(raw)
        return _CHART_RE.sub(lambda m: outline.charts[m.group(1)], html)

    def _raw(self, template: str, here: str, outline: Outline, **context) -> str:
        def chart(counts: dict, title: str, id: str) -> Markup:
            outline.charts[id] = charts.findings_per_year(counts, title, id)
            return Markup(_CHART).format(id)

        def bars(rows: list, parts: list, title: str, id: str) -> Markup:
            outline.charts[id] = charts.stacked_bars(rows, parts, title, id)
            return Markup(_CHART).format(id)

        def qr_code(url: str, id: str = "qr-code") -> Markup:
            outline.charts[id] = qr.svg(url, id)
            return Markup(_CHART).format(id)

        def url(record) -> str:
            return url_between(here, page_path(record))

        def link(record, text=None, cls=None) -> Markup:
            # An f-string of escaped parts, not Markup.format (a page makes thousands of links; this is 5x
            # quicker). Not str + Markup either: Markup escapes the str it is added to.
            attrs = f' class="{escape(cls)}"' if cls else ""
            return Markup(f'<a href="{escape(url(record))}"{attrs}>{escape(record.title if text is None else text)}</a>')

        def links(registry: dict, ids, cls: str | None = None) -> Markup:
            """Links to the records of these ids, separated by commas (one call, not a template loop: a page has hundreds)."""
            return Markup(", ").join(link(registry[i], cls=cls) for i in ids)

        return self.env.get_template(template).render(
            here=here, url=url, url_to=lambda src: url_between(here, src), link=link, links=links,
            heading=outline.heading, anchor=outline.anchor, chart=chart, bars=bars, qr_code=qr_code,
            year_rows=charts.year_rows, **context)

    def specs(self) -> list[tuple[str, Kind | None, object]]:
        """Every page as (source path, kind, record), in the kinds' order (briefings first, newest first), then a
        "How to follow" page (kind None) for the site's feed (record None) and for each record with a feed."""
        records = [(page_path(r), kind, r) for kind in KINDS for r in self.cat.records(kind)]
        followed = [None] + [r for kind in KINDS if kind.feed for r in self.cat.records(kind)]
        return records + [(follow_path(r), None, r) for r in followed]

    def page_of(self, record) -> Page:
        """One record's page."""
        return self.page((page_path(record), kind_of(record), record))

    def page(self, spec: tuple[str, Kind, object]) -> Page:
        """A record's page, as macros.data.kinds declares its kind: the template, and the front matter the
        engine's theme reads (title, description, og:type, its feed)."""
        here, kind, record = spec
        outline = Outline()
        if kind is None:  # "How to follow" a feed: of the site's (record None), or of a theme's or an agency's
            html = self._render("follow.html.j2", here, outline, subject=record)
            meta = {"title": follow_title(record), "og_description": f"{follow_title(record)}: {FOLLOW_WHAT}",
                    # its feed, beside it (the site's own feed is linked from every page already)
                    "feed": "../feed.xml" if record is not None else None,
                    "feed_title": record.title if record is not None else None}
            return Page(src=here, meta=meta, html=html, toc=outline.toc, anchors=frozenset(_ID_RE.findall(html)),
                        searched=False)
        html = self._render(kind.template, here, outline, terms=kind.marks_terms, **{kind.name: record})
        description = getattr(record, kind.describe) if kind.describe else None
        meta = {"title": record.title, "og_description": safe.plain_text(description, 300) if description else None,
                "og_type": kind.og_type if kind.og_type != "website" else None,
                "feed": "feed.xml" if kind.feed else None}  # its own Atom feed, beside it
        return Page(src=here, meta=meta, html=html, toc=outline.toc, anchors=frozenset(_ID_RE.findall(html)),
                    searched=kind.searched)

    def fragment(self, name: str, here: str, **context) -> str:
        """A part of a hand-written page (a list, a table), for the macros that docs/ pages call: HTML
        blocks, sanitised, with no blank line inside (Markdown would end a raw HTML block there)."""
        html = self._render(f"fragments/{name}.html.j2", here, Outline(), **context)
        return re.sub(r"\n\s*\n", "\n", html).strip() + "\n"
