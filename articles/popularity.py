"""Most read this week, counted without writing to the database on each page view.

A reader's browser reports each article it shows (articles/static/articles/read.js posts to
the `articles:read` view), so pages served by the page cache or by nginx count too. Each view
increments a per-day counter in the cache. The first view
of an article on a day also claims a numbered slot holding the article's id, so that
`flush_read_counts()` (run by the `flush_most_read` command, e.g. every few minutes) can
find the day's counters without scanning the cache. Day totals are written to ReadCount
as they stand, never lowered, so flushing twice is harmless. Counts must live in a cache
every process shares, and one that never evicts them: the "counters" cache (Redis through
COUNTERS_CACHE_URL, deploy/redis-counters.conf; a folder of its own in VAR_DIR under
`make run`), as the rate limit on reports does.
"""

import re
from contextlib import suppress
from datetime import timedelta

from django.core.cache import caches
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from . import visitors
from .models import Article, ReadCount, as_links

PREFIX = "most-read"
DAYS_IN_CACHE = 9  # a week, plus time for a late flush
WEEK = 7
BATCH = 1000
# However often a page is reloaded, or a script replays the report, one address counts this
# many views of one article at most (per client address: a hospital's readers share one).
READS_PER_ADDRESS = "10/10m"
NOT_A_READER = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|monitor|"
    r"headless|lighthouse|pingdom|uptime|curl|wget|python|httpx|aiohttp|go-http-client|"
    r"java/|okhttp|libwww|scrapy|feed|http_request|phantomjs|validator",
    re.IGNORECASE,
)


def counters():
    """The cache that never evicts (nhe/settings.py, CACHES["counters"])."""
    return caches["counters"]


def _count_key(day, article_id):
    return f"{PREFIX}:{day.isoformat()}:{article_id}"


def _slots_key(day):
    return f"{PREFIX}:{day.isoformat()}:slots"


def _slot_key(day, number):
    return f"{PREFIX}:{day.isoformat()}:slot:{number}"


def is_reader(request):
    """A person reading, as far as the request can tell: not a bot, feed reader or prefetch,
    nor a signed-in member of staff checking a page."""
    agent = request.headers.get("User-Agent", "")
    if not agent or NOT_A_READER.search(agent):
        return False
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_staff)


def _address(group, request):
    return visitors.client_ip(request)


def record_view(request, article_id):
    """Count one view of an article by a reader, in the cache only."""
    if not is_reader(request) or is_ratelimited(
        request,
        group=f"{PREFIX}:{article_id}",
        key=_address,
        rate=READS_PER_ADDRESS,
        increment=True,
    ):
        return
    day = timezone.localdate()
    timeout = DAYS_IN_CACHE * 24 * 3600
    store = counters()
    if store.add(_count_key(day, article_id), 1, timeout):
        store.add(_slots_key(day), 0, timeout)
        store.set(_slot_key(day, increment(store, _slots_key(day), timeout)), article_id, timeout)
        return
    with suppress(ValueError):  # expired between the two calls: this one view is lost
        increment(store, _count_key(day, article_id), timeout)


def increment(store, key, timeout):
    """store.incr(key), keeping the key for `timeout` seconds more.

    Redis keeps a key's expiry through an increment, but caches without an increment of their
    own (the file cache `make run` uses, the database cache) store the new value again with
    the cache's default timeout, five minutes unless configured: the day's slots and counts
    would vanish before the next flush found them.
    """
    value = store.incr(key)
    store.touch(key, timeout)
    return value


def counts_in_cache(day):
    """{article id: views} for one day, as the cache holds them now."""
    store = counters()
    slots = store.get(_slots_key(day)) or 0
    ids = set()
    for start in range(1, slots + 1, BATCH):
        keys = [_slot_key(day, n) for n in range(start, min(start + BATCH, slots + 1))]
        ids.update(store.get_many(keys).values())
    counts = {}
    ids = sorted(ids)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        found = store.get_many([_count_key(day, article_id) for article_id in chunk])
        for article_id in chunk:
            value = found.get(_count_key(day, article_id))
            if value:
                counts[article_id] = value
    return counts


def flush_read_counts(days=DAYS_IN_CACHE):
    """Write the cached day totals of the last `days` days to ReadCount; return rows written."""
    today = timezone.localdate()
    written = 0
    for offset in range(days):
        day = today - timedelta(days=offset)
        counts = counts_in_cache(day)
        if not counts:
            continue
        live = set(Article.objects.filter(pk__in=counts).values_list("pk", flat=True))
        stored = dict(
            ReadCount.objects.filter(day=day, article_id__in=live).values_list(
                "article_id", "count"
            )
        )
        rows = [
            ReadCount(article_id=article_id, day=day, count=max(count, stored.get(article_id, 0)))
            for article_id, count in counts.items()
            if article_id in live
        ]
        ReadCount.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["article", "day"],
            update_fields=["count"],
        )
        written += len(rows)
    return written


def forget_before(day):
    """Delete read counts older than `day`; return how many."""
    deleted, _ = ReadCount.objects.filter(day__lt=day).delete()
    return deleted


def most_read(limit=5, days=WEEK):
    """The public pieces read most over the last `days` days (today included), in one query.

    Each comes with its section, and no more than the list shows.
    """
    since = timezone.localdate() - timedelta(days=days - 1)
    return list(
        as_links(
            Article.objects.published()
            .filter(read_counts__day__gte=since)
            .annotate(reads=Sum("read_counts__count"))
            .order_by("-reads", "-publish_at", "-pk")
        )[:limit]
    )


def with_recent_reads(articles, days=WEEK):
    """`articles` with `recent_reads`: their reads over the last `days` days (today included),
    summed in the same query as the list."""
    since = timezone.localdate() - timedelta(days=days - 1)
    total = (
        ReadCount.objects.filter(article=OuterRef("pk"), day__gte=since)
        .order_by()
        .values("article")
        .annotate(total=Sum("count"))
        .values("total")
    )
    return articles.annotate(recent_reads=Coalesce(Subquery(total), 0))


def reads_by_day(article, days=30):
    """(day, reads) for each of the last `days` days, oldest first, days without reads as 0."""
    today = timezone.localdate()
    since = today - timedelta(days=days - 1)
    counted = dict(
        ReadCount.objects.filter(article=article, day__gte=since).values_list("day", "count")
    )
    return [(day, counted.get(day, 0)) for day in (since + timedelta(n) for n in range(days))]
