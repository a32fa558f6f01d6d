"""`make linkcheck`: does every external web address in the data still work?

HEAD first (cheap), then GET where a server refuses HEAD; redirects followed and reported;
each request has a timeout, and only a few run at once. Exits 1 when any link is broken
or timed out, so the weekly workflow can open an issue. Never part of `make test`.
"""
from __future__ import annotations

import argparse
import re
import socket
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .yamlload import line_of, load_yaml, strings

ROOT = Path(__file__).resolve().parent.parent
URL = re.compile(r"https?://[^\s<>\"'`)\]]+", re.I)
USER_AGENT = "briefings-linkcheck/1 (+the partnership's learning briefings site)"


@dataclass
class Result:
    url: str
    where: list[str]          # path:line of every place that uses it
    outcome: str              # ok | redirected | broken | timed out
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome in ("broken", "timed out")

    def __str__(self) -> str:
        return f"{self.outcome.upper():<10} {self.url}{' ' + self.detail if self.detail else ''}\n           used at {', '.join(self.where)}"


def urls_in(data_dir: Path) -> dict[str, list[str]]:
    """Every http(s) address in the data: {url: [path:line, ...]}."""
    base = data_dir.parent
    found: dict[str, list[str]] = {}
    for path in sorted(data_dir.glob("*.yml")) + sorted((data_dir / "briefings").glob("*.yml")):
        name = path.relative_to(base).as_posix()
        try:
            document, lines = load_yaml(path, name)
        except DataError:
            continue  # `make check` reports broken files
        for route, text in strings(document, ()):
            for m in URL.finditer(text):
                url = m.group().rstrip(".,;:")
                found.setdefault(url, []).append(f"{name}:{line_of(lines, route)}")
    return found


def check_url(url: str, timeout: float) -> tuple[str, str]:
    """(outcome, detail) for one address."""
    last = ""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                final = response.geturl()
                return ("redirected", f"to {final}") if final != url else ("ok", "")
        except urllib.error.HTTPError as e:
            last = f"HTTP {e.code} {e.reason}"
            if method == "HEAD" and e.code not in (404, 410):
                continue  # many servers refuse HEAD (403, 405, 501 ...): ask again with GET
            return "broken", last
        except (TimeoutError, socket.timeout):
            return "timed out", f"after {timeout:g} s"
        except urllib.error.URLError as e:
            if isinstance(e.reason, (TimeoutError, socket.timeout)):
                return "timed out", f"after {timeout:g} s"
            return "broken", str(e.reason)
        except (OSError, ValueError) as e:
            return "broken", str(e)
    return "broken", last


def check(urls: dict[str, list[str]], timeout: float = 10, workers: int = 8) -> list[Result]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        outcomes = pool.map(lambda u: check_url(u, timeout), urls)
        return [Result(u, urls[u], *o) for u, o in zip(urls, outcomes)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT / "data")
    parser.add_argument("--timeout", type=float, default=10, help="seconds per request (default 10)")
    parser.add_argument("--workers", type=int, default=8, help="requests at once (default 8)")
    args = parser.parse_args(argv)
    results = check(urls_in(args.data_dir), args.timeout, args.workers)
    order = {"broken": 0, "timed out": 1, "redirected": 2, "ok": 3}
    for r in sorted(results, key=lambda r: (order[r.outcome], r.url)):
        print(r)
    failed = sum(r.failed for r in results)
    counts = ", ".join(f"{sum(r.outcome == o for r in results)} {o}" for o in order)
    print(f"\nChecked {len(results)} links: {counts}.")
    if failed:
        print(f"{failed} link{'s' if failed != 1 else ''} need fixing in the data files named above.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
