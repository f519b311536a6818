from axes.backends import AxesStandaloneBackend
from django.conf import settings


def client_ip(request):
    """The address that failed logins are counted against.

    REMOTE_ADDR, unless TRUSTED_PROXY_COUNT proxies of ours sit in front: each appends the
    address it saw to X-Forwarded-For, so the client is that many entries from the right.
    Anything further left was written by the client and is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with a request.

    A login without one (the shell, the test client's login()) has no client address to
    count against, so it is left to the backends that follow.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
