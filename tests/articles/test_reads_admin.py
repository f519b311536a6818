"""Editors see how a piece is read: reads by day on its form, reads this week in the list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ReadCount
from tests.articles.admin_forms import CHANGELIST_URL, change_url
from tests.factories import ArticleFactory, editor

pytestmark = pytest.mark.django_db


def reads(article, **days_ago_to_count):
    today = timezone.localdate()
    for days_ago, count in days_ago_to_count.items():
        ReadCount.objects.create(
            article=article, day=today - timedelta(days=int(days_ago.strip("d"))), count=count
        )


@pytest.fixture
def signed_in(client):
    client.force_login(editor())
    return client


def test_change_form_shows_reads_by_day_with_the_total(signed_in):
    article = ArticleFactory(title="Waiting lists fall")
    # Today, three days ago and 29 days ago count; 30 days ago is outside the chart.
    reads(article, d0=12, d3=40, d29=5, d30=999)
    page = signed_in.get(change_url(article)).content.decode()
    assert "<strong>57 reads</strong> in the last 30 days" in page
    busiest = timezone.localdate() - timedelta(days=3)
    assert f"most on {busiest:%d/%m/%Y} (40)" in page
    assert page.count('<rect class="reads-chart__bar') == 30
    assert f"{busiest:%d/%m/%Y}</th><td>40</td>" in page


def test_a_piece_nobody_read_says_so(signed_in):
    article = ArticleFactory()
    page = signed_in.get(change_url(article)).content.decode()
    assert "<strong>0 reads</strong> in the last 30 days." in page
    assert "<rect" not in page


def test_list_shows_reads_over_the_last_seven_days(signed_in):
    article = ArticleFactory(title="Waiting lists fall")
    reads(article, d0=1200, d6=34, d7=500)
    page = signed_in.get(CHANGELIST_URL).content.decode()
    assert "Reads (7 days)" in page
    assert '<td class="field-recent_reads">1,234</td>' in page


def test_list_sorts_by_reads(signed_in):
    busy = ArticleFactory(title="Busy piece", publish_at=timezone.now() - timedelta(days=2))
    quiet = ArticleFactory(title="Quiet piece")
    reads(quiet, d1=3)
    reads(busy, d1=300)
    page = signed_in.get(CHANGELIST_URL, {"o": "-5"}).content.decode()
    assert page.index("Busy piece") < page.index("Quiet piece")


def test_reads_column_costs_no_query_per_row(signed_in, django_assert_max_num_queries):
    counts = []
    for size in (5, 40):
        while Article.objects.count() < size:
            article = ArticleFactory()
            reads(article, d1=7)
        signed_in.get(CHANGELIST_URL)  # sessions and content types are cached after one visit
        with django_assert_max_num_queries(12) as captured:
            page = signed_in.get(CHANGELIST_URL).content.decode()
        assert page.count('class="field-recent_reads">7<') == size
        counts.append(len(captured))
    assert counts[0] == counts[1]
