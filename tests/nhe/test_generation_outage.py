"""A change made while Redis is away sticks once it is back: the content generation lives in
the database, and no page or fragment from before the change is served (articles/generation.py).
Redis keeps its data through the outage here, as when the network breaks or it hangs."""

import time
from urllib.parse import urlsplit

import pytest
from django.test import Client

from articles.models import Article
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import ArticleFactory, editor
from tests.nhe.redis_proxy import use_redis_as_production_does

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections", "default_roles"),
]

BREAKER_SECONDS = 0.3


@pytest.fixture(autouse=True)
def redis_behind_the_relay(settings, relay, redis_url):
    database = urlsplit(redis_url).path or "/0"
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.CACHE_BREAKER_SECONDS = BREAKER_SECONDS
    location = f"redis://127.0.0.1:{relay.port}{database}"
    use_redis_as_production_does(settings, location, key_prefix="generation-outage")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides the suite's: the relay's server is emptied by the redis_url fixture."""


def back(relay):
    relay.set_mode("up")
    # The breaker lets a probe through once its seconds are over.
    time.sleep(BREAKER_SECONDS + 0.1)


def cached(client, url):
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit", url
    return response


@pytest.mark.parametrize("outage", ["refusing", "hung"])
def test_a_piece_unpublished_while_redis_is_away_stays_down_once_it_is_back(relay, outage):
    doomed = ArticleFactory(title="Withdrawn on legal advice", is_featured=True)
    other = ArticleFactory(title="Trusts agree a winter plan")
    reader = Client()
    assert "Withdrawn on legal advice" in cached(reader, "/").text
    assert "Withdrawn on legal advice" in cached(reader, other.get_absolute_url()).text
    cached(reader, doomed.get_absolute_url())

    relay.set_mode(outage)
    desk = Client()
    desk.force_login(editor())
    data = article_form_data(doomed, status=Article.Status.DRAFT)
    response = desk.post(change_url(doomed), data)
    assert response.status_code == 302
    assert not Article.objects.get(pk=doomed.pk).is_public()

    back(relay)
    for client in (reader, Client()):
        assert "Withdrawn on legal advice" not in client.get("/").text
        page = client.get(other.get_absolute_url())
        assert page.status_code == 200
        assert "Withdrawn on legal advice" not in page.text
        assert client.get(doomed.get_absolute_url()).status_code == 404
