"""Editors choose the top story and the order of the featured strip; nothing shows twice."""

import re

import pytest

from articles.frontpage import build_front_page
from articles.models import ContentGeneration
from tests.factories import ArticleFactory, editor

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


def test_saving_the_order_from_the_admin_moves_the_content_generation_on(client):
    first = ArticleFactory(title="First", is_featured=True, featured_order=1)
    second = ArticleFactory(title="Second", is_featured=True, featured_order=2)
    client.force_login(editor())
    before = ContentGeneration.objects.in_force().number
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(second.pk),
        "form-0-featured_order": "1",
        "form-1-id": str(first.pk),
        "form-1-featured_order": "2",
        "_save": "Save",
    }
    assert client.post(URL, data).status_code == 302
    assert ContentGeneration.objects.in_force().number > before
    assert build_front_page().top_story.pk == second.pk


def test_the_front_page_admin_offers_drag_and_drop_and_buttons(client):
    ArticleFactory(title="First", is_featured=True, featured_order=1)
    client.force_login(editor())
    page = client.get(URL).content.decode()
    assert "articles/reorder" in page
    assert "data-position" in page
    assert "Up and Down buttons, then save" in page
