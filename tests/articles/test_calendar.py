"""The editorial calendar lists scheduled and embargoed articles by day, linked to each."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.calendar import coming_days
from articles.models import Article
from tests.factories import ArticleFactory, DraftFactory, editor, writer

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_calendar")


def at(days, hour):
    moment = datetime.combine(timezone.localdate() + timedelta(days=days), time(hour))
    return timezone.make_aware(moment)


@pytest.fixture
def plan():
    return {
        "scheduled": ArticleFactory(title="Scheduled for day two", publish_at=at(2, 9)),
        "embargoed": ArticleFactory(
            title="Embargo lifts on day five",
            publish_at=at(1, 9),
            embargo_until=at(5, 0) + timedelta(minutes=1),
        ),
        "live": ArticleFactory(title="Already live"),
        "draft": DraftFactory(title="A draft with a date", publish_at=at(3, 9)),
        "far": ArticleFactory(title="Beyond the window", publish_at=at(60, 9)),
    }


def test_each_piece_sits_on_the_day_it_goes_public(plan):
    days = coming_days(Article.objects.all(), weeks=4)
    by_title = {a.title: day.date for day in days for a in day.articles}
    assert by_title == {
        "Scheduled for day two": at(2, 9).date(),
        "Embargo lifts on day five": at(5, 0).date(),
    }
    assert len(days) == 28


def test_calendar_page_links_to_each_article(client, plan):
    client.force_login(editor())
    page = client.get(URL).content.decode()
    for key in ("scheduled", "embargoed"):
        article = plan[key]
        assert reverse("admin:articles_article_change", args=[article.pk]) in page
    assert "Embargoed" in page and "Scheduled" in page
    for absent in ("Already live", "A draft with a date", "Beyond the window"):
        assert absent not in page


def test_calendar_looks_further_ahead_on_request(client, plan):
    client.force_login(editor())
    assert "Beyond the window" in client.get(URL, {"weeks": 10}).content.decode()
    assert client.get(URL, {"weeks": "many"}).status_code == 200


def test_writer_sees_only_their_own_pieces_on_the_calendar(client, plan):
    person = writer()
    ArticleFactory(title="Mine, scheduled", publish_at=at(4, 9), created_by=person)
    client.force_login(person)
    page = client.get(URL).content.decode()
    assert "Mine, scheduled" in page
    assert "Scheduled for day two" not in page


def test_calendar_is_linked_from_the_article_list(client):
    client.force_login(editor())
    assert URL in client.get(reverse("admin:articles_article_changelist")).content.decode()
