"""A few confirmed bulletin subscribers and one sent issue, so that the archive and the
issues desk have something to show (idempotent)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.models import Section
from demo.seeding import READERS_EMAIL_DOMAIN
from newsletter.drafting import draft_issue
from newsletter.models import Consent, Delivery, Issue, Subscriber

# Local part, how often, and the sections chosen (none: every section).
SUBSCRIBERS = [
    ("ward.manager", Subscriber.Frequency.DAILY, []),
    ("icb.finance", Subscriber.Frequency.DAILY, ["news", "health-service-focus"]),
    ("trust.chair", Subscriber.Frequency.WEEKLY, []),
    ("practice.manager", Subscriber.Frequency.DAILY, ["news", "columnists", "last-word"]),
]
INTRO = (
    "Good morning. This week's digest leads with the board decisions that will shape winter, "
    "and ends, as ever, with the Last word."
)
SOURCE = "/newsletter/"


def seed_subscribers(now):
    made = []
    for local_part, frequency, slugs in SUBSCRIBERS:
        email = f"{local_part}@{READERS_EMAIL_DOMAIN}"
        if Subscriber.objects.by_email(email).exists():
            continue
        subscriber = Subscriber.objects.create(
            email=email,
            frequency=frequency,
            status=Subscriber.Status.CONFIRMED,
            created_at=now - timedelta(days=30),
            confirmed_at=now - timedelta(days=30, minutes=-5),
        )
        subscriber.sections.set(Section.objects.filter(slug__in=slugs))
        for action, minutes in ((Consent.Action.REQUESTED, 0), (Consent.Action.CONFIRMED, 5)):
            subscriber.consents.create(
                action=action,
                at=now - timedelta(days=30, minutes=-minutes),
                wording_version=settings.NEWSLETTER_CONSENT_VERSION,
                source=SOURCE,
            )
        made.append(subscriber)
    return made


def seed_sent_issue(now):
    """Last week's digest, as sent yesterday morning; None if one was sent already or there
    is nothing to put in it."""
    if Issue.objects.sent().exists():
        return None
    issue = draft_issue(Issue.Edition.WEEKLY, now=now - timedelta(hours=12))
    if issue is None:
        return None
    issue.intro = INTRO
    issue.status = Issue.Status.SENT
    issue.send_at = issue.covers_until + timedelta(minutes=30)
    issue.sending_started_at = issue.send_at
    issue.sent_at = issue.send_at + timedelta(minutes=2)
    issue.save()
    Delivery.objects.bulk_create(
        Delivery(
            issue=issue,
            subscriber=subscriber,
            status=Delivery.Status.SENT,
            attempted_at=issue.send_at,
        )
        for subscriber in Subscriber.objects.receiving(Issue.Edition.WEEKLY)
    )
    return issue


class Command(BaseCommand):
    help = "Add demo bulletin subscribers and one sent issue (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        now = timezone.now()
        subscribers = seed_subscribers(now)
        issue = seed_sent_issue(now)
        self.stdout.write(
            self.style.SUCCESS(
                f"Bulletin demo ready: {len(subscribers)} new subscriber(s), "
                f"{'a sent issue, “' + issue.subject + '”' if issue else 'no new issue'}."
            )
        )
