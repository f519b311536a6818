"""Draft the day's bulletin (weekdays) and the weekly digest (Fridays) once their time comes.

Run every few minutes by the scheduler (nhe/schedule.py): it drafts each edition once a day,
at the first run after NEWSLETTER_DAILY_DRAFT_AT, London time.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.drafting import draft_issue, editions_due, schedule, send_time_today


class Command(BaseCommand):
    help = "Draft today's bulletin issues whose drafting time has come."

    def handle(self, *args, **options):
        now = timezone.now()
        due = editions_due(now)
        if not due:
            self.stdout.write("No issue to draft now.")
        for edition in due:
            issue = draft_issue(edition, now=now)
            if issue is None:
                self.stdout.write(f"{edition}: nothing went public since the last issue.")
                continue
            self.stdout.write(
                f"{edition}: drafted “{issue.subject}” ({issue.items.count()} pieces)."
            )
            if settings.NEWSLETTER_AUTO_SEND and issue.status == issue.Status.DRAFT:
                schedule(issue, send_time_today(now))
                self.stdout.write(
                    f"{edition}: scheduled for {timezone.localtime(issue.send_at):%H:%M}."
                )
