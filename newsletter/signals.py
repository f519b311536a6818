"""Bounces and complaints that a mailing provider reports by webhook (django-anymail).

A hard bounce or a spam complaint stops every bulletin email to the address, as a hard
refusal at send time does (sending.py); an unsubscribe the provider took (its own link or
the mail client's button) counts as the reader's own. Soft bounces and deliveries change
nothing.
"""

import logging

from anymail.signals import tracking
from django.conf import settings

from . import subscriptions
from .models import Subscriber

logger = logging.getLogger(__name__)

STOPPING_EVENTS = {
    "bounced": Subscriber.Status.BOUNCED,
    "complained": Subscriber.Status.COMPLAINED,
    "unsubscribed": Subscriber.Status.UNSUBSCRIBED,
}


def webhooks_are_authenticated():
    """Whether the provider's reports must prove who sent them: a basic-auth secret
    (WEBHOOK_SECRET) or a provider's signing key. Without one, anymail accepts reports from
    anyone (it only warns), and anyone could stop a reader's mail."""
    return any("WEBHOOK" in key for key in settings.ANYMAIL)


def stop_mail_on_provider_event(sender, event, esp_name, **kwargs):
    status = STOPPING_EVENTS.get(event.event_type)
    if status is None or not event.recipient:
        return
    if not webhooks_are_authenticated():
        logger.warning(
            "%s reported %s, ignored: set ANYMAIL_WEBHOOK_SECRET so that reports can be trusted.",
            esp_name,
            event.event_type,
        )
        return
    detail = event.mta_response or event.description or event.reject_reason or ""
    reason = f"{esp_name} reported {event.event_type}: {detail}".strip().rstrip(":")
    stopped = subscriptions.stop_mail_to(event.recipient, status=status, reason=reason)
    logger.info("%s %s: %d subscriber(s) stopped.", esp_name, event.event_type, stopped)


def connect():
    tracking.connect(stop_mail_on_provider_event, dispatch_uid="newsletter.stop_mail")
