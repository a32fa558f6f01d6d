"""Every address the site publishes, made in one place: the URL contract.

A record's page is /<folder>/<id>/ (macros.data.kinds); its source path, as the engine sees it, is
<folder>/<id>.md. Links between pages are relative, so the site works under any base address.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote

from ..data.kinds import kind_of

_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_JOIN = re.compile(r"[-\s]+")


def page_path(record) -> str:
    """The source path of a record's page; the URL follows from it (/briefings/<id>/)."""
    return f"{kind_of(record).folder}/{record.id}.md"


def follow_path(record=None) -> str:
    """The source path of the "How to follow" page of a record's feed (themes/<id>/follow.md, so
    /themes/<id>/follow/, beside the feed), or of the site's own feed (record None: /follow/)."""
    return "follow.md" if record is None else page_path(record).removesuffix(".md") + "/follow.md"


def page_url(src: str) -> str:
    """The URL path, relative to the site root, that a page's source path is served at."""
    stem = src.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


@functools.lru_cache(maxsize=65536)
def url_between(here: str, target: str) -> str:
    """The URL of page source `target` as seen from page source `here`'s URL: what links in HTML need.

    posixpath.relpath's answer, by splitting the two paths (relpath asks the operating system for
    the current folder on every call, and a site of thousands of briefings makes a million links)."""
    start, to = _parts(page_url(here)), _parts(page_url(target))
    common = 0
    for a, b in zip(start, to):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) + "/" if len(start) > common or len(to) > common else "./"


def _parts(url: str) -> list[str]:
    return [p for p in url.split("/") if p and p != "."]


def record_url(site_url: str, record) -> str:
    """A record page's full address."""
    return site_url.rstrip("/") + "/" + page_url(page_path(record))


def feed_path(record) -> str:
    """A record's feed, beside its page: themes/<id>/feed.xml (so the page links to "feed.xml")."""
    return page_url(page_path(record)) + "feed.xml"


_PLACEHOLDER = re.compile(r"\{(id|title)\}|%7B(id|title)%7D", re.IGNORECASE)


def feedback_url(pattern: str, record) -> str:
    """`extra.feedback_url` with {id} and {title} filled in, each URL-encoded (a title may hold & or #). A form
    service's "pre-filled link" writes a typed {id} as %7Bid%7D: that is filled in too."""
    values = {"id": quote(record.id, safe=""), "title": quote(record.title, safe="")}
    return _PLACEHOLDER.sub(lambda m: values[(m[1] or m[2]).lower()], pattern)


def slugify(text: str) -> str:
    """A heading's id, as Python-Markdown's toc extension makes it (so anchors stay what they were)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG_JOIN.sub("-", _SLUG_DROP.sub("", text).strip().lower())
