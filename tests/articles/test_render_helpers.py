"""The helpers list pages render with: they must give exactly what Django's own would."""

from urllib.parse import urljoin

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.urls import include, path, reverse
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Author, Section, media_url
from tests.factories import ArticleFactory, AuthorFactory

HOSTILE = ["<script>alert(1)</script>", '" onmouseover="x', "' onfocus='y", "&amp;", "<", "&"]
values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(HOSTILE),
    st.integers(),
    st.sampled_from(HOSTILE).map(lambda text: mark_safe(f"<b>{text}</b>")),  # noqa: S308
)


NAMED = "<p title='{first}'>{second}</p>{{literal braces}}<i>{first}</i>{third}"


@pytest.mark.parametrize(
    "site_url", ["https://www.example.org", "https://example.org/", "http://example.org/site/"]
)
@given(
    path=st.one_of(
        st.sampled_from(["/", "/news/a-story/", "//cdn.example/x.png", "/a/../b/", "/./c"]),
        st.sampled_from(["https://media.example/i.jpg", "relative/path", "?page=2", ""]),
        st.text(alphabet="/.abc?#%-", max_size=20),
    )
)
def test_absolute_addresses_are_what_urljoin_gives(site_url, path):
    from django.test import override_settings

    from articles import seo

    with override_settings(SITE_URL=site_url):
        assert seo.absolute_url(path) == urljoin(site_url.rstrip("/") + "/", path)


# The site under a prefix, for the test below.
urlpatterns = [path("edition/", include("nhe.urls"))]


def test_media_addresses_follow_a_changed_media_url(settings):
    settings.MEDIA_URL = "/media/"
    assert media_url("renditions/a/photo.jpg") == "/media/renditions/a/photo.jpg"
    settings.MEDIA_URL = "https://media.example.org/"
    assert (
        media_url("renditions/a/photo.jpg") == "https://media.example.org/renditions/a/photo.jpg"
    )


class SigningStorage(FileSystemStorage):
    """Gives a new signed address each time, as S3 with querystring_auth does."""

    querystring_auth = True
    signed = 0

    def url(self, name):
        SigningStorage.signed += 1
        return f"{super().url(name)}?signature={SigningStorage.signed}"


def test_signed_media_addresses_are_asked_for_every_time(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.articles.test_render_helpers.SigningStorage"},
    }
    first, second = media_url("headshot.jpg"), media_url("headshot.jpg")
    assert "headshot.jpg?signature=" in first
    assert first != second


def test_author_names_cannot_hold_control_characters():
    with pytest.raises(ValidationError, match="letters, spaces and punctuation"):
        Author(name="Dr Jane\x1fSmith", slug="jane").full_clean(exclude=["slug"])
    Author(name="Dr Jane O’Neill-Smith", slug="jane").full_clean(exclude=["slug"])


@pytest.mark.django_db
@pytest.mark.parametrize(("count", "valid"), [(0, False), (1, True), (12, True), (13, False)])
def test_a_front_page_block_shows_one_to_twelve_teasers(count, valid):
    section = Section.objects.get(slug="news")
    section.front_page_count = count
    if valid:
        section.full_clean()
    else:
        with pytest.raises(ValidationError, match="front_page_count"):
            section.full_clean()


@pytest.mark.django_db
def test_teasers_name_every_author_in_byline_order(client):
    first, second = AuthorFactory(name="Zoe Shah"), AuthorFactory(name="Tom O'Hara & Co")
    ArticleFactory(title="Two bylines", authors=[first, second])
    ArticleFactory(title="The top story, which takes the lead teaser", is_featured=True)
    for url in ("/", reverse("articles:news"), reverse("articles:search") + "?q=bylines"):
        page = client.get(url).text
        assert "By Zoe Shah, Tom O&#x27;Hara &amp; Co</p>" in page, url


@pytest.mark.django_db
def test_without_ordered_aggregates_teasers_still_name_authors_in_byline_order(
    client, monkeypatch
):
    # As on SQLite before 3.44, which `make run` may use: bylines are prefetched instead.
    monkeypatch.setattr(connection.features, "supports_aggregate_order_by_clause", False)
    first, second = AuthorFactory(name="Zoe Shah"), AuthorFactory(name="Adam Baker")
    ArticleFactory(title="Two bylines", authors=[first, second])
    assert "By Zoe Shah, Adam Baker</p>" in client.get(reverse("articles:news")).text
