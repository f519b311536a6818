"""The editorial calendar: what goes public on each of the coming days."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass
class Day:
    date: date
    articles: list = field(default_factory=list)


def coming_days(articles, *, weeks=4, today=None):
    """Every day from today for `weeks` weeks, each with the pieces going public on it.

    A piece goes public at the later of its publish time and its embargo, so an embargoed
    piece is listed on the day its embargo lifts.
    """
    today = today or timezone.localdate()
    days = [Day(today + timedelta(days=n)) for n in range(weeks * 7)]
    by_date = {day.date: day for day in days}
    start = timezone.make_aware(datetime.combine(today, time.min))
    end = start + timedelta(days=weeks * 7)
    coming = (
        articles.coming_up(max(start, timezone.now()), end)
        .select_related("section")
        .only("title", "status", "publish_at", "embargo_until", "section__name", "section__slug")
    )
    for article in coming:
        by_date[timezone.localdate(article.goes_public_at)].articles.append(article)
    return days
