"""Emails about staff accounts (invitations, password resets), sent by the task queue."""

from django.core.mail import EmailMessage
from django.tasks import task

from articles.background import retry_later


@task
def send_staff_email(subject, body, recipients, attempt=1):
    """Send one email to staff, and retry later if the mail server does not take it."""
    try:
        EmailMessage(subject, body, to=recipients).send()
    except Exception as error:  # any transport failure is retried later
        retry_later(send_staff_email, subject, body, recipients, attempt=attempt, error=error)
        raise
    return True
