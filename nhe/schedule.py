"""The periodic jobs, declared here and enqueued by `manage.py run_scheduler`.

Each job is a management command that runs on the task queue once in each of its periods.
A period starts every `every`, `at` after a Monday midnight (UTC); a period that began while
no scheduler ran is caught up as soon as one starts, once.
"""

import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.tasks import task

from .models import ScheduledJob

logger = logging.getLogger(__name__)

MONDAY = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    command: str
    every: timedelta
    at: timedelta = timedelta(0)
    # A boolean setting that must be on for the job to be scheduled.
    enabled_by: str = ""

    def period_start(self, now):
        """When the period that `now` falls in began."""
        return MONDAY + self.at + (now - MONDAY - self.at) // self.every * self.every

    def is_enabled(self):
        return not self.enabled_by or getattr(settings, self.enabled_by)


JOBS = [
    # Read counts gathered in the cache, stored for "most read".
    Job("flush_most_read", every=timedelta(seconds=settings.MOST_READ_FLUSH_SECONDS)),
    # Pitch emails whose retries on the queue all failed, or that never reached the queue.
    Job("send_pitch_emails", every=timedelta(hours=1), at=timedelta(minutes=30)),
    Job("comments_digest", every=timedelta(hours=1)),
    # Writers and schedulers told that a scheduled piece went live.
    Job("send_live_notices", every=timedelta(minutes=5)),
    Job("comments_purge", every=timedelta(days=1), at=timedelta(hours=3)),
    Job("purge_pitches", every=timedelta(days=1), at=timedelta(hours=3, minutes=15)),
    # Finished task results older than 14 days (django-tasks-db).
    Job("prune_db_task_results", every=timedelta(days=1), at=timedelta(hours=3, minutes=30)),
    Job("backup", every=timedelta(days=1), at=timedelta(hours=2), enabled_by="SCHEDULE_BACKUPS"),
    # The bulletin: each run drafts what is due today (newsletter/drafting.py), then issues
    # whose sending time has come are handed to sending.
    Job("draft_bulletins", every=timedelta(minutes=15)),
    Job("send_due_issues", every=timedelta(minutes=5)),
    # Monday mornings.
    Job("send_pitch_digest", every=timedelta(weeks=1), at=timedelta(hours=7)),
]
COMMANDS = {job.command for job in JOBS}


def enqueue_due(now):
    """Enqueue every enabled job whose current period has not been enqueued; return their
    commands."""
    enqueued = []
    for job in JOBS:
        if not job.is_enabled():
            continue
        period = job.period_start(now)
        ScheduledJob.objects.get_or_create(command=job.command)
        with transaction.atomic():
            # The row lock makes a concurrent scheduler wait here, then find nothing to claim.
            claimed = ScheduledJob.objects.filter(
                Q(period_start__isnull=True) | Q(period_start__lt=period), command=job.command
            ).update(period_start=period, enqueued_at=now)
            if claimed:
                run_command.enqueue(job.command)
                enqueued.append(job.command)
    return enqueued


@task
def run_command(command):
    """Run one scheduled job on a worker; the command's output is logged and returned."""
    if command not in COMMANDS:
        raise ValueError(f"{command!r} is not a scheduled job.")
    output = io.StringIO()
    call_command(command, stdout=output, stderr=output)
    logger.info("%s: %s", command, output.getvalue().strip())
    return output.getvalue()[-2000:]
