from django.core.management.base import BaseCommand, CommandError

from comments.models import Comment
from comments.privacy import erase


class Command(BaseCommand):
    help = (
        "Erase every comment made with an email address. Comments that others replied to "
        'keep their place as "[removed]"; the rest are deleted.'
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, email, interactive, **options):
        comments = Comment.objects.by_email(email)
        total = comments.count()
        if not total:
            self.stdout.write("No comments with that address.")
            return
        if interactive:
            answer = input(f"Erase {total} comment{'s' if total != 1 else ''}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing erased.")
        deleted, blanked = erase(comments)
        self.stdout.write(f"Deleted {deleted}; replaced {blanked} with [removed].")
