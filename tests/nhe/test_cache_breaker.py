"""While Redis hangs or refuses, a page waits on one slow cache call at most: after a failure
the cache is skipped for CACHE_BREAKER_SECONDS, then one call probes (nhe/cache.py)."""

import json
import logging
import time
from urllib.parse import urlsplit

import pytest
from django.test import Client

from nhe.cache import CircuitBreaker
from tests.factories import ArticleFactory
from tests.nhe.redis_proxy import use_redis_as_production_does
from tests.nhe.test_cache_outage import closed_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]

TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides the suite's: the cache is away, or emptied by the redis_url fixture."""


def redis_at(settings, location, breaker_seconds=60):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.CACHE_BREAKER_SECONDS = breaker_seconds
    use_redis_as_production_does(settings, location, timeout=TIMEOUT, key_prefix="breaker-test")


def relayed(relay, redis_url):
    return f"redis://127.0.0.1:{relay.port}{urlsplit(redis_url).path or '/0'}"


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_a_page_waits_on_one_slow_call_while_redis_hangs(settings, relay, redis_url):
    redis_at(settings, relayed(relay, redis_url))
    article = ArticleFactory(title="Trusts agree a winter plan")
    client = Client()
    client.get("/")  # renders once with Redis up: templates loaded, connections made
    relay.set_mode("hung")
    before = relay.accepted
    response, first = timed_get(client, article.get_absolute_url())
    assert response.status_code == 200
    # Each slow call is a connection that waits; the page made a dozen cache calls.
    assert relay.accepted - before <= 2
    before = relay.accepted
    for url in ("/", "/news/", article.get_absolute_url()):
        assert Client().get(url).status_code == 200
    # Within CACHE_BREAKER_SECONDS no call goes to Redis at all.
    assert relay.accepted == before
    # Without the breaker the page took about 15 timeouts (bench figures in the report).
    assert first < 4 * TIMEOUT


def test_while_redis_refuses_it_is_tried_once_and_the_failure_logged_once(settings, caplog):
    redis_at(settings, f"redis://127.0.0.1:{closed_port()}/0")
    article = ArticleFactory()
    with caplog.at_level(logging.WARNING, logger="nhe.cache"):
        for url in ("/", "/news/", article.get_absolute_url(), "/"):
            assert Client().get(url).status_code == 200
    failures = [r for r in caplog.records if "skipping it for 60" in r.getMessage()]
    assert len(failures) == 1


def test_redis_is_used_again_after_one_probe_succeeds(settings, relay, redis_url, caplog):
    redis_at(settings, relayed(relay, redis_url), breaker_seconds=0.3)
    # A new client each time: each has its own handler, so no page copies of its own.
    relay.set_mode("refusing")
    assert Client().get("/news/").status_code == 200
    relay.set_mode("up")
    assert "X-Page-Cache" not in Client().get("/news/")  # still skipped, not yet stored
    time.sleep(0.4)
    with caplog.at_level(logging.WARNING, logger="nhe.cache"):
        Client().get("/news/")
    assert any("answers again" in r.getMessage() for r in caplog.records)
    assert Client().get("/news/")["X-Page-Cache"] == "hit"


def test_healthz_answers_at_once_while_the_breaker_is_open(settings, relay, redis_url):
    redis_at(settings, relayed(relay, redis_url))
    relay.set_mode("hung")
    client = Client()
    client.get("/healthz")
    response, took = timed_get(client, "/healthz")
    assert json.loads(response.content)["cache"] == "unavailable"
    assert took < TIMEOUT


def test_of_callers_after_the_pause_one_probes_and_the_rest_skip(settings):
    settings.CACHE_BREAKER_SECONDS = 0.05
    breaker = CircuitBreaker("test")
    assert breaker.allows_call()
    breaker.failed()
    assert not breaker.allows_call()
    time.sleep(0.06)
    assert [breaker.allows_call() for _ in range(3)] == [True, False, False]
    breaker.succeeded()
    assert breaker.allows_call()
