"""Each briefing checked against the text of its source audit, word for word.

A briefing may name its source document: `source: 2022-12-engagement-with-fathers.txt`, a
file in data/sources/ holding the audit summary's text as received (plain text or Markdown).
Every bullet and paragraph of that text that carries a finding should be in the briefing
exactly as written (spaces and line breaks aside); those that are not are reported as
warnings at their line in the source, so an editor sees what a briefing left out or reworded.

What is not a finding, and so not looked for (the partnership's audit summaries share one
template; see CONTRIBUTING.md):
- the first block when it holds the briefing's `title:`: it is the document's title;
- the template's section labels ("What are we worried about?", "What we found:" ...):
  a label alone is skipped, and after "label:" or "label –" only the rest is looked for;
- the lines listing the children's needs and the agencies that audited: the briefing gives
  them as `needs:` and `agencies:` ids;
- pointers to links in the original ("click here", "available here", "is here"): the site
  links the resource instead. A pointer after a dash at the end of a line is dropped and
  the rest looked for.

The source's text is published with the project, so the identifiers guard reads it too.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from markdown_it import MarkdownIt

from . import identifiers
from .errors import DataError, Problem
from .yamlload import Lines, line_of, read_regular

FOLDER = "sources"

_LABEL = re.compile(r"(what (are we|we are) worried about|what good practice did we see|themes for learning"
                    r"|what we found|what needs to happen)\s*\??\s*(?:(?:[:–—-])\s*(?P<rest>.*))?$", re.I)
_LISTED_AS_IDS = re.compile(r"(the children have a range of needs including|organisations that audited)\b", re.I)
_LINK_POINTER = r"(click(ing)?( here| in)\b|\b(is|are)( all)? (available )?here\b|\bavailable here\b)"
_TRAILING_POINTER = re.compile(rf"^(?P<head>.*\S)\s+[-–—]\s*[^-–—]*{_LINK_POINTER}[^-–—]*$", re.I)
_POINTER = re.compile(_LINK_POINTER, re.I)
# Emphasis markers left unpaired when the document was converted to text ("families**").
_STRAY_EMPHASIS = re.compile(r"\*{2,}|_{2,}")
_MARKDOWN = MarkdownIt("commonmark")  # html off by default in the parse we use: tags stay text


def fold(text: str) -> str:
    """Text as compared: whitespace runs as one space, stray emphasis markers gone."""
    return " ".join(_STRAY_EMPHASIS.sub("", text).split())


def blocks(text: str) -> list[tuple[int, str]]:
    """(line, text) of every heading, paragraph and list item of a Markdown or plain-text document, markup removed."""
    out = []
    tokens = _MARKDOWN.parse(text)
    for i, token in enumerate(tokens):
        if token.type == "inline" and token.map:
            words = [c.content if c.type in ("text", "code_inline") else " " for c in token.children or []
                     if c.type in ("text", "code_inline", "softbreak", "hardbreak")]
            out.append((token.map[0] + 1, fold("".join(words))))
        elif token.type in ("code_block", "fence") and token.map:
            out.append((token.map[0] + 1, fold(token.content)))  # an indented line is text, not code, here
    return [(line, t) for line, t in out if t]


def expected(text: str, title: str) -> list[tuple[int, str]]:
    """(line, words) the briefing should contain: every block but the title, labels, id lists and link pointers."""
    out = []
    found = blocks(text)
    if found and fold(title).lower() in found[0][1].lower():
        found = found[1:]
    for line, block in found:
        label = _LABEL.match(block)
        if label:
            block = label["rest"] or ""
        trailing = _TRAILING_POINTER.match(block)
        if trailing:
            block = trailing["head"]
        if block and not _LISTED_AS_IDS.match(block) and not _POINTER.search(block):
            out.append((line, block))
    return out


def unmatched(source: str, title: str, texts: Iterable[str]) -> list[tuple[int, str]]:
    """(line, words) of the source of the briefing called `title` that none of `texts` contains word for word."""
    folded = [fold(t) for t in texts]
    return [(line, words) for line, words in expected(source, title) if not any(words in t for t in folded)]


def strings(document) -> Iterable[str]:
    """Every text value in a document, at any depth."""
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for value in document.values():
            yield from strings(value)
    elif isinstance(document, list):
        for value in document:
            yield from strings(value)


def check(data_dir: Path, briefings: Iterable[tuple[dict, Lines, str]], names=None) -> list[Problem]:
    """For each (document, lines, name) of a briefing that names a source: errors if the source cannot
    be read or holds an identifier (`names`: the guard's list), and a warning for each line of the
    source the briefing does not contain."""
    folder = Path(data_dir) / FOLDER
    base = Path(data_dir).parent
    problems = []
    for document, lines, name in briefings:
        value = document.get("source")
        if not isinstance(value, str):
            continue
        line = line_of(lines, ("source",))
        path = folder / value
        example = f"e.g. source: {Path(name).stem}.txt"
        if Path(value).is_absolute() or not path.resolve().is_relative_to(folder.resolve()):
            problems.append(Problem(name, line, f"source '{value}' is outside data/{FOLDER}/: put the audit's text in "
                                                f"data/{FOLDER}/ and give its name there, {example}"))
            continue
        if not path.exists():
            problems.append(Problem(name, line, f"source '{value}' is not in data/{FOLDER}/: add the audit's text there "
                                                f"under that name, or correct the name, {example}"))
            continue
        if not path.resolve().is_file():
            problems.append(Problem(name, line, f"source '{value}' is not a file: name a text file in data/{FOLDER}/, {example}"))
            continue
        source_name = path.relative_to(base).as_posix()
        try:  # a regular file inside the repository, never a link, FIFO or device (as every data file)
            text = read_regular(path, source_name, base).decode("utf-8")
        except DataError as e:
            problems.extend(e.problems)
            continue
        except UnicodeDecodeError:
            problems.append(Problem(source_name, None, "is not UTF-8 text: save it as UTF-8 (plain text or Markdown)"))
            continue
        problems.extend(_identifiers(text, source_name, names))
        for at, words in unmatched(text, document.get("title", ""), strings(document)):
            problems.append(Problem(source_name, at, f"this line of the source is not in {name} word for word: "
                                                     f"'{_short(words)}'. Copy it into the briefing as written, or "
                                                     "correct the briefing where it differs", "warning"))
    return problems


def _identifiers(text: str, name: str, names) -> list[Problem]:
    """The identifiers guard on the source's text: it is published with the project, though not on the site."""
    return [Problem(name, number, f"this looks like {identifiers.KINDS[kind]} ('{identifiers.mask(m.group())}'): sources are published "
                                  "with the project and must never identify a child or family, so replace it with [removed]")
            for number, line in enumerate(text.splitlines(), 1) for kind, m in identifiers.find(line, names)]


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
