"""The CPU time each uncached page costs this process, against the bare view in the same run.

The load test (bench/run.py) shares two cores between wrk, gunicorn and PostgreSQL, and its
figures move with whatever else the machine is doing. This measures the app's own share:
process CPU time per request (not wall time, so waiting on PostgreSQL does not count),
through the full middleware stack with the page cache off, interleaved over several rounds.
Run it after `make bench` has prepared its database:

    DATABASE_URL=postgres://.../postgres python bench/cpu.py [--requests 100] [--rounds 5]
"""

import argparse
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="nhe_bench")
    parser.add_argument("--requests", type=int, default=100, help="per page and round")
    parser.add_argument("--rounds", type=int, default=5)
    return parser.parse_args()


def setup(database):
    base = os.environ.get("DATABASE_URL")
    if not base:
        sys.exit("bench: DATABASE_URL is not set (the server `make bench` filled).")
    url = urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path=f"/{database}"))
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DEBUG": "0",
            "SECURE_COOKIES": "0",
            "SECURE_SSL_REDIRECT": "0",
            "CONN_MAX_AGE": "500",
            "VAR_DIR": str(ROOT / "var" / "bench"),
            "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/15"),
            "EMAIL_URL": "dummymail://",
            "PAGE_CACHE_SECONDS": "0",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def main():
    args = parse_args()
    setup(args.database)
    from django.test import Client

    from bench.run import LISTING_LABEL, count_queries, pick_targets

    targets, _ = pick_targets()
    pages = {"baseline": "/bench/baseline/", LISTING_LABEL: "/bench/listing/", **targets}
    queries = count_queries(pages)
    client = Client(HTTP_HOST="127.0.0.1")
    for path in pages.values():  # warm: templates compiled, addresses remembered
        for _ in range(10):
            status = client.get(path).status_code
            if status != 200:
                sys.exit(f"bench: {path} answered {status}")
    samples = {label: [] for label in pages}
    for _ in range(args.rounds):
        for label, path in pages.items():
            for _ in range(args.requests):
                start = time.process_time()
                client.get(path)
                samples[label].append(time.process_time() - start)
    baseline = statistics.median(samples["baseline"])
    print(
        f"CPU per request in one process, median of {args.rounds} x {args.requests} "
        "interleaved requests, page cache off.\n"
    )
    print("| page | CPU ms (median) | CPU ms (p10) | times the baseline | queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, values in samples.items():
        values.sort()
        median = statistics.median(values)
        tenth = values[len(values) // 10]
        shown_queries = queries.get(label, "-") if label != "baseline" else "-"
        print(
            f"| {label} | {median * 1000:.2f} | {tenth * 1000:.2f} | "
            f"{median / baseline:.1f} | {shown_queries} |"
        )


if __name__ == "__main__":
    main()
