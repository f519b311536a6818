"""Settings for NHE newsroom, read from environment variables with safe defaults."""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django_prose_editor.config import html_tags
from js_asset import static_lazy
from pythonjsonlogger.core import RESERVED_ATTRS

from nhe.middleware import static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "insecure-local-development-key-not-for-production"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set ALLOWED_HOSTS to the site's host names, e.g. ALLOWED_HOSTS=www.example.org "
        "(or DEBUG=1 for local development)."
    )
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "nhe.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "nhe.apps.SiteAddressConfig",
    "nhe.apps.SitePagesConfig",
    "django.contrib.sitemaps",
    "nhe.apps.RedirectsConfig",
    "django.contrib.humanize",
    "nhe.apps.TopicsConfig",
    "nhe.apps.TwoFactorConfig",
    "nhe.apps.AuthenticatorAppsConfig",
    "nhe.apps.RecoveryCodesConfig",
    "nhe.apps.SignInLockoutsConfig",
    "django_ratelimit",
    "nhe",
    "simple_history",
    "django_prose_editor",
    "nhe.apps.BackgroundTasksConfig",
    "articles",
    "comments",
    "columnists",
    "newsletter",
    "demo",
]

MIDDLEWARE = [
    # First, so that every log line of a request carries its id and its time counts whole.
    "nhe.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "nhe.middleware.PermissionsPolicyMiddleware",
    "nhe.middleware.ConditionalGetMiddleware",
    # Above WhiteNoise, so that static files get the site's policy too.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "nhe.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nhe.urls"
WSGI_APPLICATION = "nhe.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "nhe.context_processors.site",
                "articles.context_processors.content_generation",
            ],
        },
    },
]

VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

if "DATABASE_URL" not in env:
    # The embedded default, so that a newcomer can start the site with one command.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'nhe.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Page queries take a millisecond or two; starting parallel workers for them costs more
    # than it saves (seen in bench/), so a web request's queries stay in one process.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={env.int('PG_PARALLEL_WORKERS', default=0)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default" holds copies that can be made again (pages, fragments, query results) and may
# evict them under memory pressure; "counters" holds what eviction must never drop: rate
# limits and read counts. In production point them at two Redis instances (or databases of
# an instance) configured as deploy/redis-cache.conf and deploy/redis-counters.conf say.
# Without CACHE_URL: per process, except under DEBUG (`make run`), where the web server and
# the task worker must share the alert throttle: a folder in VAR_DIR. Counters are always
# shared, since the web server counts reads and the worker stores them: without CACHE_URL, a
# folder of their own in VAR_DIR (a file cache grown past its MAX_ENTRIES deletes a third of
# its folder, so never the page cache's).
_cache_url = env.str(
    "CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}" if DEBUG else "locmemcache://nhe"
)
_counters_url = _cache_url if "CACHE_URL" in env else f"filecache://{VAR_DIR / 'counters'}"
CACHES = {
    "default": env.cache_url_config(_cache_url),
    "counters": env.cache_url_config(env.str("COUNTERS_CACHE_URL", default=_counters_url)),
}
if CACHES["counters"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache":
    # Counters are never culled: a day's read counts are a few keys per article read.
    CACHES["counters"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 1_000_000)
for _cache in CACHES.values():
    if _cache["BACKEND"] == "django_redis.cache.RedisCache":
        # A Redis that is away, refusing or slow is a miss, never an error: pages render
        # uncached and forms still post. Each call waits at most these seconds for it.
        # After a failure, every call skips Redis for CACHE_BREAKER_SECONDS, then one probes
        # (nhe/cache.py): a page waits on one slow call at most, not on each in turn.
        _cache.setdefault("OPTIONS", {}).update(
            CLIENT_CLASS="nhe.cache.CircuitBreakerClient",
            IGNORE_EXCEPTIONS=True,
            SOCKET_CONNECT_TIMEOUT=env.float("CACHE_CONNECT_TIMEOUT", default=0.25),
            SOCKET_TIMEOUT=env.float("CACHE_TIMEOUT", default=0.5),
        )
CACHE_BREAKER_SECONDS = env.float("CACHE_BREAKER_SECONDS", default=5.0)
# The content generation lives in the database; the cache holds a copy, read again from the
# database after these seconds at the latest (articles/generation.py).
GENERATION_RECHECK_SECONDS = env.int("GENERATION_RECHECK_SECONDS", default=60)
# The breaker logs when Redis fails and when it answers again, not each call it skips.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
# How often read counts go from the counters cache to the database, and so how soon a read
# shows in "most read" (nhe/schedule.py); the block itself is cached for at most 5 minutes.
MOST_READ_FLUSH_SECONDS = env.int("MOST_READ_FLUSH_SECONDS", default=60 if DEBUG else 300)
# Whole pages for anonymous readers are kept this long in the cache above (nhe/pagecache.py),
# and proxies and CDNs may keep them as long (s-maxage); publishing invalidates them at once.
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 300)
# Rendered blocks of public content ({% cache %}: the front page's layout, the blocks around an
# article, most read) and the article page's query results, kept for the current content
# generation; 0 turns them off.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=0 if DEBUG else 3600)
# How long nginx's microcache keeps a public page (X-Accel-Expires), in seconds: also how
# long nginx may still serve a page after it is taken down (it serves no expired copy).
PROXY_MICROCACHE_SECONDS = env.int("PROXY_MICROCACHE_SECONDS", default=5)
# A CDN in front keeps pages for s-maxage: name a callable (dotted path) to be called with
# the full URLs of a piece once its takedown commits, to purge them (articles/takedowns.py).
CDN_PURGE_HOOK = env.str("CDN_PURGE_HOOK", default="")
# /healthz reports the task queue (nhe/health.py); a callable (dotted path) may check it.
HEALTHZ_TASK_QUEUE_CHECK = env.str("HEALTHZ_TASK_QUEUE_CHECK", default="")

