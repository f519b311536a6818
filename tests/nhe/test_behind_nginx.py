"""The shipped stack, as `make serve` runs it (scripts/serve: nginx from
deploy/nginx.conf.template in front of gunicorn), seen from two readers at two loopback
addresses: sign-in lockouts and comment rate limits hold each reader to their own address.

Needs nginx; CI (CI=true) fails without it, elsewhere the tests skip with the reason.
"""

import http.client
import os
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from comments.models import Comment
from tests.comments.factories import comment_data
from tests.factories import ArticleFactory

from .test_two_processes import database_url, free_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ATTACKER, EDITOR = "127.0.0.2", "127.0.0.3"
PASSWORD = "correct horse battery staple"
FAILURE_LIMIT = 3
COMMENTS_PER_ADDRESS = 2


def missing_reason():
    if not os.access(NGINX, os.X_OK):
        return "nginx is not installed (Debian: apt-get install nginx-light)"
    try:
        with socket.socket() as sock:
            sock.bind((ATTACKER, 0))
    except OSError as error:
        return f"cannot send from {ATTACKER}: {error}"
    return None


@pytest.fixture(scope="module")
def stack(django_db_setup, tmp_path_factory):
    """`scripts/serve` on a free port against the test database; its nginx's address."""
    reason = missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"The nginx stack test must run in CI: {reason}")
        pytest.skip(reason)
    var = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        # What the stack must decide for itself, not inherit from the test run.
        if name not in {"DJANGO_SETTINGS_MODULE", "TRUSTED_PROXY_COUNT", "GUNICORN_BIND", "DEBUG"}
    }
    env.update(
        # What `make serve` sets, and the test database.
        SECRET_KEY=settings.SECRET_KEY,  # the comment form's tokens are signed here
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        ADMIN_REQUIRE_OTP="0",
        BIN=str(Path(sys.executable).parent),
        DATABASE_URL=database_url(),
        SERVE_PORT=str(port),
        VAR_DIR=str(var),
        # One worker, so the default per-process cache counts every post.
        GUNICORN_WORKERS="1",
        # Plain copies: the compressed, hashed ones take half a minute to build.
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        AXES_FAILURE_LIMIT=str(FAILURE_LIMIT),
        COMMENTS_RATE_PER_IP=str(COMMENTS_PER_ADDRESS),
        COMMENTS_RATE_PER_EMAIL="100",
        COMMENTS_RATE_WINDOW=str(24 * 3600),
        # The web stack alone: this test run empties the database between tests, under the
        # feet of a worker and a scheduler (tests/nhe/test_worker.py tests those).
        SERVE_BACKGROUND="0",
        TASKS_BACKEND="immediate",
    )
    log = var / "serve.log"
    process = subprocess.Popen(
        [str(settings.BASE_DIR / "scripts" / "serve")],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_until_up(port, process, log)
        yield {"port": port, "log": log}
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wait_until_up(port, process, log):
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"scripts/serve stopped:\n{log.read_text()}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"scripts/serve did not answer:\n{log.read_text()}")


class Reader:
    """A browser at one loopback address, speaking to nginx and keeping its cookies."""

    def __init__(self, address, port):
        self.address = address
        self.port = port
        self.cookies = {}

    def request(self, method, path, fields=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.address, 0)
        )
        sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent | (headers or {}))
        response = connection.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({n: m.value for n, m in SimpleCookie(header).items()})
        connection.close()
        return response.status, text

    def sign_in(self, password, headers=None):
        _, page = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        fields = {
            "csrfmiddlewaretoken": token,
            "username": "desk",
            "password": password,
            "next": "/admin/",
        }
        return self.request("POST", "/admin/login/?next=/admin/", fields, headers)[0]

    def comment(self, article, n, headers=None):
        fields = comment_data(
            article,
            email=f"reader{n}@{self.address}.example.org",
            body=f"Point number {n} from a reader, about the winter plan.",
        )
        return self.request("POST", f"/comments/article/{article.pk}/", fields, headers)[0]


def test_the_app_sits_on_a_socket_only_nginx_can_reach(stack):
    upstream = re.search(r"-> unix:(\S+) \(gunicorn\)", stack["log"].read_text())
    assert upstream, "gunicorn should listen on a Unix socket, not a port"
    folder = Path(upstream[1]).parent
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert folder.stat().st_uid == os.getuid()


def test_wrong_passwords_lock_out_only_the_address_they_came_from(stack, settings):
    # The test suite's fast hasher is not one the served app accepts.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    get_user_model().objects.create_user(
        "desk", password=PASSWORD, is_staff=True, is_superuser=True
    )
    attacker, editor = Reader(ATTACKER, stack["port"]), Reader(EDITOR, stack["port"])

    tries = [attacker.sign_in("wrong") for _ in range(FAILURE_LIMIT)]
    assert tries == [200] * (FAILURE_LIMIT - 1) + [429]
    assert attacker.sign_in(PASSWORD) == 429
    # nginx overwrites the header, so naming another address gets the attacker nowhere.
    assert attacker.sign_in(PASSWORD, headers={"X-Forwarded-For": EDITOR}) == 429

    assert editor.sign_in(PASSWORD) == 302
    status, page = editor.request("GET", "/admin/")
    assert status == 200
    assert "The newsroom desk" in page


def test_one_address_using_up_the_comment_limit_leaves_the_other_free_to_post(stack):
    article = ArticleFactory(title="Winter plan for the NHS")
    spammer, reader = Reader(ATTACKER, stack["port"]), Reader(EDITOR, stack["port"])

    posts = [spammer.comment(article, n) for n in range(COMMENTS_PER_ADDRESS + 1)]
    assert posts == [302] * COMMENTS_PER_ADDRESS + [429]
    forged = {"X-Forwarded-For": "203.0.113.9"}
    assert spammer.comment(article, 99, headers=forged) == 429

    assert reader.comment(article, 0) == 302
    comments = Comment.objects.filter(article=article)
    assert comments.count() == COMMENTS_PER_ADDRESS + 1
    # Each reader's own address reached the app: two addresses, two hashes.
    assert len(set(comments.values_list("ip_hash", flat=True))) == 2


def test_a_page_may_post_to_its_own_origin_on_any_port(stack):
    """The read beacon, as Chromium sends it from a page nginx served on a port of its own."""
    article = ArticleFactory()
    reader = Reader(EDITOR, stack["port"])
    own_origin = {
        "Origin": f"http://127.0.0.1:{stack['port']}",
        "Sec-Fetch-Site": "same-origin",
        "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36",
    }
    assert reader.request("POST", f"/read/{article.pk}/", {}, own_origin)[0] == 204
    elsewhere = own_origin | {"Origin": "http://127.0.0.1:1", "Sec-Fetch-Site": "same-site"}
    assert reader.request("POST", f"/read/{article.pk}/", {}, elsewhere)[0] == 403
