"""What the article page reads, in a fixed number of queries whatever the archive's size."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch

from . import generation
from .models import Article, Byline, Correction, InterviewQuestion


def article_page(articles):
    """The articles with everything their page shows.

    Whether editors picked related reading, and whether the piece has corrections or
    interview turns, come in the same query: most pieces have none, and then
    related_articles(), `corrections_shown` and `interview_turns` spare a query for nothing.
    """
    article = OuterRef("pk")
    picks = Article.related.through.objects.filter(from_article=article)
    bylines = Byline.objects.select_related("author", "author__headshot")
    return (
        articles.select_related("section", "lead_image")
        .annotate(
            has_related_picks=Exists(picks),
            has_corrections=Exists(Correction.objects.filter(article=article)),
            has_questions=Exists(InterviewQuestion.objects.filter(article=article)),
        )
        .prefetch_related(
            Prefetch("bylines", queryset=bylines),
            "tags",
        )
    )


def public_article(slug):
    """The public article with this slug, ready for its page, or None.

    Kept in the cache for the current content generation, which every change to what the
    page shows ends (and a scheduled or embargoed piece's time to go public, too).
    """
    key = generation.key("article", slug)
    article = cache.get(key)
    if article is None:
        article = article_page(Article.objects.published()).filter(slug=slug).first()
        if article is not None:  # unknown addresses are not remembered: anyone can make them
            _ = article.body_html  # built now, so that its pictures are remembered with it
            cache.set(key, article, settings.FRAGMENT_CACHE_SECONDS)
    return article
