"""Moderators block a commenter for a while, by email address and hashed network address;
a blocked poster is refused politely with their words kept, and the block lapses."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from comments.models import Comment, CommenterBlock
from comments.moderation import hash_ip

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"
BLOCKS = "/admin/comments/commenterblock/"
REFUSAL = "Sorry, we are not accepting comments from you at the moment."


@pytest.fixture(autouse=True)
def _published_at_once(settings):
    settings.COMMENTS_PREMODERATE = False


def block(client, comment, days="30", note="Repeated abuse", by_network=True):
    data = {"days": days, "note": note}
    if by_network:
        data["by_network"] = "on"
    return client.post(f"{CHANGELIST}{comment.pk}/block/", data, follow=True)


def test_a_moderator_blocks_a_commenter_from_the_comment_page(client, moderator):
    comment = CommentFactory(name="Troll", email="Troll@Example.org")
    client.force_login(moderator)
    assert "Block this commenter" in client.get(f"{CHANGELIST}{comment.pk}/change/").text
    form = client.get(f"{CHANGELIST}{comment.pk}/block/").text
    assert "refused with a polite message until the block ends" in form
    assert "Also block their network address" in form
    response = block(client, comment, days="7")
    assert "Troll (T•••@Example.org) cannot comment until" in response.text
    made = CommenterBlock.objects.get()
    assert made.email == "troll@example.org"
    assert made.ip_hash == comment.ip_hash
    assert made.created_by == moderator
    assert timedelta(days=6) < made.blocked_until - timezone.now() <= timedelta(days=7)
    listing = client.get(BLOCKS).text
    assert "t•••@example.org" in listing and "Repeated abuse" in listing
    assert "troll@example.org" not in listing


def test_a_blocked_email_is_refused_politely_with_the_words_kept(post_comment, moderator):
    comment = CommentFactory(email="troll@example.org", ip_hash="f" * 64)
    client = Client()
    client.force_login(moderator)
    block(client, comment)
    response = post_comment(email="TROLL@example.org", body="Still here, still shouting.")
    assert response.status_code == 403
    assert REFUSAL in response.text
    assert "You can comment again after" in response.text
    assert "Still here, still shouting." in response.text  # kept in the form
    assert not Comment.objects.filter(body="Still here, still shouting.").exists()


def test_a_new_address_from_the_same_network_is_refused_too(post_comment, moderator):
    comment = CommentFactory(email="troll@example.org", ip_hash=hash_ip("127.0.0.1"))
    client = Client()
    client.force_login(moderator)
    block(client, comment)
    response = post_comment(email="new.name@example.org", body="A fresh disguise.")
    assert response.status_code == 403
    assert REFUSAL in response.text


def test_a_block_by_email_alone_spares_a_shared_connection(post_comment, moderator):
    comment = CommentFactory(email="troll@example.org", ip_hash=hash_ip("127.0.0.1"))
    client = Client()
    client.force_login(moderator)
    block(client, comment, by_network=False)
    assert CommenterBlock.objects.get().ip_hash == ""
    assert post_comment(email="colleague@example.org").status_code == 302
    assert post_comment(email="troll@example.org", body="Again").status_code == 403


def test_others_may_still_post(post_comment, moderator):
    comment = CommentFactory(email="troll@example.org", ip_hash="f" * 64)
    client = Client()
    client.force_login(moderator)
    block(client, comment)
    assert post_comment(email="someone@example.org").status_code == 302


def test_the_block_lapses_by_itself(post_comment):
    CommenterBlock.objects.create(
        email="troll@example.org",
        blocked_until=timezone.now() - timedelta(minutes=1),
    )
    assert post_comment(email="troll@example.org").status_code == 302


def test_a_moderator_ends_a_block_early(client, moderator, post_comment):
    comment = CommentFactory(email="troll@example.org", ip_hash="f" * 64)
    client.force_login(moderator)
    block(client, comment)
    response = client.post(
        BLOCKS,
        {"action": "lift", "_selected_action": [CommenterBlock.objects.get().pk]},
        follow=True,
    )
    assert "1 block ended." in response.text
    assert post_comment(email="troll@example.org").status_code == 302


def test_staff_who_may_not_moderate_cannot_block(client, writer):
    comment = CommentFactory()
    client.force_login(writer)
    assert "Block this commenter" not in client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert client.post(f"{CHANGELIST}{comment.pk}/block/", {"days": "7"}).status_code == 403
    assert not CommenterBlock.objects.exists()


def test_the_daily_purge_deletes_blocks_that_ended_long_ago(settings):
    settings.COMMENTS_PURGE_AFTER_DAYS = 30
    now = timezone.now()
    CommenterBlock.objects.create(email="old@example.org", blocked_until=now - timedelta(31))
    recent = CommenterBlock.objects.create(
        email="recent@example.org", blocked_until=now - timedelta(days=2)
    )
    running = CommenterBlock.objects.create(
        email="running@example.org", blocked_until=now + timedelta(days=2)
    )
    call_command("comments_purge", verbosity=0)
    assert set(CommenterBlock.objects.all()) == {recent, running}
