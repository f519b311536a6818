"""Most read this week: counted in the cache, flushed in batches, bots ignored."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import popularity
from articles.models import ReadCount
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


def read(client, article, times=1, agent=BROWSER, **headers):
    for _ in range(times):
        response = client.get(article.get_absolute_url(), HTTP_USER_AGENT=agent, **headers)
        assert response.status_code == 200


def flush():
    call_command("flush_most_read", stdout=None)


def stored(article):
    return ReadCount.objects.get(article=article, day=timezone.localdate()).count


def most_read_block(page):
    if 'id="most-read-heading"' not in page:
        return []
    block = page.split('id="most-read-heading"')[1].split("</ol>")[0]
    return [chunk.split(">", 1)[1].split("</a>")[0] for chunk in block.split("<a href=")[1:]]


def test_a_page_view_writes_nothing_to_the_database(client):
    article = ArticleFactory()
    read(client, article)
    with CaptureQueriesContext(connection) as queries:
        read(client, article, times=3)
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert ReadCount.objects.count() == 0
    flush()
    assert stored(article) == 4


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1",
        "curl/8.5.0",
        "python-requests/2.32",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/130.0 Safari/537.36",
        "Feedly/1.0 (+http://www.feedly.com/fetcher.html)",
    ],
)
def test_bots_and_tools_are_not_counted(client, agent):
    article = ArticleFactory()
    read(client, article, agent=agent)
    flush()
    assert not ReadCount.objects.exists()


def test_prefetches_are_not_counted(client):
    article = ArticleFactory()
    read(client, article, HTTP_SEC_PURPOSE="prefetch;prerender")
    flush()
    assert not ReadCount.objects.exists()


def test_flushing_twice_does_not_double_and_never_lowers(client):
    article = ArticleFactory()
    read(client, article, times=3)
    flush()
    flush()
    assert stored(article) == 3
    ReadCount.objects.filter(article=article).update(count=10)  # e.g. before a cache restart
    flush()
    assert stored(article) == 10


def test_counts_of_deleted_articles_are_dropped(client):
    kept, gone = ArticleFactory(), ArticleFactory()
    read(client, kept)
    read(client, gone)
    gone.delete()
    flush()
    assert list(ReadCount.objects.values_list("article", flat=True)) == [kept.pk]


def test_old_counts_are_pruned_and_keep_days_must_cover_a_week():
    article = ArticleFactory()
    today = timezone.localdate()
    ReadCount.objects.create(article=article, day=today - timedelta(days=100), count=5)
    ReadCount.objects.create(article=article, day=today - timedelta(days=10), count=5)
    call_command("flush_most_read", "--keep-days", "30", stdout=None)
    assert list(ReadCount.objects.values_list("count", flat=True)) == [5]
    with pytest.raises(CommandError):
        call_command("flush_most_read", "--keep-days", "3")


def test_block_ranks_the_weeks_most_read_on_front_and_article_pages(client):
    first, second, third = (ArticleFactory(title=f"Piece {n}") for n in (1, 2, 3))
    read(client, second, times=3)
    read(client, first, times=2)
    flush()
    old = ArticleFactory(title="Read last month")
    ReadCount.objects.create(article=old, day=timezone.localdate() - timedelta(days=7), count=99)
    ReadCount.objects.create(article=third, day=timezone.localdate() - timedelta(days=6), count=1)
    for url in ("/", first.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Most read this week" in page
        assert most_read_block(page) == ["Piece 2", "Piece 1", "Piece 3"]


def test_unpublished_piece_leaves_the_block(client):
    article = ArticleFactory(title="Was public")
    read(client, article)
    flush()
    assert most_read_block(client.get("/").content.decode()) == ["Was public"]
    article.status = article.Status.DRAFT
    article.save()
    assert most_read_block(client.get("/").content.decode()) == []


def test_no_block_until_something_has_been_read(client):
    ArticleFactory()
    assert "Most read this week" not in client.get("/").content.decode()


def test_slots_let_a_flush_find_every_article_read_today(client):
    articles = [ArticleFactory() for _ in range(5)]
    for article in articles:
        read(client, article)
    assert popularity.counts_in_cache(timezone.localdate()) == {a.pk: 1 for a in articles}
