from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nhe.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format), media and private uploads into a new "
        "folder with a manifest of row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=settings.BACKUP_ROOT,
            help="Folder to create the backup in (default: BACKUP_ROOT).",
        )

    def handle(self, *args, output, **options):
        try:
            folder = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
