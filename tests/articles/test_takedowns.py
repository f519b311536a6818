"""A piece taken down (unpublished, embargoed, rescheduled, deleted) is purged from a CDN
through CDN_PURGE_HOOK once the takedown commits (articles/takedowns.py)."""

import logging
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import CHANGELIST_URL, article_form_data, change_url
from tests.factories import ArticleFactory, editor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_roles")]

purged = []


def record(urls):
    purged.append(urls)


def fail(urls):
    raise ConnectionError("the CDN's API does not answer")


@pytest.fixture(autouse=True)
def cdn(settings):
    settings.SITE_URL = "https://www.nhe.example"
    settings.CDN_PURGE_HOOK = "tests.articles.test_takedowns.record"
    purged.clear()
    yield
    purged.clear()


@pytest.fixture
def desk(client):
    client.force_login(editor())
    return client


def test_unpublishing_purges_the_piece_and_the_lists_that_carried_it_once_committed(
    desk, django_capture_on_commit_callbacks
):
    article = ArticleFactory(title="Withdrawn on legal advice")
    article.tags.add("waiting lists")
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            CHANGELIST_URL, {"action": "unpublish_selected", "_selected_action": [article.pk]}
        )
        assert response.status_code == 302
        assert purged == []
    [urls] = purged
    site = "https://www.nhe.example"
    assert f"{site}{article.get_absolute_url()}" in urls
    assert {f"{site}/", f"{site}/news/", f"{site}/feeds/latest/"} <= set(urls)
    assert f"{site}{article.section.get_absolute_url()}" in urls
    assert f"{site}/tags/waiting-lists/" in urls


def test_an_embargo_laid_on_a_live_piece_purges_it(desk, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    data = article_form_data(article, embargo_until=timezone.now() + timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert desk.post(change_url(article), data).status_code == 302
    assert not Article.objects.get(pk=article.pk).is_public()
    assert len(purged) == 1


def test_deleting_a_live_piece_purges_it(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    url = f"https://www.nhe.example{article.get_absolute_url()}"
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert url in purged[0]


def test_a_takedown_that_rolls_back_purges_nothing(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        article.unpublish()
        article.save()
        raise RuntimeError("the editor's save failed later on")
    assert purged == []


def test_publishing_and_editing_purge_nothing(desk, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory()
        article.title = "A better headline"
        article.save()
    assert purged == []


def test_a_failing_purge_is_logged_and_the_editor_still_gets_the_save(
    desk, settings, caplog, django_capture_on_commit_callbacks
):
    settings.CDN_PURGE_HOOK = "tests.articles.test_takedowns.fail"
    article = ArticleFactory()
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            CHANGELIST_URL,
            {"action": "unpublish_selected", "_selected_action": [article.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert "Unpublished 1 article(s)." in response.text
    assert "the CDN's API does not answer" in caplog.text


def test_without_a_hook_nothing_is_called(desk, settings, django_capture_on_commit_callbacks):
    settings.CDN_PURGE_HOOK = ""
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.unpublish()
        article.save()
    assert purged == []
    assert callbacks  # the generation still ends on commit
