"""The state of each dependency, for /healthz: what readers lose when one is away.

Only the database is needed to serve pages. A lost cache, media storage or task queue
degrades the site (uncached pages, missing pictures, delayed emails) but leaves it up, so
each reports "unavailable" and the whole "degraded". Each check is cheap: the cache one
skips Redis at once while its circuit breaker is open (nhe/cache.py); the storage one
writes and deletes a small file at most once a STORAGE_CHECK_SECONDS per process.
"""

import secrets
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.db import DatabaseError, connections
from django.dispatch import receiver
from django.utils.module_loading import import_string

OK = "ok"
UNAVAILABLE = "unavailable"
NOT_CONFIGURED = "not configured"
STORAGE_CHECK_SECONDS = 60
# Task backends that run in the web process itself, or not at all: no queue to report on.
IN_PROCESS_TASK_BACKENDS = {
    "django.tasks.backends.immediate.ImmediateBackend",
    "django.tasks.backends.dummy.DummyBackend",
}


def database():
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        forget_broken_connections()
        return UNAVAILABLE
    return OK


def forget_broken_connections():
    """Drop database connections that failed, so the next request opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()


def cache_state():
    """Whether the cache keeps what it is given; a Redis cache that is away answers a miss."""
    probe = secrets.token_hex(8)
    cache.set("healthz:probe", probe, 10)
    return OK if cache.get("healthz:probe") == probe else UNAVAILABLE


class StorageCheck:
    """Media storage (local disk or S3) takes a small file and gives it back, checked at
    most once a STORAGE_CHECK_SECONDS per process: on S3 each check is two requests."""

    def __init__(self):
        self.lock = threading.Lock()
        self.state = None
        self.checked_at = 0.0

    def __call__(self):
        with self.lock:
            now = time.monotonic()
            if self.state is None or now - self.checked_at >= STORAGE_CHECK_SECONDS:
                self.state = self.probe()
                self.checked_at = now
            return self.state

    @staticmethod
    def probe():
        try:
            name = default_storage.save(
                f"healthz/probe-{secrets.token_hex(8)}.txt", ContentFile(b"ok")
            )
            default_storage.delete(name)
        except Exception:
            return UNAVAILABLE
        return OK

    def forget(self):
        with self.lock:
            self.state = None


storage = StorageCheck()


@receiver(setting_changed)
def _check_storage_anew(*, setting, **kwargs):
    if setting in ("STORAGES", "MEDIA_ROOT"):
        storage.forget()


def task_queue():
    """The default task backend of settings.TASKS (Django's Tasks framework).

    "not configured" while tasks run in the web process (Django's default) or nowhere;
    otherwise whether the backend loads, and, if HEALTHZ_TASK_QUEUE_CHECK names a callable
    (a dotted path), what it answers: "ok", "unavailable", or an exception for unavailable.
    """
    backend = getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND")
    if not backend or backend in IN_PROCESS_TASK_BACKENDS:
        return NOT_CONFIGURED
    try:
        from django.tasks import task_backends

        task_backends["default"]
        check = getattr(settings, "HEALTHZ_TASK_QUEUE_CHECK", None)
        return import_string(check)() if check else OK
    except Exception:
        return UNAVAILABLE


def report():
    """({"status": ..., each dependency: its state}, whether pages can be served)."""
    states = {
        "database": database(),
        "cache": cache_state(),
        "storage": storage(),
        "tasks": task_queue(),
    }
    if states["database"] != OK:
        status = "error"
    elif UNAVAILABLE in states.values():
        status = "degraded"
    else:
        status = "ok"
    return {"status": status, **states}, states["database"] == OK
