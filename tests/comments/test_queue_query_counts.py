"""The moderators' queues cost the same number of queries with a few comments or many, of
every kind: on many articles, replies, moderated by several people, reported."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from tests.factories import ArticleFactory, SectionFactory

from .factories import CommentFactory, ReportFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")
REPORTED = reverse("admin:comments_reportedcomment_changelist")
BOUNDS = {
    "moderation list": 11,
    "pending only": 11,
    "reported queue": 10,
    "thread": 6,
}


def add_comments(article, size, moderators):
    """Until there are `size` threads: each on a new article in a new section (but the
    thread article's), with a held reply, a moderator, and reports on some."""
    while Comment.objects.filter(article=article, parent=None).count() < size:
        n = Comment.objects.count()
        elsewhere = ArticleFactory(section=SectionFactory())
        moderator = moderators[n % len(moderators)]
        for target in (article, elsewhere):
            top = CommentFactory(article=target, moderated_by=moderator, report_count=1)
            ReportFactory(comment=top, note=f"Note {n}")
            CommentFactory(
                article=target,
                parent=top,
                status=Comment.Status.PENDING,
                held_reason="Links to a website",
            )


def measure(client, article):
    pages = {
        "moderation list": QUEUE,
        "pending only": f"{QUEUE}?status__exact=pending",
        "reported queue": REPORTED,
        "thread": reverse("admin:comments_comment_thread", args=[article.pk]),
    }
    counts = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_the_moderation_pages_cost_the_same_with_3_and_40_threads(client, moderator):
    article = ArticleFactory(title="A busy thread")
    others = [
        get_user_model().objects.create_user(f"colleague{n}", is_staff=True) for n in range(3)
    ]
    client.force_login(moderator)
    counts = {}
    for size in (3, 40):
        add_comments(article, size, [moderator, *others])
        counts[size] = measure(client, article)
    assert counts[3] == counts[40]
    for name, bound in BOUNDS.items():
        assert counts[40][name] <= bound, (name, counts[40][name])


def test_the_thread_lists_every_comment_it_was_measured_with(client, moderator):
    article = ArticleFactory(title="A busy thread")
    add_comments(article, 4, [moderator])
    client.force_login(moderator)
    text = client.get(reverse("admin:comments_comment_thread", args=[article.pk])).text
    assert "8 comments in every status" in text
    assert text.count("Moderated by moderator") == 4
