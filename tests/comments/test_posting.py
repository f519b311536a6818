"""A reader posts the comment form: post, redirect, get; errors keep what they typed."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.factories import DraftFactory

from .factories import CommentFactory, comment_data, form_token

pytestmark = pytest.mark.django_db


def test_a_new_comment_waits_for_moderation_and_the_reader_is_told_at_it(post_comment, article):
    response = post_comment(follow=True)
    comment = Comment.objects.get()
    assert (
        response.redirect_chain[-1][0]
        == f"{article.get_absolute_url()}#comment-{comment.pk}-status"
    )
    assert "Thanks, your comment is awaiting moderation" in response.text
    assert comment.status == Comment.Status.PENDING
    assert comment.body == "The winter plan leaves out community services."
    # Shown to its poster alone (tests/comments/test_own_comments.py), marked as waiting.
    assert "The winter plan leaves out" in response.text
    assert "Awaiting moderation" in response.text
    assert "The winter plan leaves out" not in Client().get(article.get_absolute_url()).text


def test_the_post_answers_with_a_redirect(post_comment, article):
    response = post_comment()
    assert response.status_code == 302


def test_the_article_page_shows_the_form_with_its_field_names(client, article):
    response = client.get(article.get_absolute_url())
    for name in ("name", "email", "body", "notify_replies", "token", "website"):
        assert f'name="{name}"' in response.text
    assert "There are no comments. Why not be the first?" in response.text


def test_missing_fields_are_named_and_what_was_typed_is_kept(post_comment):
    response = post_comment(name="", email="not-an-email", body="My point stands.")
    assert response.status_code == 200
    assert "There is a problem with your comment" in response.text
    assert 'href="#id_name"' in response.text
    assert "Enter a valid email address." in response.text
    assert "My point stands." in response.text
    assert 'value="not-an-email"' in response.text
    assert not Comment.objects.exists()


def test_an_empty_body_is_refused(post_comment):
    response = post_comment(body="   ")
    assert response.status_code == 200
    assert 'href="#id_body"' in response.text
    assert not Comment.objects.exists()


def test_an_over_long_comment_is_refused_with_its_length_not_truncated(post_comment, settings):
    settings.COMMENTS_MAX_LENGTH = 100
    response = post_comment(body="x" * 101)
    assert "Please shorten your comment to 100 characters or fewer; it has 101." in response.text
    assert "x" * 101 in response.text
    assert not Comment.objects.exists()


def test_a_comment_at_the_limit_is_stored_whole(post_comment, settings):
    settings.COMMENTS_MAX_LENGTH = 100
    post_comment(body="é" * 99 + "😀")
    assert Comment.objects.get().body == "é" * 99 + "😀"


def test_an_over_long_name_is_refused(post_comment):
    response = post_comment(name="N" * 81)
    assert "at most 80 characters" in response.text
    assert not Comment.objects.exists()


def test_the_article_page_sets_no_cookie_so_it_can_be_cached_for_everyone(client, article):
    response = client.get(article.get_absolute_url())
    assert 'name="token"' in response.text
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_a_form_posted_from_our_own_page_works_with_browser_csrf_checks(article):
    client = Client(enforce_csrf_checks=True)
    client.get(article.get_absolute_url())
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        comment_data(article),
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://blog.testserver"},
    ],
)
def test_a_form_posted_from_another_site_is_refused(article, headers):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("comments:post", args=[article.pk]), comment_data(article), headers=headers
    )
    assert response.status_code == 403
    assert "sent from another website" in response.text
    assert not Comment.objects.exists()


def test_forged_moderation_fields_are_ignored(post_comment):
    post_comment(
        status="approved", is_public="1", report_count="0", held_reason="", ip_hash="x" * 64
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_hash != "x" * 64


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(post_comment):
    response = post_comment(website="http://cheap.example", follow=True)
    assert "Thanks, your comment is awaiting moderation" in response.text
    assert not Comment.objects.exists()


def test_a_form_sent_too_fast_is_refused_kindly_and_kept(post_comment, article):
    response = post_comment(token=form_token(article, age=0))
    assert "faster than anyone can type" in response.text
    assert "The winter plan leaves out community services." in response.text
    assert not Comment.objects.exists()


def test_a_stale_form_is_refused_kindly(post_comment, article, settings):
    response = post_comment(token=form_token(article, age=settings.COMMENTS_FORM_MAX_AGE + 60))
    assert response.status_code == 200
    assert "open for a long time" in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("token", ["", "forged", "eyJhcnRpY2xlIjoxfQ:1abc:xyz"])
def test_a_forged_form_token_is_refused(post_comment, token):
    response = post_comment(token=token)
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_a_token_for_another_article_is_refused(post_comment, article):
    other = CommentFactory().article
    response = post_comment(token=form_token(other))
    assert "could not check this form" in response.text
    assert not Comment.objects.filter(article=article).exists()


def test_the_form_after_an_error_carries_a_fresh_token_that_works(post_comment, article, settings):
    stale = form_token(article, age=settings.COMMENTS_FORM_MAX_AGE + 60)
    response = post_comment(token=stale)
    fresh = response.text.split('name="token" value="')[1].split('"')[0]
    assert fresh != stale
    settings.COMMENTS_FORM_MIN_SECONDS = 0  # as if the reader took a moment to resend
    assert post_comment(token=fresh).status_code == 302
    assert Comment.objects.count() == 1


def test_an_exact_duplicate_is_refused(post_comment):
    post_comment()
    response = post_comment()
    assert "You have already posted this comment" in response.text
    assert Comment.objects.count() == 1


def test_the_same_words_from_another_reader_are_not_a_duplicate(post_comment):
    post_comment()
    post_comment(email="someone.else@example.org")
    assert Comment.objects.count() == 2


def test_comments_on_an_unpublished_article_are_refused(post_comment, default_sections):
    draft = DraftFactory()
    response = post_comment(target=draft)
    assert response.status_code == 404


def test_posting_needs_post(client, article):
    assert client.get(reverse("comments:post", args=[article.pk])).status_code == 405


def test_the_notify_box_is_stored(post_comment):
    post_comment(notify_replies="on")
    assert Comment.objects.get().notify_replies


def test_a_reply_hangs_under_its_parent(post_comment, article):
    parent = CommentFactory(article=article)
    post_comment(reply_to=str(parent.pk))
    assert Comment.objects.get(parent=parent).article == article


def test_a_reply_to_a_reply_joins_the_same_thread(post_comment, article):
    parent = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=parent)
    post_comment(reply_to=str(reply.pk))
    assert Comment.objects.latest("pk").parent == parent


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_reply_to_a_hidden_comment_is_refused(post_comment, article, status):
    hidden = CommentFactory(article=article, status=status)
    response = post_comment(reply_to=str(hidden.pk))
    assert "no longer shown" in response.text
    assert not Comment.objects.filter(parent=hidden).exists()


def test_a_reply_to_a_comment_on_another_article_is_refused(post_comment):
    elsewhere = CommentFactory()
    response = post_comment(reply_to=str(elsewhere.pk))
    assert "no longer shown" in response.text


def test_the_reply_link_opens_the_form_as_a_reply(client, article):
    parent = CommentFactory(article=article, name="Tom Ellis")
    response = client.get(f"{article.get_absolute_url()}?reply_to={parent.pk}")
    assert "Reply to <bdi>Tom Ellis</bdi>" in response.text
    assert f'name="reply_to" value="{parent.pk}"' in response.text


@pytest.mark.parametrize("reply_to", ["¹", "２", "-1", "x", "9" * 40])
def test_a_reply_link_with_no_such_comment_opens_a_new_comment_form(client, article, reply_to):
    # "¹" and "２" pass str.isdigit() but are not numbers int() or the database would take.
    CommentFactory(article=article, name="Tom Ellis")
    response = client.get(article.get_absolute_url(), {"reply_to": reply_to})
    assert response.status_code == 200
    assert "Have your say" in response.text
    assert 'name="reply_to"' not in response.text


def test_the_form_states_the_length_limit_the_settings_give(client, article, settings):
    assert "up to 3,000 characters" in client.get(article.get_absolute_url()).text
    settings.COMMENTS_MAX_LENGTH = 1234
    page = client.get(article.get_absolute_url()).text
    assert "up to 1,234 characters" in page
    assert "up to 3,000 characters" not in page


def test_a_form_sent_back_with_errors_shows_its_own_values_not_the_blank_ones(post_comment):
    response = post_comment(name="Ana <b>Typed</b>", email="not-an-email", body="Kept words.")
    assert 'value="Ana &lt;b&gt;Typed&lt;/b&gt;"' in response.text
    assert "Kept words.</textarea>" in response.text
    assert 'aria-invalid="true"' in response.text


def test_a_refused_comment_is_shown_under_the_articles_heading_not_the_whole_article(
    post_comment, article
):
    response = post_comment(email="not-an-email")
    assert response.status_code == 200
    page = response.text
    assert f'<a href="{article.get_absolute_url()}">Boards publish winter plans</a></h1>' in page
    assert "A short teaser for readers." in page  # the standfirst
    assert "The body of the story." not in page
    assert "Have your say" in page
    summary = page.index("There is a problem with your comment")
    assert page.index('<h1 class="article__title">') < summary < page.index('name="body"')
    assert 'role="alert"' in page and "autofocus" in page
    # The page opens at the form, whose summary the browser focuses.
    assert f'action="{reverse("comments:post", args=[article.pk])}#comment-problems"' in page
    assert 'name="robots" content="noindex' in page


def test_a_refused_comment_is_never_cached(post_comment):
    response = post_comment(email="not-an-email")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "X-Page-Cache" not in response


def test_a_refused_reply_stays_a_reply(post_comment, article):
    parent = CommentFactory(article=article, name="Tom Ellis")
    response = post_comment(reply_to=str(parent.pk), email="not-an-email")
    assert "Reply to <bdi>Tom Ellis</bdi>" in response.text
    assert f'name="reply_to" value="{parent.pk}"' in response.text
