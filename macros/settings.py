"""The site's settings as the build will see them: mkdocs.yml read without MkDocs, for the launch check.

`!ENV [NAME, default]` takes the environment variable as MkDocs does (pyyaml_env_tag, the package MkDocs
uses), so a check run in the publish workflow sees the SITE_URL and FEEDBACK_URL that the build gets.
Each setting's line is kept, so a message names `mkdocs.yml:LINE`.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml
from yaml_env_tag import construct_env_tag

CONFIG = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """Safe, plus MkDocs' !ENV; other tags a site may use (`!!python/name:` for emoji, say) are read as nothing."""


_Loader.add_constructor("!ENV", construct_env_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


class Settings:
    """mkdocs.yml's values, and the line each one is on."""

    def __init__(self, project: Path):
        text = (Path(project) / CONFIG).read_text(encoding="utf-8")
        self.values = yaml.load(text, Loader=_Loader) or {}
        self._root = yaml.compose(text, Loader=_Loader)

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
        node, line = self._root, None
        for key in keys:
            if not isinstance(node, yaml.MappingNode):
                break
            found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        return line


def form_repository(extra: dict, environ=os.environ) -> str:
    """The repository the editors' form at /admin/ opens its pull requests in: the one GitHub Actions builds
    in, else mkdocs.yml's extra.repository, else the placeholder (which the launch check refuses)."""
    from .cms import LOCAL_REPO
    return environ.get("GITHUB_REPOSITORY") or extra.get("repository") or LOCAL_REPO