# Admin sign-in. django-axes counts failed logins per (username, client IP) pair and locks
# that pair out for AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT failures; one attacker
# cannot lock an editor out from everywhere. The client IP is REMOTE_ADDR unless
# TRUSTED_PROXY_COUNT says how many proxies of ours append to X-Forwarded-For, so a forged
# header cannot dodge the count (articles.visitors.client_ip, through django-ipware).
AUTHENTICATION_BACKENDS = [
    "nhe.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "articles.visitors.client_ip"
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_VERBOSE = False
# How many proxies of ours append to X-Forwarded-For; 0 trusts only REMOTE_ADDR. Every
# rule that counts by client IP (logins, comments, pitches) uses articles.visitors.client_ip.
# Behind the shipped nginx it is 1: deploy/gunicorn.conf.py sets that unless told otherwise.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Rate limits (comments, reports, pitches) count in the "counters" cache through
# django-ratelimit; its "ip" key is the address above (IPv6 addresses by their /64). While
# the cache is away nothing can be counted and the attempt is let through: a reader's post
# is worth more than a spammer's few extra tries, which moderation and the honeypot catch.
RATELIMIT_IP_META_KEY = "articles.visitors.client_ip"
RATELIMIT_FAIL_OPEN = True
RATELIMIT_USE_CACHE = "counters"

# Two-factor sign-in (TOTP through django-otp) for everyone who uses the admin: required
# unless DEBUG, where `make run` keeps the demo login simple. Recovery: README, "Admin
# sign-in".
ADMIN_REQUIRE_OTP = env.bool("ADMIN_REQUIRE_OTP", default=not DEBUG)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="NHE newsroom")
# Staff accounts (nhe/staff.py): an invitation link works once, for this many days; a
# password reset link once, for this many hours (and asks for the second factor too).
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_HOURS", default=24) * 60 * 60
# Authenticator secrets are shown once, by setup_two_factor, never in the admin (whose
# device pages also answered 500 for a device that does not exist).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
FORMAT_MODULE_PATH = ["nhe.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]

# The article body's pictures from the library and YouTube/Vimeo videos, as editor nodes
# (articles/static/articles/body_media.js); articles/sanitise.py decides what is stored.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("articles/body_media.js")],
        "extensions": {
            "BodyImage": html_tags(
                ["figure", "figcaption"], {"figure": ["data-image", "data-alt", "data-credit"]}
            ),
            "BodyVideo": html_tags(["div"], {"div": ["data-embed", "data-id", "data-title"]}),
        },
    }
]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Media on local disk by default; on S3-compatible storage (AWS, MinIO, Ceph...) with
# MEDIA_STORAGE=s3, so that every app process sees the same files.
if env.str("MEDIA_STORAGE", default="local") == "s3":
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "access_key": env.str("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default=None),
            "custom_domain": env.str("S3_CUSTOM_DOMAIN", default=None),
            "location": env.str("S3_LOCATION", default="media"),
            # Public pictures: plain URLs a CDN can cache, objects readable by anyone.
            "querystring_auth": False,
            "default_acl": env.str("S3_DEFAULT_ACL", default=None),
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=604800"},
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_storage,
    # Pitch uploads (columnists/storage.py): never public, on local disk.
    "private": {"BACKEND": "columnists.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Files answered at the site's root by WhiteNoise, before any page or cache: /favicon.ico, for
# browsers and readers that ask for it without reading a page's icon links.
WHITENOISE_ROOT = BASE_DIR / "nhe" / "public"

# Uploaded images: what we accept and how large.
IMAGE_MAX_UPLOAD_BYTES = env.int("IMAGE_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=40_000_000)
FILE_UPLOAD_PERMISSIONS = 0o640

# Files people send us privately (pitch writing samples and headshots): kept outside
# MEDIA_ROOT, never given a public address, and downloaded by staff through the admin.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))

# Background work (emails, periodic jobs) runs on Django's Tasks framework. "database" keeps
# the queue in the database, for `manage.py db_worker` to run (django-tasks-db); "immediate"
# runs each task at once in the process that enqueues it, with no retries (tests).
_task_backends = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
if TASKS_BACKEND not in _task_backends:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_task_backends)}.")
TASKS = {"default": {"BACKEND": _task_backends[TASKS_BACKEND]}}
# Seconds to wait before each retry of a failed email; after the last, it is given up (logged).
TASKS_RETRY_DELAYS = env.list("TASKS_RETRY_DELAYS", cast=int, default=[60, 300, 1800, 7200])
# `manage.py run_scheduler` enqueues the daily backup only when this is on (nhe/schedule.py).
SCHEDULE_BACKUPS = env.bool("SCHEDULE_BACKUPS", default=False)

# Backups (nhe/backup.py): where `make backup` writes, the age secret key that encrypts them
# (empty: not encrypted; lose the key and its backups are lost), and how long they are kept.
BACKUP_ROOT = Path(env.str("BACKUP_ROOT", default=str(VAR_DIR / "backups")))
BACKUP_ENCRYPTION_KEY = env.str("BACKUP_ENCRYPTION_KEY", default="")
BACKUP_KEEP_DAYS = env.int("BACKUP_KEEP_DAYS", default=7)
BACKUP_KEEP_WEEKS = env.int("BACKUP_KEEP_WEEKS", default=4)

# Columnist pitches.
PITCH_EDITORS_EMAIL = env.list("PITCH_EDITORS_EMAIL", default=["editors@localhost"])
PITCH_RESPONSE_DAYS = env.int("PITCH_RESPONSE_DAYS", default=21)
PITCH_RETENTION_MONTHS = env.int("PITCH_RETENTION_MONTHS", default=12)
PITCH_SAMPLE_MAX_BYTES = env.int("PITCH_SAMPLE_MAX_BYTES", default=10 * 1024 * 1024)
PITCH_HEADSHOT_MAX_BYTES = env.int("PITCH_HEADSHOT_MAX_BYTES", default=5 * 1024 * 1024)
PITCH_RATE_LIMIT = env.int("PITCH_RATE_LIMIT", default=10)  # submissions per IP ...
PITCH_RATE_WINDOW = env.int("PITCH_RATE_WINDOW", default=3600)  # ... per this many seconds
PITCH_MIN_FILL_SECONDS = env.int("PITCH_MIN_FILL_SECONDS", default=3)

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 or consolemail:// (default).
_email = env.email_url("EMAIL_URL", default="consolemail://")
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": {
            key.removeprefix("EMAIL_")
            .lower()
            .replace("host_user", "username")
            .replace("host_password", "password"): value
            for key, value in _email.items()
            if key
            in {
                "EMAIL_HOST",
                "EMAIL_PORT",
                "EMAIL_HOST_USER",
                "EMAIL_HOST_PASSWORD",
                "EMAIL_USE_TLS",
                "EMAIL_USE_SSL",
                "EMAIL_TIMEOUT",
            }
            and value not in ("", None)
        }
        if "smtp" in _email["EMAIL_BACKEND"]
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="NHE newsroom <newsroom@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Site admins", a) for a in env.list("ADMIN_EMAILS", default=[])]

