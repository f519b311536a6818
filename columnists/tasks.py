"""Pitch emails, sent by the task queue once the change they report commits."""

from django.tasks import task

from articles.background import retry_later

from . import emails
from .models import PitchEmail


class EmailNotSent(Exception):
    """The mail server did not take a pitch email."""


@task
def send_pitch_email(email_id, attempt=1):
    """Send one outbox email, and retry later if the mail server does not take it."""
    sent = emails.deliver(email_id)
    if sent is False:
        last_error = PitchEmail.objects.values_list("last_error", flat=True).get(pk=email_id)
        error = EmailNotSent(f"pitch email {email_id}: {last_error}")
        retry_later(send_pitch_email, email_id, attempt=attempt, error=error)
        raise error
    return sent
