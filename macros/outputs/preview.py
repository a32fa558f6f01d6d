"""The preview's banner when the data has problems: `make serve` keeps showing the last good
version, and every page says so, with each problem as path:line: message. Plain Python; `make serve`
(macros.tools.serve) adds it to pages as it serves them, never in a build."""
from __future__ import annotations

from markupsafe import Markup

from ..data.errors import Problem

# After the article opens: the top of every page's content, under the header.
_AT = '<article class="md-content__inner md-typeset">'


def banner(problems: list[Problem]) -> Markup:
    errors = [p for p in problems if p.level == "error"]
    count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(str(p)) for p in errors)
    return Markup('<div class="sg-preview-problems" role="alert" data-pagefind-ignore>'
                  "<p><strong>The data has {}; the preview shows the last good version.</strong> "
                  "Fix {} and save: this page reloads.</p><ul>{}</ul></div>").format(
        count, "it" if len(errors) == 1 else "them", items)


def add_banner(html: str, problems: list[Problem]) -> str:
    at = html.find(_AT)
    if at < 0:  # a page without Material's article (a theme-only page): after <body>
        body = html.find("<body")
        at, tag = (html.find(">", body) + 1, "") if body >= 0 else (0, "")
        return html[:at] + str(banner(problems)) + html[at:]
    at += len(_AT)
    return html[:at] + str(banner(problems)) + html[at:]
