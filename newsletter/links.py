"""The signed links in the bulletin's emails: confirm, preferences and unsubscribe.

A link names the subscriber and carries their key, signed with SECRET_KEY: it needs no login,
cannot be forged, and dies with the key (erasure deletes the row; a new key retires every
old link). A confirmation link also names the request it answers and expires.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Consent, Subscriber

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def confirm_token(consent):
    return signing.dumps(
        [consent.subscriber_id, consent.subscriber.key, consent.pk], salt=CONFIRM_SALT
    )


def confirm_url(consent):
    return absolute(reverse("newsletter:confirm", args=[confirm_token(consent)]))


def manage_token(subscriber):
    return signing.dumps([subscriber.pk, subscriber.key], salt=MANAGE_SALT)


def preferences_url(subscriber):
    return absolute(reverse("newsletter:preferences", args=[manage_token(subscriber)]))


def unsubscribe_url(subscriber):
    return absolute(reverse("newsletter:unsubscribe", args=[manage_token(subscriber)]))


def _load(token, salt, max_age=None):
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # forged, mangled, or (SignatureExpired) too old
        return None
    if not isinstance(value, list) or not all(isinstance(part, (int, str)) for part in value):
        return None
    return value


def subscriber_for(token):
    """The subscriber a preferences or unsubscribe link names, or None."""
    value = _load(token, MANAGE_SALT)
    if value is None or len(value) != 2:
        return None
    pk, key = value
    return Subscriber.objects.filter(pk=pk, key=key).first() if isinstance(pk, int) else None


def consent_for(token):
    """The subscription request a confirmation link answers, or None when it is not ours,
    expired (NEWSLETTER_CONFIRM_DAYS), or its subscriber is gone."""
    value = _load(token, CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_DAYS * 86400)
    if value is None or len(value) != 3 or not all(isinstance(p, int) for p in value[::2]):
        return None
    subscriber_pk, key, consent_pk = value
    return (
        Consent.objects.select_related("subscriber")
        .filter(
            pk=consent_pk,
            subscriber_id=subscriber_pk,
            subscriber__key=key,
            action=Consent.Action.REQUESTED,
        )
        .first()
    )
