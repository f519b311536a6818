"""Hand every scheduled issue whose sending time has come over to sending."""

from django.core.management.base import BaseCommand

from newsletter.models import Issue
from newsletter.sending import start_sending


class Command(BaseCommand):
    help = "Start sending the scheduled issues that are due."

    def handle(self, *args, **options):
        due = list(Issue.objects.due())
        for issue in due:
            start_sending(issue)
            self.stdout.write(f"Sending “{issue.subject}”.")
        if not due:
            self.stdout.write("No issue is due.")
