"""Error reports: nothing without SENTRY_DSN; with it, an unhandled error in a view reaches
the server the DSN names, without readers' emails or IP addresses."""

import gzip
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest
from django.conf import settings

REQUEST_ID = "0123456789abcdef0123456789abcdef"

FAILING_REQUEST = f"""
import django, sentry_sdk
django.setup()
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.nhe.error_report_urls", TRUSTED_PROXY_COUNT=1):
    response = Client(raise_request_exception=False).get(
        "/notify/jane.doe@nhs.example/",
        {{"ip": "10.9.8.7", "email": "john.roe@nhs.example"}},
        HTTP_X_REQUEST_ID="{REQUEST_ID}",
        REMOTE_ADDR="192.0.2.44",
    )
print(response.status_code)
sentry_sdk.flush(timeout=10)
"""


def run_python(code, **env):
    clean = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture
def sentry_server():
    """A stand-in for Sentry's ingest endpoint: keeps every envelope it is sent."""
    received = []

    class Ingest(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            encoding = self.headers.get("Content-Encoding")
            if encoding == "gzip":
                body = gzip.decompress(body)
            elif encoding == "br":
                body = brotli.decompress(body)
            received.append((self.path, body.decode()))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Ingest)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], received
    server.shutdown()
    server.server_close()
    thread.join()


def test_without_a_dsn_the_sdk_is_not_even_imported():
    loaded = run_python(
        "import sys, django; django.setup(); "
        "from django.test import Client; Client().get('/healthz'); "
        "print('sentry_sdk' in sys.modules)"
    )
    assert loaded == "False"


def test_an_unhandled_error_in_a_view_is_reported_without_emails_or_addresses(sentry_server):
    port, received = sentry_server
    status = run_python(
        FAILING_REQUEST,
        SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/42",
        SENTRY_ENVIRONMENT="drill",
        SENTRY_RELEASE="nhe@1.2.3",
    )
    assert status == "500"
    assert received, "nothing reached the Sentry server"
    path, envelope = received[0]
    assert path == "/api/42/envelope/"
    assert "RuntimeError" in envelope
    assert "could not notify [email] from [ip]" in envelope
    assert '"environment":"drill"' in envelope.replace(" ", "")
    assert '"release":"nhe@1.2.3"' in envelope.replace(" ", "")
    assert REQUEST_ID in envelope
    for personal in ("jane.doe", "john.roe", "nhs.example", "10.9.8.7", "192.0.2.44"):
        assert personal not in envelope