SITE_NAME = env.str("SITE_NAME", default="National Health Executive")
# The addresses readers are given on the site's pages (Contact, Advertise, Privacy notice,
# Accessibility statement) and in the comment form's privacy note.
NEWSROOM_EMAIL = env.str("NEWSROOM_EMAIL", default="newsroom@nhe.example")
ADVERTISING_EMAIL = env.str("ADVERTISING_EMAIL", default="advertising@nhe.example")
PRIVACY_EMAIL = env.str("PRIVACY_EMAIL", default="privacy@nhe.example")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# A strict Content-Security-Policy: default-src 'none', then only what the pages use. Our
# pages carry no inline script or style. JSON-LD and other data blocks
# (<script type="application/ld+json">) are not executed, so they need no nonce either.
# Caching whole pages (with the cache framework or a CDN) must never replay a nonce: the
# middleware puts a nonce in the header only when the template used `csp_nonce`, so a
# public page that never asks for one is cached with a nonce-free header and body, and
# both stay valid for every reader. A template that does need an inline script must not be
# cached whole (the admin, which uses nonces, is never cached); tests/nhe/test_headers.py
# checks that public pages carry no nonce.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *env.list("CSP_IMG_SOURCES", default=[])],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Static files served by WhiteNoise may not be framed either (nhe.middleware.static_file_headers).
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS. Outside DEBUG every plain-http request is redirected and browsers are told, by
# HSTS, to use https only. Behind a TLS-terminating proxy set TRUST_PROXY_SSL_HEADER=1 only
# if that proxy overwrites X-Forwarded-Proto; otherwise a client could claim https itself.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("TRUST_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    # Covering indexes serve PostgreSQL, the database of record; elsewhere their extra
    # columns are left out and the index still works on its key.
    SILENCED_SYSTEM_CHECKS.append("models.W040")
