from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from nhe.backup import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format) and every file storage (media, private "
        "uploads) into a new folder with a manifest of row counts and checksums, encrypted "
        "when BACKUP_ENCRYPTION_KEY is set; then delete the backups that BACKUP_KEEP_DAYS and "
        "BACKUP_KEEP_WEEKS no longer keep."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=settings.BACKUP_ROOT,
            help="Folder to create the backup in, and to prune (default: BACKUP_ROOT).",
        )

    def handle(self, *args, output, **options):
        try:
            folder = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
        removed = prune_backups(
            output, keep_days=settings.BACKUP_KEEP_DAYS, keep_weeks=settings.BACKUP_KEEP_WEEKS
        )
        for path in removed:
            self.stdout.write(f"Deleted {path}, older than the retention keeps")
