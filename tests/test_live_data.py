"""The live data/, whatever editors have changed: it passes `make check` (the feedback form's agency list
too), builds, and every link resolves.

Only what must hold for any data `make check` accepts: nothing here names a briefing or counts anything,
so no change an editor makes breaks it (tests/test_editors_changes.py checks exactly that).
Behaviour is tested on the frozen fixture data instead (tests/fixtures/data/).
SG_PROJECT_ROOT=/path/to/checkout runs these on another copy of the project.
"""
import pytest

from conftest import LIVE, broken_links, build_site
from macros.tools import check
from macros.data.catalogue import load


@pytest.fixture(scope="module")
def live_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("live-site")  # tests/test_admin.py reads the pages of a clone's from <basetemp>/live-site0
    result = build_site(LIVE, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result


def test_the_data_loads_and_validates_with_the_guard(capsys):
    load(LIVE / "data")  # schema, references, identifiers guard and sources: any error raises DataError, listing all
    assert check.main([str(LIVE / "data")]) == 0
    assert capsys.readouterr().out.startswith("The data is valid:")


def test_the_site_builds_strictly_with_a_page_for_every_briefing(live_site):
    site, result = live_site
    assert "Traceback" not in result.stderr
    for path in (LIVE / "data" / "briefings").glob("*.yml"):
        assert (site / "briefings" / path.stem / "index.html").is_file(), path.name
    assert (site / "index.html").is_file() and (site / "pagefind" / "pagefind-entry.json").is_file()


def test_every_link_within_the_built_site_resolves(live_site):
    site, _ = live_site
    count, broken = broken_links(site)
    assert count > 0 and broken == [], broken[:20]
