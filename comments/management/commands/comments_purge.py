from django.conf import settings
from django.core.management.base import BaseCommand

from comments.privacy import erase, expired_rejections, lapsed_blocks


class Command(BaseCommand):
    help = (
        "Delete rejected and spam comments, and commenter blocks that ended, older than "
        "COMMENTS_PURGE_AFTER_DAYS (scheduled daily)."
    )

    def handle(self, *args, **options):
        deleted, blanked = erase(expired_rejections())
        blocks, _ = lapsed_blocks().delete()
        if options["verbosity"] > 0:
            self.stdout.write(
                f"Purged {deleted + blanked} rejected or spam comment(s) older than "
                f"{settings.COMMENTS_PURGE_AFTER_DAYS} days, and {blocks} lapsed block(s)."
            )
