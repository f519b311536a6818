"""Subscribing, confirming, changing preferences and stopping: the rules about subscribers.

Every change of a reader's consent leaves a Consent record (what, when, in which wording and
from which page), in the same transaction as the change itself.
"""

import enum

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.background import enqueue_after_commit

from . import tasks
from .models import Consent, Subscriber

# Where a change came from when no page of ours had a form for it.
FROM_PREFERENCES = "email link: preferences"
FROM_RESUBSCRIBE = "email link: subscribe again"
FROM_UNSUBSCRIBE = "email link: unsubscribe"
FROM_ONE_CLICK = "mail program: one-click unsubscribe"


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


def _record(subscriber, action, *, source, wording_version=None):
    return Consent.objects.create(
        subscriber=subscriber,
        action=action,
        wording_version=wording_version or settings.NEWSLETTER_CONSENT_VERSION,
        source=source[:500],
    )


def _locked_subscriber(email):
    """The subscriber with this address, locked for this transaction, made if there is none."""
    subscriber = Subscriber.objects.select_for_update().by_email(email).first()
    if subscriber is not None:
        return subscriber, False
    try:
        with transaction.atomic():
            return Subscriber.objects.create(email=email), True
    except IntegrityError:  # the same address, sent twice at once
        return Subscriber.objects.select_for_update().by_email(email).get(), False


def request_subscription(*, email, frequency, sections=(), source=""):
    """Record a request to subscribe and email the address about it once it commits.

    A new or stopped subscriber becomes pending with these choices and is sent a confirmation
    link; a confirmed one is left as they are and is told they are already subscribed (what
    the web page says is the same either way). Returns the request's Consent record.
    """
    with transaction.atomic():
        subscriber, _ = _locked_subscriber(email)
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.frequency = frequency
            subscriber.stopped_at = None
            subscriber.stop_reason = ""
            subscriber.save(update_fields=["status", "frequency", "stopped_at", "stop_reason"])
            subscriber.sections.set(sections)
        consent = _record(subscriber, Consent.Action.REQUESTED, source=source)
        enqueue_after_commit(tasks.email_about_request, consent.pk)
    return consent


class Outcome(enum.Enum):
    CONFIRMED = "confirmed"  # just now
    ALREADY = "already"  # confirmed before: the same friendly answer
    USED = "used"  # unsubscribed since, or a newer request superseded this one


def confirm(consent):
    """Confirm the subscription a confirmation link answers; never resubscribes silently."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=consent.subscriber_id)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return Outcome.ALREADY
        newer = subscriber.consents.filter(pk__gt=consent.pk, action=Consent.Action.REQUESTED)
        if subscriber.status != Subscriber.Status.PENDING or newer.exists():
            return Outcome.USED
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.save(update_fields=["status", "confirmed_at"])
        _record(
            subscriber,
            Consent.Action.CONFIRMED,
            source=consent.source,
            wording_version=consent.wording_version,
        )
    return Outcome.CONFIRMED


def change_preferences(subscriber, *, frequency, sections, source=FROM_PREFERENCES):
    """Save a reader's choices from their signed link; a stopped reader is subscribed again,
    since only the owner of the address has that link."""
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return resubscribe(subscriber, frequency=frequency, sections=sections)
    with transaction.atomic():
        subscriber.frequency = frequency
        subscriber.save(update_fields=["frequency"])
        subscriber.sections.set(sections)
        _record(subscriber, Consent.Action.CHANGED, source=source)
    return subscriber


def resubscribe(subscriber, *, frequency=None, sections=None, source=FROM_RESUBSCRIBE):
    """Subscribe again from a signed link, with no new confirmation: the link proves the
    address."""
    with transaction.atomic():
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.stopped_at = None
        subscriber.stop_reason = ""
        if frequency is not None:
            subscriber.frequency = frequency
        subscriber.save()
        if sections is not None:
            subscriber.sections.set(sections)
        _record(subscriber, Consent.Action.CONFIRMED, source=source)
    return subscriber


def unsubscribe(subscriber, *, source=FROM_UNSUBSCRIBE):
    """Stop the bulletin to this reader at their request; True if it was not stopped so."""
    return unsubscribe_all([subscriber.pk], source=source) > 0


def unsubscribe_all(subscriber_ids, *, source):
    """Unsubscribe these readers (the admin's action, a reader's link); returns how many
    changed. Asking twice changes nothing the second time."""
    with transaction.atomic():
        ids = list(
            Subscriber.objects.select_for_update()
            .filter(pk__in=subscriber_ids)
            .exclude(status=Subscriber.Status.UNSUBSCRIBED)
            .values_list("pk", flat=True)
        )
        stop_mail(ids, status=Subscriber.Status.UNSUBSCRIBED, reason=source)
        Consent.objects.bulk_create(
            Consent(
                subscriber_id=pk,
                action=Consent.Action.WITHDRAWN,
                wording_version=settings.NEWSLETTER_CONSENT_VERSION,
                source=source[:500],
            )
            for pk in ids
        )
    return len(ids)


__all__ = [
    "Consent",
    "Outcome",
    "change_preferences",
    "confirm",
    "request_subscription",
    "resubscribe",
    "stop_mail",
    "stop_mail_to",
    "unsubscribe",
    "unsubscribe_all",
]
