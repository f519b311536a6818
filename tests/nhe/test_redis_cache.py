"""The Redis cache the site runs on: django-redis, set to turn an outage into a miss."""

import pytest
from django_redis.cache import RedisCache

from tests.nhe.test_production_settings import PRODUCTION, settings_of


def test_a_redis_cache_url_gives_a_cache_that_misses_while_redis_is_away():
    chosen = settings_of("CACHES", CACHE_URL="redis://127.0.0.1:6379/3", **PRODUCTION)
    default = chosen["CACHES"]["default"]
    assert default["BACKEND"] == "django_redis.cache.RedisCache"
    assert default["OPTIONS"] == {
        "CLIENT_CLASS": "nhe.cache.CircuitBreakerClient",
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": 0.25,
        "SOCKET_TIMEOUT": 0.5,
    }
    other = settings_of("CACHES", CACHE_URL="locmemcache://", **PRODUCTION)
    assert other["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_the_timeouts_come_from_the_environment():
    chosen = settings_of(
        "CACHES",
        CACHE_URL="redis://127.0.0.1:6379/3",
        CACHE_CONNECT_TIMEOUT="1",
        CACHE_TIMEOUT="2.5",
        **PRODUCTION,
    )
    options = chosen["CACHES"]["default"]["OPTIONS"]
    assert (options["SOCKET_CONNECT_TIMEOUT"], options["SOCKET_TIMEOUT"]) == (1.0, 2.5)


@pytest.fixture
def redis_cache(redis_url):
    backend = RedisCache(redis_url, {"KEY_PREFIX": "test-backend"})
    yield backend
    backend.clear()


def test_it_gives_django_cache_answers(redis_cache):
    assert redis_cache.get("missing") is None
    redis_cache.set("page", {"content": b"<p>Hello</p>"}, 30)
    assert redis_cache.get("page") == {"content": b"<p>Hello</p>"}
    assert redis_cache.add("lock", 1, 10) is True
    assert redis_cache.add("lock", 1, 10) is False
    redis_cache.set("count", 1, 30)
    assert redis_cache.incr("count") == 2
    redis_cache.delete("page")
    assert redis_cache.get("page") is None
