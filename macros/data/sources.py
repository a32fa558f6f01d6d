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

import bisect
import re
from pathlib import Path
from typing import Iterable

from markdown_it import MarkdownIt

from . import identifiers
from .errors import DataError, Problem
from .text import quote
from .yamlload import Lines, line_of, read_regular, strings

FOLDER = "sources"
# An audit's summary has a few hundred lines. Compared as Markdown (markdown-it, about 40 microseconds a
# paragraph), a megabyte of one-word paragraphs would take half a minute: past this, it is not compared.
MAX_LINES = 20_000

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
    wanted = expected(source, title)
    # Folded text has no line breaks, so none of the words can run from one text into the next.
    found = contained({words for _, words in wanted}, "\n".join(fold(t) for t in texts))
    return [(line, words) for line, words in wanted if words not in found]


# Needles x haystack, in characters, up to which each needle is looked for with str's own search: in C, about
# a nanosecond a character, so at most a fraction of a second. Past it, one Aho-Corasick pass (a few
# microseconds a character in Python) takes time growing with their sum, never their product: a megabyte of
# source against a megabyte of briefing, once hours, takes seconds.
SEARCH_BUDGET = 200_000_000


def contained(needles: set[str], haystack: str) -> set[str]:
    """The needles that occur in haystack, in time linear in their lengths (see SEARCH_BUDGET)."""
    needles = {n for n in needles if n}
    if len(needles) * len(haystack) <= SEARCH_BUDGET:
        return {n for n in needles if n in haystack}
    return _Automaton(needles).search(haystack)


class _Automaton:
    """Aho-Corasick over characters: a trie of the needles, with each state's failure link (the longest
    proper suffix of its text that is also a trie state) and output link (the nearest such suffix that ends
    a needle). `steps` counts the transitions taken, building and searching: at most a small multiple
    of the needles' and the haystack's length together (tests/test_sources.py counts them)."""

    def __init__(self, needles: Iterable[str]):
        self.steps = 0
        self.goto: dict[tuple[int, str], int] = {}
        parent, char, depth = [0], [""], [0]  # of each state; state 0 is the root
        self.needle: dict[int, str] = {}      # the needle a state ends
        for needle in needles:
            state = 0
            for c in needle:
                self.steps += 1
                nxt = self.goto.get((state, c))
                if nxt is None:
                    nxt = self.goto[(state, c)] = len(parent)
                    parent.append(state)
                    char.append(c)
                    depth.append(depth[state] + 1)
                state = nxt
            self.needle[state] = needle
        # Failure and output links, shallowest states first (each depends only on shallower ones).
        self.fail = [0] * len(parent)
        self.output = [0] * len(parent)  # 0: none
        order = sorted(range(1, len(parent)), key=depth.__getitem__)
        for state in order:
            p, c = parent[state], char[state]
            if p:
                f = self.fail[p]
                while f and (f, c) not in self.goto:
                    self.steps += 1
                    f = self.fail[f]
                self.fail[state] = self.goto.get((f, c), 0)
            f = self.fail[state]
            self.output[state] = f if f in self.needle else self.output[f]

    def search(self, haystack: str) -> set[str]:
        found: set[str] = set()
        reported: set[int] = set()
        goto, fail, output, needle = self.goto, self.fail, self.output, self.needle
        state = 0
        for c in haystack:
            self.steps += 1
            while state and (state, c) not in goto:
                self.steps += 1
                state = fail[state]
            state = goto.get((state, c), 0)
            # Each needle is reported once, and a needle's output chain once with it: so reporting costs
            # at most one step per needle in all, however often the needles occur.
            end = state if state in needle else output[state]
            while end and end not in reported:
                self.steps += 1
                reported.add(end)
                found.add(needle[end])
                end = output[end]
        return found


def check(data_dir: Path, briefings: Iterable[tuple[dict, Lines, str]], names=None) -> list[Problem]:
    """For each (document, lines, name) of a briefing that names a source: errors if the source cannot
    be read or holds an identifier (`names`: the guard's list), and a warning for each line of the
    source the briefing does not contain. Messages quote the `source:` value and the source's words
    through macros.data.text (masked, cut short): CI logs are public."""
    folder = Path(data_dir) / FOLDER
    base = Path(data_dir).parent
    problems = []
    for document, lines, name in briefings:
        value = document.get("source")
        if not isinstance(value, str) or any(identifiers.find(value, names)):
            continue  # (the guard has said where the identifier is: its path is not read, nor named)
        line = line_of(lines, ("source",))
        path = folder / value
        example = f"e.g. source: {Path(name).stem}.txt"
        try:
            where = _where(path, folder, value, example)
        except OSError as e:  # a name too long for a file name, say
            where = f"cannot be read as a file name ({e.strerror}): name a text file in data/{FOLDER}/, {example}"
        if where:
            problems.append(Problem(name, line, f"source {quote(value, 60)} {where}"))
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
        found = _identifiers(text, source_name, names)
        problems.extend(found)
        if found:
            continue  # compared once the identifiers are gone: a warning would quote the lines that hold them
        count = text.count("\n") + 1
        if count > MAX_LINES:
            problems.append(Problem(source_name, None, f"has {count:,} lines, more than the {MAX_LINES:,} a source may have to be "
                                                       f"compared with {name} (an audit's summary has a few hundred): check "
                                                       "it is the audit's own text. It was not compared", "warning"))
            continue
        for at, words in unmatched(text, document.get("title", ""), (text for _, text in strings(document))):
            problems.append(Problem(source_name, at, f"this line of the source is not in {name} word for word: "
                                                     f"{quote(words, 40)}. Copy it into the briefing as written, or "
                                                     "correct the briefing where it differs", "warning"))
    return problems


def _where(path: Path, folder: Path, value: str, example: str) -> str | None:
    """What is wrong with where `source:` points (None: a file in the folder). OSError for a name the
    system cannot look up."""
    if Path(value).is_absolute() or not path.resolve().is_relative_to(folder.resolve()):
        return f"is outside data/{FOLDER}/: put the audit's text in data/{FOLDER}/ and give its name there, {example}"
    if not path.exists():
        return f"is not in data/{FOLDER}/: add the audit's text there under that name, or correct the name, {example}"
    if not path.resolve().is_file():
        return f"is not a file: name a text file in data/{FOLDER}/, {example}"
    return None


def _identifiers(text: str, name: str, names) -> list[Problem]:
    """The identifiers guard on the source's text: it is published with the project, though not on the site."""
    text = identifiers.normalise(text)  # as find() reads it: the same lines, so the same line numbers
    breaks = [i for i, c in enumerate(text) if c == "\n"] if "\n" in text else []
    return [Problem(name, bisect.bisect_left(breaks, m.start()) + 1,
                    f"this looks like {identifiers.KINDS[kind]} ('{identifiers.mask(m.group())}'): sources are published "
                    "with the project and must never identify a child or family, so replace it with [removed]")
            for kind, m in identifiers.find(text, names)]
