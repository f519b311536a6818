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
def default_roles():
    """The groups the roles migration makes, again, for tests that flush the database."""
    from django.apps import apps

    migration = importlib.import_module("articles.migrations.0004_create_roles")
    migration.create_roles(apps, None)