if CACHES[RATELIMIT_USE_CACHE]["BACKEND"] in {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.filebased.FileBasedCache",
}:
    # django-ratelimit refuses a per-process cache and one without atomic increments (E003,
    # and W001 for the same backends): counts could come out short. Those are the defaults
    # for tests and `make run`; production needs CACHE_URL (Redis), and with it both checks
    # hold again.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Logs go to standard error, one JSON object a line (time, level, logger, message,
# request_id, exc_info), or as plain text with LOG_FORMAT=text (the default with DEBUG).
# Every line written during a request carries its id, which the response's X-Request-ID
# header and our nginx's logs share (nhe/logs.py). Errors also go by email to ADMIN_EMAILS.
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING")
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
# Requests and database queries slower than these many milliseconds are logged (at WARNING,
# by nhe.slow_requests and nhe.slow_queries); the SQL without its parameters, the path
# without its query string. A negative value turns that log off.
SLOW_REQUEST_MS = env.int("SLOW_REQUEST_MS", default=1000)
SLOW_QUERY_MS = env.int("SLOW_QUERY_MS", default=200)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "nhe.logs.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "message", "request_id"],
            "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "exception"},
            "timestamp": "time",
            # Django's request log passes the request itself, whose text repeats the query.
            "reserved_attrs": [*RESERVED_ATTRS, "request", "server_time"],
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Django's own loggers write through the handler above too, not Django's plain one.
    "loggers": {"django": {"handlers": ["mail_admins"], "level": LOG_LEVEL}},
}

