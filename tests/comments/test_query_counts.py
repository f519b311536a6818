"""An article page costs the same number of queries with 5 comments and with 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment

pytestmark = pytest.mark.django_db

ARTICLE_PAGE_BOUND = 16  # as tests/articles/test_query_counts.py explains


def add_comments(article, total):
    have = Comment.objects.filter(article=article).count()
    made = Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"Comment {n} with a link https://example.org/{n}",
            status=Comment.Status.APPROVED,
        )
        for n in range(have, total)
    )
    # Every fifth comment gets a reply, so threads are exercised too.
    Comment.objects.bulk_create(
        Comment(
            article=article,
            parent=parent,
            name="Replier",
            email="replier@example.org",
            body="A reply",
            status=Comment.Status.APPROVED,
        )
        for parent in made[::5]
    )


def test_article_page_queries_hold_from_5_to_500_comments(client, article):
    url = article.get_absolute_url()
    client.get("/")
    counts = {}
    for size in (5, 500):
        add_comments(article, size)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts[size] = len(queries)
    assert counts[5] == counts[500]
    assert counts[500] <= ARTICLE_PAGE_BOUND


def test_a_reader_with_comments_awaiting_moderation_costs_one_query_more(
    client, article, post_comment
):
    """Their own comments come from one query, however many they and others posted."""
    client.get("/")
    counts = {}
    for size in (5, 500):
        add_comments(article, size)
        posted = post_comment(body=f"Waiting at {size}.", email=f"waiting{size}@example.org")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(posted["Location"])  # the last page of comments
        assert f"Waiting at {size}." in response.text
        counts[size] = len(queries)
    assert counts[5] == counts[500]
    assert counts[500] <= ARTICLE_PAGE_BOUND + 1


def test_comment_page_two_costs_no_more(client, article):
    add_comments(article, 120)
    client.get("/")
    with CaptureQueriesContext(connection) as first:
        client.get(article.get_absolute_url())
    with CaptureQueriesContext(connection) as second:
        client.get(f"{article.get_absolute_url()}?comments=2")
    assert len(second) == len(first)


def test_the_comments_are_read_from_the_articles_approved_rows_alone(client, article, settings):
    """A busy article with thousands in the moderation queue must not make the page join the
    whole comment table to check reply parents (57 ms a page on the bench's data)."""
    add_comments(article, 5)
    Comment.objects.bulk_create(
        Comment(article=article, name="Spammer", email="s@example.org", body=f"Spam {n}")
        for n in range(300)
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert "Comment 4 with a link" in response.text
    assert "Spam 1" not in response.text
    (read,) = [q["sql"] for q in queries if 'FROM "comments_comment"' in q["sql"]]
    assert "JOIN" not in read
    assert '"comments_comment"."status" = \'approved\'' in read


def test_the_report_page_costs_the_same_under_5_and_500_comments(client, article):
    counts = {}
    for size in (5, 500):
        add_comments(article, size)
        last = Comment.objects.filter(article=article, parent=None).latest("pk")
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("comments:report", args=[last.pk]))
        assert "Report a comment" in response.text
        counts[size] = len(queries)
    assert counts[5] == counts[500] <= 2  # the comment, and which page of comments it is on
