"""The launch check (`make check PUBLISH=1`, `python -m macros.tools.check --publish`): is this a partnership's own site?

Run by the publish workflow before it builds, with the settings the build gets. It fails, naming each
setting or file and the fix, when a reader would meet a placeholder: no contact, no feedback address,
a preview's address as the site's, the editors' form pointing at the placeholder repository, or the
sample partnership's text (macros/tools/sample.py says what that is).
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

from ..outputs import cms
from . import sample
from ..data.errors import Problem
from ..engine.settings import CONFIG, Settings, form_repository

# Addresses that are never a published site's: a preview on this computer, or an example.
_PLACEHOLDER_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1", "example.org", "example.com", "example.net"}
IN_ACTIONS = "the publish workflow sets it; to run this check on your computer, give it"


def problems(project: Path, environ=os.environ) -> list[Problem]:
    settings = Settings(project)
    extra = settings.get("extra", default={}) or {}
    out: list[Problem] = []

    def problem(keys: tuple[str, ...], message: str) -> None:
        out.append(Problem(CONFIG, settings.line(*keys), message))

    site_url = str(settings.get("site_url") or "")
    host = urlsplit(site_url).hostname or ""
    if not site_url or host in _PLACEHOLDER_HOSTS or host.endswith((".example.org", ".example.com")):
        problem(("site_url",), f"site_url is {site_url or 'empty'!r}, not the published site's address: {IN_ACTIONS} "
                               "(make check PUBLISH=1 SITE_URL=https://your-organisation.github.io/your-repository/), "
                               "or write your own domain in its place")
    contact = extra.get("contact") or {}
    if not (contact.get("email") or contact.get("url")):
        problem(("extra", "contact"), "extra.contact has neither an email nor a url, so readers of the accessibility statement "
                                      "and practitioners asking for a resource have nowhere to write: fill in extra.contact.email "
                                      "with the business unit's shared address, or extra.contact.url with a contact page")
    if not extra.get("feedback_url"):
        problem(("extra", "feedback_url"), "extra.feedback_url is empty, so briefings have no \"Tell us how you used this briefing\" "
                                           f"link: {IN_ACTIONS} (make check PUBLISH=1 FEEDBACK_URL=...), or write an address with "
                                           "{id} and {title} in it")
    if not extra.get("partnership"):
        problem(("extra", "partnership"), "extra.partnership is empty: write your partnership's name, as a sentence says it "
                                          "(\"published by ...\"), for the accessibility statement")
    repository = form_repository(extra, environ)
    if repository == cms.LOCAL_REPO:
        problem(("extra", "repository"), f"the editors' form at /admin/ would open its pull requests in {repository}, a placeholder: "
                                         "write your repository as owner/name in extra.repository (a build in GitHub Actions "
                                         "uses the repository it runs in)")
    statement = extra.get("accessibility") or {}
    for key in ("prepared", "reviewed", "tested"):
        if not isinstance(statement.get(key), dt.date):
            problem(("extra", "accessibility", key), f"extra.accessibility.{key} should be the date, as YYYY-MM-DD, on which the "
                                                     "accessibility statement was " + ("last tested" if key == "tested" else key))
    if not statement.get("tested_by"):
        problem(("extra", "accessibility", "tested_by"), "extra.accessibility.tested_by is empty: write who tested the site "
                                                         "(a team, never a person's name)")
    return sorted(out + sample.find(project), key=lambda p: (p.path, p.line or 0))
