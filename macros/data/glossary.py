"""The glossary at work: a term's first use on a record page marked up and linked to its entry, and the
abbreviations a briefing uses that the glossary does not define (a warning from `make check`).

On a page, the first use of each term outside a link, a heading or a control becomes
`<a class="sg-term" href="…/glossary/<id>/"><abbr title="expansion">DASH</abbr></a>`: the title shows on
hover, a tap on a phone opens the entry (hover alone never works there), and in print the expansion
follows the term in brackets (assets/briefings.css). Later uses stay plain text, as a printed glossary
would have it. The page's HTML is our template's output before sanitising, so its tags have quoted
attributes: a tag is `<`, then anything but `>` outside double quotes, then `>`.
"""
from __future__ import annotations

import html
import re
from typing import Callable, Iterable

from markupsafe import escape

from .errors import Problem
from .model import Term
from .passages import ABBREVIATION, MAY_ABBREVIATE, NOT_ABBREVIATIONS, passages
from .text import quote
from .yamlload import Lines

_TOKEN = re.compile(r'(<(?:[^>"]|"[^"]*")*>)')
_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# Text inside these is never marked: a link cannot hold a link; a heading, a control or a hidden block
# (Pagefind's filters) is not where a reader meets a word first.
_SKIP = {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "button", "select", "option", "label", "summary",
         "code", "script", "style", "title", "svg", "figure", "table"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


def pattern(terms: Iterable[Term]) -> re.Pattern | None:
    """One pattern for every spelling of every term, longest first, a whole word (a plural 's' allowed),
    as it appears in escaped HTML text (A&E is A&amp;E there)."""
    spellings = sorted({s for t in terms for s in t.spellings if s}, key=len, reverse=True)
    if not spellings:
        return None
    alternatives = "|".join(re.escape(html.escape(s, quote=False)) for s in spellings)
    return re.compile(rf"(?<![\w&;'’-])({alternatives})(?:s|['’]s)?(?![\w&'’-])")


def mark(page: str, terms: dict[str, Term], found: re.Pattern | None, url: Callable[[Term], str]) -> str:
    """The page with the first use of each term (by any spelling) marked up and linked to its entry.
    `terms` maps each spelling, as escaped HTML text, to its term."""
    if found is None:
        return page
    done: set[str] = set()
    skipping: list[str] = []  # the open elements whose text is not marked
    out = []
    for token in _TOKEN.split(page):
        if token.startswith("<"):
            name = _NAME.match(token)
            if name:
                tag = name.group(1).lower()
                closing = token.startswith("</")
                hidden = re.search(r"\shidden(?:[\s=>]|$)", token) is not None
                if not closing and (tag in _SKIP or hidden) and tag not in _VOID and not token.endswith("/>"):
                    skipping.append(tag)
                elif closing and skipping and skipping[-1] == tag:
                    skipping.pop()
            out.append(token)
            continue
        if skipping or not token:
            out.append(token)
            continue

        def first(m: re.Match) -> str:
            term = terms[m.group(1)]
            if term.id in done:
                return m.group(0)
            done.add(term.id)
            return (f'<a class="sg-term" href="{escape(url(term))}"><abbr title="{escape(term.expansion)}">'
                    f'{m.group(0)}</abbr></a>')
        out.append(found.sub(first, token))
    return "".join(out)


def by_spelling(terms: Iterable[Term]) -> dict[str, Term]:
    """{spelling as escaped HTML text: term}, for mark()."""
    return {html.escape(s, quote=False): t for t in terms for s in t.spellings if s}


def undefined(document, lines: Lines, name: str, terms: Iterable[Term],
              texts: Iterable[tuple[tuple, str]] | None = None) -> list[Problem]:
    """A warning at the first use of each abbreviation (2 to 6 capitals) in a briefing's text that the glossary
    does not define. `texts`: the document's strings() where the caller has them already."""
    known = {s for t in terms for s in t.spellings} | NOT_ABBREVIATIONS
    seen: set[str] = set()
    out = []
    for passage in passages(document, lines, texts, having=MAY_ABBREVIATE):
        for m in ABBREVIATION.finditer(passage.text):
            abbreviation = m.group(1)
            if abbreviation in known or abbreviation in seen:
                continue
            seen.add(abbreviation)
            line = passage.line
            if line and "\n" in passage.text.rstrip("\n"):  # a block of lines starts below its key
                line += 1 + passage.text.count("\n", 0, m.start())
            out.append(Problem(name, line, f"{quote(abbreviation)} is not in the glossary: a reader from another area may "
                                                   "not know it. Add it to data/glossary.yml (term, expansion, meaning and "
                                                   "the source that confirms it), or spell it out", "warning"))
    return out
