"""The site's settings, read from mkdocs.yml without an engine: the one file every engine we can build
with reads (MkDocs, ProperDocs, Zensical). The pipeline needs some of them before any engine runs
(the site's name and address for the feeds and open data, `extra` for the pages), and the launch
check (macros.tools.launch) needs each one's line, so that a message names `mkdocs.yml:LINE`.

`!ENV [NAME, default]` takes the environment variable as MkDocs does (pyyaml_env_tag, the package
MkDocs uses), so a check run in the publish workflow sees the SITE_URL and FEEDBACK_URL the build gets.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

CONFIG = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """Safe, plus MkDocs' !ENV; other tags a site may use (`!!python/name:` for emoji, say) are no setting read here."""


_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


class Settings:
    """mkdocs.yml's values, and the line each one is on."""

    def __init__(self, root: Path):
        self.root = Path(root)
        text = self.config_file.read_text(encoding="utf-8")
        self.values: dict = yaml.load(text, Loader=_Loader) or {}
        self._root_node = yaml.compose(text, Loader=_Loader)

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG

    def get(self, *keys: str, default=None):
        """The value at a path of keys (get("extra", "contact", "email")), or default."""
        node = self.values
        for key in keys:
            if not isinstance(node, dict) or key not in node:
                return default
            node = node[key]
        return node

    def line(self, *keys: str) -> int | None:
        """The line of the deepest of the keys that is there (the setting, or the section it belongs in)."""
        node, line = self._root_node, None
        for key in keys:
            if not isinstance(node, yaml.MappingNode):
                break
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        return line

    @property
    def site_name(self) -> str:
        return str(self.get("site_name") or "")

    @property
    def site_url(self) -> str:
        return str(self.get("site_url") or "")

    @property
    def extra(self) -> dict[str, Any]:
        return dict(self.get("extra") or {})


def form_repository(extra: dict, environ=os.environ) -> str:
    """The repository the editors' form at /admin/ opens its pull requests in: the one GitHub Actions builds
    in, else mkdocs.yml's extra.repository, else the placeholder (which the launch check refuses)."""
    from ..outputs.cms import LOCAL_REPO
    return environ.get("GITHUB_REPOSITORY") or extra.get("repository") or LOCAL_REPO
