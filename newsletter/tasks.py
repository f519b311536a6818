"""The bulletin's emails that a sign-up sends, by the task queue once the request commits."""

from django.tasks import task

from articles.background import retry_later

from . import confirmations
from .models import Consent


@task
def email_about_request(consent_id, attempt=1):
    """Send the confirmation link, or word that the address is already subscribed."""
    consent = Consent.objects.select_related("subscriber").filter(pk=consent_id).first()
    if consent is None:  # erased meanwhile
        return False
    message = confirmations.message_for(consent)
    if message is None:
        return False
    try:
        message.send()
    except Exception as error:
        retry_later(email_about_request, consent_id, attempt=attempt, error=error)
        raise
    return True
