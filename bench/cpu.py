"""The CPU time each uncached page costs this process, against the bare view in the same run.

The load test (bench/run.py) shares two cores between wrk, gunicorn and PostgreSQL, and its
figures move with whatever else the machine is doing. This measures the app's own share:
process CPU time per request (not wall time, so waiting on PostgreSQL does not count),
through the full middleware stack with the page cache off, interleaved over several rounds.
Run it after `make bench` has prepared its database:

    DATABASE_URL=postgres://.../postgres python bench/cpu.py [--requests 100] [--rounds 5]

With --instructions it counts the machine instructions each page costs instead, running
under valgrind (cachegrind, no cache simulation): each page is served 0 and then --requests
times after the same warm-up, and the difference is divided by --requests. The counts do not
move with the machine's load, so two versions of the code can be compared to the per cent.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="nhe_bench")
    parser.add_argument("--requests", type=int, default=100, help="per page and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions under valgrind"
    )
    parser.add_argument("--serve", nargs=2, metavar=("PATH", "TIMES"), help=argparse.SUPPRESS)
    return parser.parse_args()


def serve(path, times):
    """Warm up on the page, then serve it `times` more times: what valgrind counts."""
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    for _ in range(3 + int(times)):
        client.get(path)


INSTRUCTIONS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(database, path, times):
    valgrind = shutil.which("valgrind")
    if not valgrind:
        sys.exit("bench: valgrind is missing (Debian: apt-get install valgrind)")
    command = [
        valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        sys.executable, __file__, "--database", database, "--serve", path, str(times),
    ]  # fmt: skip
    # The same hash seed in every run, so that both runs do the same work besides the pages.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    output = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return int(INSTRUCTIONS.search(output.stderr).group(1).replace(",", ""))


def count_instructions(args, pages, queries):
    counts = {
        label: (
            instructions(args.database, path, args.requests) - instructions(args.database, path, 0)
        )
        / args.requests
        for label, path in pages.items()
    }
    print(
        f"Instructions per request in one process (valgrind), {args.requests} requests after "
        "a warm-up, page cache off.\n"
    )
    print("| page | million instructions | times the baseline | queries |")
    print("| --- | ---: | ---: | ---: |")
    for label, count in counts.items():
        shown_queries = queries.get(label, "-") if label != "baseline" else "-"
        print(
            f"| {label} | {count / 1e6:.1f} | {count / counts['baseline']:.1f} | {shown_queries} |"
        )


def setup(database):
    sys.path.insert(0, str(ROOT))
    from bench.run import app_environment, database_url

    url, _ = database_url(database)
    os.environ.update({**app_environment(url), "PAGE_CACHE_SECONDS": "0"})
    import django

    django.setup()


def main():
    args = parse_args()
    setup(args.database)
    if args.serve:
        serve(*args.serve)
        return
    from django.test import Client

    from bench.run import LISTING_LABEL, count_queries, pick_targets

    targets, _ = pick_targets()
    pages = {"baseline": "/bench/baseline/", LISTING_LABEL: "/bench/listing/", **targets}
    queries = count_queries(pages)
    if args.instructions:
        count_instructions(args, pages, queries)
        return
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
