"""The URL contract (macros/urls.py): relative links between pages, checked against posixpath.relpath."""
import posixpath

from hypothesis import given, strategies as st

from macros.pages.urls import page_url, url_between

SEGMENT = st.sampled_from(["briefings", "themes", "a", "b", "index", "x-y", "2024-01-z"])
SOURCE = st.lists(SEGMENT, min_size=0, max_size=3).map(lambda parts: "/".join(parts + ["index"]) + ".md") | \
    st.lists(SEGMENT, min_size=1, max_size=3).map(lambda parts: "/".join(parts) + ".md")


@given(SOURCE, SOURCE)
def test_a_link_between_two_pages_is_posixpaths_relative_path(here, target):
    assert url_between(here, target) == posixpath.relpath(page_url(target) or ".", page_url(here) or ".") + "/"


def test_links_from_a_record_page():
    assert url_between("briefings/a.md", "themes/x.md") == "../../themes/x/"
    assert url_between("briefings/a.md", "briefings/a.md") == "./"
    assert url_between("briefings/a.md", "index.md") == "../../"
    assert url_between("index.md", "briefings/index.md") == "briefings/"
