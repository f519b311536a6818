"""Keeping robots and floods away from the pitch form without bothering people.

A signed start time tells us the form came from our page, recently, and was not filled in
faster than a person could; a field hidden from people catches robots that fill every box;
and each IP address may send only so many pitches an hour.
"""

from django.conf import settings
from django.core import signing
from django_ratelimit.core import is_ratelimited

SALT = "columnists.pitch-form.started"
FORM_MAX_AGE = 2 * 24 * 3600  # long enough to write a pitch over a weekend


def issue_timestamp() -> str:
    """A start time for a pitch form served now."""
    return signing.TimestampSigner(salt=SALT).sign("pitch-form")


def issued_within(token: str, seconds: float) -> bool:
    """Whether the token is a start time of ours, issued at most this many seconds ago."""
    try:
        signing.TimestampSigner(salt=SALT).unsign(token, max_age=seconds)
    except signing.BadSignature:  # SignatureExpired included
        return False
    return True


def allow_submission(request) -> bool:
    """Count this submission against the sender's IP address; False once over the limit."""
    return not is_ratelimited(
        request,
        group="columnists:pitch",
        key="ip",
        rate=f"{settings.PITCH_RATE_LIMIT}/{settings.PITCH_RATE_WINDOW}s",
        increment=True,
    )
