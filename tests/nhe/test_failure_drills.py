"""Failure drills on the real PostgreSQL: the database goes away, the site degrades politely,
nothing is half-written, and the next request works again."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from articles.models import Article, Author, Byline, Section
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("default_sections")]

CLOSED_PORT = "1"


@pytest.fixture
def client():
    """A client that shows error responses instead of raising the view's exception."""
    return Client(raise_request_exception=False)


def terminate(backend_pid):
    """Kill one server backend from a second connection, as an operator or a failover would."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [backend_pid])
    finally:
        other.close()


def backend_pid():
    connection.ensure_connection()
    return connection.connection.info.backend_pid


@contextmanager
def database_unreachable():
    """Point the app at a closed port: every new connection is refused until the end."""
    saved = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = CLOSED_PORT
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = saved


def test_healthz_answers_503_while_the_database_is_down_and_200_after(client):
    assert client.get("/healthz").status_code == 200
    with database_unreachable():
        for _ in range(2):
            response = client.get("/healthz")
            assert response.status_code == 503
            assert response.json() == {"status": "error", "database": "unavailable"}
    assert client.get("/healthz").status_code == 200


def test_healthz_recovers_after_its_connection_is_killed(client):
    assert client.get("/healthz").status_code == 200
    killed = backend_pid()
    terminate(killed)
    first = client.get("/healthz")
    assert first.status_code in {200, 503}
    assert client.get("/healthz").status_code == 200
    assert backend_pid() != killed


def test_a_page_answers_the_sites_503_page_while_the_database_is_unreachable(client):
    article = ArticleFactory()
    with database_unreachable():
        response = client.get(article.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "We’ll be back in a moment" in response.text
    assert "Traceback" not in response.text
    assert "OperationalError" not in response.text
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_page_whose_connection_was_killed_answers_503_and_the_next_request_works(client):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url()).status_code == 200
    terminate(backend_pid())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 503
    assert "We’ll be back in a moment" in response.text
    assert client.get(article.get_absolute_url()).status_code == 200


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(editor)
    return client


def empty_inlines(client):
    """Management-form data for every inline on the add form, each with no rows."""
    page = client.get("/admin/articles/article/add/")
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def new_article_with_two_bylines(client):
    first, second = (
        Author.objects.create(name="A", slug="a"),
        Author.objects.create(name="B", slug="b"),
    )
    now = timezone.localtime()
    return empty_inlines(client) | {
        "title": "Integrated care boards merge back-office teams",
        "slug": "",
        "section": str(Section.objects.get(slug="news").pk),
        "standfirst": "Two boards share finance and HR.",
        "body": "<p>Story.</p>",
        "video_url": "",
        "status": "published",
        "publish_at_0": now.strftime("%d/%m/%Y"),
        "publish_at_1": now.strftime("%H:%M:%S"),
        "featured_order": "0",
        "comments_open": "on",
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-author": str(first.pk),
        "bylines-0-position": "0",
        "bylines-1-author": str(second.pk),
        "bylines-1-position": "1",
    }


def save_failing_on_second_byline(failure):
    """Byline.save that runs `failure` just before the second byline is written."""
    real_save = Byline.save
    calls = []

    def save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 2:
            failure()
        return real_save(self, *args, **kwargs)

    return mock.patch.object(Byline, "save", save)


def test_the_admin_saves_an_article_with_two_bylines(editor_client):
    """The control for the drills below: the same form data saves when nothing fails."""
    response = editor_client.post(
        "/admin/articles/article/add/", new_article_with_two_bylines(editor_client)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Byline.objects.filter(article__slug__startswith="integrated-care").count() == 2


def test_a_save_that_fails_half_way_commits_nothing(editor_client):
    def fail():
        raise RuntimeError("disk full")

    with save_failing_on_second_byline(fail):
        response = editor_client.post(
            "/admin/articles/article/add/", new_article_with_two_bylines(editor_client)
        )
    assert response.status_code == 500
    assert Article.objects.count() == 0
    assert Byline.objects.count() == 0


def test_an_admin_save_whose_connection_is_killed_half_way_gets_503_and_leaves_no_rows(
    editor_client,
):
    data = new_article_with_two_bylines(editor_client)
    assert editor_client.get("/admin/").status_code == 200
    pid = backend_pid()
    with save_failing_on_second_byline(lambda: terminate(pid)):
        response = editor_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 503
    assert "We’ll be back in a moment" in response.text
    assert Article.objects.count() == 0
    assert Byline.objects.count() == 0
    assert editor_client.get("/admin/articles/article/").status_code == 200
