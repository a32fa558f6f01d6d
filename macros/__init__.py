"""Safeguarding learning briefings: data/*.yml rendered into a site.

The build is a pipeline of plain Python steps (macros.pipeline); the engine (macros.engine) is one
of them. `define_env` below is mkdocs-macros' entry point, here because that plugin looks for it
in this package: the lists and tables that the hand-written pages in docs/ embed.
"""


# A column per briefing reads well for a partnership's few audits a year; a region's thousands
# would make /themes/ megabytes wide. Past this many, the most recent get columns and a
# themes-by-year table shows the whole span.
MATRIX_BRIEFINGS = 12


def define_env(env):
    """mkdocs-macros entry point: the lists and tables that docs/ pages embed, from the build's Site,
    which the pipeline hands to the engine (macros.engine.SITE_KEY)."""
    from .data import action_states
    from .outputs import export
    from .engine import SITE_KEY
    from .data.kinds import BY_FOLDER
    from .data.schemas import read_schema

    built = env.conf["extra"].get(SITE_KEY)
    if built is None:
        raise RuntimeError("the pages are built by `make build` or `make serve` (python -m macros.tools.build), which "
                           "load the data first: run one of those, not the engine on its own")

    cat = built.catalogue

    def fragment(name: str, **context) -> str:
        """A list or table for the page: the engine sees a placeholder, and the pipeline's `finish` renders the
        fragment and puts it in its place (macros.site.Site.block), so Markdown never reads it."""
        here = env.page.file.src_uri
        return built.block(lambda: built.renderer.fragment(name, here, **context))

    @env.macro
    def briefing_list(limit: int | None = None, level: int = 2, by_use: bool = False) -> str:
        """Briefings, newest first (or the most used first, leaving out those no team has used), with
        date, type, summary and themes; each a heading of `level`."""
        briefings = [b for b in cat.briefings_by_use() if b.use_count] if by_use else cat.briefings
        return fragment("briefings", briefings=briefings[:limit], level=level)

    @env.macro
    def used_count() -> int:
        """How many briefings some team has recorded using."""
        return sum(1 for b in cat.briefings if b.use_count)

    @env.macro
    def briefing_filters() -> str:
        """Filters for the briefing list (theme, agency, need, type, year; order by date or use), shown by assets/filters.js."""
        if not cat.briefings:
            return ""  # nothing to filter: the list says there are no briefings yet
        order = ("sort", "Order", [("", "Newest first"), ("uses", "Most used first")])
        return fragment("filters", filters=cat.facets() + [order], noun="briefing")

    @env.macro
    def action_filters() -> str:
        """Filters for /actions/ (owner, progress), shown by assets/filters.js."""
        if not cat.actions:
            return ""  # nothing to filter: the summary above says why there are no actions
        owners = [(a.id if a else "none", a.name if a else action_states.NO_OWNER) for a, _ in cat.action_groups()]
        return fragment("filters", noun="action", filters=[
            ("agency", "Owner", owners), ("progress", "Progress", list(action_states.PROGRESS.items()))])

    @env.macro
    def action_summary() -> str:
        """How many actions each agency has, overdue, open, done and dropped, with the totals."""
        return fragment("action_summary")

    @env.macro
    def action_list() -> str:
        """Every action by owning agency, then by briefing where no owner is recorded; done and dropped folded away."""
        return fragment("actions")

    # The one definition of overdue, for sentences in docs/ (macros/data/action_states.py).
    env.variables["overdue_means"] = action_states.OVERDUE_MEANS

    @env.macro
    def theme_table() -> str:
        """Every theme with how many briefings it appears in, and when."""
        return fragment("themes")

    @env.macro
    def theme_matrix() -> str:
        """Themes (rows) by briefings (columns, oldest first): how many findings, each linking to them."""
        briefings = cat.briefings
        years = sorted({b.year for b in briefings}) if len(briefings) > MATRIX_BRIEFINGS else []
        return fragment("theme_matrix", briefings=list(reversed(briefings[:MATRIX_BRIEFINGS])),
                        total=len(briefings), years=years)

    @env.macro
    def record_list(folder: str) -> str:
        """Every record of a registry kind (macros.data.kinds), for its index page docs/<folder>/index.md:
        the fragment fragments/<folder>.html.j2."""
        return fragment(BY_FOLDER[folder].folder)

    @env.macro
    def editors_status() -> str:
        """Resources overdue for review or without a link, briefings without questions."""
        return fragment("editors")

    @env.macro
    def report_list(limit: int | None = None, inline: bool = False) -> str:
        """The yearly reports, newest first, each with its figures in a line; `inline`: a line of links to the
        newest `limit` (report_list(2, inline=True): the current and previous year)."""
        return fragment("reports", limit=limit, inline=inline)

    @env.macro
    def csv_columns(name: str) -> str:
        """The columns of one of the open data's CSV files, each with what it holds (macros/outputs/export.py)."""
        return fragment("columns", columns=[(n, text, None) for n, text in export.CSV_COLUMNS[name]], caption=f"Columns of {name}")

    @env.macro
    def schema_fields(kind: str) -> str:
        """A schema's fields in plain words: each field, what it holds, whether it is required; and its parts."""
        import json
        schema = json.loads(read_schema(built.root / "data" / "schema", f"{kind}.schema.json", f"data/schema/{kind}.schema.json"))
        out = fragment("columns", columns=export.schema_fields(schema), caption=f"Fields of {schema.get('title', kind)}")
        for caption, where in export.SCHEMA_PARTS.get(kind, []):
            out += fragment("columns", columns=export.schema_fields(schema, where), caption=caption)
        return out

    @env.macro
    def partnership_name() -> str:
        """The partnership's name (mkdocs.yml extra.partnership), as text."""
        from markupsafe import escape
        return str(escape(built.renderer.options.get("partnership") or "the partnership"))

    @env.macro
    def contact_details() -> str:
        """Whom to contact (mkdocs.yml extra.contact), with its address, inside a sentence."""
        return built.renderer.fragment("contact", env.page.file.src_uri).strip()  # inside a sentence: as it is

    @env.macro
    def statement(key: str) -> str:
        """A date of the accessibility statement (mkdocs.yml extra.accessibility: prepared, reviewed, tested)
        as 21 November 2026, or who tested the site (tested_by)."""
        import datetime as dt
        from markupsafe import escape
        from .data.model import long_date
        value = (built.renderer.options.get("accessibility") or {}).get(key)
        if isinstance(value, dt.date):
            return long_date(value)
        return str(escape(value or "(not yet recorded)"))

    @env.macro
    def count(folder: str) -> int:
        """How many briefings, themes, resources ... there are, for sentences in docs/."""
        return len(cat.records(BY_FOLDER[folder]))
