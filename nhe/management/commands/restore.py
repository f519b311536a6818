from django.core.management.base import BaseCommand, CommandError

from nhe.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup folder over the configured database and storages, after checking "
        "every file and object against its manifest; then verify row counts and objects."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A folder written by the backup command.")
        parser.add_argument(
            "--noinput", action="store_false", dest="interactive", help="Do not ask to confirm."
        )

    def handle(self, *args, backup, interactive, **options):
        if interactive:
            answer = input(
                "This replaces the database and writes the backup's files into the storages. "
                "Type 'yes' to restore: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        try:
            summary = restore_backup(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified {summary['tables']} tables, {summary['rows']} rows "
                f"and {summary['objects']} stored files from {backup}"
            )
        )
        if summary["extra"]:
            self.stdout.write(
                f"Left in place: {summary['extra']} stored files that are not in the backup."
            )
