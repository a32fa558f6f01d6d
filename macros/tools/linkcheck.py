"""`make linkcheck`: does every external web address in the data still work?

HEAD first (cheap), then GET where a server refuses HEAD; each read has a timeout, each link a
deadline for all its requests together (a server that sends a byte a second never lets one read
time out), and only a few run at once. The data is written by many people and its links point at servers nobody
here controls, so: redirects are followed one hop at a time and every hop is checked before
anything is sent; only public internet addresses are fetched (never this machine, a local
network or a cloud's metadata service, whatever a link or a redirect names); the connection
goes to the very address that was checked, so DNS cannot answer differently in between; and
the report shows addresses without query strings, fragments or passwords, because the weekly
workflow posts it in a public issue. Exits 1 when any link is broken, refused or timed out.
Never part of `make test`. It connects directly: HTTP(S)_PROXY settings are not used.
"""
from __future__ import annotations

import argparse
import http
import ipaddress
import re
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import urllib3

from ..data import text
from ..data.errors import DataError
from ..data.yamlload import line_of, load_yaml, strings

ROOT = Path(__file__).resolve().parents[2]  # the project: macros/tools/ is two folders down
URL = re.compile(r"https?://[^\s<>\"'`)\]]+", re.I)
USER_AGENT = "briefings-linkcheck/1 (+the partnership's learning briefings site)"
MAX_REDIRECTS = 10
REDIRECTS = (301, 302, 303, 307, 308)
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # public-looking IPv6 that a gateway turns into the IPv4 inside


class Refused(Exception):
    """Not fetched: not a public web address. The message says why, for the report."""


class Broken(Exception):
    """Fetched, or tried, and it does not work. The message says how, for the report."""


@dataclass
class Result:
    url: str
    where: list[str]          # path:line of every place that uses it
    outcome: str              # ok | redirected | broken | refused | timed out
    detail: str = ""

    @property
    def failed(self) -> bool:
        return self.outcome in ("broken", "refused", "timed out")

    def __str__(self) -> str:
        """Two lines for the public report, each kept to one line of the log (macros.data.text)."""
        return (text.line(f"{self.outcome.upper():<10} {shown(self.url)}{' ' + self.detail if self.detail else ''}") + "\n"
                + text.line(f"           used at {', '.join(text.path(w) for w in self.where)}"))


def shown(url: str) -> str:
    """The address as the public report may show it: no user:password, query string or fragment, and
    (as in every message) anything that looks like an identifier masked."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    except ValueError:  # a port that is not a number, say
        return "(an address that cannot be read)"
    return text.exact(urlunsplit((parts.scheme, netloc, quote(parts.path, safe="/%:@!$&'()*+,;=-._~"), "", "")))


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Is this an address on the public internet, including any IPv4 address an IPv6 one carries?"""
    inner = []
    if isinstance(address, ipaddress.IPv6Address):
        inner = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        if address in NAT64:
            inner.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return all(a.is_global and not (a.is_private or a.is_loopback or a.is_link_local or a.is_reserved
                                    or a.is_multicast or a.is_unspecified)
               for a in [address, *(a for a in inner if a is not None)])


