"""Related reading under an article: editors' picks, then shared topics, then the section."""

from datetime import UTC, datetime

from django.db.models import Count, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

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
    public = Article.objects.published(timezone.now())
    chosen = []

    def add(articles):
        wanted = limit - len(chosen)
        others = articles.exclude(pk__in=[article.pk, *(a.pk for a in chosen)])
        chosen.extend(as_links(others)[:wanted])

    if getattr(article, "has_related_picks", True):
        add(public.filter(related_from=article).newest_first())
    tag_ids = [tag.pk for tag in article.topics]
    if len(chosen) < limit and tag_ids:
        add(_sharing_topics(public, tag_ids))
    if len(chosen) < limit:
        add(public.filter(section=article.section_id).newest_first())
    return chosen


def _sharing_topics(public, tag_ids):
    """Pieces among the newest TOPIC_POOL by how many of the topics they share, then newest."""
    # The pool as a time range, from the publish time of its oldest piece: PostgreSQL reads
    # it off the publish-time index with the rows, rather than matching a list of ids.
    oldest_in_pool = public.order_by("-publish_at").values("publish_at")
    pool_starts = Coalesce(Subquery(oldest_in_pool[TOPIC_POOL - 1 : TOPIC_POOL]), Value(EARLIEST))
    return (
        public.filter(tags__in=tag_ids, publish_at__gte=pool_starts)
        .annotate(shared_tags=Count("pk"))
        .order_by("-shared_tags", "-publish_at", "-pk")
    )
