from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.popularity import flush_read_counts, forget_before


class Command(BaseCommand):
    help = (
        "Write the read counts gathered in the cache to the database (for 'most read'); "
        "scheduled every 5 minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-days",
            type=int,
            default=90,
            help="Delete stored daily counts older than this many days (default 90).",
        )

    def handle(self, *args, keep_days, **options):
        if keep_days < 7:
            raise CommandError("--keep-days must be at least 7: 'most read' covers a week.")
        written = flush_read_counts()
        forgotten = forget_before(timezone.localdate() - timedelta(days=keep_days))
        self.stdout.write(
            f"Stored {written} daily read count(s); removed {forgotten} older than "
            f"{keep_days} days."
        )
