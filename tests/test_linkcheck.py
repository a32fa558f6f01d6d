"""`make linkcheck` against a local server on 127.0.0.1 only: good, redirecting, missing and hanging links."""
import http.server
import threading
import time

import pytest

from conftest import make_data
from macros import linkcheck


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        if self.path == "/hang":
            time.sleep(2)  # longer than the test's timeout; bounded, so the server stops by itself
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/good")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path in ("/good", "/no-head", "/hang"):
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


@pytest.mark.parametrize("path,outcome,detail", [
    ("/good", "ok", ""),
    ("/moved", "redirected", "to {base}/good"),
    ("/no-head", "ok", ""),
    ("/missing", "broken", "HTTP 404 Not Found"),
    ("/hang", "timed out", "after 0.5 s"),
])
def test_each_kind_of_link(server, path, outcome, detail):
    assert linkcheck.check_url(server + path, timeout=0.5) == (outcome, detail.format(base=server))


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
    assert any(u.startswith("https://www.safelives.org.uk") or u.startswith("https://") for u in urls)


def test_report_and_exit_code(tmp_path, server, capsys, monkeypatch):
    urls = {f"{server}/good": ["a:1"], f"{server}/missing": ["b:2"], f"{server}/moved": ["c:3"]}
    monkeypatch.setattr(linkcheck, "urls_in", lambda d: urls)
    assert linkcheck.main(["--timeout", "1"]) == 1
    out = capsys.readouterr().out
    assert out.index("BROKEN") < out.index("REDIRECTED") < out.index("OK ")
    assert "used at b:2" in out and "Checked 3 links: 1 broken, 0 timed out, 1 redirected, 1 ok." in out
    monkeypatch.setattr(linkcheck, "urls_in", lambda d: {f"{server}/good": ["a:1"]})
    assert linkcheck.main([]) == 0
