"""The shipped nginx (deploy/nginx.conf.template) keeps a public page no longer than the
app's X-Accel-Expires says, and never serves an expired copy: not while renewing it, not
when the app fails. So a page taken down is gone from nginx within its microcache seconds."""

import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .nginx_in_front import nginx_in_front_of

MICROCACHE_SECONDS = 1


class App:
    """Stands in for gunicorn: answers as the app does for a public page, then as told."""

    def __init__(self):
        self.answer = "public"
        app = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if app.answer == "public":
                    body = b"<h1>Named in a court order</h1>"
                    self.send_response(200)
                    # What nhe/pagecache.py sends with a public page.
                    self.send_header(
                        "Cache-Control",
                        "public, max-age=60, s-maxage=300, stale-while-revalidate=30, "
                        "stale-if-error=86400",
                    )
                    self.send_header("X-Accel-Expires", str(MICROCACHE_SECONDS))
                elif app.answer == "taken down":
                    body, _ = b"<h1>Not found</h1>", self.send_response(404)
                else:
                    body, _ = b"<h1>Server error</h1>", self.send_response(500)
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
        yield app, f"http://127.0.0.1:{port}/news/health/named/"
    app.close()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers


@pytest.mark.parametrize("after", ["taken down", "failing"])
def test_nginx_serves_no_copy_of_a_page_past_its_microcache_seconds(stack, after):
    app, url = stack
    fetch(url)
    status, body, headers = fetch(url)
    assert (status, headers["X-Microcache"]) == (200, "HIT")
    app.answer = after
    # nginx counts whole seconds.
    time.sleep(MICROCACHE_SECONDS + 1.2)
    for _ in range(5):
        status, body, _ = fetch(url)
        assert status != 200
        assert "Named in a court order" not in body
