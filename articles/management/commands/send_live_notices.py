from django.core.management.base import BaseCommand

from articles import workflow


class Command(BaseCommand):
    help = "Tell writers and schedulers that their scheduled pieces went live (once each)."

    def handle(self, *args, **options):
        made = workflow.send_live_notices()
        self.stdout.write(f"{made} going-live notice(s) sent.")
