from django.core.management.base import BaseCommand

from demo.seeding import seed_archive, seed_articles


class Command(BaseCommand):
    help = "Load the demo content (idempotent); --articles N adds a generated archive of N."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            help="Generate an archive of this many extra articles (for benchmarks).",
        )

    def handle(self, *args, articles, **options):
        if articles < 0:
            self.stderr.write("--articles must be zero or more.")
            raise SystemExit(2)
        made = seed_articles()
        archived = seed_archive(articles)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {made} new article(s), {archived} new archive article(s)."
            )
        )
