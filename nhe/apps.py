from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.flatpages.apps import FlatPagesConfig
from django.contrib.redirects.apps import RedirectsConfig as RedirectsAppConfig
from django.contrib.sites.apps import SitesConfig
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig
from django_tasks_db.apps import TasksAppConfig
from taggit.apps import TaggitAppConfig


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


# The admin names each app by its verbose_name; libraries name theirs for developers
# ("AXES", "OTP_TOTP"), so the desk gives them the names editors know them by.


class SiteAddressConfig(SitesConfig):
    verbose_name = "Site address"


class SitePagesConfig(FlatPagesConfig):
    verbose_name = "Site pages (about, contact, terms)"


class RedirectsConfig(RedirectsAppConfig):
    verbose_name = "Redirects from old addresses"


class TopicsConfig(TaggitAppConfig):
    verbose_name = "Topics"


class TwoFactorConfig(AppConfig):
    name = "django_otp"
    verbose_name = "Two-factor sign-in"


class AuthenticatorAppsConfig(TotpConfig):
    verbose_name = "Two-factor sign-in: authenticator apps"


class RecoveryCodesConfig(StaticConfig):
    verbose_name = "Two-factor sign-in: recovery codes"


class SignInLockoutsConfig(AxesConfig):
    verbose_name = "Sign-in attempts and lockouts"


class BackgroundTasksConfig(TasksAppConfig):
    verbose_name = "Background tasks"
