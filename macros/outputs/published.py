"""The guard over the published site: nothing a reader or a machine gets from it identifies a child.

macros.data.guard reads the data, early, so that each problem has its file and line. But readers get the
built site, and Markdown, character references and invisible characters lie between the two: a check
of one and output in the other. So after every build this reads what is published, as a reader reads
it: every page's visible text, its <title>, its meta (og:* and the rest) and the other attributes a
person or a program reads (title, alt, aria-label, href ...), every feed, the sitemap, the open data
(JSON and CSV) and every other text file, and the name of every file and folder (the site's URLs).
Each is read through macros.data.identifiers.normalise (character references decoded, invisible characters
dropped, NFKC) and searched with macros.data.identifiers.find, the data guard's own patterns.

A finding the data guard missed stops the build. Its message names the line of the data that holds
the identifier when one does (read again from data/, only then), or else the published page, and
shows the finding masked, never in full. What an item's reviewed `allow:` excuses in the data is
excused here too.

Plain Python over a folder: scan(site) knows nothing of MkDocs.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from .. import parallel
from ..data.errors import DataError, Problem
from ..data.identifiers import KINDS, find, find_in_id, mask, masked, normalise

# Folders of files the site makes from other files, named by their content's hash: the search index
# (made from the pages, which are read) and the theme's own scripts and styles.
NOT_READ = ("pagefind", "assets/javascripts", "assets/stylesheets")
# Files of these kinds hold no text a reader reads (or only the theme's and the CMS's code).
BINARY = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico", ".pdf", ".woff", ".woff2", ".ttf", ".gz", ".js",
          ".mjs", ".css", ".map", ".wasm", ".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter", ".pagefind"}

# Between two of these a reader sees one run of text (943 <em>476</em> 5919); every other tag ends one.
_INLINE = "a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var"
# Not read: scripts and styles (the theme's code, and our own), comments, the Content-Security-Policy (hashes),
# and inline SVG (the theme's icons, and the charts, whose words and numbers the table beside each shows).
_DROP = re.compile(r"<(script|style|template|svg)\b.*?</\1\s*>|<!--.*?-->|<meta http-equiv[^>]*>", re.S)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE})\b[^>]*>")
_OTHER_TAGS = re.compile(r"<[^>]*>(?:\s*<[^>]*>)*\s*")  # with the spaces between and after
# Attribute values: a page's meta, tooltips, alternative text, labels, links and ids (a heading's id is in
# every link to it), the search filters' data- attributes ... all are read (the theme's class names repeat,
# and are read once).
_ATTRIBUTE = re.compile(r"""=(?:"([^"]*)"|'([^']*)')""")
# What can never be inside one run of text: no pattern reads across it.
_APART = "\x00"
_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True)
class Hit:
    """An identifier in the published site: where (a path under the site), what kind, and the finding."""
    where: str
    kind: str
    found: str       # as normalised; shown only masked

    @property
    def key(self) -> str:
        return _key(self.found)


def _key(text: str) -> str:
    """What a finding reads as, spacing and punctuation aside: how a page's finding is matched to the data."""
    return re.sub(r"[^0-9a-z@]", "", unquote(text).lower())


def html_texts(page: str) -> list[str]:
    """The runs of text a reader of a page gets: what it shows, and the attributes read out or followed."""
    page = _DROP.sub(_APART, page)
    attributes = [a or b for a, b in _ATTRIBUTE.findall(page)]
    shown = _OTHER_TAGS.sub(_APART, _INLINE_TAG.sub("", page))
    return shown.split(_APART) + attributes


