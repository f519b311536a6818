"""What the templates print: escaped teasers, valid <time> elements, cached blocks that follow
every change."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db

# The HTML standard's valid global date and time: seconds at most to three decimals.
VALID_DATETIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?([+-]\d\d:?\d\d|Z))?")


def test_teasers_escape_what_editors_typed_and_show_badges(client):
    picture = ImageFactory(alt_text='A ward at "night" <b>')
    ArticleFactory(title="The lead", is_featured=True, featured_order=0)
    ArticleFactory(
        title="Top <script>alert(1)</script>",
        lead_image=picture,
        authors=[AuthorFactory(name="Tom O'Neil")],
        is_featured=True,
        featured_order=1,
        standfirst="Long words. " * 40,
    )
    ArticleFactory(
        title="A video",
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        is_featured=True,
        featured_order=2,
    )
    page = client.get("/").text
    assert "<script>alert(1)</script>" not in page
    assert "Top &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'alt="A ward at &quot;night&quot; &lt;b&gt;"' in page
    assert "By Tom O&#x27;Neil</p>" in page
    assert '<span class="badge">Video</span>' in page
    standfirsts = re.findall(r'<p class="teaser__standfirst">([^<]*)</p>', page)
    long_one = next(text for text in standfirsts if text.startswith("Long words."))
    assert long_one.endswith(" …") and len(long_one.split()) == 25


def test_teasers_are_cut_on_a_word_never_inside_one(client):
    words = "The local integrated care board agreed a plan " * 6
    ArticleFactory(title="The lead", is_featured=True, featured_order=0)
    ArticleFactory(title="A long teaser", standfirst=words.strip())
    for url in ("/", reverse("articles:news")):
        page = client.get(url).text
        shown = re.search(r'<p class="teaser__standfirst">(The local[^<]*)</p>', page)[1]
        assert shown.endswith(" …"), url
        kept = shown.removesuffix(" …").split()
        assert kept == words.split()[: len(kept)], url  # whole words, in order
        assert len(kept) < len(words.split()), url


def test_time_elements_carry_valid_datetimes_and_london_dates(client):
    summer = datetime(2026, 7, 1, 23, 30, 15, 123456, tzinfo=UTC)  # 00:30 BST on 2 July
    article = ArticleFactory(title="Summer piece", publish_at=summer, updated_at=summer)
    article.updated_at = datetime(2026, 7, 3, 8, 5, 0, 999999, tzinfo=UTC)
    article.save()
    for url in ("/", reverse("articles:news"), article.get_absolute_url()):
        page = client.get(url).text
        values = re.findall(r'<time datetime="([^"]*)"', page)
        assert values, url
        for value in values:
            assert VALID_DATETIME.fullmatch(value), (url, value)
        assert '<time datetime="2026-07-02T00:30:15+0100">02/07/2026</time>' in page, url
    page = client.get(article.get_absolute_url()).text
    assert 'Updated <time datetime="2026-07-03T09:05:00+0100">03/07/2026 09:05</time>' in page


def test_cached_blocks_follow_every_published_change(
    client, settings, django_capture_on_commit_callbacks
):
    settings.FRAGMENT_CACHE_SECONDS = 600
    first = ArticleFactory(title="The first story", is_featured=True)
    related = ArticleFactory(title="Read next")
    assert "The first story" in client.get("/").text
    assert "Read next" in client.get(first.get_absolute_url()).text

    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="A newer story", is_featured=True, featured_order=0)
        related.title = "Read this next"
        related.save()
    assert "A newer story" in client.get("/").text
    assert "Read this next" in client.get(first.get_absolute_url()).text

    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.get(pk=first.pk).delete()
    assert "The first story" not in client.get("/").text


def test_cached_blocks_cost_no_queries_until_content_changes(
    client, settings, django_assert_max_num_queries
):
    settings.FRAGMENT_CACHE_SECONDS = 600
    article = ArticleFactory(title="A story", is_featured=True)
    ArticleFactory.create_batch(5)
    client.get("/")
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(1):  # the navigation
        assert "A story" in client.get("/").text


def test_cached_comments_follow_moderation(client, settings, django_capture_on_commit_callbacks):
    from comments.models import Comment
    from tests.comments.factories import CommentFactory

    settings.FRAGMENT_CACHE_SECONDS = 600
    article = ArticleFactory(title="A story")
    shown = CommentFactory(article=article, body="The first remark.")
    waiting = CommentFactory(
        article=article, body="A second remark.", status=Comment.Status.PENDING
    )
    page = client.get(article.get_absolute_url()).text
    assert "The first remark." in page and "A second remark." not in page

    with django_capture_on_commit_callbacks(execute=True):
        waiting.status = Comment.Status.APPROVED
        waiting.save()
        shown.status = Comment.Status.REJECTED
        shown.save()
    page = client.get(article.get_absolute_url()).text
    assert "A second remark." in page and "The first remark." not in page


def test_a_cached_article_follows_edits_and_unpublishing(
    client, settings, django_capture_on_commit_callbacks
):
    settings.FRAGMENT_CACHE_SECONDS = 600
    article = ArticleFactory(title="Before the edit", body="<p>First words.</p>")
    url = article.get_absolute_url()
    assert "First words." in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        article.body = "<p>Second words.</p>"
        article.save()
    assert "Second words." in client.get(url).text

    with django_capture_on_commit_callbacks(execute=True):
        article.status = Article.Status.DRAFT
        article.save()
    assert client.get(url).status_code == 404


def test_a_cached_discussion_follows_a_legal_hold(
    client, settings, django_capture_on_commit_callbacks
):
    from comments.models import ArticleCommentSettings
    from tests.comments.factories import CommentFactory

    settings.FRAGMENT_CACHE_SECONDS = 600
    article = ArticleFactory()
    CommentFactory(article=article, body="A remark about the board.")
    assert "A remark about the board." in client.get(article.get_absolute_url()).text

    with django_capture_on_commit_callbacks(execute=True):
        ArticleCommentSettings.objects.create(article=article, legal_hold=True)
    page = client.get(article.get_absolute_url()).text
    assert "A remark about the board." not in page
    assert "hidden for legal reasons" in page
