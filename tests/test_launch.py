"""The launch check (`make check PUBLISH=1`): the sample as shipped fails it, naming each setting and file;
after the README's "Start your partnership's site" steps it passes, and the built site shows the
partnership's own details and none of the sample."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, build_site, clone, page_text, write
from macros.tools import launch, sample

# The fixture data is the sample partnership's data as shipped.
SAMPLE_BRIEFINGS = sorted(p.stem for p in (FIXTURE_DATA / "briefings").glob("*.yml"))
FEEDBACK = "https://github.com/northshire-scp/briefings/issues/new?template=used-a-briefing.yml&briefing={id}&title={title}"
PUBLISHED_ENV = {"SITE_URL": "https://northshire-scp.github.io/briefings/", "FEEDBACK_URL": FEEDBACK}


def sample_project(tmp_path: Path) -> Path:
    """The sample as shipped: the fixture data, and the feedback form listing its agencies (not the live data/'s)."""
    return clone(tmp_path / "p", FIXTURE_DATA)


def check(project: Path, **env: str) -> subprocess.CompletedProcess:
    """`python -m macros.tools.check --publish` as make runs it, with only the environment given (as on a laptop)."""
    base = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "FEEDBACK_URL", "GITHUB_REPOSITORY", "GITHUB_ACTIONS")}
    return subprocess.run([sys.executable, "-m", "macros.tools.check", "--publish", "data"], cwd=project,
                          capture_output=True, text=True, timeout=120, env={**base, **env})


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def follow_the_readme(project: Path) -> None:
    """Steps 2 to 6 of "Start your partnership's site", as a partnership would make them."""
    config = project / "mkdocs.yml"
    edit(config, "site_name: Safeguarding learning briefings", "site_name: Northshire learning briefings")
    edit(config, "copyright: Safeguarding Children Partnership.", "copyright: Northshire Safeguarding Children Partnership.")
    edit(config, "partnership: the Safeguarding Children Partnership", "partnership: the Northshire Safeguarding Children Partnership")
    edit(config, "repository: your-organisation/safeguarding-briefings", "repository: northshire-scp/briefings")
    edit(config, "name: the Safeguarding Children Partnership business unit", "name: the Northshire partnership business unit")
    edit(config, 'email: ""', "email: scp@northshire.example.gov.uk")
    edit(config, "prepared: 2026-11-21", "prepared: 2027-01-15")
    edit(config, "reviewed: 2026-11-21", "reviewed: 2027-01-15")
    edit(config, "tested: 2026-11-21", "tested: 2027-01-12")
    edit(config, "tested_by: the website's developers", "tested_by: the partnership's web team")
    for name in SAMPLE_BRIEFINGS:  # step 3: git rm data/briefings/*.yml data/sources/*.txt
        (project / "data" / "briefings" / f"{name}.yml").unlink()
        (project / "data" / "sources" / f"{name}.txt").unlink()
    # step 4: the sample partnership's own resources, now the new partnership's
    edit(project / "data" / "resources.yml", "publisher: Safeguarding Children Partnership",
         "publisher: Northshire Safeguarding Children Partnership")


def test_the_sample_as_shipped_fails_naming_each_setting_and_file(tmp_path):
    project = sample_project(tmp_path)
    result = check(project)
    assert result.returncode == 1
    config, resources = project / "mkdocs.yml", project / "data" / "resources.yml"
    expected = [
        f"mkdocs.yml:{line_of(config, 'site_url:')}: site_url is 'http://127.0.0.1:8000/', not the published site's address",
        f"mkdocs.yml:{line_of(config, '  contact:')}: extra.contact has neither an email nor a url",
        f"mkdocs.yml:{line_of(config, '  feedback_url:')}: extra.feedback_url is empty",
        f"mkdocs.yml:{line_of(config, '  repository:')}: the editors' form at /admin/ would open its pull requests in "
        "your-organisation/safeguarding-briefings, a placeholder: write your repository as owner/name in extra.repository",
        f"mkdocs.yml:{line_of(config, 'copyright:')}: still has the sample partnership's name ('Safeguarding Children Partnership')",
        f"mkdocs.yml:{line_of(config, '  partnership:')}: still has the sample partnership's name",
        f"mkdocs.yml:{line_of(config, 'tested: 2026-11-21')}: still has the sample's accessibility statement date (2026-11-21)",
        f"data/resources.yml:{line_of(resources, 'publisher: Safeguarding Children Partnership')}: still has the sample partnership's name",
    ] + [f"data/sources/{name}.txt:" for name in SAMPLE_BRIEFINGS] + [f"data/briefings/{name}.yml:" for name in SAMPLE_BRIEFINGS]
    lines = result.stderr.splitlines()
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, result.stderr)
    assert sum("publisher" in resources.read_text().splitlines()[int(l.split(":")[1]) - 1]
               for l in lines if l.startswith("data/resources.yml:") and "sample partnership's name" in l) == 6
    assert lines[-1].endswith("problems before the site can be published: fix them and run `make check PUBLISH=1` again "
                              "(README.md, \"Start your partnership's site\").")
    assert "Traceback" not in result.stderr


