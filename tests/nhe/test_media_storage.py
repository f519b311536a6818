"""Media storage is chosen by environment: local disk by default, S3-compatible on request."""

import os
import subprocess
import sys

from django.conf import settings


def settings_in_subprocess(extra_env, expression):
    env = {**os.environ, "SECRET_KEY": "x", **extra_env}
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    env["DJANGO_SETTINGS_MODULE"] = "nhe.settings"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    return result.stdout.strip()


def test_media_is_on_local_disk_by_default():
    backend = settings_in_subprocess({}, "settings.STORAGES['default']['BACKEND']")
    assert backend == "django.core.files.storage.FileSystemStorage"


def test_s3_storage_is_configured_from_the_environment():
    env = {
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": "nhe-media",
        "S3_ENDPOINT_URL": "https://objects.example.org",
        "S3_CUSTOM_DOMAIN": "media.example.org",
        "S3_ACCESS_KEY_ID": "key",
        "S3_SECRET_ACCESS_KEY": "secret",
    }
    url = settings_in_subprocess(
        env,
        "__import__('django.core.files.storage', fromlist=['default_storage'])"
        ".default_storage.url('images/2026/11/photo.jpg')",
    )
    assert url == "https://media.example.org/media/images/2026/11/photo.jpg"
    backend = settings_in_subprocess(env, "settings.STORAGES['default']['BACKEND']")
    assert backend == "storages.backends.s3.S3Storage"
