"""Related reading under an article: editors' picks, then shared topics, then the section."""

from django.db.models import Count

from .models import Article

RELATED_COUNT = 4
# Shared topics are weighed among this many of the newest public pieces, so that the cost
# stays the same however large the archive and however common the topic.
TOPIC_POOL = 300


def related_articles(article, limit=RELATED_COUNT):
    """Up to `limit` public pieces in at most three queries, each only if still needed.

    Expects the article's tags to be prefetched, as the article page does; when it also says
    whether editors picked any (`has_related_picks`), none are looked for if they did not.
    """
    public = (
        Article.objects.published()
        .exclude(pk=article.pk)
        .select_related("section")
        .only("title", "slug", "publish_at", "section__slug", "section__name")
    )
    chosen = []
    if getattr(article, "has_related_picks", True):
        chosen = list(public.filter(related_from=article).newest_first()[:limit])
    tag_ids = [tag.pk for tag in article.tags.all()]
    if len(chosen) < limit and tag_ids:
        pool = Article.objects.published().newest_first().values("pk")[:TOPIC_POOL]
        chosen += list(
            public.filter(pk__in=pool, tags__in=tag_ids)
            .exclude(pk__in=[a.pk for a in chosen])
            .annotate(shared_tags=Count("pk"))
            .order_by("-shared_tags", "-publish_at", "-pk")[: limit - len(chosen)]
        )
    if len(chosen) < limit:
        chosen += list(
            public.filter(section=article.section_id)
            .exclude(pk__in=[a.pk for a in chosen])
            .newest_first()[: limit - len(chosen)]
        )
    return chosen
