"""Telling a CDN to drop what readers must no longer see.

When a public piece is taken down (signals.py: unpublished, embargoed, rescheduled or
deleted), the app stops serving it at once and nginx within its microcache seconds; a CDN
keeps its copies for s-maxage, and may serve them past that on an origin error
(stale-if-error). So once the takedown commits, the callable named by CDN_PURGE_HOOK (a
dotted path, e.g. to a function that calls the CDN's purge API) is called with the full
URLs where readers saw the piece, through the task queue (Django's Tasks framework, which
runs it at once without a queue backend). A failure is logged, never shown to the editor.
"""

import logging
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@task
def purge_from_cdn(urls):
    """Call CDN_PURGE_HOOK with the URLs to drop."""
    import_string(settings.CDN_PURGE_HOOK)(urls)


def purge_after_commit(sender, taken_down=(), **kwargs):
    """Receiver of public_content_changed: a takedown's URLs go to the CDN once it commits."""
    if not taken_down or not getattr(settings, "CDN_PURGE_HOOK", ""):
        return
    urls = [urljoin(settings.SITE_URL, path) for path in taken_down]
    transaction.on_commit(lambda: enqueue_purge(urls), robust=True)


def enqueue_purge(urls):
    try:
        purge_from_cdn.enqueue(urls)
    except Exception:
        logger.exception("Could not queue the CDN purge of %s", urls)
