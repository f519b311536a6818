"""What the article page reads, in a fixed number of queries whatever the archive's size."""

from django.db.models import Exists, OuterRef, Prefetch

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
    """The public article with this slug, ready for its page, or None."""
    return article_page(Article.objects.published()).filter(slug=slug).first()
