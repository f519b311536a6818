"""Editors choose the top story and the order of the featured strip; nothing shows twice."""

import re

import pytest

from articles import frontpage
from articles.frontpage import build_front_page
from articles.models import Article, Section
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, editor

pytestmark = pytest.mark.django_db

URL = "/admin/articles/frontpagearticle/"


def test_featured_order_picks_the_top_story_and_the_strip():
    a = ArticleFactory(title="A", is_featured=True, featured_order=3)
    b = ArticleFactory(title="B", is_featured=True, featured_order=1)
    c = ArticleFactory(title="C", is_featured=True, featured_order=2)
    ArticleFactory(title="Newest, not featured")
    front = build_front_page()
    assert front.top_story.pk == b.pk
    assert [teaser.pk for teaser in front.featured] == [c.pk, a.pk]


def test_the_front_page_never_shows_an_article_twice(client):
    for n in range(8):
        ArticleFactory(title=f"Story number {n}", is_featured=n < 3)
    page = client.get("/").content.decode()
    for n in range(8):
        links = re.findall(rf">Story number {n}<", page)
        assert len(links) <= 1, n


def test_editor_reorders_the_featured_strip(client):
    first = ArticleFactory(title="First", is_featured=True, featured_order=1)
    second = ArticleFactory(title="Second", is_featured=True, featured_order=2)
    client.force_login(editor())
    page = client.get(URL).content.decode()
    assert "the top story first" in page
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(first.pk),
        "form-0-featured_order": "5",
        "form-1-id": str(second.pk),
        "form-1-featured_order": "1",
        "_save": "Save",
    }
    assert client.post(URL, data).status_code == 302
    assert build_front_page().top_story.pk == second.pk


def test_the_front_page_prints_the_same_from_teaser_rows_as_from_articles(client, monkeypatch):
    # The page builds light Teaser rows (articles/teasers.py); every list page builds Article
    # instances with for_teasers(). Both must print the same teasers.
    picture = ImageFactory(alt_text='A ward at "night" <b>')
    authors = [AuthorFactory(name="Dr Ama Mensah"), AuthorFactory(name="Tom O'Neil")]
    lead = ArticleFactory(
        title="Top <script>alert(1)</script>", lead_image=picture, authors=authors
    )
    ArticleFactory(title="A featured piece", is_featured=True, standfirst="Long. " * 60)
    ArticleFactory(title="A video", video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    for section in Section.objects.filter(front_page_position__isnull=False):
        ArticleFactory(title=f"In {section.name}", section=section, lead_image=picture)
    CommentFactory.create_batch(3, article=lead)
    CommentFactory(article=lead, status=Comment.Status.PENDING)

    from_rows = client.get("/").text
    monkeypatch.setattr(
        frontpage,
        "_teasers_by_pk",
        lambda pks: Article.objects.filter(pk__in=pks).for_teasers().in_bulk(),
    )
    from_articles = client.get("/").text
    assert from_rows == from_articles
    assert "3 comments" in from_rows
    assert "Top &lt;script&gt;alert(1)&lt;/script&gt;" in from_rows
    assert "By Dr Ama Mensah, Tom O&#x27;Neil" in from_rows
    assert 'alt="A ward at &quot;night&quot; &lt;b&gt;"' in from_rows
