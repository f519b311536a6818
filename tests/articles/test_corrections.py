"""Typed, dated corrections on the article, a site-wide list and its feed."""

from datetime import date

import pytest
from django.urls import reverse

from articles.models import Correction
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import ArticleFactory, CorrectionFactory, DraftFactory, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrections():
    article = ArticleFactory(title="Trust finances story")
    older = CorrectionFactory(
        article=article, published_on=date(2026, 3, 1), text="We misstated the deficit."
    )
    newer = CorrectionFactory(
        article=ArticleFactory(title="Workforce story"),
        kind=Correction.Kind.CLARIFICATION,
        published_on=date(2026, 4, 2),
        text="The figure covers nurses only.",
    )
    CorrectionFactory(article=DraftFactory(), text="Draft correction.")
    return older, newer


def test_article_shows_its_corrections_typed_and_dated(client, corrections):
    older, _ = corrections
    page = client.get(older.article.get_absolute_url()).content.decode()
    assert f'id="correction-{older.pk}"' in page
    assert 'Correction, <time datetime="2026-03-01">01/03/2026</time>' in page
    assert "We misstated the deficit." in page


def test_corrections_page_lists_all_newest_first(client, corrections):
    older, _ = corrections
    page = client.get(reverse("articles:corrections")).content.decode()
    assert page.index("The figure covers nurses only.") < page.index("We misstated the deficit.")
    assert "Clarification" in page
    assert older.get_absolute_url() in page
    assert "Draft correction." not in page


def test_corrections_page_advertises_its_feed(client, corrections):
    page = client.get(reverse("articles:corrections")).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Corrections and clarifications" '
        'href="/corrections/feed/">' in page
    )


def test_corrections_feed_lists_each_correction(client, corrections):
    response = client.get(reverse("articles:corrections_feed"))
    feed = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert "<title>Clarification: Workforce story</title>" in feed
    assert "We misstated the deficit." in feed
    assert "Draft correction." not in feed


def test_corrections_page_with_none_says_so(client):
    page = client.get(reverse("articles:corrections")).content.decode()
    assert "We have not corrected any articles yet." in page


def test_corrections_page_is_linked_from_every_page(client):
    assert 'href="/corrections/"' in client.get("/").content.decode()


def test_editor_adds_a_correction_in_admin(client):
    article = ArticleFactory()
    client.force_login(editor())
    data = article_form_data(
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "update",
            "corrections-0-published_on": "2026-05-06",
            "corrections-0-text": "The trust has since replied.",
        },
    )
    assert client.post(change_url(article), data).status_code == 302
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'Update, <time datetime="2026-05-06">06/05/2026</time>' in page


def test_an_empty_correction_is_refused_with_a_message(client):
    article = ArticleFactory()
    client.force_login(editor())
    data = article_form_data(
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-published_on": "not a date",
            "corrections-0-text": "",
        },
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not article.corrections.exists()


def test_corrections_page_and_feed_cost_the_same_queries_at_two_sizes(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for size in (3, 40):
        while Correction.objects.count() < size:
            CorrectionFactory()
        counts[size] = []
        for url in (reverse("articles:corrections"), reverse("articles:corrections_feed")):
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts[size].append(len(captured))
    assert counts[3] == counts[40]
    assert counts[40][0] <= 3 and counts[40][1] <= 2, counts
