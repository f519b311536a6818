"""Emails about pitches: written to the outbox with the change they report, sent after it.

A pitch is never lost to a mail outage: once the change commits, the task queue sends each
email (columnists/tasks.py), retrying with growing waits; one that still fails stays in the
outbox with its error, and `manage.py send_pitch_emails` (scheduled hourly) tries again.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.background import enqueue_after_commit

from . import tasks
from .models import Pitch, PitchEmail

logger = logging.getLogger(__name__)

PLACEHOLDERS = ("{name}", "{pitch_title}", "{reference}", "{status_link}")


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def letter(template: str) -> tuple[str, str]:
    """The default subject and body of a decision letter, with placeholders left in."""
    context = {"site_name": settings.SITE_NAME}
    subject = render_to_string(f"columnists/email/{template}_subject.txt", context)
    return " ".join(subject.split()), render_to_string(f"columnists/email/{template}.txt", context)


def fill_placeholders(text: str, pitch: Pitch) -> str:
    """Put one pitch's details into an editor's text, without evaluating anything in it."""
    values = {
        "{name}": pitch.name,
        "{pitch_title}": pitch.pitch_title,
        "{reference}": pitch.reference,
        "{status_link}": pitch.status_link(),
    }
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def queue(pitch: Pitch, kind: str, recipients: list[str], subject: str, body: str) -> PitchEmail:
    """Record an email in the outbox; the queue sends it once the current transaction commits."""
    email = PitchEmail.objects.create(
        pitch=pitch,
        kind=kind,
        recipients=list(recipients),
        subject=" ".join(subject.split())[:255],
        body=body,
    )
    enqueue_after_commit(tasks.send_pitch_email, email.pk)
    return email


def queue_from_template(pitch: Pitch, kind: str, recipients: list[str], template: str, **extra):
    context = {
        "pitch": pitch,
        "site_name": settings.SITE_NAME,
        "admin_link": absolute(reverse("admin:columnists_pitch_change", args=[pitch.pk])),
        "response_days": settings.PITCH_RESPONSE_DAYS,
        "retention_months": settings.PITCH_RETENTION_MONTHS,
        **extra,
    }
    subject = render_to_string(f"columnists/email/{template}_subject.txt", context)
    body = render_to_string(f"columnists/email/{template}.txt", context)
    return queue(pitch, kind, recipients, subject, body)


def deliver(email_id: int) -> bool | None:
    """Send one outbox email: True if sent, False if it failed, None if not ours to send.

    The row lock keeps a retry run and a just-committed request from sending it twice.
    """
    with transaction.atomic():
        email = (
            PitchEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, sent_at__isnull=True)
            .first()
        )
        if email is None:
            return None
        try:
            EmailMessage(email.subject, email.body, to=email.recipients).send()
        except Exception as exc:  # any transport failure is recorded and retried later
            logger.warning("Pitch email %s failed: %s", email.pk, exc)
            email.attempts += 1
            email.last_error = f"{type(exc).__name__}: {exc}"[:500]
            email.save(update_fields=["attempts", "last_error"])
            return False
        email.attempts += 1
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["attempts", "sent_at", "last_error"])
        return True


def deliver_pending() -> tuple[int, int]:
    """Try every undelivered email once; return how many were sent and how many failed."""
    sent = failed = 0
    for email_id in PitchEmail.objects.undelivered().values_list("pk", flat=True):
        outcome = deliver(email_id)
        if outcome is True:
            sent += 1
        elif outcome is False:
            failed += 1
    return sent, failed
