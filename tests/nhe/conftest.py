from urllib.parse import urlsplit

import pytest

from tests.nhe.redis_proxy import RedisRelay


@pytest.fixture
def relay(redis_url):
    """A relay in front of the test Redis that a test can make refuse or hang."""
    target = urlsplit(redis_url)
    relay = RedisRelay(target.hostname, target.port or 6379)
    yield relay
    relay.close()
