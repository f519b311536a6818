import importlib

import pytest
from django.core.cache import cache


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
