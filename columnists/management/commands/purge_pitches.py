from django.conf import settings
from django.core.management.base import BaseCommand

from columnists.models import Pitch


class Command(BaseCommand):
    help = (
        "Remove the files and personal data of declined and withdrawn pitches decided more "
        "than PITCH_RETENTION_MONTHS ago, keeping an anonymous record for statistics."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say how many would be purged."
        )

    def handle(self, *args, dry_run=False, **options):
        due = Pitch.objects.due_for_purge()
        if dry_run:
            self.stdout.write(f"{due.count()} pitch(es) would be anonymised.")
            return
        count = 0
        for pitch in due.iterator():
            pitch.anonymise()
            count += 1
        self.stdout.write(
            f"Anonymised {count} pitch(es) decided over "
            f"{settings.PITCH_RETENTION_MONTHS} months ago."
        )
