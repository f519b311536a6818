"""What the article page reads, in a fixed number of queries whatever the archive's size.

The page readers open most: its queries are prepared (articles/prepared.py), and the piece's
authors and topics are fetched by prepared queries of their own rather than by
prefetch_related(), whose queries are built and compiled again for every view.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone

from articles.prepared import SAMPLE_TIMES, PreparedQuery

from .models import Article, Byline, Correction, InterviewQuestion, in_topic_order


def article_page(articles):
    """The articles with everything their page shows, for previews and share links.

    The comment settings (the comments app's, one row or none) come in the same query: the
    page always asks whether comments are open. So do whether editors picked related
    reading, and whether the piece has corrections or interview turns: most pieces have
    none, and then related_articles(), `corrections_shown` and `interview_turns` spare a
    query for nothing.
    """
    return _with_flags(articles).prefetch_related(Prefetch("bylines", queryset=_bylines()), "tags")


def public_article(slug):
    """The public article with this slug, ready for its page, or None."""
    found = PUBLIC_ARTICLE.objects(at=timezone.now(), slug=slug)
    if not found:
        return None
    article = found[0]
    article.authors_in_order = [byline.author for byline in BYLINES.objects(article=article.pk)]
    article.topics = in_topic_order(TOPICS.objects(article=article.pk))
    return article


def _with_flags(articles):
    article = OuterRef("pk")
    picks = Article.related.through.objects.filter(from_article=article)
    return articles.select_related("section", "lead_image", "comment_settings").annotate(
        has_related_picks=Exists(picks),
        has_corrections=Exists(Correction.objects.filter(article=article)),
        has_questions=Exists(InterviewQuestion.objects.filter(article=article)),
    )


def _bylines():
    return Byline.objects.select_related("author", "author__headshot")


PUBLIC_ARTICLE = PreparedQuery(
    lambda at, slug: _with_flags(Article.objects.published(at)).filter(slug=slug),
    at=SAMPLE_TIMES,
    slug=("sample-slug", "another-sample"),
)
BYLINES = PreparedQuery(lambda article: _bylines().filter(article=article), article=(1, 2))
TOPICS = PreparedQuery(lambda article: Article(pk=article).tags.all(), article=(1, 2))
