"""What readers see under an article and on teasers."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_approved_comments_show_with_name_and_words(client, article):
    CommentFactory(article=article, name="Dr Amir Patel", body="Beds are the real issue.")
    response = client.get(article.get_absolute_url())
    assert "Dr Amir Patel" in response.text
    assert "Beds are the real issue." in response.text
    assert "There are no comments" not in response.text


@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_comments_that_are_not_approved_are_not_shown_or_counted(client, article, status):
    CommentFactory(article=article, status=status, body="Not for readers yet.")
    response = client.get(article.get_absolute_url())
    assert "Not for readers yet." not in response.text
    assert "There are no comments. Why not be the first?" in response.text
    assert "Comments <span" not in response.text


def test_the_count_counts_only_approved_comments(client, article):
    CommentFactory.create_batch(3, article=article)
    CommentFactory(article=article, status=Comment.Status.PENDING)
    response = client.get(article.get_absolute_url())
    assert '<span class="comments__count">(3)</span>' in response.text
    assert '<a href="#comments">3 comments</a>' in response.text


def test_email_addresses_are_never_shown(client, article):
    CommentFactory(article=article, email="hidden.reader@example.org")
    response = client.get(article.get_absolute_url())
    assert "hidden.reader" not in response.text


def test_comments_are_oldest_first_with_replies_under_their_parent(client, article):
    now = timezone.now()
    first = CommentFactory(article=article, body="First thread", created_at=now - timedelta(3))
    second = CommentFactory(article=article, body="Second thread", created_at=now - timedelta(2))
    CommentFactory(article=article, parent=first, body="Reply to first", created_at=now)
    text = client.get(article.get_absolute_url()).text
    assert text.index("First thread") < text.index("Reply to first") < text.index("Second thread")
    assert f'id="comment-{second.pk}"' in text


def test_replies_to_a_hidden_parent_are_neither_shown_nor_counted(client, article):
    parent = CommentFactory(article=article, status=Comment.Status.PENDING)
    CommentFactory(article=article, parent=parent, body="An orphaned reply")
    response = client.get(article.get_absolute_url())
    assert "An orphaned reply" not in response.text
    assert "There are no comments" in response.text
    assert "#comments" not in client.get(article.section.get_absolute_url()).text


def test_each_comment_has_a_permalink(client, article):
    comment = CommentFactory(article=article)
    text = client.get(article.get_absolute_url()).text
    assert f'href="{article.get_absolute_url()}#comment-{comment.pk}"' in text
    assert comment.get_absolute_url() == f"{article.get_absolute_url()}#comment-{comment.pk}"


def test_past_fifty_threads_the_rest_are_on_further_pages(client, article, settings):
    start = timezone.now() - timedelta(days=1)
    comments = [
        CommentFactory(article=article, body=f"Thread {n:03d}", created_at=start + timedelta(n))
        for n in range(52)
    ]
    first_page = client.get(article.get_absolute_url()).text
    assert "Thread 049" in first_page
    assert "Thread 050" not in first_page
    assert "Show more comments" in first_page
    assert "(52)" in first_page
    second_page = client.get(f"{article.get_absolute_url()}?comments=2").text
    assert "Thread 050" in second_page and "Thread 049" not in second_page
    assert comments[51].get_absolute_url().endswith(f"?comments=2#comment-{comments[51].pk}")


def test_a_bad_comments_page_number_shows_a_page(client, article):
    CommentFactory(article=article)
    assert client.get(f"{article.get_absolute_url()}?comments=abc").status_code == 200
    assert client.get(f"{article.get_absolute_url()}?comments=999").status_code == 200


def test_teasers_show_counts_of_approved_comments(client, article):
    CommentFactory.create_batch(2, article=article)
    CommentFactory(article=article, status=Comment.Status.SPAM)
    quiet = ArticleFactory(title="A story nobody discussed")
    for url in (reverse("articles:home"), reverse("articles:news")):
        text = client.get(url).text
        assert f'href="{article.get_absolute_url()}#comments">2 comments</a>' in text
        assert f'href="{quiet.get_absolute_url()}#comments"' not in text


def test_teaser_counts_take_replies_only_under_a_shown_comment(client, article):
    shown = CommentFactory(article=article)
    CommentFactory.create_batch(2, article=article, parent=shown)
    CommentFactory(article=article, parent=shown, status=Comment.Status.PENDING)
    hidden = CommentFactory(article=article, status=Comment.Status.REJECTED)
    CommentFactory(article=article, parent=hidden)
    for url in (reverse("articles:home"), reverse("articles:news")):
        assert (
            f'href="{article.get_absolute_url()}#comments">3 comments</a>' in client.get(url).text
        )
    assert (
        'Comments <span class="comments__count">(3)</span>'
        in client.get(article.get_absolute_url()).text
    )


def test_one_comment_is_singular(client, article):
    CommentFactory(article=article)
    assert ">1 comment</a>" in client.get(reverse("articles:news")).text


# Rendering ------------------------------------------------------------------------------------


def shown(client, article, body):
    """The comment's words as the article page shows them."""
    comment = CommentFactory(article=article, body=body)
    page = client.get(article.get_absolute_url()).text
    start = page.index('<div class="comment__body"', page.index(f'id="comment-{comment.pk}"'))
    return page[page.index(">", start) + 1 : page.index("</div>", start)]


def test_text_is_escaped_and_paragraphs_and_line_breaks_kept(client, article):
    html = shown(client, article, "<b>Bold</b> claim\nsecond line\n\n\nNew paragraph & more")
    assert "<p>&lt;b&gt;Bold&lt;/b&gt; claim<br>second line</p>" in html
    assert "<p>New paragraph &amp; more</p>" in html


def test_web_addresses_become_links_that_pass_on_no_reputation(client, article):
    html = shown(client, article, "See https://www.england.nhs.uk/plan?a=1&b=2.")
    assert html == (
        'See <a href="https://www.england.nhs.uk/plan?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://www.england.nhs.uk/plan?a=1&amp;b=2</a>."
    ).join(["<p>", "</p>"])


@pytest.mark.parametrize(
    "text",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " data:text/html;base64,PHNjcmlwdD4=",
        "//evil.example/x",
        'https://x.example/"onmouseover="alert(1)',
    ],
)
def test_dangerous_addresses_stay_text(client, article, text):
    html = shown(client, article, text)
    assert 'href="javascript' not in html.lower()
    assert 'href="data' not in html.lower()
    assert 'href="//' not in html
    assert '"onmouseover' not in html


def test_comment_times_are_london_time_to_the_minute_and_valid_html(client, article):
    posted = timezone.make_aware(datetime(2026, 7, 1, 9, 5, 30, 123456), UTC)
    comment = CommentFactory(article=article, created_at=posted)
    page = client.get(article.get_absolute_url()).text
    shown_at = page[page.index(f'id="comment-{comment.pk}"') :]
    assert '<time datetime="2026-07-01T10:05:30+0100">01/07/2026 10:05</time>' in shown_at
