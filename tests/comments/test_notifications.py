"""Moderators hear about the queue; readers hear about approved replies if they asked."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from comments import notifications
from comments.models import Comment

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_the_first_comment_in_an_empty_queue_alerts_moderators(
    post_comment, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment()
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == ["moderator@nhe.example"]
    assert "waiting for moderation" in alert.subject
    assert "/admin/comments/comment/?status__exact=pending" in alert.body
    assert "priya.shah@example.org" not in alert.body


def test_no_alert_when_the_queue_already_had_comments(
    post_comment, moderator, django_capture_on_commit_callbacks
):
    CommentFactory(status=Comment.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment()
    assert mail.outbox == []


def test_alerts_are_throttled(post_comment, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(body="First")
    Comment.objects.update(status=Comment.Status.APPROVED)  # the queue is empty again
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(body="Second", client=Client(REMOTE_ADDR="192.0.2.1"))
    assert len(mail.outbox) == 1


def test_an_approved_comment_alerts_nobody(post_comment, moderator, settings):
    settings.COMMENTS_PREMODERATE = False
    post_comment()
    assert mail.outbox == []


def test_the_digest_lists_pending_comments_for_moderators(moderator, capsys):
    CommentFactory(status=Comment.Status.PENDING, name="Sam Reid", held_reason="Contains 3 links")
    CommentFactory(status=Comment.Status.PENDING)
    CommentFactory(status=Comment.Status.APPROVED, name="Already Done")
    call_command("comments_digest")
    assert "2 comments pending." in capsys.readouterr().out
    (digest,) = mail.outbox
    assert digest.subject.startswith("2 comments awaiting moderation")
    assert "Sam Reid" in digest.body and "Contains 3 links" in digest.body
    assert "Already Done" not in digest.body


def test_the_digest_is_silent_when_nothing_waits(moderator):
    CommentFactory()
    call_command("comments_digest", verbosity=0)
    assert mail.outbox == []


def test_an_approved_reply_emails_a_parent_who_asked_with_an_unsubscribe_link(
    client, moderator, django_capture_on_commit_callbacks
):
    parent = CommentFactory(notify_replies=True, email="asker@example.org", name="Ann Asker")
    reply = CommentFactory(
        article=parent.article, parent=parent, status="pending", name="Ben Reply", body="Agreed."
    )
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/comments/comment/", {"action": "approve", "_selected_action": [reply.pk]}
        )
    (notice,) = [m for m in mail.outbox if m.to == ["asker@example.org"]]
    assert "Ben Reply replied to your comment" in notice.subject
    assert "Agreed." in notice.body
    assert f"#comment-{reply.pk}" in notice.body
    unsubscribe = notice.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in notice.body
    path = unsubscribe.removeprefix("http://127.0.0.1:8000")
    assert "Stop these emails" in client.get(path).text
    assert "You are unsubscribed" in client.post(path).text
    parent.refresh_from_db()
    assert not parent.notify_replies


def test_no_reply_email_for_ones_own_reply():
    parent = CommentFactory(notify_replies=True, email="same@example.org")
    reply = CommentFactory(article=parent.article, parent=parent, email="SAME@example.org")
    assert not notifications.notify_parent_of_reply(reply)


def test_a_forged_unsubscribe_link_changes_nothing(client):
    parent = CommentFactory(notify_replies=True)
    response = client.post("/comments/unsubscribe/forged-token/")
    assert response.status_code == 404
    parent.refresh_from_db()
    assert parent.notify_replies


def test_unsubscribe_by_get_changes_nothing(client):
    parent = CommentFactory(notify_replies=True)
    client.get(f"/comments/unsubscribe/{notifications.unsubscribe_token(parent)}/")
    parent.refresh_from_db()
    assert parent.notify_replies


def test_a_reply_published_at_once_emails_the_parent_who_asked(
    post_comment, article, django_capture_on_commit_callbacks
):
    parent = CommentFactory(
        article=article, notify_replies=True, email="asker@example.org", status="approved"
    )
    CommentFactory(email="priya.shah@example.org", status="approved")  # a trusted author
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(reply_to=parent.pk)
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED
    assert [m.to for m in mail.outbox if "replied to your comment" in m.subject] == [
        ["asker@example.org"]
    ]
