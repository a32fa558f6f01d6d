"""The engine step: a folder of pages in, themed HTML out. The only module that runs an engine; settings
reads mkdocs.yml, the file every engine reads, for the steps before it.

The engines read mkdocs.yml, with two settings changed for the build: `docs_dir`, the folder the
pipeline staged (the hand-written pages plus one stub page per record), and `site_dir`. Each
runs in this process, strict (a warning stops the build), with its log on stderr. An engine is
imported only here, and only when it builds, so the rest of the package runs without one.

- mkdocs: MkDocs 1.6 with Material for MkDocs (end of life in May 2027).
- properdocs: ProperDocs, the maintained fork of MkDocs 1.x; it reads the same mkdocs.yml and runs
  Material and mkdocs-macros unchanged. Importing it points `mkdocs.*` imports at itself, so a
  process builds with one of the two only (each `make build` is a process of its own).
"""
from __future__ import annotations

import importlib
import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

ENGINES = ("mkdocs", "properdocs")
# Where the pipeline puts the build's Site in the engine's `extra` settings, for the macros of hand-written
# pages (macros.define_env): per build, never kept in a module.
SITE_KEY = "briefings_site"


def front_matter(meta: dict) -> str:
    """A page's front matter as the engines and the theme read it (overrides/main.html): its values as
    JSON (JSON is YAML) whose strings hold nothing HTML or Jinja acts on, and mkdocs-macros told to leave
    the page alone (its text is never a template). A value is text, true or false, or a list or mapping of them."""
    lines = [f"{key}: {_json(value)}" for key, value in {**meta, "render_macros": False}.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _json(value) -> str:
    """`value` as JSON on one line, each string's < > & { } and line separators written as \\u escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json(str(k))}: {_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_json(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False).translate(_ESCAPES)


# What HTML or Jinja would act on, and the line separators YAML reads as line breaks: as JSON's \u escapes.
_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in "<>&{}\u2028\u2029"}


class EngineError(Exception):
    """The engine could not build the pages (its own message says why)."""


def _log_to_stderr(engine: str) -> None:
    """What the engine's CLI would print: its warnings and errors (strict mode stops on a warning)."""
    for name in {"mkdocs", engine}:
        logger = logging.getLogger(name)
        if not any(getattr(h, "_briefings", False) for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
            handler.setLevel(logging.WARNING)
            handler._briefings = True
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)
            logger.propagate = False


def build(engine: str, config_file: Path, docs_dir: Path, site_dir: Path, extra: dict[str, Any]) -> None:
    """Build the pages in docs_dir into site_dir with `engine`, its settings from config_file and
    `extra` added to its `extra` settings. Raises EngineError."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if engine == "properdocs":
        importlib.import_module("properdocs.replacement")  # mkdocs.* (as Material and plugins import it) -> properdocs.*
    try:
        config = importlib.import_module(f"{engine}.config")
        commands = importlib.import_module(f"{engine}.commands.build")
        exceptions = importlib.import_module(f"{engine}.exceptions")
    except ImportError as e:
        raise EngineError(f"{engine} is not installed ({e}): run `make build` (it installs the requirements)") from None
    _log_to_stderr(engine)
    try:
        cfg = config.load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), strict=True)
        cfg["extra"].update(extra)
        commands.build(cfg)
    except exceptions.MkDocsException as e:  # ProperDocs keeps MkDocs' names
        raise EngineError(str(e) or type(e).__name__) from None
