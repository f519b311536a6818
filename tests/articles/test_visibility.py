"""The visibility rule on every public surface: only published pieces whose time has come."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def columnist():
    return AuthorFactory(is_columnist=True, name="Dr Ada Columnist")


@pytest.fixture
def three_states(columnist):
    tag = "Workforce"
    public = ArticleFactory(title="Public story on rotas", authors=[columnist])
    draft = DraftFactory(title="Draft story on rotas", authors=[columnist])
    future = ScheduledFactory(title="Scheduled story on rotas", authors=[columnist])
    for article in (public, draft, future):
        article.tags.add(tag)
    return public, draft, future


def test_published_queryset_is_the_visibility_rule(three_states):
    public, draft, future = three_states
    assert list(Article.objects.published()) == [public]
    assert public.is_public()
    assert not draft.is_public()
    assert not future.is_public()


def surfaces(public, columnist):
    return [
        reverse("articles:home"),
        reverse("articles:news"),
        public.section.get_absolute_url(),
        columnist.get_absolute_url(),
        reverse("articles:tag", args=[Tag.objects.get(name="Workforce").slug]),
        reverse("columnists:directory"),
    ]


def test_only_the_public_piece_is_listed_anywhere(client, three_states, columnist):
    public, _, _ = three_states
    for url in surfaces(public, columnist):
        page = client.get(url).content.decode()
        assert "Public story on rotas" in page, url
        assert "Draft story on rotas" not in page, url
        assert "Scheduled story on rotas" not in page, url


@pytest.mark.parametrize("factory", [DraftFactory, ScheduledFactory])
def test_unpublished_article_page_is_not_found(client, factory):
    article = factory()
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_scheduled_article_appears_once_its_time_comes(client, three_states):
    _, _, future = three_states
    Article.objects.filter(pk=future.pk).update(publish_at=future.publish_at.replace(year=2020))
    response = client.get(future.get_absolute_url())
    assert response.status_code == 200
    assert "Scheduled story on rotas" in response.content.decode()


def test_columnist_without_public_piece_is_not_in_directory(client):
    DraftFactory(authors=[AuthorFactory(is_columnist=True, name="Unpublished Columnist")])
    page = client.get(reverse("columnists:directory")).content.decode()
    assert "Unpublished Columnist" not in page
    assert "No columns have been published yet." in page


def test_no_search_feed_sitemap_related_or_most_read_shows_an_unpublished_piece(
    client, three_states, columnist
):
    from django.utils import timezone

    from articles.models import ReadCount

    public, draft, future = three_states
    public.related.add(draft, future)
    for article in (public, draft, future):
        ReadCount.objects.create(article=article, day=timezone.localdate(), count=5)
    tag = Tag.objects.get(name="Workforce").slug
    urls = [
        reverse("articles:search") + "?q=rotas",
        reverse("articles:feed"),
        reverse("articles:feed-atom"),
        reverse("articles:section-feed", args=[public.section.slug]),
        reverse("articles:author-feed", args=[columnist.slug]),
        reverse("articles:tag-feed", args=[tag]),
        reverse("articles:sitemap", args=["articles"]),
        reverse("articles:sitemap", args=["news"]),
        reverse("articles:home"),
        public.get_absolute_url(),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert public.slug in page, url
        assert draft.slug not in page, url
        assert future.slug not in page, url
        assert "Draft story" not in page and "Scheduled story" not in page, url
