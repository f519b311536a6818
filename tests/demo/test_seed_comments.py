"""seed_comments: comments written for their article, in varied numbers, never repeated."""

import io
import re
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from comments.models import Comment
from demo.content import ARTICLES, COMMENTS
from tests.factories import ArticleFactory, DraftFactory

pytestmark = pytest.mark.django_db

# Words too common to show that a comment was written for one article.
COMMON = {"about", "after", "their", "there", "these", "where", "which", "would", "should"}


def words(text):
    return {w for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in COMMON}


@pytest.fixture
def demo_articles():
    """The demo articles as plain factory articles: seed_comments needs only their slugs
    and words, not their pictures."""
    now = timezone.now()
    return {
        slugify(data["title"])[:200]: ArticleFactory(
            title=data["title"],
            slug=slugify(data["title"])[:200],
            standfirst=data["standfirst"],
            body=data["body"],
            publish_at=now - timedelta(days=data["days_ago"], hours=2),
            comments_open=data.get("comments_open", True),
        )
        for data in ARTICLES
    }


def seed():
    call_command("seed_comments", stdout=io.StringIO())


def test_demo_articles_get_varied_numbers_of_comments_including_none(demo_articles):
    seed()
    counts = Counter(Comment.objects.values_list("article__slug", flat=True))
    per_article = [counts[slug] for slug in demo_articles]
    assert per_article.count(0) >= 5
    assert any(n in (1, 2) for n in per_article)
    assert sum(5 <= n <= 8 for n in per_article) >= 3
    assert max(per_article) <= 8
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.APPROVED}


def test_no_two_demo_comments_say_the_same_thing(demo_articles):
    seed()
    bodies = list(Comment.objects.values_list("body", flat=True))
    assert len(bodies) == len(set(bodies)) > 50


def test_every_comment_speaks_of_its_own_article(demo_articles):
    assert set(COMMENTS) <= set(demo_articles)
    seed()
    for comment in Comment.objects.select_related("article"):
        article = comment.article
        story = f"{article.title} {article.standfirst} {article.body}"
        shared = words(comment.body) & words(story)
        assert shared, f"{comment.body!r} says nothing of {article.title!r}"


def test_articles_closed_to_comments_get_none(demo_articles):
    seed()
    closed = [slugify(a["title"])[:200] for a in ARTICLES if not a.get("comments_open", True)]
    assert closed
    assert not Comment.objects.filter(article__slug__in=closed).exists()


def test_comments_come_after_their_article_and_replies_after_what_they_answer(demo_articles):
    fresh = demo_articles["another-framework-spare-us-the-laminated-posters"]
    fresh.publish_at = timezone.now() - timedelta(minutes=30)  # less than its threads span
    fresh.save()
    seed()
    now = timezone.now()
    for comment in Comment.objects.select_related("article", "parent"):
        assert comment.article.publish_at < comment.created_at <= now
        if comment.parent:
            assert comment.parent.created_at < comment.created_at


def test_seed_comments_adds_nothing_when_run_again(demo_articles):
    seed()
    before = Comment.objects.count()
    out = io.StringIO()
    call_command("seed_comments", stdout=out)
    assert Comment.objects.count() == before
    assert "already in place" in out.getvalue()


def test_seeded_comments_show_on_their_article(client, demo_articles):
    seed()
    article = demo_articles["retention-starts-on-the-first-night-shift"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert "We pair every newly qualified nurse with a named senior" in page
    assert "Preceptorship lead" in page


def test_benchmark_volume_spreads_stock_comments_and_is_idempotent(client):
    articles = [ArticleFactory() for _ in range(4)]
    draft = DraftFactory()
    call_command("seed_comments", comments=10, per_article=3, stdout=io.StringIO())
    assert Comment.objects.filter(status="approved").count() == 10
    assert not Comment.objects.filter(article=draft).exists()
    assert max(a.comments.count() for a in articles) == 3
    call_command("seed_comments", comments=10, per_article=3, stdout=io.StringIO())
    assert Comment.objects.count() == 10
    busiest = max(articles, key=lambda a: a.comments.count())
    thread = list(busiest.comments.values_list("body", flat=True))
    assert len(thread) == len(set(thread))
    assert "3 comments" in client.get(busiest.get_absolute_url()).content.decode()
