from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    """The project package as an app: its management commands and the page cache."""

    name = "nhe"
    verbose_name = "NHE newsroom"
    default = True

    def ready(self):
        from articles.signals import public_content_changed

        from . import pagecache

        public_content_changed.connect(pagecache.invalidate, dispatch_uid="nhe:pagecache")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by the newsroom's site (two-factor sign-in)."""

    default = False
    default_site = "nhe.admin_site.NewsroomAdminSite"
