"""`make linkcheck` against a local server on 127.0.0.1 only: good, redirecting, missing and hanging links,
and addresses it must never fetch (checked without any connection leaving this machine)."""
import http.server
import ipaddress
import socket
import threading
import time

import pytest

from conftest import make_data
from macros.tools import linkcheck


REFUSED_TARGETS = {  # where the test server's redirects point: none of them may be fetched
    "/to-metadata": "http://169.254.169.254/latest/meta-data/iam?token=SECRET",
    "/to-private": "http://10.0.0.1/admin",
    "/to-mapped": "http://[::ffff:10.0.0.1]/",
    "/to-6to4": "https://[2002:a00:1::1]/",
    "/to-file": "file:///etc/passwd",
}


class Handler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []  # every path asked for, by every test

    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        Handler.requests.append(self.path)
        path = self.path.split("?")[0]
        if path == "/trickle":  # a byte every 0.1 s, every read on time, the headers never done (ends by itself)
            try:
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass  # the checker hung up
            return
        if path == "/hang":
            time.sleep(2)  # longer than the test's timeout; bounded, so the server stops by itself
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/good" + self.path[len(path):] + "#part")
        elif path in REFUSED_TARGETS:
            self.send_response(302)
            self.send_header("Location", REFUSED_TARGETS[path])
        elif path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif path in ("/good", "/no-head", "/hang"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def connections(monkeypatch):
    """Every address a socket connects to during the test; any but loopback fails at once, unsent."""
    made = []
    real = socket.socket.connect

    def connect(self, address):
        made.append(address[0])
        if not ipaddress.ip_address(address[0]).is_loopback:
            raise ConnectionRefusedError(111, "the test stops every connection that would leave this machine")
        return real(self, address)
    monkeypatch.setattr(socket.socket, "connect", connect)
    return made


@pytest.mark.parametrize("path,outcome,detail", [
    ("/good", "ok", ""),
    ("/moved?session=SECRET", "redirected", "to {base}/good"),
    ("/no-head", "ok", ""),
    ("/missing", "broken", "HTTP 404 Not Found"),
    ("/hang", "timed out", "after 0.5 s"),
])
def test_each_kind_of_link(server, path, outcome, detail):
    assert linkcheck.check_url(server + path, timeout=0.5, allow_loopback=True) == (outcome, detail.format(base=server))


def test_a_server_that_sends_a_byte_at_a_time_is_timed_out_at_the_links_deadline(server):
    """Issue 17, 4.7: each read waited at most `timeout`, and a byte every second kept `make linkcheck` for ever."""
    assert linkcheck.check_url(server + "/trickle", timeout=5, allow_loopback=True, deadline=0.5) == (
        "timed out", "no answer within 0.5 s")
    assert linkcheck.check_url(server + "/good", timeout=5, allow_loopback=True, deadline=5) == ("ok", "")


@pytest.mark.parametrize("url", [
    "{server}/good",                                  # this machine, by address
    "http://localhost:{port}/good",                   # ... by a name that resolves to it
    "http://[::1]:{port}/good",
    "http://[::ffff:127.0.0.1]:{port}/good",          # IPv4 inside IPv6
    "http://2130706433:{port}/good",                  # 127.0.0.1 written as one number
    "http://0.0.0.0:{port}/good",
    "http://10.0.0.1/",                               # a local network
    "http://192.168.1.1/",
    "https://[fd00::1]/",
    "http://169.254.169.254/latest/meta-data/",       # a cloud's metadata service
    "http://[fe80::1]/",
])
def test_addresses_off_the_public_internet_are_refused_unfetched(server, connections, url):
    Handler.requests.clear()
    port = server.rsplit(":", 1)[1]
    outcome, detail = linkcheck.check_url(url.format(server=server, port=port), timeout=0.5)
    assert (outcome, detail) == ("refused", "is not an address on the public internet, so it was not checked: "
                                            "link to a public web page instead")
    assert connections == [] and Handler.requests == []


@pytest.mark.parametrize("path", sorted(REFUSED_TARGETS))
def test_a_redirect_off_the_public_internet_is_refused_unfollowed(server, connections, path):
    outcome, detail = linkcheck.check_url(server + path, timeout=0.5, allow_loopback=True)
    assert outcome == "refused"
    assert detail.startswith(f"redirects to {linkcheck.shown(REFUSED_TARGETS[path])}, which is not ")
    assert "SECRET" not in detail
    assert connections and {ipaddress.ip_address(a).is_loopback for a in connections} == {True}


def test_only_loopback_is_allowed_by_the_test_switch(connections):
    assert linkcheck.check_url("http://10.0.0.1/", timeout=0.5, allow_loopback=True)[0] == "refused"
    assert connections == []


@pytest.mark.parametrize("url,expected", [
    ("https://user:password@example.org:8443/a/b?token=SECRET#frag", "https://example.org:8443/a/b"),
    ("http://example.org/path with space?q=1", "http://example.org/path%20with%20space"),
    ("http://[2001:db8::1]/x?y", "http://[2001:db8::1]/x"),
    ("http://example.org:notaport/", "(an address that cannot be read)"),
])
def test_the_report_shows_addresses_without_secrets(url, expected):
    assert linkcheck.shown(url) == expected


def test_urls_are_found_in_resources_and_text_with_their_lines(tmp_path, server):
    data = make_data(tmp_path, {"briefings/2023-05-x.yml": f"""
        title: T
        type: rapid-review
        date: 2023-05-02
        summary: See {server}/missing, and ({server}/good).
        """}, seeds=False)
    urls = linkcheck.urls_in(data)
    assert urls[f"{server}/missing"] == ["data/briefings/2023-05-x.yml:4"]
    assert f"{server}/good" in urls
    # a registry's url and url_source (tests/fixtures/data/resources.yml), each with its line
    assert urls["https://safelives.org.uk/practice-support/resources-identifying-risk-victims-face"] == [
        "data/resources.yml:17", "data/resources.yml:18"]


def test_report_and_exit_code(tmp_path, server, capsys, monkeypatch, connections):
    urls = {f"{server}/good": ["a:1"], f"{server}/missing?key=SECRET": ["b:2"],
            f"http://user:SECRET@{server[7:]}/moved?session=SECRET#SECRET": ["c:3"], f"{server}/to-metadata": ["d:4"]}
    monkeypatch.setattr(linkcheck, "urls_in", lambda d: urls)
    assert linkcheck.main(["--timeout", "1"], allow_loopback=True) == 1
    out = capsys.readouterr().out
    assert out.index("BROKEN") < out.index("REFUSED") < out.index("REDIRECTED") < out.index("OK ")
    assert f"BROKEN     {server}/missing HTTP 404 Not Found\n           used at b:2" in out
    assert f"REDIRECTED {server}/moved to {server}/good\n" in out
    assert "Checked 4 links: 1 broken, 1 refused, 0 timed out, 1 redirected, 1 ok." in out
    assert "SECRET" not in out and "token" not in out and "?" not in out.replace("did you mean", "")
    monkeypatch.setattr(linkcheck, "urls_in", lambda d: {f"{server}/good": ["a:1"]})
    assert linkcheck.main([], allow_loopback=True) == 0


def test_by_default_the_command_refuses_this_machine(server, capsys, monkeypatch, connections):
    monkeypatch.setattr(linkcheck, "urls_in", lambda d: {f"{server}/good": ["a:1"]})
    assert linkcheck.main(["--timeout", "1"]) == 1
    assert "REFUSED" in capsys.readouterr().out and connections == []


def test_it_connects_to_the_address_it_checked_even_if_dns_changes_its_answer(server, connections, monkeypatch):
    """DNS rebinding: a name that is public when checked and this machine a moment later."""
    port = int(server.rsplit(":", 1)[1])
    real, answers = socket.getaddrinfo, []

    def getaddrinfo(host, *args, **kwargs):
        if host != "rebind.example":
            return real(host, *args, **kwargs)
        answers.append(host)
        address = "93.184.215.14" if len(answers) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    Handler.requests.clear()
    outcome, detail = linkcheck.check_url(f"http://rebind.example:{port}/good", timeout=0.5)
    assert (outcome, detail) == ("broken", "could not connect (the test stops every connection that would leave this machine)")
    assert connections == ["93.184.215.14"] and Handler.requests == []
