"""What eviction must never drop (rate limits, read counts) lives in the "counters" cache,
apart from the pages and fragments of the default one, which may evict under memory pressure."""

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import popularity
from comments.models import Comment
from tests.comments.factories import comment_data
from tests.factories import ArticleFactory
from tests.nhe.test_production_settings import PRODUCTION, settings_of

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


@pytest.fixture(autouse=True)
def two_caches(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"},
        "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "c"},
    }
    yield
    for alias in ("default", "counters"):
        caches[alias].clear()


def evict_everything_evictable():
    """What a full Redis under allkeys-lru may do to the default cache."""
    caches["default"].clear()


def test_read_counts_survive_the_eviction_of_pages(client):
    article = ArticleFactory()
    for _ in range(3):
        response = client.post(
            reverse("articles:read", args=[article.pk]),
            HTTP_USER_AGENT=BROWSER,
            HTTP_ORIGIN="http://testserver",
            HTTP_SEC_FETCH_SITE="same-origin",
        )
        assert response.status_code == 204
    evict_everything_evictable()
    assert popularity.counts_in_cache(timezone.localdate()) == {article.pk: 3}


def test_a_comment_rate_limit_survives_the_eviction_of_pages(settings):
    settings.COMMENTS_RATE_PER_IP = 2
    settings.COMMENTS_RATE_WINDOW = 24 * 3600
    article = ArticleFactory()
    client = Client(REMOTE_ADDR="198.51.100.7")
    url = reverse("comments:post", args=[article.pk])
    for n in range(2):
        assert client.post(url, comment_data(article, body=f"Point {n}")).status_code == 302
    evict_everything_evictable()
    assert client.post(url, comment_data(article, body="One too many")).status_code == 429
    assert Comment.objects.count() == 2


def test_counters_share_the_cache_unless_told_otherwise():
    chosen = settings_of("CACHES", CACHE_URL="redis://127.0.0.1:6379/3", **PRODUCTION)
    assert chosen["CACHES"]["counters"] == chosen["CACHES"]["default"]
    chosen = settings_of(
        "CACHES",
        "RATELIMIT_USE_CACHE",
        CACHE_URL="redis://127.0.0.1:6379/3",
        COUNTERS_CACHE_URL="redis://127.0.0.1:6380/0",
        **PRODUCTION,
    )
    counters = chosen["CACHES"]["counters"]
    assert counters["LOCATION"] == "redis://127.0.0.1:6380/0"
    assert counters["OPTIONS"]["CLIENT_CLASS"] == "nhe.cache.CircuitBreakerClient"
    assert chosen["RATELIMIT_USE_CACHE"] == "counters"
