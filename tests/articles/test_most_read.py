"""Most read this week: reported by the reader's browser, counted in the cache, flushed in
batches, bots ignored."""

import time
from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import popularity
from articles.models import ReadCount
from tests.factories import ArticleFactory, DraftFactory, editor

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "same-origin"}


def report(client, article, agent=BROWSER, **headers):
    """What static/articles/read.js has the browser send once it shows the article."""
    url = reverse("articles:read", args=[article.pk])
    return client.post(url, HTTP_USER_AGENT=agent, **{**SAME_ORIGIN, **headers})


def read(client, article, times=1, agent=BROWSER, **headers):
    for _ in range(times):
        assert report(client, article, agent, **headers).status_code == 204


def counted(article):
    return popularity.counts_in_cache(timezone.localdate()).get(article.pk, 0)


def flush():
    call_command("flush_most_read", stdout=None)


def stored(article):
    return ReadCount.objects.get(article=article, day=timezone.localdate()).count


def most_read_block(page):
    if 'id="most-read-heading"' not in page:
        return []
    block = page.split('id="most-read-heading"')[1].split("</ol>")[0]
    return [chunk.split(">", 1)[1].split("</a>")[0] for chunk in block.split("<a href=")[1:]]


def test_a_read_writes_nothing_to_the_database(client):
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


def test_the_article_page_has_the_browser_report_the_read(client):
    article = ArticleFactory()
    page = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER).content.decode()
    assert counted(article) == 0  # the page itself counts nothing: the browser reports it
    assert f'data-read-url="{reverse("articles:read", args=[article.pk])}"' in page
    assert "articles/read.js" in page


def test_a_preview_has_no_read_to_report(client):
    draft = DraftFactory()
    client.force_login(editor())
    page = client.get(reverse("admin:articles_article_preview", args=[draft.pk]))
    assert page.status_code == 200
    assert "articles/read.js" not in page.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://elsewhere.example", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example", "HTTP_SEC_FETCH_SITE": ""},
        {"HTTP_ORIGIN": "", "HTTP_SEC_FETCH_SITE": "same-site"},
    ],
)
def test_a_report_from_another_site_is_refused(client, headers):
    headers = {name: value for name, value in headers.items() if value}
    article = ArticleFactory()
    url = reverse("articles:read", args=[article.pk])
    assert client.post(url, HTTP_USER_AGENT=BROWSER, **headers).status_code == 403
    assert counted(article) == 0


def test_a_report_that_no_browser_sent_is_refused(client):
    article = ArticleFactory()
    url = reverse("articles:read", args=[article.pk])
    assert client.post(url, HTTP_USER_AGENT=BROWSER).status_code == 403
    assert counted(article) == 0


def test_a_get_is_not_a_report(client):
    article = ArticleFactory()
    url = reverse("articles:read", args=[article.pk])
    response = client.get(url, HTTP_USER_AGENT=BROWSER, **SAME_ORIGIN)
    assert response.status_code == 405
    assert counted(article) == 0


def test_reports_of_pieces_that_are_not_public_are_refused(client):
    draft = DraftFactory()
    embargoed = ArticleFactory(publish_at=timezone.now() + timedelta(hours=1))
    for article in (draft, embargoed):
        assert report(client, article).status_code == 404
        assert counted(article) == 0


def test_a_report_is_never_cached(client):
    response = report(client, ArticleFactory())
    assert "no-store" in response["Cache-Control"]


def test_one_address_counts_a_bounded_number_of_reads_of_one_article(client):
    article, other = ArticleFactory(), ArticleFactory()
    read(client, article, times=15)
    read(client, other)
    read(client, article, REMOTE_ADDR="192.0.2.7")
    assert counted(article) == 11
    assert counted(other) == 1


def test_staff_checking_a_page_are_not_counted(client):
    article = ArticleFactory()
    client.force_login(editor())
    read(client, article, times=2)
    flush()
    assert not ReadCount.objects.exists()


def test_counts_outlive_a_cache_whose_increment_resets_the_expiry(client, settings, tmp_path):
    # The file cache of `make run` stores an incremented value again with its default
    # timeout; counts and the day's slots must still last until the flush.
    settings.CACHES = {
        **settings.CACHES,
        "counters": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "counters"),
            "TIMEOUT": 1,
        },
    }
    first, second = ArticleFactory(), ArticleFactory()
    read(client, first, times=3)
    read(client, second)
    time.sleep(1.5)  # past the cache's default timeout
    flush()
    assert stored(first) == 3
    assert stored(second) == 1


def test_a_counters_cache_in_each_process_is_reported_when_a_worker_stores_the_counts(
    settings, tmp_path
):
    settings.CACHES = {
        **settings.CACHES,
        "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert "articles.W001" in {message.id for message in run_checks(tags=["caches"])}
    settings.CACHES = {
        **settings.CACHES,
        "counters": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    assert "articles.W001" not in {message.id for message in run_checks(tags=["caches"])}


def test_a_read_of_a_page_served_from_the_page_cache_is_counted_by_its_beacon(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    article = ArticleFactory()
    beacon = f'data-read-url="{reverse("articles:read", args=[article.pk])}"'
    for _ in range(2):
        page = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
        assert beacon in page.content.decode()  # the cached copy carries the beacon too
        read(client, article)
    assert page["X-Page-Cache"] == "hit"
    flush()
    assert stored(article) == 2