def test_after_the_readme_steps_it_passes_and_the_site_shows_the_partnership(tmp_path):
    project = sample_project(tmp_path)
    follow_the_readme(project)
    assert check(project).returncode == 1  # the published address and feedback form come from the workflow
    result = check(project, **PUBLISHED_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Ready to publish: the settings are your partnership's and none of the sample is left."
    assert "warning: still has a service of the sample partnership's area" in result.stderr  # kept registries: told, not failed

    built = build_site(project, tmp_path / "site", **PUBLISHED_ENV)
    assert built.returncode == 0, built.stderr
    site = tmp_path / "site"
    statement = page_text(site, "accessibility/")
    assert statement.startswith("Accessibility statement for Northshire learning briefings")
    assert "published by the Northshire Safeguarding Children Partnership." in statement
    assert ("This statement was prepared on 15 January 2027. It was last reviewed on 15 January 2027. This website was last "
            "tested on 12 January 2027 against the WCAG 2.2 AA standard. The test was carried out by the partnership's web team.") in statement
    html = (site / "accessibility" / "index.html").read_text(encoding="utf-8")
    assert html.count('contact the Northshire partnership business unit (<a href="mailto:scp@northshire.example.gov.uk">'
                      'scp@northshire.example.gov.uk</a>).') == 2  # for another format, and to report a problem
    assert page_text(site, "").startswith("Northshire learning briefings")
    # What is published, not only what was typed: no page still has the sample's name or its audits.
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not sample._the_sample_name(text), page
        assert "Multi Agency Quality Assurance Audit" not in text and "21 November 2026" not in text, page


def test_every_fingerprint_is_found_in_the_sample_and_none_after_the_steps(tmp_path):
    project = sample_project(tmp_path)
    for fingerprint in sample.FINGERPRINTS:
        assert sample.find(project, (fingerprint,)), f"{fingerprint.what}: not in the sample, so it defines nothing"
    follow_the_readme(project)
    assert [p for p in sample.find(project) if p.level == "error"] == []


@pytest.mark.parametrize("line,found", [
    ("copyright: Safeguarding Children Partnership. Briefings never identify", True),
    ("name: the Safeguarding Children Partnership business unit", True),
    ("The Safeguarding Children Partnership is committed", True),
    ("  publisher: Safeguarding Children Partnership", True),
    ("  publisher: Northshire Safeguarding Children Partnership", False),
    ("published by the South Gloucestershire Safeguarding Children Partnership", False),
    ("the Safeguarding Children Partnerships of the region", False),
])
def test_the_sample_name_is_found_standing_alone_not_as_the_end_of_a_real_name(tmp_path, line, found):
    write(tmp_path / "docs" / "index.md", f"# Home\n\n{line}\n")
    assert bool(sample.find(tmp_path)) is found


CONFIG = """site_name: S
site_url: {site_url}
extra:
  partnership: the Northshire Safeguarding Children Partnership
  repository: {repository}
  contact: {{name: the unit, email: "{email}", url: "{url}"}}
  feedback_url: "{feedback}"
  accessibility: {{prepared: 2027-01-15, reviewed: 2027-01-15, tested: 2027-01-12, tested_by: the web team}}
"""
GOOD = dict(site_url="https://northshire-scp.github.io/briefings/", repository="northshire-scp/briefings",
            email="scp@northshire.example.gov.uk", url="", feedback=FEEDBACK)


@pytest.mark.parametrize("change,setting", [
    ({"site_url": "http://127.0.0.1:8000/"}, "site_url"),
    ({"site_url": "http://localhost:8000/briefings/"}, "site_url"),
    ({"site_url": "https://example.org/"}, "site_url"),
    ({"site_url": "''"}, "site_url"),
    ({"email": "", "url": ""}, "extra.contact"),
    ({"feedback": ""}, "extra.feedback_url"),
    ({"repository": "your-organisation/safeguarding-briefings"}, "the editors' form"),
    ({}, None),
    ({"email": "", "url": "https://northshire.example.gov.uk/contact"}, None),
])
def test_each_setting_is_named_when_it_is_a_placeholder(tmp_path, change, setting):
    write(tmp_path / "mkdocs.yml", CONFIG.format(**{**GOOD, **change}))
    problems = launch.problems(tmp_path, environ={})
    assert [str(p).split(": ", 1)[1].split(" ")[0] for p in problems] == ([setting.split(" ")[0]] if setting else [])
    if setting:  # at the line of the setting in CONFIG
        line = {"site_url": 2, "the editors' form": 5, "extra.contact": 6, "extra.feedback_url": 7}[setting]
        assert (problems[0].path, problems[0].line) == ("mkdocs.yml", line)


def test_in_github_actions_the_form_uses_the_repository_it_builds_in(tmp_path):
    write(tmp_path / "mkdocs.yml", CONFIG.format(**{**GOOD, "repository": "your-organisation/safeguarding-briefings"}))
    assert launch.problems(tmp_path, environ={"GITHUB_REPOSITORY": "northshire-scp/briefings"}) == []
