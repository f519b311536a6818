"""Readers' rights over their subscription (UK GDPR): a copy of what we hold, and erasure."""

from django.db import transaction

from .models import Delivery, Subscriber


def export(email):
    """The subscriber with this address, their consents and deliveries, as plain data for
    JSON; None when there is none."""
    subscriber = (
        Subscriber.objects.by_email(email).prefetch_related("sections", "consents").first()
    )
    if subscriber is None:
        return None
    deliveries = (
        Delivery.objects.filter(subscriber=subscriber)
        .select_related("issue")
        .order_by("attempted_at", "pk")
    )
    return {
        "email": subscriber.email,
        "status": subscriber.status,
        "frequency": subscriber.frequency,
        "sections": [section.name for section in subscriber.sections.all()],
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at and subscriber.confirmed_at.isoformat(),
        "stopped_at": subscriber.stopped_at and subscriber.stopped_at.isoformat(),
        "stop_reason": subscriber.stop_reason,
        "consents": [
            {
                "action": consent.action,
                "at": consent.at.isoformat(),
                "wording_version": consent.wording_version,
                "source": consent.source,
            }
            for consent in subscriber.consents.all()
        ],
        "deliveries": [
            {
                "issue": delivery.issue.subject,
                "status": delivery.status,
                "at": delivery.attempted_at.isoformat(),
            }
            for delivery in deliveries
        ],
    }


def erase(email):
    """Delete the subscriber with this address, with their consents and deliveries; every
    link we sent them stops working. Returns how many rows went, by kind."""
    with transaction.atomic():
        subscribers = Subscriber.objects.by_email(email)
        _, by_model = subscribers.delete()
    return {
        "subscribers": by_model.get("newsletter.Subscriber", 0),
        "consents": by_model.get("newsletter.Consent", 0),
        "deliveries": by_model.get("newsletter.Delivery", 0),
    }
