"""A bare Django project: the yardstick every `make bench` figure is divided by.

It shares nothing with the site: no apps, no database, no templates, and only
CommonMiddleware, so it shows what Django itself serves on this machine in the same run.
"""

SECRET_KEY = "bench-bare-project-not-secret"  # noqa: S105 (never served outside the bench)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.bare.urls"
INSTALLED_APPS = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
DATABASES = {}
USE_TZ = True
