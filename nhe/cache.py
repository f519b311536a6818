"""The Redis cache client the site runs on: django-redis's, with a short circuit breaker.

With IGNORE_EXCEPTIONS a Redis that is away is a miss, but each call still waits out its
timeouts first (SOCKET_CONNECT_TIMEOUT, SOCKET_TIMEOUT), and a page makes a dozen cache
calls. So after one call fails, every process skips Redis for CACHE_BREAKER_SECONDS: calls
answer at once as misses (and writes are dropped). Then a single call goes through as a
probe; if it succeeds Redis is used again, if not the skipping starts over. A page therefore
waits on at most one slow call, not on one per call.

Plugged in through django-redis's documented OPTIONS["CLIENT_CLASS"] (nhe/settings.py). The
breaker is kept per process and per server, so every cache alias on one Redis shares it, and
the page cache's own use of the server (pub/sub, nhe/pagecache.py) asks it too.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError

logger = logging.getLogger(__name__)

DEFAULT_BREAKER_SECONDS = 5.0


class CircuitBreaker:
    """Whether calls to one Redis server are worth making, as far as this process knows."""

    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()
        self.failing = False
        self.skip_until = 0.0

    @staticmethod
    def seconds():
        return float(getattr(settings, "CACHE_BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS))

    def is_open(self):
        """Whether calls are being skipped now (asking does not use up the probe)."""
        return self.failing and time.monotonic() < self.skip_until

    def allows_call(self):
        """Whether to make a call now: always while Redis answers; once failing, one probe
        each CACHE_BREAKER_SECONDS, the calls in between skipped."""
        with self.lock:
            if not self.failing:
                return True
            now = time.monotonic()
            if now < self.skip_until:
                return False
            # This caller probes; everyone else keeps skipping until it reports.
            self.skip_until = now + self.seconds()
            return True

    def succeeded(self):
        if self.failing:
            with self.lock:
                self.failing = False
            logger.warning("Cache %s answers again", self.name)

    def failed(self, error=None):
        with self.lock:
            was_failing, self.failing = self.failing, True
            self.skip_until = time.monotonic() + self.seconds()
        if not was_failing:
            logger.warning(
                "Cache %s failed (%s); skipping it for %s s",
                self.name,
                error or "no answer",
                self.seconds(),
            )


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for_server(server):
    """The one breaker of this process for a Redis server (its LOCATION)."""
    name = ",".join(server) if isinstance(server, list | tuple) else str(server)
    with _breakers_lock:
        return _breakers.setdefault(name, CircuitBreaker(name))


def breaker(alias="default"):
    """The breaker in front of a cache alias, or None for a cache without one (memory)."""
    client = getattr(caches[alias], "client", None)
    return getattr(client, "breaker", None)


class Skipped(ConnectionInterrupted):
    """A call not made because the breaker is open; the cache answers it as a miss."""


# The calls Django's cache API (and django-redis's extras that we use) make of the client.
# Each reports to the breaker; every call, these or others, is skipped while it is open.
GUARDED_CALLS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "delete",
    "delete_many",
    "delete_pattern",
    "clear",
    "incr",
    "decr",
    "incr_version",
    "has_key",
    "touch",
    "ttl",
    "pttl",
    "expire",
    "persist",
    "keys",
)


class CircuitBreakerClient(DefaultClient):
    """django-redis's default client, skipping Redis for a few seconds after a failure."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self.breaker = breaker_for_server(server)

    # Every call takes its Redis client from one of these two, unless handed one.
    def get_client(self, write=True, tried=None):
        self._pass_breaker()
        return super().get_client(write=write, tried=tried)

    def get_client_with_index(self, write=True, tried=None):
        self._pass_breaker()
        return super().get_client_with_index(write=write, tried=tried)

    def _pass_breaker(self):
        if not self.breaker.allows_call():
            raise Skipped(connection=None) from RedisConnectionError("skipped: Redis is failing")


def _reporting(name):
    def call(self, *args, **kwargs):
        try:
            result = getattr(super(CircuitBreakerClient, self), name)(*args, **kwargs)
        except Skipped:
            raise
        except ConnectionInterrupted as interrupted:
            self.breaker.failed(interrupted.__cause__)
            raise
        self.breaker.succeeded()
        return result

    call.__name__ = name
    call.__doc__ = f"DefaultClient.{name}, reported to the breaker."
    return call


for _name in GUARDED_CALLS:
    setattr(CircuitBreakerClient, _name, _reporting(_name))
