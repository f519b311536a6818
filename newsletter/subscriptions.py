"""Subscribing, confirming, changing preferences and stopping: the rules about subscribers."""

from django.db import transaction
from django.utils import timezone

from .models import Consent, Subscriber


def stop_mail(subscriber_ids, *, status, reason):
    """Stop every bulletin email to these subscribers (a hard bounce, a spam complaint,
    an unsubscribe); returns how many were stopped."""
    with transaction.atomic():
        stopped = (
            Subscriber.objects.filter(pk__in=subscriber_ids)
            .exclude(status=status)
            .update(status=status, stopped_at=timezone.now(), stop_reason=reason[:300])
        )
    return stopped


def stop_mail_to(email, *, status, reason):
    """The same for an address a mail server or provider reports."""
    ids = list(Subscriber.objects.by_email(email).values_list("pk", flat=True))
    return stop_mail(ids, status=status, reason=reason) if ids else 0


__all__ = ["Consent", "stop_mail", "stop_mail_to"]
