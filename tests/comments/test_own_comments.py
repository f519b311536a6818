"""A reader's own comments and reports: carried by a signed cookie, shown to that reader alone
in their places, and never in a page that any cache keeps for others."""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from comments import own
from comments.models import BlockedPhrase, Comment
from tests.factories import ArticleFactory

from .factories import CommentFactory, comment_data

# Real commits, because the caches move on only once a change is committed.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]

HELD = f"{own.THANKS_HELD} Only you can see it until a moderator approves it."


@pytest.fixture(params=["caches off", "caches on"])
def caches(request, settings):
    if request.param == "caches on":
        settings.PAGE_CACHE_SECONDS = 300
        settings.FRAGMENT_CACHE_SECONDS = 300
    return request.param


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",")}


def test_posting_sets_a_short_lived_signed_http_only_cookie(post_comment, settings):
    settings.COMMENTS_OWN_COOKIE_SECONDS = 3600
    cookie = post_comment().cookies[own.COOKIE]
    assert cookie["max-age"] == 3600
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["secure"] is True
    assert cookie["path"] == "/"
    comment = Comment.objects.get()
    request = RequestFactory().get("/")
    request.COOKIES[own.COOKIE] = cookie.value
    signed = request.get_signed_cookie(own.COOKIE, salt=own.SALT, max_age=3600)
    assert signed == f"{comment.article_id}.{comment.pk}.c"


def test_the_cookie_is_secure_only_when_the_settings_say_so(post_comment, settings):
    settings.SESSION_COOKIE_SECURE = False
    assert post_comment().cookies[own.COOKIE]["secure"] == ""


def test_the_poster_sees_their_comment_in_its_place_marked_awaiting_moderation(
    client, post_comment, article, caches
):
    CommentFactory(article=article, name="Tom Ellis", body="First in.")
    Client().get(article.get_absolute_url())  # another reader fills the caches
    post_comment(body="Second, and waiting.")

    page = client.get(article.get_absolute_url())
    text = page.text
    assert text.index("First in.") < text.index("Awaiting moderation") < text.index("Second, and")
    assert HELD in text
    mine = Comment.objects.get(body="Second, and waiting.")
    assert (
        f'id="comment-{mine.pk}-status" class="comment__notice" role="status" tabindex="-1"'
        in text
    )
    # Nobody else sees it: not the next reader, not from the page cache, not from the fragment.
    assert "Second, and waiting." not in Client().get(article.get_absolute_url()).text
    # The public count is unchanged.
    assert 'Comments <span class="comments__count">(1)</span>' in text


