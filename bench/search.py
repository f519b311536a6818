"""Search at 100,000 articles, timed against the /news/ listing from the same run.

    DATABASE_URL=postgres://user@host/db python bench/search.py [--articles 100000]

Fills the archive to --articles generated pieces if it holds fewer (seed_demo, bulk
inserts, search vectors included), then requests each URL in-process through Django's
test client with production settings (DEBUG off), warm, and prints the median and 90th
percentile milliseconds, the queries per request, and the ratio to the /news/ baseline.
The "full ranking" rows rank every match rather than the newest RANK_WINDOW; the
word-match row is the fallback search (the one SQLite uses) run on PostgreSQL, to show
what the stored vector and its GIN index save.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhe.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client speaks plain http
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")  # time the searches, not the page cache
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)

HOSTILE = ('nurse & !strike | "ward :* <-> (rota ' * 6)[:200]


def cases():
    return [
        ("baseline: /news/ listing", "/news/", {}),
        ("common word (workforce)", "/search/", {"q": "workforce"}),
        ("two words (waiting list)", "/search/", {"q": "waiting list"}),
        ("phrase (\"integrated care\")", "/search/", {"q": '"integrated care"'}),
        ("rare word, no match", "/search/", {"q": "zyxwvut"}),
        ("section + date filters", "/search/",
         {"q": "workforce", "section": "news", "from_date": "2000-01-01"}),
        ("deep page (page 40)", "/search/", {"q": "workforce", "page": "40"}),
        ("operators, 200 characters", "/search/", {"q": HOSTILE}),
        ("2,000-character query", "/search/", {"q": "nurse " * 333}),
    ]  # fmt: skip


def check(response, url):
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")


def measure(client, url, params, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm the caches and the connection
        check(client.get(url, params), url)
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - start) * 1000)
        check(response, url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, params)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.9) - 1], len(queries)


def explain(text):
    from django.db import connection

    from articles.models import Article
    from articles.search import Query, search_articles

    found = search_articles(Query.from_input(text), Article.objects.published())[:20]
    sql, params = found.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return [row[0] for row in cursor.fetchall()]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from articles import search
    from articles.models import Article

    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database.")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", articles=args.articles)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE articles_article")
    total = Article.objects.published().count()
    client = Client()
    rows = [(label, *measure(client, url, params, args.rounds)) for label, url, params in cases()]
    with mock.patch.object(search, "RANK_WINDOW", 10**9):
        for label, params in (
            ("common word, full ranking", {"q": "workforce"}),
            ("phrase, full ranking", {"q": '"integrated care"'}),
        ):
            rows.append((label, *measure(client, "/search/", params, max(args.rounds // 3, 3))))
    with mock.patch.object(search, "uses_full_text", lambda using="default": False):
        rows.append(
            ("word-match fallback (workforce)",
             *measure(client, "/search/", {"q": "workforce"}, max(args.rounds // 3, 3)))
        )  # fmt: skip
    baseline = rows[0][1]
    print(f"\n{total:,} public articles, {args.rounds} warm requests each, in-process\n")
    print("| request | median ms | p90 ms | queries | median / baseline |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, median, p90, queries in rows:
        print(f"| {label} | {median:.1f} | {p90:.1f} | {queries} | {median / baseline:.2f} |")
    print("\nPlan of the common-word search (first 20 by rank):")
    for line in explain("workforce"):
        print("   ", line)


if __name__ == "__main__":
    main()
