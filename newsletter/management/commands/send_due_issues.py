"""Hand every scheduled issue whose sending time has come over to sending, and resume any
issue whose sending stalled (its worker died)."""

from django.core.management.base import BaseCommand

from newsletter.models import Issue
from newsletter.sending import resume_stalled, start_sending


class Command(BaseCommand):
    help = "Start sending the scheduled issues that are due; resume any that stalled."

    def handle(self, *args, **options):
        due = list(Issue.objects.due())
        for issue in due:
            start_sending(issue)
            self.stdout.write(f"Sending “{issue.subject}”.")
        for issue in resume_stalled():
            self.stdout.write(f"Resumed sending “{issue.subject}”, which had stalled.")
        if not due:
            self.stdout.write("No issue is due.")
