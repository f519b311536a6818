"""The generation of public content: one value that changes whenever what readers see does.

Anything that changes public pages sends `articles.signals.public_content_changed`; in the
same transaction the generation moves on (ContentGeneration, one row in the database, the
source of truth), so a change and its new generation commit together or not at all. Caches
of pages and of query results put the generation in their keys, so every process misses the
old entries at once, without deleting keys one by one. Scheduled and embargoed pieces go
public without a save, so a generation also records when the next one is due and ends by
itself then.

The cache keeps a copy of the row, so that a page needs no query for it. The copy is only
that: once a change commits it is dropped, and a process that may have missed that (its
cache was away when it made a change, or it lost the cache for a while) reads the database
again before it trusts any copy (`distrust_copy`). The copy is also read again from the
database after GENERATION_RECHECK_SECONDS, the bound for a change made and announced while
a cache was away from every process that would have heard it. So once a lost cache is back,
no page or fragment from before a change is served.

A takedown (see signals.py) also records that copies from before it must not stand in for a
page while it renders anew (`may_serve_stale`).
"""

import hashlib
import logging
import threading
import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.dispatch import Signal

# The key of the copy; the format changed with the database as the source of truth.
GENERATION_KEY = "pagecache:generation:v2"
DEFAULT_RECHECK_SECONDS = 60

# Sent after a generation has ended, for caches that keep copies of their own to drop them.
generation_ended = Signal()

logger = logging.getLogger(__name__)


# Set while this process must read the generation from the database before it trusts the
# cache's copy: a change of ours may not have reached the cache, or the cache may have
# missed changes. Cleared once the copy is seen to hold what the database says.
doubt = threading.Event()


def recheck_seconds():
    return getattr(settings, "GENERATION_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS)


def current():
    """The generation in force: a dict with its "id", its "number", when it is "due" to end
    (a Unix time or None), when it started ("since") and "clean_from" (see may_serve_stale)."""
    if not doubt.is_set():
        copy = cache.get(GENERATION_KEY)
        if copy is not None and _trustworthy(copy, time.time()):
            return copy
    return read_from_database()


def _trustworthy(copy, now):
    return now < copy["checked_at"] + recheck_seconds() and (
        copy["due"] is None or now < copy["due"]
    )


def read_from_database():
    """The generation as the database holds it, ended first if it is due; stored as the
    cache's copy."""
    from .models import ContentGeneration

    doubted = doubt.is_set()
    try:
        row = _row_in_force(ContentGeneration)
        generation = _as_dict(row)
        previous = cache.get(GENERATION_KEY) if doubted else None
        cache.set(GENERATION_KEY, generation, None)
        # A change that committed while we read may have dropped the copy before we stored
        # it; reading once more tells, and then the copy goes.
        again = _row_in_force(ContentGeneration)
    except DatabaseError:
        copy = cache.get(GENERATION_KEY)
        if copy is None:
            raise
        logger.warning("Database unreachable; trusting the cached page-cache generation")
        return copy
    if again.number != row.number:
        cache.delete(GENERATION_KEY)
        return _as_dict(again)
    if doubted and cache.get(GENERATION_KEY) == generation:
        doubt.clear()
        if previous is not None and previous["id"] != generation["id"]:
            # The cache had missed the end of a generation, and so may other processes.
            _announce_end()
    return generation


def _row_in_force(model):
    row = model.objects.in_force()
    now = time.time()
    if row.due is not None and row.due.timestamp() <= now:
        model.objects.end_if_due(row.number, now=datetime.fromtimestamp(now, UTC))
        row = model.objects.in_force()
    return row


def _as_dict(row):
    return {
        "id": f"{row.number}-{row.started_at.timestamp():.6f}",
        "number": row.number,
        "due": row.due.timestamp() if row.due else None,
        "since": row.started_at.timestamp(),
        "clean_from": row.clean_from,
        "checked_at": time.time(),
    }


def key(*parts):
    """A cache key that belongs to the current generation, for a result of public content.

    Parts may come from a visitor's URL: a long or odd one is hashed, so that every key
    stays short and printable, as every cache backend needs (memcached: 250 characters).
    """
    text = ":".join(map(str, parts))
    if len(text) > 100 or not text.isascii() or not text.isprintable() or " " in text:
        text = hashlib.sha256(text.encode()).hexdigest()
    return f"public:{current()['id']}:{text}"


def may_serve_stale(copy_generation, generation):
    """Whether a copy made in `copy_generation` (a number) may stand in for a page of
    `generation` while it renders anew: not if a takedown came in between."""
    return copy_generation is not None and copy_generation >= generation["clean_from"]


def distrust_copy():
    """Read the generation from the database before trusting the cache's copy again."""
    doubt.set()


def end(*, takedown=False):
    """End the generation in force, as part of the transaction that changes public content."""
    from .models import ContentGeneration

    ContentGeneration.objects.end(takedown=takedown)
    # robust: the change has committed; a cache that is away must not turn it into an error.
    transaction.on_commit(_after_commit, robust=True)


def _after_commit():
    # Until the copy is seen to be gone or renewed, the cache may not have heard of this.
    distrust_copy()
    cache.delete(GENERATION_KEY)
    _announce_end()


def _announce_end():
    for receiver, error in generation_ended.send_robust(sender=None):
        if isinstance(error, Exception):
            logger.warning(
                "After a new page-cache generation, %r failed",
                receiver,
                exc_info=(type(error), error, error.__traceback__),
            )


def end_with_change(sender, taken_down=(), **kwargs):
    """Receiver of public_content_changed."""
    end(takedown=bool(taken_down))
