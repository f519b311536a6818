"""Who is asking, and how often: shared by every public form (comments, pitches, reports)."""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address; X-Forwarded-For counts only as far as our own proxies wrote it.

    Each trusted proxy appends the address it saw, so with N proxies the real client is the
    Nth entry from the right; anything a client wrote further left proves nothing.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < proxies:
        return remote
    candidate = chain[-proxies]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return candidate


def is_cross_site(request) -> bool:
    """Whether a browser says this request came from another site's page.

    For forms that pages cached whole carry without a CSRF cookie (comments, reports): modern
    browsers send Sec-Fetch-Site and Origin with every POST, and a page of ours posts from our
    own origin. A request with neither header comes from no browser's cross-site form.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    trusted = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    return origin not in trusted


def over_limit(scope: str, identity: str, limit: int, window: int) -> bool:
    """Count one attempt in the shared cache; True once the window's limit is passed.

    While the cache is away nothing can be counted, and the attempt is let through: a
    reader's post is worth more than a spammer's few extra tries, which the moderation
    queue and the honeypot still catch.
    """
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{identity.casefold()}".encode()).hexdigest()
    key = f"rate:{scope}:{digest[:40]}"
    cache.add(key, 0, window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window)
        attempts = 1
    if attempts is None:  # the cache is away (a Redis cache that ignores its errors)
        return False
    return attempts > limit
