"""The emails a sign-up sends: the confirmation link, or word that the address is already
subscribed. Nothing else is sent until a reader confirms. No tracking: plain links only."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from . import links
from .models import Consent, Subscriber


def _message(subject, template, context, to):
    context = {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL.rstrip("/"),
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        from_email=settings.NEWSLETTER_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(
        render_to_string(f"newsletter/email/{template}.html", context), "text/html"
    )
    return message


def is_latest_request(consent):
    later = consent.subscriber.consents.filter(pk__gt=consent.pk, action=Consent.Action.REQUESTED)
    return not later.exists()


def message_for(consent):
    """The email that answers this request, or None when a later request has its own."""
    subscriber = consent.subscriber
    if not is_latest_request(consent):
        return None
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return _message(
            f"You already get the {settings.SITE_NAME} bulletin",
            "already_subscribed",
            {
                "subscriber": subscriber,
                "preferences_url": links.preferences_url(subscriber),
                "unsubscribe_url": links.unsubscribe_url(subscriber),
            },
            subscriber.email,
        )
    if subscriber.status != Subscriber.Status.PENDING:
        return None
    return _message(
        f"Please confirm your subscription to the {settings.SITE_NAME} bulletin",
        "confirm",
        {
            "subscriber": subscriber,
            "confirm_url": links.confirm_url(consent),
            "confirm_days": settings.NEWSLETTER_CONFIRM_DAYS,
        },
        subscriber.email,
    )
