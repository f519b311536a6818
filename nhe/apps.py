from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    """The project package as an app: its management commands and the page cache."""

    name = "nhe"
    verbose_name = "NHE newsroom"
    default = True

    def ready(self):
        from articles.generation import generation_ended

        from . import pagecache

        generation_ended.connect(pagecache.announce, dispatch_uid="nhe:pagecache")


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """Django's admin, served by the newsroom's site (two-factor sign-in)."""

    default = False
    default_site = "nhe.admin_site.NewsroomAdminSite"