# Error reports to Sentry (or a server that speaks its protocol) when SENTRY_DSN is set; the
# SDK is not even imported otherwise. Emails and IP addresses are masked (nhe/error_reports.py).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="debug" if DEBUG else "production")
SENTRY_RELEASE = env.str("SENTRY_RELEASE", default="")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
if SENTRY_DSN:
    from nhe import error_reports

    error_reports.start(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        release=SENTRY_RELEASE,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )

# What other apps add to the article admin (articles/admin.py, ArticleAdmin explains how).
ARTICLE_ADMIN_EXTENSIONS = ["comments.admin.ArticleComments"]
# The article form keeps a draft copy of what its editor types (articles/autosave.py):
# this often while they type, and whenever the tab is hidden. The copy may be this large.
ARTICLE_AUTOSAVE_SECONDS = env.int("ARTICLE_AUTOSAVE_SECONDS", default=30)
ARTICLE_AUTOSAVE_MAX_BYTES = env.int("ARTICLE_AUTOSAVE_MAX_BYTES", default=1_000_000)

# Reader comments: the moderation policy and spam defence in comments/moderation.py read these.
COMMENTS_PREMODERATE = env.bool("COMMENTS_PREMODERATE", default=True)
COMMENTS_TRUST_APPROVED_EMAILS = env.bool("COMMENTS_TRUST_APPROVED_EMAILS", default=True)
COMMENTS_MAX_LINKS = env.int("COMMENTS_MAX_LINKS", default=2)
COMMENTS_MAX_LENGTH = env.int("COMMENTS_MAX_LENGTH", default=3000)
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=30)
COMMENTS_REPORT_THRESHOLD = env.int("COMMENTS_REPORT_THRESHOLD", default=3)
COMMENTS_PAGE_SIZE = env.int("COMMENTS_PAGE_SIZE", default=50)
COMMENTS_FORM_MIN_SECONDS = env.int("COMMENTS_FORM_MIN_SECONDS", default=3)
COMMENTS_FORM_MAX_AGE = env.int("COMMENTS_FORM_MAX_AGE", default=2 * 60 * 60)
# How long a reader's browser remembers the comments they posted or reported, to show them
# their comment awaiting moderation in its place (comments/own.py); pages are never cached
# for them meanwhile.
COMMENTS_OWN_COOKIE_SECONDS = env.int("COMMENTS_OWN_COOKIE_SECONDS", default=6 * 60 * 60)
# Attempts per window (seconds), counted in the shared cache: posts per IP, comments per
# email, reports per IP.
COMMENTS_RATE_PER_IP = env.int("COMMENTS_RATE_PER_IP", default=10)
COMMENTS_RATE_PER_EMAIL = env.int("COMMENTS_RATE_PER_EMAIL", default=5)
COMMENTS_RATE_REPORTS_PER_IP = env.int("COMMENTS_RATE_REPORTS_PER_IP", default=10)
COMMENTS_RATE_WINDOW = env.int("COMMENTS_RATE_WINDOW", default=10 * 60)
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts no header.
# Key for hashing IP addresses; empty derives one from SECRET_KEY.
COMMENTS_IP_HASH_KEY = env.str("COMMENTS_IP_HASH_KEY", default="")
COMMENTS_PURGE_AFTER_DAYS = env.int("COMMENTS_PURGE_AFTER_DAYS", default=30)
COMMENTS_ALERT_THROTTLE = env.int("COMMENTS_ALERT_THROTTLE", default=60 * 60)
COMMENTS_PRIVACY_CONTACT = env.str("COMMENTS_PRIVACY_CONTACT", default=PRIVACY_EMAIL)

