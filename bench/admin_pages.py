"""Time the editors' article list and form against baseline pages, in one run.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/nhe_bench \
        .venv/bin/python bench/admin_pages.py --articles 20000 --runs 30

The database named by BENCH_DATABASE_URL is migrated and filled with the demo content plus a
generated archive (idempotent, so a second run reuses it); never point it at real data. Pages
are requested in-process through Django's test client with production settings (DEBUG off),
round-robin so that every page sees the same machine load, after a warm-up. The figures that
matter are the ratios to the baselines measured in the same run, not the milliseconds.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def configure():
    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        sys.exit("Set BENCH_DATABASE_URL to a PostgreSQL database kept for benchmarks.")
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    # The test client speaks plain http and signs in with force_login.
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("ADMIN_REQUIRE_OTP", "0")
    os.environ.setdefault(
        "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhe.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(articles):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("seed_demo", articles=articles, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def pages():
    from django.urls import reverse

    from articles.models import Article

    probe = Article.objects.published().order_by("-publish_at").first()
    section = probe.section_id
    return {
        "baseline: /healthz": "/healthz",
        "baseline: admin index": reverse("admin:index"),
        "baseline: /news/ (public list)": reverse("articles:news"),
        "article changelist": reverse("admin:articles_article_changelist"),
        "changelist, filtered": reverse("admin:articles_article_changelist")
        + f"?state=live&section__id__exact={section}",
        "changelist, search": reverse("admin:articles_article_changelist") + "?q=trust",
        "article change form": reverse("admin:articles_article_change", args=[probe.pk]),
    }


def measure(client, urls, runs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries = {}
    for name, url in urls.items():
        for _ in range(3):
            response = client.get(url)
            if response.status_code != 200:
                sys.exit(f"{name} answered {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries[name] = len(captured)
    timings = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            started = time.perf_counter()
            client.get(url)
            timings[name].append((time.perf_counter() - started) * 1000)
    return {name: statistics.median(values) for name, values in timings.items()}, queries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    configure()
    from django.test import Client

    from articles.models import Article

    user = prepare(options.articles)
    client = Client()
    client.force_login(user)
    medians, queries = measure(client, pages(), options.runs)
    floor = medians["baseline: /healthz"]
    admin_floor = medians["baseline: admin index"]
    print(f"{Article.objects.count()} articles; median of {options.runs} runs each\n")
    print("| page | queries | median ms | × /healthz | × admin index |")
    print("| --- | --- | --- | --- | --- |")
    for name, median in medians.items():
        print(
            f"| {name} | {queries[name]} | {median:.1f} | {median / floor:.1f} "
            f"| {median / admin_floor:.2f} |"
        )


if __name__ == "__main__":
    main()
