"""Send one bulletin issue to 10,000 and 100,000 subscribers through one worker, to a local
SMTP sink, and compare the cost of a message with Django's own send_messages() in the same run.

    scripts/with-postgres .venv/bin/python bench/newsletter_send.py
    scripts/with-postgres .venv/bin/python bench/newsletter_send.py --sizes 2000 --baseline 2000

For each size it fills a scratch database (`nhe_bench_newsletter`, --database; never real
data) with that many confirmed daily subscribers (COPY; a third of them chose one or two
sections), builds one issue of 12 public pieces, starts an aiosmtpd sink that counts and
discards what it gets, and runs ONE `manage.py db_worker` process (production settings,
TASKS_BACKEND=database, EMAIL_URL pointing at the sink). The worker logs, per batch, the
queries it ran, its RSS and the time; this script samples the worker's RSS every 50 ms as
well. Then, in a process of its own, Django sends messages of the same size and headers
with `mailers.default.send_messages()` over one connection to the same sink: the yardstick.
Last, the sink alone (smtplib sending ready-made bytes) shows it is not the bottleneck.
"""

import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--baseline", type=int, default=20_000, help="messages Django sends")
    parser.add_argument("--batch", type=int, default=500, help="NEWSLETTER_BATCH_SIZE")
    parser.add_argument("--database", default="nhe_bench_newsletter")
    parser.add_argument("--sink", choices=["bare", "aiosmtpd"], default="bare")
    return parser.parse_args()


def scratch_database(name):
    base = os.environ.get("DATABASE_URL")
    if not base or not base.startswith("postgres"):
        sys.exit("bench: DATABASE_URL must name a PostgreSQL server (scripts/with-postgres).")
    import psycopg2

    connection = psycopg2.connect(base)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(base)._replace(path=f"/{name}"))


def environment(database_url, port, batch):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nhe.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only"),
        "DEBUG": "0",
        "TASKS_BACKEND": "database",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "NEWSLETTER_BATCH_SIZE": str(batch),
        "SITE_URL": "https://www.nhe.example",
        "ALLOWED_HOSTS": "www.nhe.example",
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "PYTHONPATH": str(ROOT),
    }


# The sink ------------------------------------------------------------------------------------


class CountingSink:
    """An SMTP server that accepts everything, counts messages and keeps none."""

    def __init__(self):
        self.messages = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        self.bytes += len(envelope.content)
        return "250 OK"


