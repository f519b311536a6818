import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from nhe import schedule


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (nhe/schedule.py) as their periods come round, for "
        "`manage.py db_worker` to run. Several schedulers may run: each period is enqueued once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=30, help="Seconds between looks (default 30)."
        )
        parser.add_argument(
            "--once", action="store_true", help="Enqueue what is due now, then exit."
        )

    def handle(self, *args, interval, once, **options):
        self.running = True
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        while self.running:
            self.tick()
            if once:
                return
            deadline = time.monotonic() + interval
            while self.running and time.monotonic() < deadline:
                time.sleep(min(1, interval))
            # As between requests: drop a connection that broke or grew too old.
            close_old_connections()

    def tick(self):
        try:
            enqueued = schedule.enqueue_due(timezone.now())
        except DatabaseError as error:
            # The database is away: try again next time rather than stop.
            self.stderr.write(f"Scheduler could not reach the database: {error}")
            close_old_connections()
            return
        for command in enqueued:
            self.stdout.write(f"Enqueued {command}.")
        self.stdout.flush()

    def stop(self, signum, frame):
        self.running = False