# The daily bulletin (newsletter/). Its sender, how long a confirmation link lasts, the
# version of the consent wording the sign-up form shows (stored with each consent; change it
# when the wording changes), sign-ups per IP and per address in NEWSLETTER_RATE_WINDOW
# seconds, and how many messages a sending batch claims at once.
NEWSLETTER_FROM_EMAIL = env.str(
    "NEWSLETTER_FROM_EMAIL", default=f"{SITE_NAME} bulletin <bulletin@nhe.example>"
)
NEWSLETTER_CONFIRM_DAYS = env.int("NEWSLETTER_CONFIRM_DAYS", default=7)
NEWSLETTER_CONSENT_VERSION = env.str("NEWSLETTER_CONSENT_VERSION", default="2026-12")
NEWSLETTER_RATE_PER_IP = env.int("NEWSLETTER_RATE_PER_IP", default=10)
NEWSLETTER_RATE_PER_EMAIL = env.int("NEWSLETTER_RATE_PER_EMAIL", default=3)
NEWSLETTER_RATE_WINDOW = env.int("NEWSLETTER_RATE_WINDOW", default=60 * 60)
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=500)
# An issue still sending with no run on it and no batch claimed for this long is resumed
# by the scheduler (its worker died); what may have gone is never sent again.
NEWSLETTER_RESUME_AFTER_MINUTES = env.int("NEWSLETTER_RESUME_AFTER_MINUTES", default=15)
# Drafting: each weekday at NEWSLETTER_DAILY_DRAFT_AT (London time) the day's issue is drafted
# from what went public since the last one, and on Fridays the weekly digest too. Editors then
# schedule it in the admin, unless NEWSLETTER_AUTO_SEND schedules it for
# NEWSLETTER_DAILY_SEND_AT. The subjects take the top story's title as {title}.
NEWSLETTER_DAILY_DRAFT_AT = env.str("NEWSLETTER_DAILY_DRAFT_AT", default="06:00")
NEWSLETTER_DAILY_SEND_AT = env.str("NEWSLETTER_DAILY_SEND_AT", default="07:00")
NEWSLETTER_AUTO_SEND = env.bool("NEWSLETTER_AUTO_SEND", default=False)
NEWSLETTER_DAILY_SUBJECT = env.str(
    "NEWSLETTER_DAILY_SUBJECT", default="NHE daily bulletin: {title}"
)
NEWSLETTER_WEEKLY_SUBJECT = env.str(
    "NEWSLETTER_WEEKLY_SUBJECT", default="The week in the NHS: {title}"
)
# Who sends the bulletin, in its footer (PECR: a name and a postal address readers can reach),
# and an address for mail clients' mailto unsubscribe (empty: only the one-click link).
NEWSLETTER_SENDER_ADDRESS = env.str("NEWSLETTER_SENDER_ADDRESS", default="")
NEWSLETTER_UNSUBSCRIBE_MAILTO = env.str("NEWSLETTER_UNSUBSCRIBE_MAILTO", default="")
# A mailing provider instead of SMTP, through django-anymail: EMAIL_BACKEND names one of its
# backends (e.g. anymail.backends.postmark.EmailBackend) and replaces EMAIL_URL's; ANYMAIL_*
# variables are its settings without the prefix (ANYMAIL_POSTMARK_SERVER_TOKEN=...), and
# ANYMAIL_WEBHOOK_SECRET ("user:password") is the basic auth the provider's bounce and
# complaint webhooks (/newsletter/webhooks/<provider>/tracking/) must carry (README).
if env.str("EMAIL_BACKEND", default=""):
    MAILERS = {"default": {"BACKEND": env.str("EMAIL_BACKEND")}}
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_") and value
}
# The provider whose bounce and complaint webhook is routed: the one EMAIL_BACKEND names
# (anymail.backends.<provider>.EmailBackend), or none for plain SMTP.
NEWSLETTER_WEBHOOK_PROVIDER = env.str(
    "NEWSLETTER_WEBHOOK_PROVIDER",
    default=env.str("EMAIL_BACKEND", default="").removeprefix("anymail.backends.").split(".")[0]
    if env.str("EMAIL_BACKEND", default="").startswith("anymail.backends.")
    else "",
)
