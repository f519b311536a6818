"""Browsers holding a page get 304 Not Modified, with the page cache off as well as on."""

import pytest

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.PAGE_CACHE_SECONDS = 0


# The front page: an article page's comment form carries a token that is new each second.
def test_an_unchanged_page_answers_304_to_the_tag_it_was_served_with(client):
    ArticleFactory(title="A story readers keep open")
    first = client.get("/")
    assert "X-Page-Cache" not in first
    assert first["ETag"].startswith('"') and first["ETag"].endswith('"')
    again = client.get("/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_a_changed_page_is_sent_again_with_a_new_tag(client):
    article = ArticleFactory(title="The first headline")
    etag = client.get("/")["ETag"]
    article.title = "The corrected headline"
    article.save()
    response = client.get("/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "The corrected headline" in response.text
    assert response["ETag"] != etag


def test_only_get_answers_carry_a_tag(client):
    ArticleFactory()
    assert "ETag" not in client.head("/")
