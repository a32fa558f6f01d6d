"""MkDocs glue: validate the data before anything is written, then add one page per record.

Listed under `hooks:` in mkdocs.yml. MkDocs loads this file afresh for every build
(each `mkdocs serve` rebuild too), but Python caches the `macros` package, so the
package is dropped from sys.modules first: edits to macros/ take effect on rebuild.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
for name in [m for m in sys.modules if m == "macros" or m.startswith("macros.")]:
    del sys.modules[name]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros import site  # noqa: E402
from macros.errors import DataError  # noqa: E402

log = logging.getLogger("mkdocs.briefings")


def on_config(config):
    """Runs first, before site/ is touched: a data error stops the build here, so the last good site survives."""
    try:
        renderer = site.build(Path(config.config_file_path).parent)
    except DataError as e:
        raise Abort("The data has problems, so the site was not built:\n" + e.report()) from None
    # Warnings are logged at INFO: `mkdocs build --strict` fails on WARNING, and these must not.
    for warning in renderer.cat.warnings:
        log.info("Data %s", warning)
    return config


def on_files(files: Files, config) -> Files:
    """Adds a generated page for every briefing, theme, resource, agency and need (kept out of the nav)."""
    for src_uri, markdown in site.renderer().pages().items():
        files.append(File.generated(config, src_uri, content=markdown))
    return files
