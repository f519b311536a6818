from urllib.parse import urlsplit

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate


def sync_site(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Keep the Site row (used by sitemaps and feeds) on the domain SITE_URL names."""
    try:
        Site = apps.get_model("sites", "Site")
    except LookupError:
        return
    domain = urlsplit(settings.SITE_URL).netloc
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.SITE_NAME}
    )
    from django.contrib.sites.models import SITE_CACHE

    SITE_CACHE.clear()


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from django.urls import register_converter

        from . import (
            checks,  # noqa: F401  (registers the system checks)
            generation,
            search_index,
            takedowns,
        )
        from .converters import SignedTokenConverter
        from .signals import connect_public_models, public_content_changed

        # Registered here, before any app's URLs load: the comments app's URLs use it too.
        register_converter(SignedTokenConverter, "signed")

        connect_public_models()
        public_content_changed.connect(generation.end_with_change, dispatch_uid="generation")
        public_content_changed.connect(takedowns.purge_after_commit, dispatch_uid="cdn-purge")
        search_index.connect()
        post_migrate.connect(sync_site, sender=self)
