from django.core.management.base import BaseCommand, CommandError

from columnists.emails import deliver_pending


class Command(BaseCommand):
    help = "Send pitch emails that have not been delivered yet (scheduled hourly)."

    def handle(self, *args, **options):
        sent, failed = deliver_pending()
        self.stdout.write(f"Sent {sent} pitch email(s).")
        if failed:
            # A non-zero exit lets cron or the scheduler alert someone.
            raise CommandError(f"{failed} pitch email(s) failed; they stay queued for retry.")
