"""Moderators see an article's whole thread, in every status, in one page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import PREMODERATED, Comment

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def thread_url(article):
    return f"/admin/comments/comment/article/{article.pk}/thread/"


def test_the_thread_shows_every_comment_with_its_status_in_order(client, moderator, article):
    top = CommentFactory(article=article, name="Sam Reid", body="First thoughts")
    CommentFactory(
        article=article,
        parent=top,
        name="Jo Rivers",
        body="A held reply",
        status=Comment.Status.PENDING,
        held_reason="",
    )
    CommentFactory(article=article, body="Turned away", status=Comment.Status.SPAM)
    CommentFactory(body="On another article")
    client.force_login(moderator)
    change = client.get(f"/admin/comments/comment/{top.pk}/change/").text
    assert "See the whole thread" in change
    text = client.get(thread_url(article)).text
    assert f"Comments on “{article.title}”" in text
    assert "3 comments in every status" in text
    assert text.index("First thoughts") < text.index("A held reply") < text.index("Turned away")
    assert "Awaiting moderation" in text and "Spam" in text and "Approved" in text
    assert f"Held reason: {PREMODERATED}" in text
    assert "On another article" not in text


def test_staff_who_may_view_comments_see_the_thread(client, writer, article):
    CommentFactory(article=article, body="Visible to the desk")
    client.force_login(writer)
    assert "Visible to the desk" in client.get(thread_url(article)).text


def test_the_thread_costs_the_same_with_5_and_100_comments(client, moderator, article):
    client.force_login(moderator)
    counts = {}
    for size in (5, 100):
        while Comment.objects.count() < size:
            top = CommentFactory(article=article, moderated_by=moderator)
            CommentFactory(article=article, parent=top, status=Comment.Status.PENDING)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(thread_url(article))
        assert response.status_code == 200
        counts[size] = len(queries)
    assert counts[5] == counts[100]
