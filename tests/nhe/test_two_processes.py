"""Two app servers share one PostgreSQL and one Redis: a change made through one shows at
once through the other, page cache and all."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from articles.models import Article, Section
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params["HOST"] or "localhost"
    return (
        f"postgres://{params['USER']}{password}@{host}:{params['PORT'] or 5432}/{params['NAME']}"
    )


@pytest.fixture
def two_servers(redis_url, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url(),
        "CACHE_URL": redis_url,
        "PAGE_CACHE_SECONDS": "300",
        "CONN_MAX_AGE": "0",
        # The servers speak plain http here, so cookies must not be https-only.
        "SECURE_COOKIES": "0",
    }
    servers = []
    for name in ("a", "b"):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "nhe.wsgi:application", "--workers", "1",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / f"{name}.log", "w"),  # noqa: SIM115
        )  # fmt: skip
        servers.append((f"http://127.0.0.1:{port}", process))
    for url, _ in servers:
        wait_until_up(url)
    yield [url for url, _ in servers]
    for _, process in servers:
        process.terminate()
        process.wait(timeout=10)


def wait_until_up(url):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not start")


def browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


def post(opener, url, fields):
    data = urllib.parse.urlencode(fields, doseq=True).encode()
    return opener.open(urllib.request.Request(url, data=data, headers={"Referer": url}))


def csrf_cookie(jar):
    return next(cookie.value for cookie in jar if cookie.name == "csrftoken")


def signed_in_editor(server):
    get_user_model().objects.create_superuser("chief", "chief@example.org", "a-long-password")
    editor, jar = browser()
    login_page = editor.open(server + "/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    post(editor, server + "/admin/login/?next=/admin/", {
        "csrfmiddlewaretoken": token, "username": "chief", "password": "a-long-password",
        "next": "/admin/",
    })  # fmt: skip
    return editor, jar


def test_publishing_through_one_server_shows_at_once_through_the_other(two_servers):
    server_a, server_b = two_servers
    draft = ArticleFactory(title="Minister announces new hospital", status=Article.Status.DRAFT)

    reader = urllib.request.build_opener()
    assert "Minister announces" not in reader.open(server_b + "/").read().decode()
    cached = reader.open(server_b + "/")
    assert cached.headers["X-Page-Cache"] == "hit"

    editor, jar = signed_in_editor(server_a)
    post(editor, server_a + "/admin/articles/article/", {
        "csrfmiddlewaretoken": csrf_cookie(jar), "action": "publish_selected",
        "_selected_action": [draft.pk], "index": "0",
    })  # fmt: skip
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED

    page = reader.open(server_b + "/")
    assert "Minister announces new hospital" in page.read().decode()

    # Server b holds the generation between announcements; each change must still show at
    # once, however many come one after another.
    for action, shown in [("unpublish_selected", False), ("publish_selected", True)] * 2:
        assert reader.open(server_b + "/").headers["X-Page-Cache"] == "hit"
        post(editor, server_a + "/admin/articles/article/", {
            "csrfmiddlewaretoken": csrf_cookie(jar), "action": action,
            "_selected_action": [draft.pk], "index": "0",
        })  # fmt: skip
        page = reader.open(server_b + "/").read().decode()
        assert ("Minister announces new hospital" in page) is shown, action


def test_a_section_renamed_through_one_server_is_in_the_others_navigation_at_once(two_servers):
    server_a, server_b = two_servers
    section = Section.objects.get(slug="the-scalpel")
    reader = urllib.request.build_opener()
    # Another page than the one checked below, so that only the navigation can be stale.
    assert f'">{section.name}</a></li>' in reader.open(server_b + "/news/").read().decode()

    editor, jar = signed_in_editor(server_a)
    post(editor, server_a + f"/admin/articles/section/{section.pk}/change/", {
        "csrfmiddlewaretoken": csrf_cookie(jar), "name": "Under the Scalpel",
        "slug": section.slug, "description": section.description, "kind": section.kind,
        "front_page_position": section.front_page_position or "",
        "front_page_count": section.front_page_count,
    })  # fmt: skip
    assert Section.objects.get(pk=section.pk).name == "Under the Scalpel"

    page = reader.open(server_b + "/corrections/").read().decode()
    assert '">Under the Scalpel</a></li>' in page
    assert f'">{section.name}</a></li>' not in page
