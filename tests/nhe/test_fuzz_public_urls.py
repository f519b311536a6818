"""Every public address and query parameter, fed hostile values: never a 500."""

import pytest
from django.test import Client

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = [
    "'", '"', "--", "' OR '1'='1", "1; DROP TABLE articles_article;--", "\x00", "%00",
    "<script>alert(1)</script>", "javascript:alert(1)", "//evil.example", "/\\evil.example",
    "../../../etc/passwd", "-1", "0", "1e9", "9" * 40, "1.5", "NaN", "[]", "{}",
    "\u202egpj.exe", "😀" * 50, "x" * 5000, "%ED%A0%80", "__proto__", "page[]",
]  # fmt: skip
# Every parameter a public page reads, or that a crawler or attacker commonly tries. Each
# request sets all of them to the same hostile value: a view reads each on its own, so any
# one that crashes shows, and the run stays quick.
PARAMETERS = ["page", "q", "next", "ordering", "o", "format", "section", "tag", "author"]


@pytest.fixture
def public_paths(default_sections):
    author = AuthorFactory()
    article = ArticleFactory(authors=[author])
    article.tags.add("waiting lists")
    return [
        "/",
        "/news/",
        article.section.get_absolute_url(),
        article.get_absolute_url(),
        author.get_absolute_url(),
        "/tags/waiting-lists/",
        "/columnists/",
        "/healthz",
        "/admin/login/",
    ]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_hostile_query_parameters_never_cause_a_server_error(client, public_paths):
    failures = []
    for path in public_paths:
        for value in HOSTILE_VALUES:
            status = client.get(path, dict.fromkeys(PARAMETERS, value)).status_code
            if status >= 500:
                failures.append((path, value[:40], status))
        status = client.get(path, {"page": ["1", "2"], "x" * 300: "y"}).status_code
        if status >= 500:
            failures.append((path, "repeated", "", status))
    assert failures == []


def test_hostile_path_segments_never_cause_a_server_error(client, public_paths):
    failures = []
    for value in HOSTILE_VALUES:
        segment = value.replace("/", "%2F")
        for path in [
            f"/news/{segment}/",
            f"/news/news/{segment}/",
            f"/authors/{segment}/",
            f"/tags/{segment}/",
            f"/{segment}",
        ]:
            status = client.get(path).status_code
            if status >= 500:
                failures.append((path[:60], status))
    for path in ["//evil.example", "/%2F%2Fevil.example", "/news", "/.git/HEAD", "/admin/../"]:
        if client.get(path).status_code >= 500:
            failures.append((path, "error"))
    assert failures == []


def test_hostile_posts_to_public_pages_never_cause_a_server_error(client, public_paths):
    failures = []
    for path in public_paths:
        for value in HOSTILE_VALUES[:8]:
            response = client.post(path, {"name": value, "email": value, "body": value})
            if response.status_code >= 500:
                failures.append((path, value, response.status_code))
    assert failures == []


def test_unexpected_methods_are_refused_not_crashed(client, public_paths):
    for path in public_paths:
        assert client.generic("TRACE", path).status_code < 500
        assert client.generic("PROPFIND", path).status_code < 500