def test_a_page_with_the_readers_own_comment_is_private_and_never_stored(
    client, post_comment, article, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300
    CommentFactory(article=article, body="Public words.")
    post_comment()
    for _ in range(2):
        page = client.get(article.get_absolute_url())
        assert {"private", "no-store"} <= directives(page)
        assert "public" not in directives(page)
        assert "X-Page-Cache" not in page
        assert "X-Accel-Expires" not in page
    stranger = Client()
    first, second = (stranger.get(article.get_absolute_url()) for _ in range(2))
    assert "X-Page-Cache" not in first  # the poster's visits stored nothing
    assert second["X-Page-Cache"] == "hit"
    assert "The winter plan leaves out" not in second.text
    assert "Awaiting moderation" not in second.text


def test_the_poster_is_not_served_the_shared_copy(client, post_comment, article, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    post_comment()
    page = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in page
    assert "The winter plan leaves out" in page.text


def test_a_reply_waits_under_its_parent(client, post_comment, article, caches):
    parent = CommentFactory(article=article, name="Tom Ellis", body="Parent words.")
    later = CommentFactory(article=article, name="Ann Lee", body="A later thread.")
    post_comment(reply_to=str(parent.pk), body="My reply, waiting.")
    text = client.get(article.get_absolute_url()).text
    reply = Comment.objects.get(parent=parent)
    block = text.split(f'id="comment-{parent.pk}"')[1].split(f'id="comment-{later.pk}"')[0]
    assert 'class="comment-replies"' in block
    assert f'id="comment-{reply.pk}"' in block and "My reply, waiting." in block
    assert "Awaiting moderation" in block
    # No reply or report links on a comment nobody else can see.
    assert f"/comments/{reply.pk}/report/" not in text
    assert "My reply, waiting." not in Client().get(article.get_absolute_url()).text


def test_an_approved_comment_shows_normally_and_a_rejected_one_not_at_all(
    client, post_comment, article, caches
):
    post_comment(body="Please approve.")
    post_comment(body="Please reject.", email="other@example.org")
    approved, rejected = Comment.objects.order_by("pk")
    approved.status = Comment.Status.APPROVED
    approved.save()
    rejected.status = Comment.Status.REJECTED
    rejected.save()
    text = client.get(article.get_absolute_url()).text
    assert "Please approve." in text
    assert "Please reject." not in text
    assert "Awaiting moderation" not in text
    assert 'role="status"' not in text


def test_spam_is_shown_to_its_poster_as_waiting_like_any_other(client, post_comment, article):
    CommentFactory(article=article, status=Comment.Status.APPROVED)
    BlockedPhrase.objects.create(phrase="cheap pills")
    post_comment(body="Buy cheap pills today")
    assert Comment.objects.get(body="Buy cheap pills today").status == Comment.Status.SPAM
    assert HELD in client.get(article.get_absolute_url()).text


def test_a_comment_published_at_once_lands_with_its_thanks(
    client, post_comment, article, settings
):
    settings.COMMENTS_PREMODERATE = False
    response = post_comment(follow=True)
    comment = Comment.objects.get()
    assert response.redirect_chain[-1][0].endswith(f"#comment-{comment.pk}-status")
    assert "Thanks, your comment is published." in response.text
    assert "Awaiting moderation" not in response.text


def test_a_forged_or_altered_cookie_shows_nothing(client, article):
    theirs = CommentFactory(article=article, status=Comment.Status.PENDING, body="Not yours.")
    client.cookies[own.COOKIE] = f"{article.pk}.{theirs.pk}.c"
    assert "Not yours." not in client.get(article.get_absolute_url()).text
    elsewhere = HttpResponse()
    elsewhere.set_signed_cookie(own.COOKIE, f"{article.pk}.{theirs.pk}.c", salt="another.salt")
    client.cookies[own.COOKIE] = elsewhere.cookies[own.COOKIE].value
    assert "Not yours." not in client.get(article.get_absolute_url()).text


def test_an_expired_cookie_shows_nothing(client, post_comment, article, settings):
    post_comment(body="From long ago.")
    settings.COMMENTS_OWN_COOKIE_SECONDS = -1
    assert "From long ago." not in client.get(article.get_absolute_url()).text


def test_own_comments_on_another_article_stay_there(client, post_comment, article):
    other = ArticleFactory()
    post_comment(body="Only under the first.")
    assert "Only under the first." not in client.get(other.get_absolute_url()).text


def test_a_report_thanks_the_reader_at_the_comment(client, article):
    comment = CommentFactory(article=article, name="Pat Doyle", body="Buy scrubs here.")
    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "spam"}, follow=True)
    assert response.redirect_chain[-1][0].endswith(f"#comment-{comment.pk}-status")
    block = response.text.split(f'id="comment-{comment.pk}"')[1]
    assert block.index("Thank you. A moderator will review the comment.") < block.index(
        "Buy scrubs here."
    )
    assert "Thank you. A moderator" not in Client().get(article.get_absolute_url()).text


def test_a_report_that_hides_the_comment_thanks_the_reader_where_it_was(client, article):
    comment = CommentFactory(article=article, name="Pat Doyle", body="Bed 3's patient.")
    response = client.post(f"/comments/{comment.pk}/report/", {"reason": "patient"}, follow=True)
    assert "Bed 3's patient." not in response.text
    assert f'id="comment-{comment.pk}-status"' in response.text
    assert own.REPORTED_HIDDEN in response.text


def test_the_csrf_cookie_alone_changes_nothing(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get(article.get_absolute_url())
    client.cookies["csrftoken"] = "x" * 32
    page = client.get(article.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    assert "public" in directives(page)


def test_the_cookie_keeps_the_latest_entries_only(client, article, settings):
    settings.COMMENTS_RATE_PER_IP = 100
    settings.COMMENTS_RATE_PER_EMAIL = 100
    for n in range(own.MAX_ENTRIES + 3):
        response = client.post(
            f"/comments/article/{article.pk}/",
            comment_data(article, body=f"Point {n}."),
        )
        assert response.status_code == 302
    text = client.get(article.get_absolute_url()).text
    assert "Point 0." not in text and "Point 2." not in text
    assert f"Point {own.MAX_ENTRIES + 2}." in text and "Point 3." in text
