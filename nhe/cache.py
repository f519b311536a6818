"""Django's Redis cache, keeping one client per connection pool.

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
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
