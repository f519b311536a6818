"""UK GDPR: hashed addresses, a copy of a reader's comments, erasure and retention."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments import moderation
from comments.models import REMOVED, Comment

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_the_address_is_stored_only_as_a_keyed_hash(post_comment):
    post_comment(client=Client(REMOTE_ADDR="198.51.100.23"))
    comment = Comment.objects.get()
    assert "198.51.100.23" not in comment.ip_hash
    assert len(comment.ip_hash) == 64
    assert comment.ip_hash == moderation.hash_ip("198.51.100.23")


def test_the_hash_depends_on_the_key(settings):
    first = moderation.hash_ip("198.51.100.23")
    settings.COMMENTS_IP_HASH_KEY = "another key"
    assert moderation.hash_ip("198.51.100.23") != first


def test_the_privacy_notice_says_what_is_kept_and_for_how_long(client, article, settings):
    settings.COMMENTS_PURGE_AFTER_DAYS = 30
    text = client.get(article.get_absolute_url()).text
    assert "How we use your details" in text
    assert "Your email address is never shown" in text
    assert "never the address itself" in text
    assert "deleted after 30 days" in text


def test_export_prints_every_comment_of_an_address_as_json(capsys):
    mine = CommentFactory(email="Me@Example.org", body="My words")
    CommentFactory(email="me@example.org", status=Comment.Status.REJECTED)
    CommentFactory(email="someone@example.org", body="Not mine")
    call_command("comments_export", "me@example.org")
    data = json.loads(capsys.readouterr().out)
    assert data["email"] == "me@example.org"
    assert len(data["comments"]) == 2
    first = data["comments"][0]
    assert first["id"] == mine.pk and first["body"] == "My words"
    assert first["article_url"].endswith(mine.article.get_absolute_url())


def test_erase_deletes_comments_nobody_replied_to():
    CommentFactory(email="me@example.org")
    kept = CommentFactory(email="other@example.org")
    call_command("comments_erase", "me@example.org", "--noinput", stdout=None)
    assert list(Comment.objects.all()) == [kept]


def test_erase_keeps_a_removed_placeholder_where_others_replied(client):
    mine = CommentFactory(email="me@example.org", name="Me", body="Original words")
    reply = CommentFactory(article=mine.article, parent=mine, body="A reply to keep")
    call_command("comments_erase", "me@example.org", "--noinput")
    mine.refresh_from_db()
    assert (mine.name, mine.body, mine.email, mine.ip_hash) == (REMOVED, REMOVED, "", "")
    text = client.get(mine.article.get_absolute_url()).text
    assert "Original words" not in text
    assert "A reply to keep" in text
    assert Comment.objects.filter(pk=reply.pk).exists()


def test_erase_deletes_a_readers_own_replies_under_their_own_comment():
    mine = CommentFactory(email="me@example.org")
    CommentFactory(article=mine.article, parent=mine, email="me@example.org")
    call_command("comments_erase", "me@example.org", "--noinput")
    assert not Comment.objects.exists()


def test_purge_deletes_rejected_and_spam_after_the_retention_period(settings):
    settings.COMMENTS_PURGE_AFTER_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    CommentFactory(status=Comment.Status.REJECTED, moderated_at=old, created_at=old)
    CommentFactory(status=Comment.Status.SPAM, created_at=old)
    recent = CommentFactory(
        status=Comment.Status.REJECTED, created_at=old, moderated_at=timezone.now()
    )
    approved = CommentFactory(created_at=old)
    pending = CommentFactory(status=Comment.Status.PENDING, created_at=old)
    call_command("comments_purge", verbosity=0)
    assert set(Comment.objects.all()) == {recent, approved, pending}
