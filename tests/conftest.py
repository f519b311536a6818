import importlib
import os

import pytest
import redis
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

# Property tests: no example database left in the work tree, no timing limits on a busy
# machine, and the same examples on every CI run (locally they vary and search further).
hypothesis_settings.register_profile(
    "nhe", database=None, deadline=None, derandomize=bool(os.environ.get("CI"))
)
hypothesis_settings.load_profile("nhe")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def default_sections():
    """The sections the data migration makes, again, for tests that flush the database."""
    from django.apps import apps

    migration = importlib.import_module("articles.migrations.0002_create_sections")
    migration.create_sections(apps, None)


@pytest.fixture
def moderator_group(db):
    """The Moderator group the comments data migration makes, again if a test flushed it."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    migration = importlib.import_module("comments.migrations.0002_moderator_group")
    migration.add_moderator_group(apps, None)
    return Group.objects.get(name=migration.GROUP)


@pytest.fixture
def default_roles():
    """The groups the roles migration makes, again, for tests that flush the database."""
    from django.apps import apps

    migration = importlib.import_module("articles.migrations.0004_create_roles")
    migration.create_roles(apps, None)


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


@pytest.fixture
def redis_url():
    """The real Redis server for tests of what crosses processes, emptied before and after.

    Required in CI; elsewhere its absence skips the test with the reason.
    """
    try:
        server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        server.flushdb()
    except redis.ConnectionError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis must answer at {REDIS_URL} in CI: {error}")
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    yield REDIS_URL
    server.flushdb()
