"""Django's Redis cache, keeping one client per connection pool, and carrying announcements.

django.core.cache.backends.redis makes a new redis.Redis client for every cache call, and
building one (its table of response callbacks) costs more than the call itself: about half
of a page-cache hit. A client over a connection pool is safe to share between threads, and
the pool already reconnects after a fork, so one client per pool is kept instead.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._client(connection_pool=self._pools[index])
            client = self._clients.setdefault(index, client)
        return client


class RedisCache(redis.RedisCache):
    """Also carries announcements between processes (pub/sub), as nhe/pagecache.py uses."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

    def channel_name(self, name):
        """A channel of this site's own, as keys are (KEY_PREFIX and VERSION)."""
        return self.make_key(name)

    def publish(self, name):
        self._cache.get_client(write=True).publish(self.channel_name(name), "1")

    def pubsub(self):
        """A listener on its own connection, which stays subscribed while the process runs."""
        return self._cache.get_client(write=True).pubsub()
