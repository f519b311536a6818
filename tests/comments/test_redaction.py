"""Moderators remove a passage from a comment; readers see "[removed by a moderator]" in its
place, and moderators alone see who removed what, when, and the comment as it was."""

import pytest
from django.core.management import call_command

from comments.models import REDACTED, Comment, Redaction

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"
BODY = "Dr Amir Khan on ward 9 got my mother's care wrong.\nThe trust must answer for it."


def redact_url(comment):
    return f"{CHANGELIST}{comment.pk}/redact/"


def test_a_moderator_redacts_a_passage_and_readers_see_the_marker(client, moderator, article):
    comment = CommentFactory(article=article, body=BODY)
    assert "Dr Amir Khan on ward 9" in client.get(article.get_absolute_url()).text  # cached
    client.force_login(moderator)
    assert "Redact part of it" in client.get(f"{CHANGELIST}{comment.pk}/change/").text
    response = client.post(
        redact_url(comment),
        {"passage": "Dr Amir Khan on ward 9", "note": "Names a clinician"},
        follow=True,
    )
    assert "The passage is removed" in response.text
    comment.refresh_from_db()
    assert comment.body == (
        f"{REDACTED} got my mother's care wrong.\nThe trust must answer for it."
    )

    client.logout()
    page = client.get(article.get_absolute_url()).text
    assert "[removed by a moderator] got my mother&#x27;s care wrong." in page
    assert "Amir Khan" not in page


def test_the_audit_trail_shows_who_when_and_what_to_moderators_only(client, moderator, writer):
    moderator.first_name, moderator.last_name = "Ada", "Editor"
    moderator.save()
    comment = CommentFactory(body=BODY)
    client.force_login(moderator)
    client.post(redact_url(comment), {"passage": "Dr Amir Khan", "note": "Names a clinician"})
    redaction = Redaction.objects.get()
    assert redaction.redacted_by == moderator
    assert redaction.body_before == BODY
    page = client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert "Redactions (moderators only)" in page
    assert "Removed by Ada Editor on" in page
    assert "Names a clinician" in page
    assert "Removed passage: <q>Dr Amir Khan</q>" in page
    assert "The comment before this redaction" in page

    client.force_login(writer)
    page = client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert "Amir Khan" not in page
    assert "Redactions (moderators only)" not in page


def test_words_not_in_the_comment_are_refused_and_nothing_changes(client, moderator):
    comment = CommentFactory(body=BODY)
    client.force_login(moderator)
    response = client.post(redact_url(comment), {"passage": "Dr Amir Kahn"})
    assert response.status_code == 200
    assert "Those words are not in the comment as written." in response.text
    comment.refresh_from_db()
    assert comment.body == BODY
    assert not Redaction.objects.exists()


def test_a_passage_across_lines_pasted_from_the_browser_is_found(client, moderator):
    comment = CommentFactory(body=BODY)
    client.force_login(moderator)
    client.post(redact_url(comment), {"passage": "care wrong.\r\nThe trust"})
    comment.refresh_from_db()
    assert comment.body == f"Dr Amir Khan on ward 9 got my mother's {REDACTED} must answer for it."


def test_staff_who_may_not_moderate_cannot_redact(client, writer):
    comment = CommentFactory(body=BODY)
    client.force_login(writer)
    assert client.post(redact_url(comment), {"passage": "Dr Amir Khan"}).status_code == 403
    assert Comment.objects.get().body == BODY


def test_erasing_a_readers_comments_erases_what_redactions_kept(client, moderator):
    comment = CommentFactory(body=BODY, email="me@example.org")
    CommentFactory(article=comment.article, parent=comment)  # a reply keeps a placeholder
    client.force_login(moderator)
    client.post(redact_url(comment), {"passage": "Dr Amir Khan"})
    call_command("comments_erase", "me@example.org", "--noinput", stdout=None)
    assert not Redaction.objects.exists()
    assert Comment.objects.get(pk=comment.pk).body == "[removed]"
