"""Every save is a version: who, when, what changed; editors compare and restore."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import ArticleFactory, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return editor(username="rachel", first_name="Rachel")


@pytest.fixture
def edited(client, person):
    """An article saved twice through admin: the body reworded, the title changed."""
    article = ArticleFactory(title="Waiting lists fall", body="<p>Lists fell in March.</p>")
    client.force_login(person)
    data = article_form_data(
        article, title="Waiting lists fall again", body="<p>Lists fell again in April.</p>"
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    return article


def test_each_save_records_a_version_with_who_and_when(edited, person):
    versions = list(edited.history.order_by("history_date"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[-1].history_user == person
    assert versions[-1].title == "Waiting lists fall again"
    assert edited.version == 2


def test_history_page_shows_a_readable_word_diff(client, edited):
    page = client.get(reverse("admin:articles_article_history", args=[edited.pk])).content
    page = page.decode()
    assert "rachel" in page
    assert "<del>March.</del>" in page
    assert "<ins>again</ins>" in page
    assert "<ins>April.</ins>" in page
    assert "Restore this version" in page


def test_compare_view_sets_two_versions_side_by_side(client, edited):
    url = reverse("admin:articles_article_compare", args=[edited.pk])
    page = client.get(url, {"from": 1, "to": 2}).content.decode()
    assert "From version 1" in page
    assert "Lists fell in March." in page
    assert "Lists fell again in April." in page
    assert "<del>fall</del>" not in page  # unchanged words are not marked
    assert "<ins>again</ins>" in page


def test_compare_view_answers_404_for_an_unknown_version(client, edited):
    url = reverse("admin:articles_article_compare", args=[edited.pk])
    assert client.get(url, {"from": 99}).status_code == 404
    assert client.get(url, {"from": "x"}).status_code == 404


def test_editor_restores_an_earlier_version(client, edited):
    first = edited.history.get(version=1)
    url = reverse("admin:articles_article_simple_history", args=[edited.pk, first.pk])
    form = client.get(url).content.decode()
    assert "Waiting lists fall" in form
    assert 'name="base_version" value="2"' in form  # the stored version, not the old one
    data = article_form_data(first.instance, base_version="2")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    edited.refresh_from_db()
    assert edited.title == "Waiting lists fall"
    assert edited.body == "<p>Lists fell in March.</p>"
    assert edited.version == 3
    assert edited.history.count() == 3


def test_restoring_is_refused_to_a_writer(client, edited):
    from tests.factories import writer

    first = edited.history.get(version=1)
    client.force_login(writer())
    url = reverse("admin:articles_article_simple_history", args=[edited.pk, first.pk])
    assert client.post(url, article_form_data(first.instance)).status_code == 403
    assert Article.objects.get(pk=edited.pk).title == "Waiting lists fall again"


def test_a_writer_cannot_read_the_history_of_someone_elses_article(client, edited):
    from tests.factories import writer

    client.force_login(writer())
    url = reverse("admin:articles_article_history", args=[edited.pk])
    assert client.get(url).status_code == 403
