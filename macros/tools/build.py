"""`make build`: build the site into site/, so that a failed or a second build never harms it.

The engine builds into a scratch folder beside site/; only a build that succeeded takes the
place of site/, by renames (never `mv` into an existing folder, which puts the new site inside
the old one). One build at a time: a lock on .build.lock, which the kernel releases when the
build ends, however it ends (there is never a stale lock to delete).
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import functools
import json
import os
import shutil
import signal
import sys
from pathlib import Path

from .. import pipeline
from ..collector import few_collections
from . import report
from ..engine import ENGINES
from ..data.errors import DataError

LOCK = ".build.lock"
SCRATCH, OLD = ".site-new", ".site-old"  # .gitignore'd; only the build holding the lock touches them


class Busy(Exception):
    """Another build holds the lock."""


@contextlib.contextmanager
def locked(root: Path):
    """Hold the build lock of `root` while the block runs; Busy at once when another build has it.

    Yields the lock's file descriptor so the engine can inherit it: if this process is killed,
    the lock stays held until the engine it started has stopped writing too."""
    fd = os.open(root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise Busy from None
    try:
        yield fd
    finally:
        os.close(fd)  # closing the last copy of it releases the lock


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def replace_site(new: Path, site: Path) -> None:
    """Put the folder `new` where `site` is. OSError when that cannot be done, and then `site` is as it was.

    rename(2) never moves a folder into another one: it replaces an empty one or fails."""
    old = site.with_name(OLD)
    remove(old)
    had_site = site.exists() or site.is_symlink()
    if had_site:
        os.rename(site, old)
    try:
        os.rename(new, site)
    except OSError:
        if had_site:
            os.rename(old, site)
        raise
    remove(old)


def build(root: Path, engine: str = "mkdocs", site: Path | None = None, make=pipeline.build,
          timings: Path | None = None) -> int:
    """Build the project at `root` with `engine` into `site` (root/site by default); the exit status for `make build`.
    `make(root, folder, engine)` writes the site into an empty folder (macros.pipeline.build). `timings`: a file
    to write each step's wall time to, as JSON (for make bench)."""
    if timings is not None:
        steps: dict[str, float] = {}
        make = functools.partial(make, timings=steps)
    site = Path(site) if site is not None else root / "site"
    scratch = site.with_name(SCRATCH)
    try:
        with locked(root):
            remove(scratch)  # left by a build that was killed: the lock says none is running now
            try:
                built = make(root, scratch, engine)
            except DataError as e:
                return _failed(scratch, e.report())
            except pipeline.BUILD_ERRORS as e:
                return _failed(scratch, str(e))
            except BaseException:
                remove(scratch)
                raise
            try:
                replace_site(scratch, site)
            except OSError as e:
                remove(scratch)
                where = ("is as it was" if site.exists() or not site.with_name(OLD).exists()
                         else f"is in {OLD}/ (rename it back to {site.name}/)")  # when even putting it back failed
                print(f"Could not put the new build in place of {site.name}/ ({e.strerror}), so the previous site "
                      f"{where}: check that {site.name}/ and this folder can be written to, "
                      "then run `make build` again.", file=sys.stderr)
                return 1
    except Busy:
        print(f"Another build is running in this folder (it holds {LOCK}): wait for it to finish, then run "
              "`make build` again. The lock goes when that build ends, even if it crashes: "
              "there is nothing to delete.", file=sys.stderr)
        return 1
    warnings = built.catalogue.warnings if built is not None else []
    for line in report.warning_lines(warnings, root):
        print(line, file=sys.stderr)  # the data's warnings, summed up as `make check` says them
    if timings is not None:
        Path(timings).write_text(json.dumps(steps), encoding="utf-8")
    print(f"Built the site into {site.name}/")
    return 0


def _failed(scratch: Path, why: str) -> int:
    remove(scratch)
    print(why, file=sys.stderr)
    print("The build failed, so site/ is as it was: fix the problems listed above, "
          "then run `make build` again.", file=sys.stderr)
    return 1


def _stop(signum, frame):
    raise SystemExit(128 + signum)  # so subprocess.run stops the engine too


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make build", description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs",
                        help="the engine that themes the pages (default mkdocs)")
    parser.add_argument("--site-dir", type=Path, default=None, help="where to build (default: site/ in the project)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project to build (default: this folder)")
    parser.add_argument("--timings", type=Path, default=None, help=argparse.SUPPRESS)  # make bench: each step's seconds, as JSON
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)
    with few_collections():  # macros.collector: as make check reads the data
        return build(args.root.resolve(), args.engine, args.site_dir.resolve() if args.site_dir else None,
                     timings=args.timings)


if __name__ == "__main__":
    sys.exit(main())
