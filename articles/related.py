"""Related reading under an article: editors' picks, then shared topics, then the section."""

import functools
from datetime import UTC, datetime

from django.db.models import Count, F, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.prepared import SAMPLE_TIMES, InArray, PreparedQuery

from .models import Article, as_links

RELATED_COUNT = 4
# Shared topics are weighed among this many of the newest public pieces, so that the cost
# stays the same however large the archive and however common the topic.
TOPIC_POOL = 300
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)  # the pool's start while it is not yet full


def related_articles(article, limit=RELATED_COUNT):
    """Up to `limit` public pieces in at most three queries, each only if still needed.

    Expects the article's topics to be loaded, as the article page does; when it also says
    whether editors picked any (`has_related_picks`), none are looked for if they did not.
    """
    queries = _related_queries(limit)
    at = timezone.now()
    chosen = []

    def add(query, **values):
        found = query.objects(at=at, excluded=[article.pk, *(a.pk for a in chosen)], **values)
        chosen.extend(found[: limit - len(chosen)])

    if getattr(article, "has_related_picks", True):
        add(queries.picks, article=article.pk)
    tag_ids = [tag.pk for tag in article.topics]
    if len(chosen) < limit and tag_ids:
        add(queries.shared_topics, tags=tag_ids)
    if len(chosen) < limit:
        add(queries.same_section, section=article.section_id)
    return chosen


def _public(at, excluded):
    return Article.objects.published(at).exclude(InArray(F("pk"), excluded))


def _picks(at, excluded, article, limit):
    return _public(at, excluded).filter(related_from=article).newest_first()[:limit]


def _shared_topics(at, excluded, tags, limit):
    # The pool as a time range, from the publish time of its oldest piece: PostgreSQL reads
    # it off the publish-time index with the rows, rather than matching a list of ids.
    # (The order needs no tie-break by id: whichever tied piece comes 300th, its time is the
    # same, and the index gives this order without a sort.)
    oldest_in_pool = Article.objects.published(at).order_by("-publish_at").values("publish_at")
    pool_starts = Coalesce(Subquery(oldest_in_pool[TOPIC_POOL - 1 : TOPIC_POOL]), Value(EARLIEST))
    return (
        _public(at, excluded)
        .filter(InArray(F("tags"), tags), publish_at__gte=pool_starts)
        .annotate(shared_tags=Count("pk"))
        .order_by("-shared_tags", "-publish_at", "-pk")[:limit]
    )


def _same_section(at, excluded, section, limit):
    return _public(at, excluded).filter(section=section).newest_first()[:limit]


class _RelatedQueries:
    """Asked on every article page, so prepared (articles/prepared.py); each fetches up to `limit`
    rows, and as many as are still wanted are kept."""

    def __init__(self, limit):
        excluded = ([1], [2, 3])

        def prepared(query, plan_once=False, **samples):
            return PreparedQuery(
                lambda **values: as_links(query(limit=limit, **values)),
                plan_once=plan_once,
                at=SAMPLE_TIMES,
                excluded=excluded,
                **samples,
            )

        self.picks = prepared(_picks, article=(1, 2))
        # PostgreSQL's one plan for it suits any topics, but it cannot tell from the array of
        # topics, and would plan it again on every page (articles/prepared.py, plan_once).
        self.shared_topics = prepared(_shared_topics, plan_once=True, tags=([1], [2, 3]))
        self.same_section = prepared(_same_section, section=(1, 2))


@functools.cache
def _related_queries(limit):
    return _RelatedQueries(limit)
