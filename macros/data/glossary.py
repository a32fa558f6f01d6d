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
from typing import Callable, Iterable, Iterator

from markupsafe import escape

from .errors import Problem
from .model import Term
from .passages import ABBREVIATION, MAY_ABBREVIATE, NOT_ABBREVIATIONS, passages
from .text import quote
from .yamlload import Lines

_TOKEN = re.compile(r'(<[^>"]*(?:"[^"]*"[^>"]*)*>)')  # a tag: anything but > outside double quotes (unrolled: 2x quicker)
_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# Text inside these is never marked: a link cannot hold a link; a heading, a control or a hidden block
# (Pagefind's filters) is not where a reader meets a word first.
_SKIP = {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "button", "select", "option", "label", "summary",
         "code", "script", "style", "title", "svg", "figure", "table"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base", "embed", "track"}


def pattern(terms: Iterable[Term]) -> re.Pattern | None:
    """One pattern for every spelling of every term, longest first, ending a word (a plural 's' allowed), as it
    appears in escaped HTML text (A&E is A&amp;E there). That it starts a word is checked by uses(): a
    lookbehind in the pattern would stop the regex engine skipping to where a spelling can start (4x slower)."""
    spellings = sorted({s for t in terms for s in t.spellings if s}, key=len, reverse=True)
    if not spellings:
        return None
    alternatives = "|".join(re.escape(html.escape(s, quote=False)) for s in spellings)
    return re.compile(rf"({alternatives})(?:s|['’]s)?(?![\w&'’-])")


# A term is a whole word: not after a letter, a digit, an entity (&amp;) or a word's hyphen or apostrophe.
_WORD_BEFORE = re.compile(r"[\w&;'’-]")


def uses(found: re.Pattern, text: str) -> Iterator[re.Match]:
    """Each use of a term in `text`: a match of pattern() that starts a word, scanning on from the next
    character after one that does not (so "XChild in Need" still finds "Need")."""
    position = 0
    while True:
        m = found.search(text, position)
        if m is None:
            return
        start = m.start()
        if start and _WORD_BEFORE.match(text, start - 1):
            position = start + 1
            continue
        yield m
        position = m.end()


def mark(page: str, terms: dict[str, Term], found: re.Pattern | None, url: Callable[[Term], str]) -> str:
    """The page with the first use of each term (by any spelling) marked up and linked to its entry.
    `terms` maps each spelling, as escaped HTML text, to its term."""
    if found is None:
        return page
    present = {terms[m.group(1)].id for m in uses(found, page)}  # perhaps more: some may be in tags or skipped text
    if not present:
        return page
    done: set[str] = set()
    skipping: list[str] = []  # the open elements whose text is not marked
    seen_tags: dict[str, tuple[str, int]] = {}  # a page repeats most of its tags (</li>, <p>): each is read once
    tokens = _TOKEN.split(page)  # text, tag, text, tag ... text (the tags are the pattern's one group)

    def marked(text: str) -> str:
        """The text with the first use of each term not yet marked on the page marked."""
        out, end = [], 0
        for m in uses(found, text):
            term = terms[m.group(1)]
            if term.id not in done:
                done.add(term.id)
                out += [text[end:m.start()], f'<a class="sg-term" href="{escape(url(term))}"><abbr title="'
                        f'{escape(term.expansion)}">{m.group(0)}</abbr></a>']
                end = m.end()
        return "".join(out) + text[end:] if out else text

    for i, token in enumerate(tokens):
        if i % 2:
            tag, effect = seen_tags.get(token) or seen_tags.setdefault(token, _tag(token))
            if effect == _OPENS:
                skipping.append(tag)
            elif effect == _CLOSES and skipping and skipping[-1] == tag:
                skipping.pop()
        elif token and not skipping:
            tokens[i] = marked(token)
            if done == present:  # every term this page has is marked: the rest stays as it is
                break
    return "".join(tokens)


_HIDDEN = re.compile(r"\shidden(?:[\s=>]|$)")


_OPENS, _CLOSES = 1, -1


def _tag(token: str) -> tuple[str, int]:
    """(its element's name in lower case, or '' when it has none; _OPENS when it opens an element whose text
    is not marked, _CLOSES when it is a closing tag (which ends the innermost of those, if of its element), else 0)."""
    name = _NAME.match(token)
    if not name:
        return "", 0
    tag = name.group(1).lower()
    if token.startswith("</"):
        return tag, _CLOSES
    skipped = (tag in _SKIP or _HIDDEN.search(token) is not None) and tag not in _VOID and not token.endswith("/>")
    return tag, _OPENS if skipped else 0


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
