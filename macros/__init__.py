"""Safeguarding learning briefings: data/*.yml rendered into a site.

The core (errors, yamlload, validate, model, catalogue, render) is plain Python.
MkDocs glue is two thin pieces: `hooks.py` (validates and adds the record pages) and
`define_env` below (the macros that hand-written pages in docs/ call).
"""


# A column per briefing reads well for a partnership's few audits a year; a region's thousands
# would make /themes/ megabytes wide. Past this many, the most recent get columns and a
# themes-by-year table shows the whole span.
MATRIX_BRIEFINGS = 12


def define_env(env):
    """mkdocs-macros entry point: the lists and tables that docs/ pages embed."""
    from . import site
    from .model import PROGRESS

    def fragment(name: str, **context) -> str:
        return site.renderer().fragment(name, env.page.file.src_uri, **context)

    @env.macro
    def briefing_list(limit: int | None = None, level: int = 2, by_use: bool = False) -> str:
        """Briefings, newest first (or the most used first, leaving out those no team has used), with
        date, type, summary and themes; each a heading of `level`."""
        cat = site.catalogue()
        briefings = [b for b in cat.briefings_by_use() if b.use_count] if by_use else cat.briefings
        return fragment("briefings", briefings=briefings[:limit], level=level)

    @env.macro
    def used_count() -> int:
        """How many briefings some team has recorded using."""
        return sum(1 for b in site.catalogue().briefings if b.use_count)

    @env.macro
    def briefing_filters() -> str:
        """Filters for the briefing list (theme, agency, need, type, year; order by date or use), shown by assets/filters.js."""
        if not site.catalogue().briefings:
            return ""  # nothing to filter: the list says there are no briefings yet
        order = ("sort", "Order", [("", "Newest first"), ("uses", "Most used first")])
        return fragment("filters", filters=site.catalogue().facets() + [order], noun="briefing")

    @env.macro
    def action_filters() -> str:
        """Filters for /actions/ (owner, progress), shown by assets/filters.js."""
        cat = site.catalogue()
        if not cat.actions:
            return ""  # nothing to filter: the summary above says why there are no actions
        owners = [(a.id if a else "none", a.name if a else "No owner") for a, _ in cat.action_groups()]
        return fragment("filters", noun="action", filters=[
            ("agency", "Owner", owners), ("progress", "Progress", list(PROGRESS.items()))])

    @env.macro
    def action_summary() -> str:
        """How many actions each agency has, overdue, open, done and dropped, with the totals."""
        return fragment("action_summary")

    @env.macro
    def action_list() -> str:
        """Every tracked action by owning agency, overdue first; done and dropped folded away."""
        return fragment("actions")

    @env.macro
    def theme_table() -> str:
        """Every theme with how many briefings it appears in, and when."""
        return fragment("themes")

    @env.macro
    def theme_matrix() -> str:
        """Themes (rows) by briefings (columns, oldest first): how many findings, each linking to them."""
        briefings = site.catalogue().briefings
        years = sorted({b.year for b in briefings}) if len(briefings) > MATRIX_BRIEFINGS else []
        return fragment("theme_matrix", briefings=list(reversed(briefings[:MATRIX_BRIEFINGS])),
                        total=len(briefings), years=years)

    @env.macro
    def resource_list() -> str:
        return fragment("resources")

    @env.macro
    def agency_list() -> str:
        return fragment("agencies")

    @env.macro
    def need_list() -> str:
        return fragment("needs")

    @env.macro
    def editors_status() -> str:
        """Resources overdue for review or without a link, briefings without questions."""
        return fragment("editors")

    @env.macro
    def partnership_name() -> str:
        """The partnership's name (mkdocs.yml extra.partnership), as text."""
        from markupsafe import escape
        return str(escape(site.renderer().options.get("partnership") or "the partnership"))

    @env.macro
    def contact_details() -> str:
        """Whom to contact (mkdocs.yml extra.contact), with its address, inside a sentence."""
        return fragment("contact").strip()

    @env.macro
    def statement(key: str) -> str:
        """A date of the accessibility statement (mkdocs.yml extra.accessibility: prepared, reviewed, tested)
        as 21 November 2026, or who tested the site (tested_by)."""
        import datetime as dt
        from markupsafe import escape
        from .model import long_date
        value = (site.renderer().options.get("accessibility") or {}).get(key)
        if isinstance(value, dt.date):
            return long_date(value)
        return str(escape(value or "(not yet recorded)"))

    @env.macro
    def count(kind: str) -> int:
        """How many briefings, themes, resources ... there are, for sentences in docs/."""
        return len(getattr(site.catalogue(), kind))
