"""The worker process of bench/newsletter_send.py: `db_worker` with a line of JSON per batch
(queries, RSS, time), or, with --baseline N, Django's own send_messages() of N messages like
the bulletin's, over one connection, to the same sink."""

import json
import sys
import time
from pathlib import Path


def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker(log_path):
    from django.core.management import call_command
    from django.db import connection

    from newsletter.sending import Run

    count = {"queries": 0, "since": time.perf_counter(), "cpu": time.process_time()}

    def counting(execute, sql, params, many, context):
        count["queries"] += 1
        return execute(sql, params, many, context)

    send, send_batch = Run.send, Run.send_batch

    def logged_send(run):
        with connection.execute_wrapper(counting):
            return send(run)

    def logged_send_batch(run, batch, mailer):
        send_batch(run, batch, mailer)
        now = time.perf_counter()
        record = {
            "messages": len(batch),
            "queries": count["queries"],
            "rss": rss_mb(),
            "start": count["since"],
            "end": now,
            "cpu": time.process_time() - count["cpu"],
        }
        log.write(json.dumps(record) + "\n")
        log.flush()
        count.update(queries=0, since=now, cpu=time.process_time())

    Run.send, Run.send_batch = logged_send, logged_send_batch
    with Path(log_path).open("w") as log:
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def baseline(total):
    """Messages of the same size and headers, built and sent the plain Django way."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives, mailers

    from newsletter.emails import Edition
    from newsletter.models import Issue

    html, text = Edition(Issue.objects.latest("pk")).variant(())
    mailer = mailers.default
    mailer.open()
    started, cpu = time.perf_counter(), time.process_time()
    for first in range(0, total, 500):
        messages = []
        for n in range(first, min(first + 500, total)):
            message = EmailMultiAlternatives(
                subject="Bench bulletin: waiting lists fall",
                body=text,
                from_email=settings.NEWSLETTER_FROM_EMAIL,
                to=[f"bench{n}@example.org"],
                headers={
                    "List-Unsubscribe": f"<https://www.nhe.example/u/{n}/>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            message.attach_alternative(html, "text/html")
            messages.append(message)
        mailer.send_messages(messages)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    mailer.close()
    print(json.dumps({"count": total, "rate": total / seconds, "cpu_rate": total / cpu}))


def main():
    import django

    django.setup()
    if sys.argv[1] == "--baseline":
        baseline(int(sys.argv[2]))
    else:
        worker(sys.argv[1])


if __name__ == "__main__":
    main()
