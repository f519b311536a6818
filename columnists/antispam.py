"""Keeping robots and floods away from the pitch form without bothering people.

A signed start time tells us the form came from our page, recently, and was not filled in
faster than a person could; a field hidden from people catches robots that fill every box;
and each address may send only so many pitches an hour.
"""

import time

from django.conf import settings
from django.core import signing

from articles import clients

SALT = "columnists.pitch-form.started"
FORM_MAX_AGE = 2 * 24 * 3600  # long enough to write a pitch over a weekend


def issue_timestamp(at: float | None = None) -> str:
    return signing.Signer(salt=SALT).sign_object({"t": int(at if at is not None else time.time())})


def seconds_since(token: str) -> float | None:
    """Seconds since the form was served, or None if the token is not one of ours."""
    try:
        started = signing.Signer(salt=SALT).unsign_object(token)["t"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not isinstance(started, int):
        return None
    return time.time() - started


def allow_submission(request) -> bool:
    """Count this submission against the sender's address; False once over the limit."""
    return not clients.over_limit(
        "columnists:pitch",
        clients.client_ip(request),
        settings.PITCH_RATE_LIMIT,
        settings.PITCH_RATE_WINDOW,
    )
