"""Stored picture files no record refers to any more (a replaced picture, crops made before
a new focal point, a deleted image), deleted once pages naming them have left every cache.

Pages are kept by CDNs for PAGE_CACHE_SECONDS (s-maxage) and by browsers for up to 60 s more
(max-age, then stale-while-revalidate): until then a cached page may still show an old file,
so it is kept that long, and deleted by the task queue afterwards.
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils import timezone

BROWSER_CACHE_SECONDS = 90


def kept_for():
    return timedelta(seconds=settings.PAGE_CACHE_SECONDS + BROWSER_CACHE_SECONDS)


@task
def delete_stored_files(names):
    """Delete stored files; one already gone is no error."""
    for name in names:
        default_storage.delete(name)


def delete_after_commit(names):
    """Delete `names` once the current transaction commits and cached pages have let go of
    them; at once where the task queue cannot wait (the immediate backend)."""
    names = list(names)

    def enqueue():
        if delete_stored_files.get_backend().supports_defer:
            later = delete_stored_files.using(run_after=timezone.now() + kept_for())
            later.enqueue(names)
        else:
            delete_stored_files.enqueue(names)

    transaction.on_commit(enqueue, robust=True)
