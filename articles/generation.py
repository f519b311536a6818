"""The generation of public content: one value that changes whenever what readers see does.

Anything that changes public pages sends `articles.signals.public_content_changed`; once the
change commits, the generation ends and the next reader starts a new one. Caches of pages and
of query results put the generation in their keys, so every process misses the old entries
at once, without deleting keys one by one. Scheduled and embargoed pieces go public without a
save, so a generation also records when the next one is due and ends by itself then.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

GENERATION_KEY = "pagecache:generation"

# Sent after a generation has ended, for caches that keep copies of their own to drop them.
generation_ended = Signal()


def current():
    """The generation in force: a dict with its "id", when it is "due" to end (a Unix time or
    None) and when it started ("since"). Started anew when the cache holds none or it is due."""
    generation = cache.get(GENERATION_KEY)
    now = time.time()
    if generation is None:
        generation = {"id": f"{now:.6f}", "due": _next_change_at(), "since": now}
        # Processes that start a generation at the same moment all settle on the first.
        if not cache.add(GENERATION_KEY, generation, None):
            generation = cache.get(GENERATION_KEY) or generation
    elif generation["due"] is not None and now >= generation["due"]:
        generation = {"id": f"{now:.6f}", "due": _next_change_at(), "since": now}
        cache.set(GENERATION_KEY, generation, None)
    return generation


def key(*parts):
    """A cache key that belongs to the current generation, for a result of public content.

    Parts may come from a visitor's URL: a long or odd one is hashed, so that every key
    stays short and printable, as every cache backend needs (memcached: 250 characters).
    """
    text = ":".join(map(str, parts))
    if len(text) > 100 or not text.isascii() or not text.isprintable() or " " in text:
        text = hashlib.sha256(text.encode()).hexdigest()
    return f"public:{current()['id']}:{text}"


def end():
    cache.delete(GENERATION_KEY)
    # After the delete: a process told of this that asks again gets a new generation.
    generation_ended.send(sender=None)


def end_after_commit(**kwargs):
    """Receiver of public_content_changed: the generation ends once the change is committed."""
    transaction.on_commit(end)


def _next_change_at():
    """When the next scheduled or embargoed piece goes public, as a Unix time, or None."""
    from .models import Article

    moment = Article.objects.next_public_change()
    return moment.timestamp() if moment else None
