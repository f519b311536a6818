"""The Redis cache backend the site runs on, against the real Redis server."""

import threading

import pytest

from nhe.cache import RedisCache
from tests.nhe.test_production_settings import PRODUCTION, settings_of


@pytest.fixture
def redis_cache(redis_url):
    backend = RedisCache(redis_url, {"KEY_PREFIX": "test-backend"})
    yield backend
    backend.clear()


def test_a_redis_cache_url_gives_the_backend_that_keeps_its_client():
    chosen = settings_of("CACHES", CACHE_URL="redis://127.0.0.1:6379/3", **PRODUCTION)
    assert chosen["CACHES"]["default"]["BACKEND"] == "nhe.cache.RedisCache"
    other = settings_of("CACHES", CACHE_URL="locmemcache://", **PRODUCTION)
    assert other["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_every_call_uses_one_client_and_gives_django_cache_answers(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache.get("missing") is None
    redis_cache.set("page", {"content": b"<p>Hello</p>"}, 30)
    assert redis_cache.get("page") == {"content": b"<p>Hello</p>"}
    assert redis_cache.add("lock", 1, 10) is True
    assert redis_cache.add("lock", 1, 10) is False
    redis_cache.set("count", 1, 30)
    assert redis_cache.incr("count") == 2
    redis_cache.delete("page")
    assert redis_cache.get("page") is None
    assert redis_cache._cache.get_client() is client


def test_threads_share_the_client_safely(redis_cache):
    errors = []

    def work(number):
        try:
            for step in range(200):
                redis_cache.set(f"key-{number}", step, 30)
                assert redis_cache.get(f"key-{number}") == step
        except Exception as error:  # collected and reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
