import random
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from demo.seeding import READERS_EMAIL_DOMAIN, seed_comments

# Stock remarks for benchmark volume only (--comments N), where the words do not matter.
NAMES = [
    "Ward manager, Midlands", "Anne K", "Retired GP", "Dr S. Patel", "Practice manager",
    "Tom from estates", "Community nurse", "ICB finance lead", "Paramedic, North West",
    "Non-exec director", "Physio in Leeds", "Healthcare scientist",
]  # fmt: skip
REMARKS = [
    "This matches what we see on the ground: the pressure is in discharge, not the front door.",
    "Good to see the workforce numbers set out plainly. Retention deserves more attention.",
    "We tried something similar two years ago. The hard part was a stable rota over winter.",
    "Would be useful to know how the savings were measured, and over what period.",
    "Compassionate leadership is not soft. It is the only thing that kept our team together.",
    "The estates backlog is the story nobody wants to tell. Thank you for covering it.",
    "Digital tools help, but only when someone has time to use them properly.",
    "Primary care is carrying far more than the figures show.\n\nWe need honest numbers.",
    "Interesting piece. I would add that social care capacity decides most of this.",
    "Our trust has a similar scheme; happy to share what worked with anyone who asks.",
]


class Command(BaseCommand):
    help = (
        "Add the readers' comments written for the demo articles (idempotent). For "
        "benchmarks, --comments N instead fills the newest public articles with stock "
        "comments, --per-article each, until N are in place."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--comments",
            type=int,
            default=0,
            help="Generate this many stock comments for benchmarks instead.",
        )
        parser.add_argument("--per-article", type=int, default=3)

    def handle(self, *args, comments, per_article, **options):
        added = self.generate(comments, per_article) if comments else seed_comments()
        if added:
            self.stdout.write(self.style.SUCCESS(f"Added {added} demo comment(s)."))
        else:
            self.stdout.write("Demo comments already in place.")

    @transaction.atomic
    def generate(self, comments, per_article):
        seeded = Comment.objects.filter(email__endswith=f"@{READERS_EMAIL_DOMAIN}")
        missing = comments - seeded.count()
        if missing <= 0:
            return 0
        rng = random.Random(comments)  # noqa: S311 (demo text, not secrets)  # nosec B311
        have = dict(seeded.order_by().values_list("article_id").annotate(n=Count("pk")))
        now = timezone.now()
        batch = []
        for article in Article.objects.published().newest_first().only("pk", "publish_at"):
            room = per_article - have.get(article.pk, 0)
            for n in range(min(room, missing - len(batch))):
                batch.append(
                    Comment(
                        article=article,
                        name=rng.choice(NAMES),
                        email=f"reader{rng.randrange(10**6)}@{READERS_EMAIL_DOMAIN}",
                        body=REMARKS[(article.pk + n) % len(REMARKS)],
                        status=Comment.Status.APPROVED,
                        created_at=min(now, article.publish_at + timedelta(minutes=7 * (n + 1))),
                        moderated_at=now,
                    )
                )
            if len(batch) >= missing:
                break
        Comment.objects.bulk_create(batch, batch_size=2000)
        return len(batch)
