"""Moderators reply as NHE staff from the admin; the reply is published at once and marked."""

import pytest
from django.core import mail
from django.urls import reverse

from comments.models import Comment

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


def reply_url(comment):
    return f"{CHANGELIST}{comment.pk}/staff-reply/"


def test_a_moderator_replies_as_staff_and_readers_see_it_marked(
    client, moderator, article, django_capture_on_commit_callbacks
):
    moderator.first_name, moderator.last_name = "Ada", "Editor"
    moderator.save()
    comment = CommentFactory(article=article, name="Sam Reid", notify_replies=True)
    client.get(article.get_absolute_url())  # the page is cached before the reply
    client.force_login(moderator)
    change = client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert "Reply as NHE staff" in change
    form = client.get(reply_url(comment)).text
    assert 'value="Ada Editor"' in form

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reply_url(comment),
            {"name": "Ada Editor", "body": "Thanks, Sam: the figures are in the board papers."},
            follow=True,
        )
    assert "Your reply is published, marked as NHE staff." in response.text
    reply = Comment.objects.get(parent=comment)
    assert reply.status == Comment.Status.APPROVED
    assert reply.is_staff_reply
    assert reply.moderated_by == moderator

    client.logout()
    page = client.get(article.get_absolute_url()).text
    assert "Thanks, Sam: the figures are in the board papers." in page
    assert '<strong class="comment__staff">NHE staff</strong>' in page
    assert page.count("NHE staff</strong>") == 1  # the reader's own comment is not marked
    # The commenter asked to hear of replies.
    assert [m for m in mail.outbox if comment.email in m.to]


def test_a_staff_reply_to_a_reply_joins_the_same_thread(client, moderator):
    top = CommentFactory()
    answer = CommentFactory(article=top.article, parent=top)
    client.force_login(moderator)
    client.post(reply_url(answer), {"name": "NHE desk", "body": "Noted."})
    assert Comment.objects.get(is_staff_reply=True).parent == top


def test_a_staff_reply_needs_words(client, moderator):
    comment = CommentFactory()
    client.force_login(moderator)
    response = client.post(reply_url(comment), {"name": "NHE desk", "body": ""})
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Comment.objects.filter(is_staff_reply=True).exists()


def test_only_a_published_comment_gets_a_staff_reply(client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(moderator)
    assert "Reply as NHE staff" not in client.get(f"{CHANGELIST}{comment.pk}/change/").text
    response = client.post(reply_url(comment), {"name": "NHE desk", "body": "Hi"}, follow=True)
    assert "Only a published comment can have a staff reply." in response.text
    assert not Comment.objects.filter(is_staff_reply=True).exists()


def test_staff_who_may_not_moderate_cannot_reply_as_staff(client, writer):
    comment = CommentFactory()
    client.force_login(writer)
    assert "Reply as NHE staff" not in client.get(f"{CHANGELIST}{comment.pk}/change/").text
    response = client.post(reply_url(comment), {"name": "NHE desk", "body": "Hi"})
    assert response.status_code == 403
    assert not Comment.objects.filter(is_staff_reply=True).exists()


@pytest.mark.parametrize("name", ["NHE staff", "Jo (nhe  STAFF)", "ＮＨＥ Staff"])
def test_readers_cannot_call_themselves_nhe_staff(post_comment, name):
    response = post_comment(name=name)
    assert response.status_code == 200
    assert "Please use your own name: only NHE staff replies say so." in response.text
    assert not Comment.objects.exists()


def test_readers_are_not_offered_to_report_a_staff_reply(client, article):
    comment = CommentFactory(article=article, name="Sam Reid")
    staff = CommentFactory(
        article=article, parent=comment, name="Ada Editor", is_staff_reply=True, body="Noted."
    )
    page = client.get(article.get_absolute_url()).text
    assert 'Report<span class="visually-hidden"> this comment by Sam Reid' in page
    assert "this comment by Ada Editor" not in page
    assert reverse("comments:report", args=[staff.pk]) not in page
    # Nor by typing the address.
    assert client.get(reverse("comments:report", args=[staff.pk])).status_code == 404
