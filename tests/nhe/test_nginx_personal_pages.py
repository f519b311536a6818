"""The shipped nginx (deploy/nginx.conf.template) never answers a reader who carries a
personal cookie with the shared copy of a page, and never keeps what it fetched for them;
the CSRF cookie alone changes nothing."""

import re
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from nhe import pagecache

from .nginx_in_front import TEMPLATE, nginx_in_front_of


class App:
    """Stands in for gunicorn: every answer public and kept for a minute, as if the app had
    got it wrong, so that only nginx's own rules keep personal pages out of its cache."""

    def __init__(self):
        self.requests = 0
        app = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                app.requests += 1
                cookies = self.headers.get("Cookie", "")
                mine = "own_comments=" in cookies or "sessionid=" in cookies
                body = b"<p>Your comment, awaiting moderation</p>" if mine else b"<p>Public</p>"
                self.send_response(200)
                self.send_header("Cache-Control", "public, max-age=60, s-maxage=300")
                self.send_header("X-Accel-Expires", "60")
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stack(tmp_path):
    app = App()
    with nginx_in_front_of(app.port, tmp_path) as port:
        yield app, f"http://127.0.0.1:{port}/news/health/winter-plan/"
    app.close()


def fetch(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.read().decode(), response.headers["X-Microcache"]


def test_every_cookie_that_keeps_a_page_from_the_page_cache_keeps_it_from_nginx_too():
    config = TEMPLATE.read_text()
    for directive in ("proxy_cache_bypass", "proxy_no_cache"):
        (line,) = re.findall(rf"^\s*{directive} (.*);$", config, re.MULTILINE)
        assert {f"$cookie_{name}" for name in pagecache.PRIVATE_COOKIES} <= set(line.split())
        assert "$cookie_csrftoken" not in line


def test_a_reader_with_their_own_comments_is_never_served_nor_stored_in_the_microcache(stack):
    app, url = stack
    assert fetch(url) == ("<p>Public</p>", "MISS")
    assert fetch(url) == ("<p>Public</p>", "HIT")

    body, status = fetch(url, cookie="own_comments=1.2.c:signed")
    assert (body, status) == ("<p>Your comment, awaiting moderation</p>", "BYPASS")
    assert app.requests == 2
    # What was fetched for them was not kept: everyone else still gets the public copy.
    assert fetch(url) == ("<p>Public</p>", "HIT")
    assert fetch(url, cookie="sessionid=abc")[1] == "BYPASS"


def test_the_csrf_cookie_alone_is_served_the_shared_copy(stack):
    app, url = stack
    fetch(url)
    assert fetch(url, cookie="csrftoken=abc") == ("<p>Public</p>", "HIT")
    assert app.requests == 1
