"""What docs/ may publish besides its pages: the site's own scripts, and editors' uploads of safe kinds.

Every file under docs/ is published as it is, on the site's own origin, where /admin/ keeps each
editor's GitHub token. An HTML or SVG file holding a script, put there by an upload or a pull request,
would run with the site's authority and no Content-Security-Policy. So `make check` and the build
stop, naming the file, on:

- anything in the uploads folder (the editors' form saves files there: cms.MEDIA_FOLDER) that is not
  a PNG, JPEG or WebP picture or a PDF document, judged by its content (its first bytes), with a
  name ending as its kind's does; or larger than MAX_UPLOAD_BYTES; or whose name would identify
  someone (it is published as an address);
- anywhere under docs/, a file of a kind a browser runs or renders as a page (ACTIVE: HTML, SVG,
  JavaScript, XML ...) that is not one of the site's own, listed by path in OWN. A file is the
  project's own when it is in that list: a change to it is a change to this code, which a
  developer reviews, not a file an upload or a data change can add.

MkDocs leaves out files and folders whose names start with a dot, so they are not read here either.
Plain Python over a folder: knows nothing of MkDocs.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Problem
from .identifiers import KINDS as IDENTIFIER_KINDS, find_in_id, masked

MEDIA_FOLDER = "docs/assets/uploads"
# The uploads' kinds: the endings a name may have, and the first bytes of such a file.
UPLOAD_KINDS = {
    "PNG picture": ((".png",), (b"\x89PNG\r\n\x1a\n",)),
    "JPEG picture": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
    "WebP picture": ((".webp",), (b"RIFF",)),  # and "WEBP" at byte 8: see _kind()
    "PDF document": ((".pdf",), (b"%PDF-",)),
}
ALLOWED_WORDS = "a PNG, JPEG or WebP picture, or a PDF document"
MAX_UPLOAD_BYTES = 10_000_000  # the form refuses larger files too (cms.config: media_libraries)
# Kinds of file a browser runs, or shows as a page that can run a script.
ACTIVE = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".cjs", ".xml", ".xsl",
          ".xslt", ".swf", ".wasm", ".php", ".asp", ".aspx", ".jsp", ".vbs", ".hta"}
# The site's own files of those kinds, by path under docs/: the scripts mkdocs.yml loads on every page.
OWN = frozenset({"assets/search.js", "assets/site.js", "assets/filters.js"})


def _kind(head: bytes) -> str | None:
    """The upload kind whose first bytes these are, or None."""
    for kind, (_, magics) in UPLOAD_KINDS.items():
        if any(head.startswith(m) for m in magics) and (kind != "WebP picture" or head[8:12] == b"WEBP"):
            return kind
    return None


def _published(docs: Path):
    """(path under docs/, path) of every file MkDocs would publish (names starting with a dot are left out)."""
    for folder, dirs, files in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(folder) / name
                yield path.relative_to(docs).as_posix(), path


def check(docs: Path, names=None) -> list[Problem]:
    """A problem naming each file under `docs` that the site must not publish."""
    docs = Path(docs)
    if not docs.is_dir():
        return []
    uploads = Path(MEDIA_FOLDER).relative_to("docs").as_posix() + "/"
    problems = []
    for where, path in _published(docs):
        shown = f"docs/{where}"
        if where.startswith(uploads):
            found = list(find_in_id(path.name, names))
            if found:
                problems.append(Problem(f"docs/{Path(where).parent.as_posix()}/{masked(path.name, found)}", None,
                                        f"the file name looks like it holds {IDENTIFIER_KINDS[found[0][0]]}: an upload's name is "
                                        "its web address, published on the site, so it must never identify a child or family. "
                                        "Rename it after what it shows"))
                continue
            why = _upload_problem(path)
            if why:
                problems.append(Problem(shown, None, f"{why}. An upload may be only {ALLOWED_WORDS} (the site publishes "
                                                     f"every file in {MEDIA_FOLDER}/ as it is): remove it, or save it as one of those"))
        elif Path(where).suffix.lower() in ACTIVE and where not in OWN:
            problems.append(Problem(shown, None, f"is a file a browser runs or shows as a page ({Path(where).suffix.lower()}), and not "
                                                 "one of the site's own (OWN in macros/data/uploads.py): published, it would run with the "
                                                 "site's authority, where /admin/ keeps editors' GitHub tokens. Remove it"))
    return problems


def _upload_problem(path: Path) -> str | None:
    """Why an upload cannot be published, or None."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        return "is a link or not an ordinary file"
    if info.st_size > MAX_UPLOAD_BYTES:
        return f"is {info.st_size:,} bytes, more than the {MAX_UPLOAD_BYTES:,} an upload may be"
    with open(path, "rb") as f:
        kind = _kind(f.read(16))
    if kind is None:
        return "is not a picture or a PDF: its content is of another kind, whatever its name"
    endings = UPLOAD_KINDS[kind][0]
    if path.suffix.lower() not in endings:
        return f"holds a {kind} but its name ends {path.suffix or 'without an ending'}: name it {path.stem}{endings[0]}"
    return None
