"""Settings for the test suite: production settings, with test-only speed-ups."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-suite-only")
# Pages are rendered afresh in tests; tests/nhe/test_page_cache.py turns the cache on.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")
os.environ.setdefault("FRAGMENT_CACHE_SECONDS", "0")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="nhe-test-media-"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", tempfile.mkdtemp(prefix="nhe-test-private-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client and the browser tests speak plain http; HSTS and secure cookies stay on.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
# Admin tests sign in with force_login; tests/nhe/test_admin_sign_in.py turns this on.
os.environ.setdefault("ADMIN_REQUIRE_OTP", "0")
# Counters (rate limits, read counts) in the same memory as the cache, which each test empties.
os.environ.setdefault("COUNTERS_CACHE_URL", "locmemcache://nhe")
# Tasks run as they are enqueued; tests/nhe/test_worker.py runs the database queue's worker.
os.environ.setdefault("TASKS_BACKEND", "immediate")
# The mailing provider's webhooks are routed only with a secret (newsletter/urls.py).
os.environ.setdefault("ANYMAIL_WEBHOOK_SECRET", "postmark:a-long-webhook-secret")
os.environ.setdefault("NEWSLETTER_WEBHOOK_PROVIDER", "postmark")

from nhe.settings import *  # noqa: F403

# Templates refer to hashed static names only after collectstatic; tests skip that step.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
if os.environ.get("TEST_EMAIL_BACKEND"):
    # A worker process a test starts, with a mail server that fails (tests/nhe/test_worker.py).
    MAILERS = {"default": {"BACKEND": os.environ["TEST_EMAIL_BACKEND"]}}
elif os.environ.get("TEST_EMAIL_DIR"):
    # A worker process a test starts writes its mail where the test can read it.
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["TEST_EMAIL_DIR"]},
        }
    }
# Serve static files from the source folders, as `runserver` does, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
