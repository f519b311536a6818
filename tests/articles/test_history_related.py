"""The history lists what a save did to bylines, topics, corrections and share links, and
its version numbers run without gaps, whichever desk saved the piece."""

import pytest
from django.urls import reverse

from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import ArticleFactory, AuthorFactory, editor

pytestmark = pytest.mark.django_db


def history_page(client, article):
    return client.get(
        reverse("admin:articles_article_history", args=[article.pk])
    ).content.decode()


@pytest.fixture
def article_with_extras(client):
    """An article saved once through the admin with a byline, a topic, a correction and a
    share link added, then once more with a new headline."""
    article = ArticleFactory(title="Waiting lists fall")
    client.force_login(editor(username="rachel"))
    author = AuthorFactory(name="Priya Shah")
    data = article_form_data(article, new_tags="waiting lists,")
    data.update(
        {
            "bylines-TOTAL_FORMS": 1,
            "bylines-0-author": author.pk,
            "bylines-0-position": 0,
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-kind": "correction",
            "corrections-0-published_on": "2026-12-01",
            "corrections-0-text": "We gave the wrong month.",
            "share_links-TOTAL_FORMS": 1,
            "share_links-0-recipient": "Press office, Leeds",
            "share_links-0-expires_at_0": "2030-12-20",
            "share_links-0-expires_at_1": "10:00:00",
        }
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    data = article_form_data(article, title="Waiting lists fall again", tags=[])
    data["tags"] = [tag.pk for tag in article.tags.all()]
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    return article


def test_history_lists_bylines_topics_corrections_and_share_links(client, article_with_extras):
    page = history_page(client, article_with_extras)
    assert '<strong>Bylines:</strong> <span class="diff">added Priya Shah' in page
    assert "added waiting lists" in page
    assert "added “Correction of 01/12/2026: We gave the wrong month.”" in page
    assert "made one for Press office, Leeds" in page


def test_versions_after_related_changes_have_no_gaps(article_with_extras):
    versions = list(article_with_extras.history.order_by("history_date"))
    assert [v.version for v in versions] == [1, 2, 3]
    assert article_with_extras.version == 3


def test_compare_page_lists_the_related_changes_between_versions(client, article_with_extras):
    url = reverse("admin:articles_article_compare", args=[article_with_extras.pk])
    page = client.get(url, {"from": 1, "to": 3}).content.decode()
    assert "Bylines, topics, corrections and share links" in page
    assert "made one for Press office, Leeds" in page
    assert "<ins>again</ins>" in page


def test_revoking_a_share_link_shows_in_the_history(client, article_with_extras):
    article = article_with_extras
    link = article.share_links.get()
    data = article_form_data(article)
    data["tags"] = [tag.pk for tag in article.tags.all()]
    data.update(
        {
            "share_links-TOTAL_FORMS": 1,
            "share_links-INITIAL_FORMS": 1,
            "share_links-0-id": link.pk,
            "share_links-0-article": article.pk,
            "share_links-0-recipient": link.recipient,
            "share_links-0-expires_at_0": "2030-12-20",
            "share_links-0-expires_at_1": "10:00:00",
            "share_links-0-revoke": "on",
        }
    )
    assert client.post(change_url(article), data).status_code == 302
    assert "revoked the one for Press office, Leeds" in history_page(client, article)


def test_curating_the_front_page_records_a_version(client):
    article = ArticleFactory(title="Top story", is_featured=True, featured_order=1)
    client.force_login(editor(username="rachel"))
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(article.pk),
        "form-0-featured_order": "4",
        "_save": "Save",
    }
    assert (
        client.post(reverse("admin:articles_frontpagearticle_changelist"), data).status_code == 302
    )
    article.refresh_from_db()
    assert article.version == 2
    assert [v.version for v in article.history.order_by("history_date")] == [1, 2]
    page = history_page(client, article)
    assert "<strong>Front page order:</strong>" in page


def test_history_compare_and_restore_pages_keep_the_admins_look(client, article_with_extras):
    article = article_with_extras
    history = history_page(client, article)
    assert "/static/css/admin.css" in history
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"from": 1}
    ).content.decode()
    assert '<ol class="breadcrumbs">' in compare
    assert '<li aria-current="page">Compare</li>' in compare
    first = article.history.get(version=1)
    restore = client.get(
        reverse("admin:articles_article_simple_history", args=[article.pk, first.pk])
    ).content.decode()
    assert '<ol class="breadcrumbs">' in restore
    assert '<li aria-current="page">Restore version 1</li>' in restore
    assert '<div class="breadcrumbs">' not in restore
