"""The helpers list pages render with: they must give exactly what Django's own would."""

from datetime import UTC, datetime
from urllib.parse import urljoin

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.urls import include, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from articles.addresses import address
from articles.dates import day_month_year, day_month_year_time
from articles.models import Author, Section, media_url
from articles.sanitise import MarkupTemplate, markup, markup_join
from articles.templatetags.newsroom import shortened
from tests.factories import ArticleFactory, AuthorFactory

HOSTILE = ["<script>alert(1)</script>", '" onmouseover="x', "' onfocus='y", "&amp;", "<", "&"]
values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(HOSTILE),
    st.integers(),
    st.sampled_from(HOSTILE).map(lambda text: mark_safe(f"<b>{text}</b>")),  # noqa: S308
)


@given(st.lists(values, min_size=1, max_size=5))
def test_markup_escapes_exactly_as_format_html_does(args):
    template = "<p title='{}'>" * len(args)
    assert markup(template, *args) == format_html(template, *args)
    assert isinstance(markup(template, *args), SafeString)


@given(st.lists(values, max_size=8))
def test_markup_join_escapes_exactly_as_format_html_join_does(pieces):
    separator = mark_safe("<br>")
    expected = format_html_join(separator, "{}", ((piece,) for piece in pieces))
    assert markup_join("<br>", pieces) == expected


NAMED = "<p title='{first}'>{second}</p>{{literal braces}}<i>{first}</i>{third}"


@given(values, values, values)
def test_a_markup_template_renders_exactly_what_markup_does(first, second, third):
    template = MarkupTemplate(NAMED)
    expected = markup(NAMED, first=first, second=second, third=third)
    assert template.render(first=first, second=second, third=third) == expected
    assert isinstance(template.render(first=first, second=second, third=third), SafeString)
    # Fields filled ahead are escaped as they would have been in the render.
    assert template.filled(first=first).render(second=second, third=third) == expected
    assert template.filled(first=first, third=third).render(second=second) == expected


def test_a_markup_template_is_not_changed_by_filling_a_copy():
    template = MarkupTemplate(NAMED)
    template.filled(first="<one>", second="two", third="three")
    assert template.render(first=1, second=2, third=3) == (
        "<p title='1'>2</p>{literal braces}<i>1</i>3"
    )


def test_a_markup_template_with_a_missing_value_fails_loudly():
    with pytest.raises(KeyError):
        MarkupTemplate(NAMED).render(first="one", second="two")


@pytest.mark.parametrize("template", ["<p>{}</p>", "<p>{0}</p>", "{name!r}", "{name:>10}"])
def test_a_markup_template_takes_plain_named_fields_only(template):
    with pytest.raises(ValueError, match="plain names"):
        MarkupTemplate(template)


@given(st.datetimes(min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31)))
def test_dates_are_written_as_strftime_writes_them(moment):
    assert day_month_year(moment) == moment.strftime("%d/%m/%Y")
    assert day_month_year(moment.date()) == moment.strftime("%d/%m/%Y")
    assert day_month_year_time(moment) == moment.strftime("%d/%m/%Y %H:%M")


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


def test_markup_evaluates_lazy_text_and_escapes_it():
    lazy = gettext_lazy("<Reports> & complaints")
    assert markup("<h2>{}</h2>", lazy) == "<h2>&lt;Reports&gt; &amp; complaints</h2>"


@given(st.text(max_size=400))
def test_shortened_text_never_exceeds_the_limit_and_ends_with_an_ellipsis_when_cut(text):
    short = shortened(text, 180)
    assert len(short) <= 180
    assert short == text or (short.endswith("…") and text.startswith(short[:-1]))


@pytest.mark.django_db
def test_addresses_are_those_reverse_gives():
    article = ArticleFactory()
    assert address("articles:article", section="news", slug=article.slug) == reverse(
        "articles:article", kwargs={"section": "news", "slug": article.slug}
    )
    assert address("comments:report", 42) == reverse("comments:report", args=[42])
    assert article.get_absolute_url() == f"/news/news/{article.slug}/"


# The site under a prefix, for the test below.
urlpatterns = [path("edition/", include("nhe.urls"))]


def test_addresses_follow_a_changed_url_configuration(settings):
    assert address("articles:news") == "/news/"
    settings.ROOT_URLCONF = __name__
    assert address("articles:news") == "/edition/news/"


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


def rendered(template, **context):
    from django.template import engines

    return engines["django"].from_string("{% load newsroom %}" + template).render(context)


@given(
    st.datetimes(
        min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    )
)
def test_time_element_is_what_the_date_filter_gave(moment):
    for shown, with_time in (("d/m/Y", False), ("d/m/Y H:i", True)):
        expected = f"<time datetime=\"{{{{ x|date:'c' }}}}\">{{{{ x|date:'{shown}' }}}}</time>"
        assert rendered("{% time_element x with_time=t %}", x=moment, t=with_time) == rendered(
            expected, x=moment
        )
    day = moment.date()
    expected = "<time datetime=\"{{ x|date:'Y-m-d' }}\">{{ x|date:'d/m/Y' }}</time>"
    assert rendered("{% time_element x %}", x=day) == rendered(expected, x=day)
    assert rendered("{% time_element x %}", x=None) == ""
