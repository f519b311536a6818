"""Old article addresses keep working after a slug or section change; slugs never clash."""

import threading

import pytest
from django.contrib.redirects.models import Redirect
from django.db import connection

from articles.models import Article, Section
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import ArticleFactory, DraftFactory, editor


def move(article, **changes):
    for name, value in changes.items():
        setattr(article, name, value)
    article.save()


@pytest.mark.django_db
def test_changing_the_slug_answers_301_from_the_old_address(client):
    article = ArticleFactory(slug="old-slug")
    old = article.get_absolute_url()
    move(article, slug="new-slug")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.django_db
def test_changing_the_section_answers_301_from_the_old_address(client):
    article = ArticleFactory()
    old = article.get_absolute_url()
    move(article, section=Section.objects.get(slug="featured"))
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert "/news/featured/" in response["Location"]


@pytest.mark.django_db
def test_chains_collapse_to_one_hop(client):
    article = ArticleFactory(slug="first")
    first = article.get_absolute_url()
    move(article, slug="second")
    second = article.get_absolute_url()
    move(article, slug="third")
    for old in (first, second):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()
    assert not Redirect.objects.filter(new_path=second).exists()


@pytest.mark.django_db
def test_moving_back_makes_no_loop(client):
    article = ArticleFactory(slug="here")
    here = article.get_absolute_url()
    move(article, slug="there")
    move(article, slug="here")
    assert client.get(here).status_code == 200
    assert not Redirect.objects.filter(old_path=here).exists()
    there = Redirect.objects.get(new_path=here)
    assert there.old_path.endswith("/there/")


@pytest.mark.django_db
def test_renaming_a_draft_makes_no_redirect():
    draft = DraftFactory(slug="draft-slug")
    move(draft, slug="better-draft-slug")
    assert not Redirect.objects.exists()


@pytest.mark.django_db
def test_editor_renaming_in_admin_keeps_the_old_address(client):
    article = ArticleFactory(slug="from-admin")
    old = article.get_absolute_url()
    client.force_login(editor())
    response = client.post(change_url(article), article_form_data(article, slug="renamed"))
    assert response.status_code == 302
    assert client.get(old)["Location"] == "/news/news/renamed/"


@pytest.mark.django_db
def test_same_title_twice_gets_a_second_slug():
    first = ArticleFactory(title="Same title", slug="")
    second = ArticleFactory(title="Same title", slug="")
    assert (first.slug, second.slug) == ("same-title", "same-title-2")


@pytest.mark.django_db
def test_a_taken_slug_typed_in_admin_is_a_form_error(client):
    ArticleFactory(slug="taken")
    client.force_login(editor())
    data = article_form_data(section=str(Section.objects.get(slug="news").pk), slug="taken")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Article with this Slug already exists." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_articles_saved_at_once_with_the_same_title_both_save(default_sections, monkeypatch):
    """Both saves pick the same free slug before either inserts; PostgreSQL's constraint
    refuses one, which then takes the next slug instead of failing with a 500."""
    both_chose = threading.Barrier(2, timeout=10)
    choose = Article._unique_slug

    def slow_choice(self, base=None):
        slug = choose(self, base)
        if base is None:  # the first choice, before either insert
            both_chose.wait()
        return slug

    monkeypatch.setattr(Article, "_unique_slug", slow_choice)
    section = Section.objects.get(slug="news")
    errors = []

    def save():
        try:
            Article(title="Breaking: strike called", standfirst="s", section=section).save()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "breaking-strike-called",
        "breaking-strike-called-2",
    ]
