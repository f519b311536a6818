"""Draft → ready for review → published, unpublish, scheduling, and the states admin shows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import CHANGELIST_URL, article_form_data, change_url
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory, editor

pytestmark = pytest.mark.django_db


def test_a_draft_goes_to_review_then_live():
    article = DraftFactory()
    assert article.state == Article.State.DRAFT
    article.submit_for_review()
    article.save()
    assert article.state == Article.State.REVIEW
    assert not article.is_public()
    article.publish()
    article.save()
    assert article.state == Article.State.LIVE
    assert list(Article.objects.published()) == [article]


def test_unpublish_takes_a_live_article_off_the_site(client):
    article = ArticleFactory()
    article.unpublish()
    article.save()
    assert article.state == Article.State.DRAFT
    assert client.get(article.get_absolute_url()).status_code == 404


def test_publishing_with_a_future_time_schedules_without_a_job():
    article = DraftFactory(publish_at=timezone.now() + timedelta(hours=3))
    article.publish()
    article.save()
    assert article.state == Article.State.SCHEDULED
    later = timezone.now() + timedelta(hours=4)
    assert list(Article.objects.published(at=later)) == [article]
    assert not Article.objects.published().exists()


def test_embargo_outranks_an_earlier_publish_time():
    article = ArticleFactory(embargo_until=timezone.now() + timedelta(days=1))
    assert article.state == Article.State.EMBARGOED
    assert article.goes_public_at == article.embargo_until
    assert not Article.objects.published().exists()
    assert list(Article.objects.published(at=timezone.now() + timedelta(days=2))) == [article]


@pytest.mark.parametrize(
    ("state", "title"),
    [
        ("live", "Live piece"),
        ("scheduled", "Scheduled piece"),
        ("embargoed", "Embargoed piece"),
        ("review", "Review piece"),
        ("draft", "Draft piece"),
    ],
)
def test_changelist_filters_by_state(client, state, title):
    ArticleFactory(title="Live piece")
    ScheduledFactory(title="Scheduled piece")
    ArticleFactory(title="Embargoed piece", embargo_until=timezone.now() + timedelta(days=1))
    DraftFactory(title="Review piece", status=Article.Status.REVIEW)
    DraftFactory(title="Draft piece")
    client.force_login(editor())
    page = client.get(CHANGELIST_URL, {"state": state}).content.decode()
    shown = {
        t for t in ("Live", "Scheduled", "Embargoed", "Review", "Draft") if f"{t} piece" in page
    }
    assert shown == {title.split()[0]}


def test_changelist_shows_each_state_at_a_glance(client):
    ScheduledFactory(title="Scheduled piece")
    ArticleFactory(title="Embargoed piece", embargo_until=timezone.now() + timedelta(days=1))
    DraftFactory(title="Review piece", status=Article.Status.REVIEW)
    client.force_login(editor())
    page = client.get(CHANGELIST_URL).content.decode()
    assert 'class="state state--scheduled">Scheduled for ' in page
    assert 'class="state state--embargoed">Embargoed until ' in page
    assert 'class="state state--review">In review' in page


def test_editor_publishes_from_the_change_form(client):
    article = DraftFactory(status=Article.Status.REVIEW)
    client.force_login(editor())
    data = article_form_data(article, status=Article.Status.PUBLISHED)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.state == Article.State.LIVE


@pytest.mark.parametrize(
    ("action", "start", "check"),
    [
        ("publish_selected", {"status": "review"}, lambda a: a.status == "published"),
        ("unpublish_selected", {"status": "published"}, lambda a: a.status == "draft"),
        ("feature_selected", {"is_featured": False}, lambda a: a.is_featured),
        ("unfeature_selected", {"is_featured": True}, lambda a: not a.is_featured),
    ],
)
def test_editor_bulk_actions(client, action, start, check):
    articles = [DraftFactory(**start), DraftFactory(**start)]
    client.force_login(editor())
    response = client.post(
        CHANGELIST_URL, {"action": action, "_selected_action": [a.pk for a in articles]}
    )
    assert response.status_code == 302
    for article in articles:
        article.refresh_from_db()
        assert check(article), action
        assert article.history.count() == 2  # the action is recorded as a version


def test_view_on_site_points_at_the_preview_until_the_article_is_live(client):
    draft = DraftFactory()
    live = ArticleFactory()
    client.force_login(editor())
    assert (
        f"/admin/articles/article/{draft.pk}/preview/"
        in client.get(change_url(draft)).content.decode()
    )
    assert live.get_absolute_url() in client.get(change_url(live)).content.decode()
