"""Headshots: sized, and described only where no name stands beside them."""

import re

import pytest

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def columnist():
    return AuthorFactory(
        name="Helen Marchbank",
        is_columnist=True,
        headshot=ImageFactory(alt_text="Illustrated portrait of Helen Marchbank"),
    )


def img(page, css_class):
    return re.search(rf'<img class="{css_class}"[^>]*>', page)[0]


def test_byline_headshot_is_decoration_beside_the_name(client, columnist):
    article = ArticleFactory(authors=[columnist])
    photo = img(client.get(article.get_absolute_url()).text, "byline__photo")
    assert 'alt=""' in photo
    assert 'width="160" height="160"' in photo


def test_author_page_describes_the_portrait(client, columnist):
    photo = img(client.get(columnist.get_absolute_url()).text, "profile__photo")
    assert 'alt="Illustrated portrait of Helen Marchbank"' in photo


def test_a_square_headshot_offers_only_its_square_size(client, columnist):
    photo = img(client.get(columnist.get_absolute_url()).text, "profile__photo")
    thumb = columnist.headshot.rendition("thumb")
    assert f'srcset="{thumb["url"]} 160w"' in photo


def test_columnists_directory_headshots_are_decoration_beside_the_name(client, columnist):
    ArticleFactory(authors=[columnist])
    photo = img(client.get("/columnists/").text, "columnist__photo")
    assert 'alt=""' in photo and 'loading="lazy"' in photo and "srcset=" in photo
