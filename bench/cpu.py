"""The CPU each uncached page costs one process, against a bare Django project in the same run.

The load test (bench/run.py) shares two cores between wrk, gunicorn and PostgreSQL, and its
figures move with whatever else the machine is doing. This measures the app's own share:
process CPU time per request (not wall time, so waiting on PostgreSQL does not count),
through the full middleware stack with the page cache off, interleaved over several rounds.
The yardstick is the bare project of bench/bare/ (its own settings, only CommonMiddleware, one
view returning 30 KB), measured the same way in a process of its own in each round.
Run it after `make bench` has prepared its database:

    DATABASE_URL=postgres://.../postgres python bench/cpu.py [--requests 100] [--rounds 5]

With --instructions it counts the machine instructions each page costs instead, running
under valgrind (cachegrind, no cache simulation): each page is served 0 and then --requests
times after the same warm-up, and the difference is divided by --requests. The counts do not
move with the machine's load, so two versions of the code can be compared to the per cent.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_LABEL = "bare Django project"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="nhe_bench")
    parser.add_argument("--requests", type=int, default=100, help="per page and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under valgrind"
    )
    parser.add_argument("--serve", nargs=2, metavar=("PATH", "TIMES"), help=argparse.SUPPRESS)
    # Run as the bare project: --serve under valgrind, or --samples N timings printed as JSON.
    parser.add_argument("--bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--samples", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def serve(path, times):
    """Warm up on the page, then serve it `times` more times: what valgrind counts."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(3 + int(times)):
        client.get(path)


def warm(client, path):
    for _ in range(10):
        status = client.get(path).status_code
        if status != 200:
            sys.exit(f"bench: {path} answered {status}")


def cpu_samples(client, path, requests):
    samples = []
    for _ in range(requests):
        start = time.process_time()
        client.get(path)
        samples.append(time.process_time() - start)
    return samples


def bare_samples(requests):
    """CPU seconds of `requests` requests to the bare project, timed in a process of its own."""
    command = [sys.executable, __file__, "--bare", "--samples", str(requests)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output)


INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(database, path, times, bare=False):
    valgrind = shutil.which("valgrind")
    if not valgrind:
        sys.exit("bench: valgrind is missing (Debian: apt-get install valgrind)")
    command = [
        valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, __file__, "--database", database, "--serve", path, str(times),
        *(["--bare"] if bare else []),
    ]  # fmt: skip
    # The same hash seed in every run, so that both runs do the same work besides the pages.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    output = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return int(INSTRUCTIONS.search(output.stderr).group(1).replace(",", ""))


def count_instructions(args, pages, queries):
    def per_request(path, bare=False):
        served = instructions(args.database, path, args.requests, bare)
        return (served - instructions(args.database, path, 0, bare)) / args.requests

    counts = {BARE_LABEL: per_request("/", bare=True)}
    counts.update({label: per_request(path) for label, path in pages.items()})
    print(
        f"Instructions per request in one process (valgrind), {args.requests} requests after "
        "a warm-up, page cache off.\n"
    )
    print("| page | million instructions | times bare Django | queries |")
    print("| --- | ---: | ---: | ---: |")
    for label, count in counts.items():
        print(
            f"| {label} | {count / 1e6:.1f} | {count / counts[BARE_LABEL]:.1f} | "
            f"{queries.get(label, '-')} |"
        )


def setup(database, bare=False):
    sys.path.insert(0, str(ROOT))
    if bare:
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare.settings"
    else:
        from bench.run import app_environment, database_url

        url, _ = database_url(database)
        os.environ.update({**app_environment(url), "PAGE_CACHE_SECONDS": "0"})
    import django

    django.setup()


def main():
    args = parse_args()
    setup(args.database, bare=args.bare)
    if args.serve:
        serve(*args.serve)
        return
    from django.test import Client

    if args.samples:  # the bare project's share of one round
        client = Client(HTTP_HOST="127.0.0.1")
        warm(client, "/")
        print(json.dumps(cpu_samples(client, "/", args.samples)))
        return

    from bench.run import LISTING_LABEL, count_queries, pick_targets

    targets, _ = pick_targets()
    pages = {LISTING_LABEL: "/bench/listing/", **targets}
    queries = count_queries(pages)
    if args.instructions:
        count_instructions(args, pages, queries)
        return
    client = Client(HTTP_HOST="127.0.0.1")
    for path in pages.values():  # warm: templates compiled, connections open
        warm(client, path)
    samples = {BARE_LABEL: [], **{label: [] for label in pages}}
    for _ in range(args.rounds):
        samples[BARE_LABEL] += bare_samples(args.requests)
        for label, path in pages.items():
            samples[label] += cpu_samples(client, path, args.requests)
    bare = statistics.median(samples[BARE_LABEL])
    print(
        f"CPU per request in one process, median of {args.rounds} x {args.requests} "
        "interleaved requests, page cache off.\n"
    )
    print("| page | CPU ms (median) | CPU ms (p10) | times bare Django | queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, values in samples.items():
        values.sort()
        median = statistics.median(values)
        tenth = values[len(values) // 10]
        print(
            f"| {label} | {median * 1000:.2f} | {tenth * 1000:.2f} | "
            f"{median / bare:.1f} | {queries.get(label, '-')} |"
        )


if __name__ == "__main__":
    main()
