"""Render the catalogue to HTML: one template and one function per page kind.

Templates are Jinja with autoescaping: every data value a template prints is text, escaped
for HTML, unless it is `Markup` we built (a link, a heading) or a rich-text field that went
through macros.safe.rich (markdown-it-py in safe mode). Every page body, and every fragment
that hand-written pages embed, then passes through the allowlist sanitiser (macros.safe).

The table of contents and heading ids come from the template's own `heading()` calls, so
they are known without parsing the page. Plain Python: nothing here knows MkDocs.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from . import safe
from .catalogue import Catalogue
from . import chart as charts
from .kinds import KINDS, Kind, kind_of
from .model import PROGRESS, SECTIONS, long_date
from .urls import feed_path, feedback_url, page_path, slugify, url_between
from .words import plural

TEMPLATES = Path(__file__).parent / "templates"
# Theme and agency pages show this many of the most recent briefings' findings in full and list
# the rest compactly, so a page grows by a line, not a section, per briefing.
RECENT_IN_FULL = 20
# /actions/ shows each agency's first this many open (and done) actions; its own page has them all.
ACTIONS_PER_GROUP = 50
STANDING_QUESTIONS = ["What are your key thoughts on this briefing?",
                      "How will we embed this learning in our practice, and how will we know it has made a difference?"]
_ID_RE = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')
# Where a chart goes: the template writes this placeholder, the sanitiser keeps it (a div), and then the
# chart's SVG, which the sanitiser's allowlist does not cover, goes in. The SVG is ours, built with
# ElementTree from numbers and escaped text (macros.chart): the one marked exception to sanitising.
_CHART = '<div class="sg-chart" data-sg-chart="{}"></div>'
_CHART_RE = re.compile(r'<div class="sg-chart" data-sg-chart="([a-z0-9-]+)"></div>')


def front_matter(**fields) -> str:
    """YAML front matter whose values are JSON strings (JSON is YAML) with nothing HTML or Jinja acts on."""
    lines = []
    for key, value in fields.items():
        if isinstance(value, bool):
            lines.append(f"{key}: {'true' if value else 'false'}")
        elif value is not None:
            text = json.dumps(str(value), ensure_ascii=False)
            lines.append(f"{key}: " + re.sub(r"[<>&{}\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text))
    return "---\n" + "\n".join(lines) + "\n---\n"


class Outline:
    """The headings one page writes: unique ids, permalinks, and the table of contents."""

    def __init__(self):
        self.toc: list[dict] = []
        self.charts: dict[str, str] = {}  # {id: SVG} of the charts the page holds
        self._ids: set[str] = set()
        self._stack: list[dict] = []

    def _unique(self, slug: str) -> str:
        slug = slug or "section"
        candidate, n = slug, 0
        while candidate in self._ids:
            n += 1
            candidate = f"{slug}_{n}"
        self._ids.add(candidate)
        return candidate

    def anchor(self, wanted: str) -> str:
        """A unique id for an element that is not a heading (a briefing's block on a theme page)."""
        return self._unique(wanted)

    def heading(self, level: int, text, id: str | None = None, toc: bool = True, cls: str | None = None) -> Markup:
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
        ident = escape(ident)
        return Markup(f'<h{int(level)} id="{ident}"{attrs}>{text}<a class="headerlink" href="#{ident}" '
                      f'title="Link to this section">¶</a></h{int(level)}>')


@dataclass(frozen=True)
class Page:
    """A record page, ready for the engine: its front matter (title, description) and its HTML body."""
    src: str
    head: str
    html: str
    toc: list
    anchors: frozenset


class Renderer:
    """Renders pages for one catalogue. `here` is the source path of the page being written, for relative links."""

    def __init__(self, catalogue: Catalogue, options: dict | None = None):
        self.cat = catalogue
        options = dict(options or {})
        # Whom to ask for a resource with no public address (mkdocs.yml extra.contact); every part optional.
        options["contact"] = {"name": "", "email": "", "url": "", **(options.get("contact") or {})}
        options.setdefault("feedback_url", "")  # "Tell us how you used this briefing": {id} and {title} filled in
        self.options = options
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(rich=safe.rich, plain=safe.plain_text, first_sentence=safe.first_sentence)
        self.env.globals.update(cat=catalogue, SECTIONS=SECTIONS, RECENT_IN_FULL=RECENT_IN_FULL, ACTIONS_PER_GROUP=ACTIONS_PER_GROUP,
                                STANDING_QUESTIONS=STANDING_QUESTIONS, long_date=long_date, plural=plural,
                                options=self.options, feedback_url=feedback_url, feed_path=feed_path, PROGRESS=PROGRESS)

    def _render(self, template: str, here: str, outline: Outline, **context) -> str:
        """The template's HTML, sanitised, with its charts put in."""
        html = safe.sanitise(self._raw(template, here, outline, **context))
        return _CHART_RE.sub(lambda m: outline.charts[m.group(1)], html)

    def _raw(self, template: str, here: str, outline: Outline, **context) -> str:
        def chart(counts: dict, title: str, id: str) -> Markup:
            outline.charts[id] = charts.findings_per_year(counts, title, id)
            return Markup(_CHART).format(id)

        def url(record) -> str:
            return url_between(here, page_path(record))

        def link(record, text=None, cls=None) -> Markup:
            # An f-string of escaped parts, not Markup.format (a page makes thousands of links; this is 5x
            # quicker). Not str + Markup either: Markup escapes the str it is added to.
            attrs = f' class="{escape(cls)}"' if cls else ""
            return Markup(f'<a href="{escape(url(record))}"{attrs}>{escape(record.title if text is None else text)}</a>')

        def links(registry: dict, ids) -> Markup:
            """Links to the records of these ids, separated by commas (one call, not a template loop: a page has hundreds)."""
            return Markup(", ").join(link(registry[i]) for i in ids)

        return self.env.get_template(template).render(
            here=here, url=url, url_to=lambda src: url_between(here, src), link=link, links=links,
            heading=outline.heading, anchor=outline.anchor, chart=chart,
            year_rows=charts.year_rows, **context)

    def specs(self) -> list[tuple[str, Kind, object]]:
        """Every record page as (source path, kind, record), in the kinds' order (briefings first, newest first)."""
        return [(page_path(r), kind, r) for kind in KINDS for r in self.cat.records(kind)]

    def page_of(self, record) -> Page:
        """One record's page."""
        return self.page((page_path(record), kind_of(record), record))

    def page(self, spec: tuple[str, Kind, object]) -> Page:
        """A record's page, as macros.kinds declares its kind: the template, and the front matter the
        engine's theme reads (title, description, og:type, its feed)."""
        here, kind, record = spec
        outline = Outline()
        html = self._render(kind.template, here, outline, **{kind.name: record})
        description = getattr(record, kind.describe) if kind.describe else None
        head = front_matter(title=record.title, og_description=safe.plain_text(description, 300) if description else None,
                            og_type=kind.og_type if kind.og_type != "website" else None,
                            feed="feed.xml" if kind.feed else None,  # its own Atom feed, beside it
                            render_macros=False)
        return Page(src=here, head=head, html=html, toc=outline.toc, anchors=frozenset(_ID_RE.findall(html)))

    def fragment(self, name: str, here: str, **context) -> str:
        """A part of a hand-written page (a list, a table), for the macros that docs/ pages call: HTML
        blocks, sanitised, with no blank line inside (Markdown would end a raw HTML block there)."""
        html = self._render(f"fragments/{name}.html.j2", here, Outline(), **context)
        return re.sub(r"\n\s*\n", "\n", html).strip() + "\n"
