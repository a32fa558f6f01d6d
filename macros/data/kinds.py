"""The kinds of record the site publishes, each declared once: the one table to change to add a kind.

A kind is a model (macros.data.model), the data it is read from, its schema, which field names in other
files refer to it, and its pages: the template, the folder they are published under, what
describes them to link previews, whether they have a feed, the fragment that lists them on their
index page and that page's title in the nav. Everything that differs between kinds is read from
here; no other module branches on a kind's name. Plain data, at the bottom of the package: it
imports only the models.

To add a kind: a model class, a schema in data/schema/, an entry below, a template in
macros/pages/templates/, an index page docs/<folder>/index.md calling {{ records("<name>") }}, its line
in mkdocs.yml's nav, and its data in the fixtures (tests/fixtures/data/). A kind made from the
other records (the yearly report) names the catalogue's method that lists them instead of a
schema and data.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Agency, Briefing, Need, Resource, Term, Theme, YearReport


@dataclass(frozen=True)
class Kind:
    name: str                 # the word for one, in messages and templates: "theme"
    folder: str               # where its pages are published (/themes/<id>/) and, for a registry, its file
    model: type
    title: str                # its index page's title, as in the nav
    registry: bool = True     # True: one list in data/<folder>.yml; False: a file each in data/<folder>/
    references: tuple[str, ...] = ()  # field names that hold ids of this kind, in any file
    describe: str | None = None  # the field whose text describes a page to search engines and link previews
    og_type: str = "website"
    feed: bool = False        # an Atom feed beside each page (<folder>/<id>/feed.xml)
    made_from: str | None = None  # not read from data but made from the other records: the catalogue's method
                                  # that lists them. Such a kind has no schema and no data file of its own.
    in_nav: bool = True       # its index page is a tab of the nav (else linked from other pages)
    searched: bool = True     # its pages are in the search index (macros.outputs.search)
    marks_terms: bool = True  # the first use of each glossary term on its pages is explained (macros.data.glossary)

    @property
    def schema(self) -> str:
        """Its schema in data/schema/: one file's shape for a briefing, the list's for a registry."""
        return f"{self.folder if self.registry else self.name}.schema.json"

    @property
    def template(self) -> str:
        return f"{self.name}.html.j2"

    @property
    def data(self) -> str:
        """Where its records are, under data/."""
        return f"{self.folder}.yml" if self.registry else f"{self.folder}/"


KINDS: tuple[Kind, ...] = (
    Kind("briefing", "briefings", Briefing, "Briefings", registry=False, describe="summary", og_type="article"),
    Kind("theme", "themes", Theme, "Themes", references=("theme", "themes"), describe="summary", feed=True),
    Kind("resource", "resources", Resource, "Resources", references=("resources", "resource"), describe="description"),
    Kind("agency", "agencies", Agency, "Agencies", references=("agencies", "agency", "owner"), feed=True),
    Kind("need", "needs", Need, "Needs", references=("needs",), describe="description"),
    # The glossary: nothing refers to a term by its id; its first use on a record page is marked up (macros.data.glossary).
    Kind("term", "glossary", Term, "Glossary", describe="meaning", marks_terms=False),  # (a term's page is its explanation)
    # /report/<year>/: linked from /actions/ and /editors/ for the current and previous year, and from /report/.
    Kind("report", "report", YearReport, "Yearly reports", registry=False, describe="summary",
         made_from="year_reports", in_nav=False, searched=False),  # figures about other pages: not what a search should find
)
BY_NAME = {k.name: k for k in KINDS}
BY_FOLDER = {k.folder: k for k in KINDS}
BY_MODEL = {k.model: k for k in KINDS}
REGISTRIES = tuple(k for k in KINDS if k.registry)
DATA_KINDS = tuple(k for k in KINDS if k.made_from is None)  # those read from data/, each with its schema


def kind_of(record) -> Kind:
    return BY_MODEL[type(record)]