def address_for(host: str, port: int, allow_loopback: bool) -> str:
    """The address to connect to for `host`: Refused unless every address DNS gives for it is public.

    allow_loopback is for the tests' local server only: no command line or setting reaches it."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise Broken(f"the host {text.exact(host)} was not found (no such name in DNS)") from None
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    for a in addresses:
        if not (is_public(a) or (allow_loopback and a.is_loopback)):
            raise Refused("is not an address on the public internet, so it was not checked")
    return str(addresses[0])


class Deadline:
    """The time one link may take, all its requests and redirects together. A read times out only when no
    byte comes for `timeout` seconds, so a server sending one a second would hold the check for ever:
    when the time is up, every connection the link opened is shut from here, and the read it was
    waiting in ends at once."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return max(0.0, self.ends - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class _Watched:
    """A connection whose socket is handed to its link's Deadline as soon as it exists (before TLS, too)."""

    def __init__(self, *args, deadline: Deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        self.deadline.watch(sock)
        return sock


class _HTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


def request(url: str, method: str, timeout: float, allow_loopback: bool, deadline: Deadline) -> tuple[int, str | None]:
    """One request, no redirects followed: (status, Location header)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("is not a web address (http or https)")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except (UnicodeError, ValueError):
        raise Broken("has a host name or port that cannot be read") from None
    address = address_for(host, port, allow_loopback)
    each = min(timeout, deadline.left())
    if each <= 0:
        raise TimeoutError
    options = dict(timeout=urllib3.Timeout(connect=each, read=each), retries=False, maxsize=1, deadline=deadline)
    # Connect to the checked address; the name still goes in the Host header and TLS (SNI and
    # the certificate check), so a site is checked as a browser would see it.
    pool = (_HTTPSPool(address, port, server_hostname=host, **options) if parts.scheme == "https"
            else _HTTPPool(address, port, **options))
    host_header = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    with pool:
        response = pool.urlopen(method, target, headers={"Host": host_header, "User-Agent": USER_AGENT},
                                redirect=False, retries=False, preload_content=False, assert_same_host=False)
        response.close()  # the status is all we need: never download a page
    return response.status, response.headers.get("Location")


def fetch(url: str, method: str, timeout: float, allow_loopback: bool, deadline: Deadline) -> tuple[int, str]:
    """(status, final address), following redirects hop by hop, each checked before it is fetched."""
    for hop in range(MAX_REDIRECTS + 1):
        try:
            status, location = request(url, method, timeout, allow_loopback, deadline)
        except Refused as e:
            raise Refused(f"redirects to {shown(url)}, which {e}" if hop else str(e)) from None
        if status not in REDIRECTS or not location:
            return status, url
        url = urljoin(url, location)
    raise Broken(f"redirects more than {MAX_REDIRECTS} times")


def why(error: BaseException) -> str:
    """A short reason for a failed connection, without the addresses urllib3 puts in its messages."""
    if isinstance(error, urllib3.exceptions.SSLError):
        return "its secure connection failed (certificate or TLS problem)"
    cause = error
    while cause is not None and not (isinstance(cause, OSError) and cause.strerror):
        cause = cause.__cause__ or cause.__context__
    return f"could not connect ({cause.strerror})" if cause is not None else "could not connect"


def status_text(status: int) -> str:
    """'HTTP 404 Not Found': the standard phrase, not the server's own words (the report is public)."""
    try:
        return f"HTTP {status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def check_url(url: str, timeout: float, allow_loopback: bool = False, deadline: float = 30) -> tuple[str, str]:
    """(outcome, detail) for one address: `timeout` seconds for each read, `deadline` for everything."""
    clock = Deadline(deadline)
    try:
        outcome = _check_url(url, timeout, allow_loopback, clock)
    finally:
        clock.cancel()
    if clock.expired and outcome[0] in ("broken", "timed out"):  # the connection shut when time was up
        return "timed out", f"no answer within {deadline:g} s"
    return outcome


def _check_url(url: str, timeout: float, allow_loopback: bool, deadline: Deadline) -> tuple[str, str]:
    last = ""
    for method in ("HEAD", "GET"):
        try:
            status, final = fetch(url, method, timeout, allow_loopback, deadline)
        except Refused as e:
            return "refused", f"{e}: link to a public web page instead"
        except Broken as e:
            return "broken", str(e)
        except urllib3.exceptions.NewConnectionError as e:  # before timeouts: urllib3 counts it as one
            return "broken", why(e)
        except (urllib3.exceptions.TimeoutError, TimeoutError):
            return "timed out", f"after {timeout:g} s"
        except (urllib3.exceptions.HTTPError, OSError) as e:
            return "broken", why(e)
        if status >= 400:
            last = status_text(status)
            if method == "HEAD" and status not in (404, 410):
                continue  # many servers refuse HEAD (403, 405, 501 ...): ask again with GET
            return "broken", last
        return ("redirected", f"to {shown(final)}") if final != url else ("ok", "")
    return "broken", last


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
        for route, value in strings(document):
            for m in URL.finditer(value):
                url = m.group().rstrip(".,;:")
                found.setdefault(url, []).append(f"{name}:{line_of(lines, route)}")
    return found


def check(urls: dict[str, list[str]], timeout: float = 10, workers: int = 8,
          allow_loopback: bool = False, deadline: float = 30) -> list[Result]:
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        outcomes = pool.map(partial(check_url, timeout=timeout, allow_loopback=allow_loopback, deadline=deadline), urls)
        return [Result(u, urls[u], *o) for u, o in zip(urls, outcomes)]


def main(argv: list[str] | None = None, *, allow_loopback: bool = False) -> int:
    """The command; allow_loopback only for the tests' local server (deliberately not an option)."""
    parser = argparse.ArgumentParser(prog="make linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=ROOT / "data")
    parser.add_argument("--timeout", type=float, default=10, help="seconds each read may wait (default 10)")
    parser.add_argument("--deadline", type=float, default=30, help="seconds for each link, all its requests together (default 30)")
    parser.add_argument("--workers", type=int, default=8, help="requests at once (default 8)")
    args = parser.parse_args(argv)
    results = check(urls_in(args.data_dir), args.timeout, args.workers, allow_loopback, args.deadline)
    order = {"broken": 0, "refused": 1, "timed out": 2, "redirected": 3, "ok": 4}
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