class BareSMTPSink(asyncio.Protocol):
    """Just enough SMTP to take messages and count them, reading DATA in whole chunks.

    aiosmtpd parses DATA line by line, in Python: on a shared 2-core machine it took fewer
    20 KB messages a second than the worker sends (see `--sink aiosmtpd`), so it would
    measure itself, not the worker.
    """

    counted = CountingSink()

    def connection_made(self, transport):
        self.transport, self.buffer, self.in_data = transport, b"", False
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data):
        self.buffer += data
        while True:
            if self.in_data:
                end = self.buffer.find(b"\r\n.\r\n")
                if end < 0:
                    return
                self.counted.messages += 1
                self.counted.bytes += end + 2
                self.buffer, self.in_data = self.buffer[end + 5 :], False
                self.transport.write(b"250 OK\r\n")
                continue
            line, found, rest = self.buffer.partition(b"\r\n")
            if not found:
                return
            self.buffer = rest
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.transport.write(b"250-sink\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                self.in_data = True
                self.buffer = b"\r\n" + self.buffer  # so an empty body's end is found too
                self.transport.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
            elif verb == b"QUIT":
                self.transport.write(b"221 Bye\r\n")
                self.transport.close()
                return
            else:  # HELO, MAIL, RCPT, RSET, NOOP
                self.transport.write(b"250 OK\r\n")


def serve_sink(kind, port):
    """The sink's own process: serve until SIGTERM, then print what it counted."""
    import signal

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    if kind == "aiosmtpd":
        from aiosmtpd.controller import Controller

        counted = CountingSink()
        controller = Controller(counted, hostname="127.0.0.1", port=port, data_size_limit=None)
        controller.start()
        print("ready", flush=True)
        stop.wait()
        controller.stop()
    else:
        counted = BareSMTPSink.counted
        loop = asyncio.new_event_loop()
        server = loop.run_until_complete(
            loop.create_server(BareSMTPSink, "127.0.0.1", port, reuse_address=True)
        )
        print("ready", flush=True)
        loop.run_until_complete(loop.run_in_executor(None, stop.wait))
        server.close()
    print(json.dumps({"messages": counted.messages, "bytes": counted.bytes}), flush=True)


class Sink:
    """The sink in a process of its own, so that it has a core of its own where it can."""

    def __init__(self, kind):
        self.kind = kind

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.process = subprocess.Popen(
            [PYTHON, __file__, "--serve-sink", self.kind, str(self.port)],
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.process.stdout.readline().strip() != "ready":
            sys.exit("bench: the SMTP sink did not start.")
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        output = self.process.communicate(timeout=30)[0]
        self.counted = json.loads(output.splitlines()[-1])


# Filling the database ------------------------------------------------------------------------


def prepare(size):
    """N confirmed daily subscribers and one issue of 12 public pieces; returns the issue."""
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, Section
    from newsletter.models import Issue, IssueItem, Subscriber

    call_command("migrate", verbosity=0)
    if Article.objects.published().count() < 12:
        call_command("seed_demo", articles=40, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE newsletter_delivery, newsletter_issueitem, newsletter_issue, "
            "newsletter_subscriber_sections, newsletter_subscriber, newsletter_consent, "
            "django_tasks_database_dbtaskresult RESTART IDENTITY CASCADE"
        )
    sections = list(Section.objects.values_list("pk", flat=True))
    now = timezone.now().isoformat()
    rows = (
        f"bench{n}@example.org\tconfirmed\tdaily\t{secrets.token_urlsafe(16)}\t{now}\t{now}\t\n"
        for n in range(size)
    )
    copy(
        "COPY newsletter_subscriber (email, status, frequency, key, created_at, confirmed_at,"
        " stop_reason) FROM STDIN",
        rows,
    )
    first = Subscriber.objects.order_by("pk").values_list("pk", flat=True).first()
    choices = (
        f"{first + n}\t{sections[(n // 3 + k) % len(sections)]}\n"
        for n in range(0, size, 3)
        for k in range(1 + n % 2)
    )
    copy("COPY newsletter_subscriber_sections (subscriber_id, section_id) FROM STDIN", choices)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE newsletter_subscriber")
        cursor.execute("VACUUM ANALYZE newsletter_subscriber_sections")

    issue = Issue.objects.create(
        subject="Bench bulletin: waiting lists fall",
        intro="Good morning.\n\nA dozen stories for the bench.",
        covers_from=timezone.now() - timezone.timedelta(days=1),
        covers_until=timezone.now(),
    )
    pieces = list(Article.objects.published().order_by("-publish_at")[:12])
    slots = [IssueItem.Slot.TOP] + [IssueItem.Slot.SECTION] * 9
    slots += [IssueItem.Slot.LAST_WORD, IssueItem.Slot.VIDEO]
    IssueItem.objects.bulk_create(
        IssueItem(issue=issue, article=article, slot=slot, position=position)
        for position, (article, slot) in enumerate(zip(pieces, slots, strict=True))
    )
    return issue


def copy(statement, rows):
    import io

    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == 50_000:
                cursor.copy_expert(statement, io.StringIO("".join(chunk)))
                chunk = []
        if chunk:
            cursor.copy_expert(statement, io.StringIO("".join(chunk)))
    raw.commit()


# The worker ----------------------------------------------------------------------------------


def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return None


def run_worker(env, log_path):
    """One db_worker process, with per-batch logging; returns its RSS samples and wall time."""
    worker = subprocess.Popen(
        [PYTHON, "-m", "bench.newsletter_worker", str(log_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    samples, started = [], time.perf_counter()
    while worker.poll() is None:
        rss = rss_mb(worker.pid)
        if rss is not None:
            samples.append((time.perf_counter() - started, rss))
        time.sleep(0.05)
    output = worker.stdout.read()
    if worker.returncode != 0:
        sys.exit(f"bench: the worker failed:\n{output}")
    return samples, time.perf_counter() - started


def send(size, args, database_url):
    from newsletter import sending

    issue = prepare(size)
    with Sink(args.sink) as sink:
        sending.start_sending(issue)  # enqueues in the database queue, for the worker
        log_path = ROOT / "bench" / "results" / f"newsletter-{size}.jsonl"
        log_path.parent.mkdir(exist_ok=True)
        samples, wall = run_worker(environment(database_url, sink.port, args.batch), log_path)
    batches = [json.loads(line) for line in log_path.read_text().splitlines()]
    issue.refresh_from_db()
    sent = sum(batch["messages"] for batch in batches)
    seconds = batches[-1]["end"] - batches[0]["start"]
    return {
        "size": size,
        "status": issue.status,
        "sink": sink.counted["messages"],
        "sent": sent,
        "seconds": seconds,
        "rate": sent / seconds,
        # Messages per second of the worker's own CPU time (from the second batch): what
        # one core would do, whatever else the machine runs.
        "cpu_rate": sum(b["messages"] for b in batches[1:])
        / max(sum(b["cpu"] for b in batches[1:]), 1e-9),
        "wall": wall,
        # The first batch also loads the issue and renders its variants.
        "queries": sorted({batch["queries"] for batch in batches[1:]}),
        "first_queries": batches[0]["queries"],
        "batches": len(batches),
        "rss_first": batches[0]["rss"],
        "rss_last": batches[-1]["rss"],
        "rss_peak": max(rss for _, rss in samples),
        "message_bytes": sink.counted["bytes"] / max(sink.counted["messages"], 1),
    }


# The yardsticks ------------------------------------------------------------------------------


def django_baseline(env, count):
    """Django's send_messages() of equivalent messages, in a fresh process."""
    output = subprocess.run(
        [PYTHON, "-m", "bench.newsletter_worker", "--baseline", str(count)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.splitlines()[-1])


def sink_alone(port, count, size):
    """The sink's own ceiling: smtplib hands over ready-made bytes, nothing else."""
    import smtplib

    body = (
        b"From: a@nhe.example\r\nTo: b@example.org\r\nSubject: x\r\n\r\n" + b"x" * 76 + b"\r\n"
    ) * max(1, int(size) // 78)
    with smtplib.SMTP("127.0.0.1", port) as client:
        started = time.perf_counter()
        for n in range(count):
            client.sendmail("a@nhe.example", [f"b{n}@example.org"], body)
        return count / (time.perf_counter() - started)


def main():
    if sys.argv[1:2] == ["--serve-sink"]:
        return serve_sink(sys.argv[2], int(sys.argv[3]))
    args = parse_args()
    database_url = scratch_database(args.database)
    os.environ.update(environment(database_url, 0, args.batch))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    results = [send(int(size), args, database_url) for size in args.sizes.split(",")]

    with Sink(args.sink) as sink:
        baseline = django_baseline(environment(database_url, sink.port, args.batch), args.baseline)
    ceilings = {}
    for kind in ("bare", "aiosmtpd"):
        with Sink(kind) as sink:
            ceilings[kind] = statistics.median(
                sink_alone(sink.port, 2000, results[-1]["message_bytes"]) for _ in range(3)
            )

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    sink_name = "a bare asyncio SMTP sink" if args.sink == "bare" else "an aiosmtpd sink"
    print(
        f"Measured {stamp} on {os.cpu_count()} cores; one `db_worker` process; batches of "
        f"{args.batch}; {sink_name} in a process of its own; messages of "
        f"{results[-1]['message_bytes'] / 1024:.0f} KB (HTML and text parts).\n"
    )
    print(
        "| subscribers | sent | msg/s | ratio to Django | msg per CPU s | ratio to Django, CPU "
        "| queries per batch | RSS first batch MB | RSS last batch MB | peak RSS MB |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(
            f"| {r['size']:,} | {r['sent']:,} | {r['rate']:,.0f} | "
            f"{r['rate'] / baseline['rate']:.2f} | {r['cpu_rate']:,.0f} | "
            f"{r['cpu_rate'] / baseline['cpu_rate']:.2f} | "
            f"{', '.join(map(str, r['queries']))} (first: {r['first_queries']}) | "
            f"{r['rss_first']:.0f} | {r['rss_last']:.0f} | {r['rss_peak']:.0f} |"
        )
    print(
        f"| Django's send_messages(), {baseline['count']:,} like messages | "
        f"{baseline['count']:,} | {baseline['rate']:,.0f} | 1.00 | "
        f"{baseline['cpu_rate']:,.0f} | 1.00 | - | - | - | - |"
    )
    print(
        f"\nThe sinks alone, fed ready-made messages of that size by smtplib: the bare one "
        f"{ceilings['bare']:,.0f} msg/s, aiosmtpd {ceilings['aiosmtpd']:,.0f} msg/s "
        f"(this run used the {args.sink} one)."
    )
    for r in results:
        print(
            f"{r['size']:,}: {r['batches']} batches in {r['seconds']:.1f} s "
            f"({r['wall']:.1f} s with the worker's start), issue {r['status']}, "
            f"sink counted {r['sink']:,}."
        )


if __name__ == "__main__":
    main()
