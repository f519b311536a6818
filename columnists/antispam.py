"""Keeping robots and floods away from the pitch form without bothering people.

A signed start time tells us the form came from our page, recently, and was not filled in
faster than a person could; a field hidden from people catches robots that fill every box;
and each address may send only so many pitches an hour.
"""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

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


def client_ip(request) -> str:
    """The sender's address: REMOTE_ADDR, or X-Forwarded-For as far as trusted proxies wrote it.

    With N trusted proxies, the Nth address from the right is the one our first proxy saw;
    anything further left was written by the client and proves nothing.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        if len(chain) >= proxies:
            return chain[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def allow_submission(request) -> bool:
    """Count this submission against the sender's address; False once over the limit."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()
    key = f"columnists:pitch-rate:{digest[:32]}"
    cache.add(key, 0, timeout=settings.PITCH_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.add(key, 1, timeout=settings.PITCH_RATE_WINDOW)
        count = 1
    return count <= settings.PITCH_RATE_LIMIT
