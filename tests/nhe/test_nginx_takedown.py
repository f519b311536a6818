"""The shipped nginx (deploy/nginx.conf.template) keeps a public page no longer than the
app's X-Accel-Expires says, and never serves an expired copy: not while renewing it, not
when the app fails. So a page taken down is gone from nginx within its microcache seconds."""

import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf.template"
MICROCACHE_SECONDS = 1
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


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


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def stack(tmp_path):
    if not os.path.exists(NGINX):
        if os.environ.get("CI"):
            pytest.fail("nginx must be installed in CI (.ci/run installs it)")
        pytest.skip("nginx is not installed (Debian: apt-get install nginx-light)")
    app = App()
    port = free_port()
    values = {
        "USER": subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip(),
        "RUN_DIR": str(tmp_path),
        "UPSTREAM": f"127.0.0.1:{app.port}",
        "LISTEN": f"127.0.0.1:{port}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    config = TEMPLATE.read_text()
    for name, value in values.items():
        config = config.replace(f"@{name}@", value)
    (tmp_path / "nginx.conf").write_text(config)
    nginx = subprocess.Popen(
        [NGINX, "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log"),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert nginx.poll() is None, nginx.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
    yield app, f"http://127.0.0.1:{port}/news/health/named/"
    nginx.terminate()
    nginx.wait(10)
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
