"""The site's settings, read from mkdocs.yml: the one file every engine we can build with reads
(MkDocs, ProperDocs, Zensical). The pipeline needs a few of them before any engine runs: the
site's name and address for the feeds and open data, and `extra` for the pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

CONFIG_FILE = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as the engines read it: `!ENV [NAME, default]` reads the environment; any other
    tag an engine or a plugin understands (`!!python/name:` ...) is no setting the pipeline reads."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    root: Path
    site_name: str = ""
    site_url: str = ""
    site_description: str = ""
    copyright: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_FILE

    @classmethod
    def read(cls, root: Path) -> "Settings":
        root = Path(root)
        with open(root / CONFIG_FILE, encoding="utf-8") as f:
            raw = yaml.load(f, Loader=_ConfigLoader) or {}
        return cls(root=root, site_name=str(raw.get("site_name") or ""), site_url=str(raw.get("site_url") or ""),
                   site_description=str(raw.get("site_description") or ""), copyright=str(raw.get("copyright") or ""),
                   extra=dict(raw.get("extra") or {}))
