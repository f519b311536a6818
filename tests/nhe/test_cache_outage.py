"""With Redis away (refusing connections, or accepting them and never answering), every
public page still renders, uncached, forms still post, and /healthz says the cache is lost."""

import json
import socket
import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from articles.models import Article
from columnists.models import Pitch
from comments.models import Comment
from tests.columnists.conftest import pitch_data
from tests.comments.factories import comment_data
from tests.factories import ArticleFactory, DraftFactory, editor
from tests.nhe.redis_proxy import use_redis_as_production_does

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]


def closed_port():
    """A loopback port nothing listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers, as a Redis that hangs does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def redis_at(settings, port):
    settings.PAGE_CACHE_SECONDS = 300
    use_redis_as_production_does(settings, f"redis://127.0.0.1:{port}/0")


@pytest.fixture
def redis_refused(settings):
    redis_at(settings, closed_port())


@pytest.fixture
def redis_hung(settings, silent_server):
    redis_at(settings, silent_server)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides the suite's: there is no cache to clear."""


def public_pages():
    article = ArticleFactory(title="Trusts agree a winter plan")
    article.tags.add("winter")
    return [
        "/",
        "/news/",
        f"/news/{article.section.slug}/",
        article.get_absolute_url(),
        "/search/?q=winter",
        "/feeds/latest/",
        "/sitemap.xml",
        f"/sitemap-{article.section.slug}.xml",
        "/columnists/",
        "/columnists/apply/",
        "/tags/winter/",
    ]


def get_within(client, url, seconds=30):
    """The response, or a failure if the request is still waiting on the cache."""
    answer = {}

    def fetch():
        try:
            answer["response"] = client.get(url)
        finally:
            connections.close_all()

    thread = threading.Thread(target=fetch)
    thread.start()
    thread.join(seconds)
    assert "response" in answer, f"{url} still waiting after {seconds} s"
    return answer["response"]


@pytest.mark.usefixtures("redis_refused")
def test_every_public_page_renders_while_redis_refuses(client):
    for url in public_pages():
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
    assert "Trusts agree a winter plan" in client.get("/").text


@pytest.mark.usefixtures("redis_refused")
def test_a_change_made_while_redis_is_away_shows_at_once(client):
    # Each process may keep its own copies of pages meanwhile, checked against the
    # generation in the database.
    article = ArticleFactory(title="Trusts agree a winter plan")
    assert "Trusts agree a winter plan" in client.get("/").text
    article.unpublish()
    article.save()
    assert "Trusts agree a winter plan" not in client.get("/").text
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.usefixtures("redis_hung")
def test_public_pages_render_while_redis_hangs(client):
    # Each cache call waits out its timeout here, so a few pages stand for all of them.
    front, _, _, article, search, *_ = public_pages()
    for url in (front, article, search, "/columnists/apply/"):
        assert get_within(client, url).status_code == 200, url


@pytest.mark.usefixtures("redis_refused")
def test_a_comment_is_accepted_while_redis_is_away(client):
    article = ArticleFactory()
    response = client.post(
        reverse("comments:post", args=[article.pk]), comment_data(article), follow=True
    )
    assert response.status_code == 200
    assert "awaiting moderation" in response.text.lower()
    assert Comment.objects.filter(article=article).count() == 1


@pytest.mark.usefixtures("redis_refused")
def test_a_pitch_is_accepted_while_redis_is_away(client, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    response = client.post("/columnists/apply/", pitch_data(), follow=True)
    assert response.status_code == 200
    assert "Thank you for your pitch" in response.text
    assert Pitch.objects.count() == 1


@pytest.mark.usefixtures("redis_refused", "default_roles")
def test_an_editor_publishing_while_redis_is_away_gets_no_error():
    draft = DraftFactory(title="Goes out during the outage")
    client = Client(raise_request_exception=True)
    client.force_login(editor())
    response = client.post(
        "/admin/articles/article/",
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "Published 1 article(s)." in response.text
    assert Article.objects.get(pk=draft.pk).is_public()
    assert "Goes out during the outage" in client.get("/news/").text


@pytest.mark.usefixtures("redis_refused")
def test_healthz_reports_the_lost_cache_and_stays_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
        "storage": "ok",
        "tasks": "not configured",
    }


@pytest.mark.usefixtures("redis_hung")
def test_healthz_reports_a_hung_cache(client):
    response = get_within(client, "/healthz")
    assert json.loads(response.content)["cache"] == "unavailable"


def test_healthz_reports_a_working_redis(client, settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
    }
    assert json.loads(client.get("/healthz").content)["cache"] == "ok"
