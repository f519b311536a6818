from django.core.management.base import BaseCommand

from comments.notifications import send_digest


class Command(BaseCommand):
    help = "Email moderators a digest of comments awaiting moderation (scheduled hourly)."

    def handle(self, *args, **options):
        pending = send_digest()
        if options["verbosity"] > 0:
            self.stdout.write(f"{pending} comment{'s' if pending != 1 else ''} pending.")
