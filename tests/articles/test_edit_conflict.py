"""Two editors on one article: the second save is refused with both versions to hand."""

import pytest

from articles.models import Article, EditConflict
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import ArticleFactory, editor

pytestmark = pytest.mark.django_db


def test_second_save_from_a_stale_form_is_refused_and_keeps_the_typing(client):
    article = ArticleFactory(title="Original headline")
    first, second = editor(username="first"), editor(username="second")
    stale = article_form_data(article, title="Second editor's headline")

    client.force_login(first)
    saved = client.post(change_url(article), article_form_data(article, title="First's headline"))
    assert saved.status_code == 302

    client.force_login(second)
    response = client.post(change_url(article), stale)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this article (version 2, by first)" in page
    assert "Nothing has been saved" in page
    assert 'value="Second editor&#x27;s headline"' in page  # their typing is kept
    assert "/compare/?from=1&amp;to=2" in page  # and the other version is a click away
    article.refresh_from_db()
    assert article.title == "First's headline"
    assert article.version == 2


def test_saving_again_from_the_fresh_version_succeeds(client):
    article = ArticleFactory()
    client.force_login(editor())
    client.post(change_url(article), article_form_data(article, title="One"))
    article.refresh_from_db()
    response = client.post(change_url(article), article_form_data(article, title="Two"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.version) == ("Two", 3)


def test_the_version_check_refuses_a_stale_copy():
    article = ArticleFactory()
    stale = Article.objects.get(pk=article.pk)
    article.save()
    with pytest.raises(EditConflict):
        stale.check_version(stale.version)
