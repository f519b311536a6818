"""The article form shows how search results and shared links will show a piece, how long
it is and how long it takes to read, without scripts as well as with them."""

import pytest
from django.test import override_settings

from articles import writing
from tests.articles.admin_forms import ADD_URL, change_url
from tests.factories import ArticleFactory, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    client.force_login(editor())
    return client


def test_labels_say_seo_in_capitals(signed_in):
    page = signed_in.get(ADD_URL).content.decode()
    assert ">SEO title:</label>" in page
    assert ">SEO description:</label>" in page
    assert "Seo title" not in page


def test_fields_say_how_much_search_results_show(signed_in):
    page = signed_in.get(ADD_URL).content.decode()
    assert 'data-search-limit="60"' in page
    assert 'data-search-limit="160"' in page
    assert "Search results show about 60 characters of a title" in page
    assert "Search results show about 160 characters of a description" in page


@override_settings(SITE_URL="https://www.example-nhe.co.uk", SITE_NAME="NHE")
def test_search_preview_uses_the_seo_title_and_description(signed_in):
    article = ArticleFactory(
        title="Trusts publish their winter plans",
        seo_title="Winter plans published",
        standfirst="Boards set out how they will cope.",
        seo_description="Every board's plan for the winter, in one place.",
    )
    page = signed_in.get(change_url(article)).content.decode()
    assert 'data-preview="search-title">Winter plans published | NHE</p>' in page
    assert "Every board&#x27;s plan for the winter, in one place." in page
    assert "www.example-nhe.co.uk" in page
    assert article.slug in page
    assert (
        '<p class="social-card__title" data-preview="social-title">Winter plans published</p>'
        in page
    )


@override_settings(SITE_NAME="NHE")
def test_search_preview_falls_back_to_title_and_standfirst_and_cuts_them(signed_in):
    article = ArticleFactory(title="A" * 80, standfirst="word " * 60)
    page = signed_in.get(change_url(article)).content.decode()
    assert f">{'A' * 59}…</p>" in page
    assert "word word" in page


def test_length_and_reading_time_come_from_the_stored_body(signed_in):
    body = "".join(f"<p>{'word ' * 100}</p>" for _ in range(5))
    article = ArticleFactory(body=body)
    page = signed_in.get(change_url(article)).content.decode()
    assert '<span data-aid="length">500 words, about 3 minutes to read</span>' in page


def test_a_new_piece_has_no_length_yet(signed_in):
    page = signed_in.get(ADD_URL).content.decode()
    assert "No body text yet." in page


def test_words_in_neighbouring_paragraphs_are_counted_apart():
    assert writing.word_count("<p>one</p><p>two&nbsp;three</p><h2>four</h2>") == 4
    assert writing.length_summary("<p>Hello</p>") == "1 word, about 1 minute to read"


def test_hostile_titles_are_shown_as_text_in_the_previews(signed_in):
    article = ArticleFactory(title="<script>alert(1)</script> plans", standfirst="<b>x</b>")
    page = signed_in.get(change_url(article)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; plans" in page
