"""An embargoed article stays off every public surface until its embargo lifts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory

pytestmark = pytest.mark.django_db

TITLE = "Embargoed report on waiting lists"


@pytest.fixture
def columnist():
    return AuthorFactory(is_columnist=True, name="Dr Embargo Columnist")


@pytest.fixture
def embargoed(columnist):
    article = ArticleFactory(
        title=TITLE,
        authors=[columnist],
        is_featured=True,
        embargo_until=timezone.now() + timedelta(hours=2),
        publish_at=timezone.now() - timedelta(hours=2),
    )
    article.tags.add("Waiting lists")
    CorrectionFactory(article=article, text="Embargoed correction text.")
    return article


@pytest.fixture
def neighbour():
    article = ArticleFactory(title="Public piece in the same section")
    article.tags.add("Waiting lists")
    return article


def lift(article):
    Article.objects.filter(pk=article.pk).update(
        embargo_until=timezone.now() - timedelta(minutes=1)
    )


def listing_urls(article, columnist):
    return [
        reverse("articles:home"),
        reverse("articles:news"),
        article.section.get_absolute_url(),
        columnist.get_absolute_url(),
        reverse("articles:tag", args=[Tag.objects.get(name="Waiting lists").slug]),
        reverse("columnists:directory"),
    ]


def test_embargoed_article_is_on_no_listing(client, embargoed, neighbour, columnist):
    for url in listing_urls(embargoed, columnist):
        assert TITLE not in client.get(url).content.decode(), url


def test_embargoed_article_page_is_not_found(client, embargoed):
    assert client.get(embargoed.get_absolute_url()).status_code == 404


def test_embargoed_article_is_not_related_to_anything(client, embargoed, neighbour):
    neighbour.related.add(embargoed)
    page = client.get(neighbour.get_absolute_url()).content.decode()
    assert TITLE not in page


def test_embargoed_article_is_not_counted(embargoed, neighbour, columnist):
    assert Article.objects.published().count() == 1
    assert not Author.objects.columnists().filter(pk=columnist.pk).exists()


def test_embargoed_corrections_are_not_listed_or_fed(client, embargoed):
    assert "Embargoed correction text." not in client.get("/corrections/").content.decode()
    assert "Embargoed correction text." not in client.get("/corrections/feed/").content.decode()


def test_everything_appears_once_the_embargo_lifts(client, embargoed, neighbour, columnist):
    lift(embargoed)
    assert client.get(embargoed.get_absolute_url()).status_code == 200
    for url in listing_urls(embargoed, columnist):
        assert TITLE in client.get(url).content.decode(), url
    assert "Embargoed correction text." in client.get("/corrections/").content.decode()


def test_republishing_an_article_keeps_its_embargo(embargoed):
    embargoed.unpublish()
    embargoed.save()
    embargoed.publish()
    embargoed.save()
    assert embargoed.state == Article.State.EMBARGOED
