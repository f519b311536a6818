"""A draft goes out at the moment it is published, not at the moment it was started."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Section
from tests.articles.admin_forms import ADD_URL, CHANGELIST_URL, article_form_data, change_url
from tests.factories import ArticleFactory, DraftFactory, editor

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def just_now(moment):
    return abs(moment - timezone.now()) < timedelta(minutes=1)


def publish_in_bulk(client, articles):
    return client.post(
        CHANGELIST_URL,
        {"action": "publish_selected", "_selected_action": [a.pk for a in articles]},
        follow=True,
    )


def test_publishing_a_draft_started_days_ago_dates_it_now():
    draft = DraftFactory(publish_at=days_ago(4))
    draft.publish()
    draft.save()
    assert just_now(draft.publish_at)


def test_a_newly_published_draft_leads_the_news_list_and_the_feed(client):
    ArticleFactory(title="Yesterday's news", publish_at=days_ago(1))
    draft = DraftFactory(title="Drafted last week, out today", publish_at=days_ago(7))
    draft.publish()
    draft.save()
    news = client.get("/news/").text
    assert news.index("Drafted last week, out today") < news.index("Yesterday&#x27;s news")
    feed = client.get("/feeds/latest/").text
    assert feed.index("Drafted last week, out today") < feed.index("Yesterday")


def test_the_editor_publishing_from_the_form_dates_it_now(client):
    draft = DraftFactory(publish_at=days_ago(3))
    client.force_login(editor())
    response = client.post(
        change_url(draft), article_form_data(draft, status=Article.Status.PUBLISHED)
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.PUBLISHED
    assert just_now(draft.publish_at)


def test_a_new_piece_published_from_the_add_form_goes_out_when_saved(client):
    client.force_login(editor())
    opened_an_hour_ago = days_ago(1 / 24)
    data = article_form_data(
        title="Written in one sitting",
        section=str(Section.objects.get(slug="news").pk),
        status=Article.Status.PUBLISHED,
        publish_at=opened_an_hour_ago,
    )
    assert client.post(ADD_URL, data).status_code == 302
    assert just_now(Article.objects.get(title="Written in one sitting").publish_at)


def test_the_bulk_publish_action_dates_drafts_now(client):
    drafts = [DraftFactory(publish_at=days_ago(n)) for n in (2, 5)]
    client.force_login(editor())
    response = publish_in_bulk(client, drafts)
    assert "Published 2 article(s)." in response.text
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == Article.Status.PUBLISHED
        assert just_now(draft.publish_at)


def test_a_future_time_still_schedules(client):
    tomorrow = timezone.now() + timedelta(days=1)
    draft = DraftFactory(publish_at=tomorrow)
    client.force_login(editor())
    publish_in_bulk(client, [draft])
    draft.refresh_from_db()
    assert draft.publish_at == tomorrow
    assert draft.state == Article.State.SCHEDULED


def test_back_dating_is_an_explicit_choice_with_a_warning(client):
    print_day = days_ago(10)
    draft = DraftFactory(title="From the print edition", publish_at=print_day)
    client.force_login(editor())
    data = article_form_data(draft, status=Article.Status.PUBLISHED, backdate="on")
    response = client.post(change_url(draft), data, follow=True)
    draft.refresh_from_db()
    assert draft.publish_at == print_day.replace(microsecond=0)
    assert draft.state == Article.State.LIVE
    assert "Back-dated: “From the print edition”" in response.text
    assert "listed below newer ones" in response.text


def test_bulk_publishing_a_back_dated_draft_keeps_its_time_and_warns(client):
    print_day = days_ago(10)
    draft = DraftFactory(title="Filed under its day", publish_at=print_day, backdate=True)
    client.force_login(editor())
    response = publish_in_bulk(client, [draft])
    draft.refresh_from_db()
    assert draft.publish_at == print_day
    assert "Back-dated: “Filed under its day”" in response.text


def test_the_form_explains_the_rule_beside_the_publish_time(client):
    client.force_login(editor())
    page = client.get(ADD_URL).text
    assert "A time that has passed becomes the moment of publishing" in page
    assert 'name="backdate"' in page


def test_republishing_a_piece_that_was_live_keeps_its_time():
    first_out = days_ago(6)
    article = ArticleFactory(publish_at=first_out)
    article.unpublish()
    article.save()
    article.publish()
    article.save()
    assert article.publish_at == first_out


def test_editing_a_live_piece_leaves_its_time_alone(client):
    first_out = days_ago(2)
    article = ArticleFactory(publish_at=first_out)
    client.force_login(editor())
    data = article_form_data(article, title="A sharper headline")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title == "A sharper headline"
    assert article.publish_at == first_out.replace(microsecond=0)
