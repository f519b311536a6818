from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from columnists.models import Pitch


class Command(BaseCommand):
    help = "Email the editors a digest of new pitches and those past the promised reply time."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="How far back 'new' reaches.")

    def handle(self, *args, days=7, **options):
        now = timezone.now()
        pitches = Pitch.objects.select_related("assigned_to")
        overdue = list(pitches.overdue(now).order_by("received_at"))
        new = list(pitches.filter(received_at__gte=now - timedelta(days=days)))
        context = {
            "overdue": overdue,
            "new": new,
            "days": days,
            "open_count": Pitch.objects.open().count(),
            "response_days": settings.PITCH_RESPONSE_DAYS,
            "site_name": settings.SITE_NAME,
            "changelist": settings.SITE_URL.rstrip("/")
            + reverse("admin:columnists_pitch_changelist"),
        }
        subject = (
            f"Pitches: {len(new)} new, {len(overdue)} waiting over "
            f"{settings.PITCH_RESPONSE_DAYS} days"
        )
        body = render_to_string("columnists/email/digest.txt", context)
        EmailMessage(subject, body, to=settings.PITCH_EDITORS_EMAIL).send()
        self.stdout.write(subject)