def xml_texts(text: str) -> list[str]:
    """Every text and attribute of an XML file (a feed, the sitemap); the raw text when it is not XML."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError:
        return [text]
    out = []
    for element in root.iter():
        out += [element.text or "", element.tail or "", *element.attrib.values()]
    return out


# A JSON file is read as written (json.loads and a walk over every value took longer than all the pages):
# its strings lie between quotes, and no pattern reads across a quote; escapes are decoded.
_JSON_ESCAPE = re.compile(r'\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])')


def json_texts(text: str) -> list[str]:
    return [_JSON_ESCAPE.sub(lambda m: json.loads(f'"{m.group()}"'), part) if "\\" in part else part
            for part in text.split('"')]


def csv_texts(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


READERS = {".html": html_texts, ".htm": html_texts, ".xml": xml_texts, ".json": json_texts, ".csv": csv_texts}

class _Reader:
    """What every file's scan shares: the editors' names, and the runs of text already searched by this
    process (the header, nav and footer of every page are searched once, not once a page). Each forked
    worker has its own copy (macros.parallel)."""

    def __init__(self, names: re.Pattern | None):
        self.names = names
        self.seen: set[str] = set()


def scan_file(reader: _Reader, job: tuple[str, str]) -> list[Hit]:
    """The identifiers in one published file, read by its kind ((path under site, absolute path))."""
    where, path = job
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # not text: nothing a reader reads as words
    texts = READERS.get(Path(path).suffix.lower(), lambda t: [t])
    runs = set(texts(text))
    fresh = runs - reader.seen
    reader.seen.update(fresh)
    # as a browser lays text out: every run of spaces and line breaks one space (a single line break is
    # read as a space by the patterns)
    text = _SPACES.sub(" ", _APART.join(fresh))
    if texts is html_texts:
        # The page's own character references are what a browser decodes; find() then reads the text under
        # them as the data guard reads the data (where "&#64;" typed in a title is an at sign).
        text = html.unescape(text)
    return [Hit(where, kind, m.group()) for kind, m in find(text, reader.names)]


def _files(site: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(site.rglob("*")):
        where = path.relative_to(site).as_posix()
        if any(where == f or where.startswith(f + "/") for f in NOT_READ) or where.startswith("pagefind"):
            continue
        yield where, path


def scan(site: Path, names: re.Pattern | None = None) -> list[Hit]:
    """Every identifier a reader or a program gets from the built site in `site`: in file and folder names
    (the site's URLs), and in the text of every file that has any. `names`: the editors' list, if any."""
    site = Path(site)
    hits, jobs = [], []
    for where, path in _files(site):
        hits += [Hit(where, kind, m.group()) for kind, m in find_in_id(path.name, names)]
        if path.is_file() and not path.is_symlink() and path.suffix.lower() not in BINARY:
            jobs.append((where, str(path)))
    for found in parallel.run(scan_file, jobs, shared=_Reader(names)):
        hits += found
    return hits


# ---- The problems to report: each finding at the data's line, excused where the data excuses it.

@dataclass(frozen=True)
class _Text:
    name: str           # data/briefings/...yml
    line: int | None
    keys: str           # the text as findings are matched against it (see _key)
    allowed: frozenset  # the kinds its item's `allow:` excuses


def _data_texts(data_dir: Path, keys: set[str]) -> list[_Text]:
    """The text values of the data that hold any of `keys`, with their lines and the kinds excused where
    they are. Read again only when the site holds a finding: the build's reading knows no lines by then."""
    from ..data.guard import texts
    from ..pages.safe import plain_text
    from ..data.yamlload import line_of, load_yaml
    base = data_dir.parent
    out = []
    for path in sorted(data_dir.glob("*.yml")) + sorted((data_dir / "briefings").glob("*.y*ml")):
        name = path.relative_to(base).as_posix()
        try:
            document, lines = load_yaml(path, name, data_dir)
        except DataError:
            continue
        for where, text, allowed in texts(document):
            held = _key(normalise(text))
            if not any(k in held for k in keys) and "[" in text:  # a link shows its words, not its address
                held = _key(normalise(plain_text(text)))
            if any(k in held for k in keys):
                out.append(_Text(name, line_of(lines, where), held, frozenset(allowed)))
    return out


def problems(hits: list[Hit], data_dir: Path | None = None) -> list[Problem]:
    """A Problem for each finding, at the data's file and line where one text holds it (else the published
    file); none for a finding every text holding it excuses with `allow:`."""
    keys = {hit.key for hit in hits if hit.key}
    texts = _data_texts(Path(data_dir), keys) if keys and data_dir is not None else []
    out: dict[tuple, Problem] = {}
    for hit in hits:
        holders = [t for t in texts if hit.key and hit.key in t.keys]
        if holders and all(hit.kind in t.allowed for t in holders):
            continue
        what = f"{KINDS[hit.kind]} ('{mask(hit.found)}')"
        page = _shown(hit)
        sources = [t for t in holders if hit.kind not in t.allowed]
        for t in sources:
            out.setdefault((t.name, t.line, hit.kind, hit.key), Problem(
                t.name, t.line, f"the published site shows this as {what}, in {page}: briefings must never identify a "
                                f"child or family, so remove it. (The check of the data did not see it as written here: "
                                f"Markdown, a link or a character reference hid it.)"))
        if not sources:
            out.setdefault((page, hit.kind, hit.key), Problem(
                page, None, f"shows {what}: briefings must never identify a child or family. No one text of the data holds "
                            "it as shown: it is made of text from more than one field or file, or from the site's own "
                            "pages in docs/ or mkdocs.yml. Find and remove it"))
    return sorted(out.values())


def _shown(hit: Hit) -> str:
    """The published file, as its address, with any part of it that holds an identifier masked."""
    parts = [masked(part, found) if (found := list(find_in_id(part))) else part for part in hit.where.split("/")]
    return "/" + "/".join(parts).removesuffix("index.html")


class Leak(DataError):
    """What the built site shows that identifies someone: the build stops, and says so first."""

    def report(self) -> str:
        return ("The built site shows what could identify a child or family, so it was not published:\n"
                + super().report())


def check(site: Path, data_dir: Path | None = None, public: Iterable[str] = ()) -> list[Problem]:
    """scan() the built site with the editors' names from data_dir (when there are any), and the problems.
    `public`: what the partnership publishes of itself on purpose, in its settings (the business unit's
    email address and contact page): an identifier of no child, found in every page that says whom to ask."""
    from ..data.guard import load_names
    names = None
    if data_dir is not None:
        names_path = Path(data_dir) / "guard-names.txt"
        names, _ = load_names(names_path, "data/guard-names.txt", Path(data_dir))
    own = {_key(normalise(value)) for value in public if value}
    hits = [hit for hit in scan(Path(site), names) if not any(hit.key and hit.key in key for key in own)]
    return problems(hits, data_dir)
