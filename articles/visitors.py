"""Where a request comes from: the visitor's IP address, and whether a browser says that a
form was sent from another site. Shared by every public form (comments, reports, pitches)
and by the admin sign-in lockout (django-axes)."""

from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from ipware import get_client_ip

# A value to count requests by when no address is known, never one to listen on.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104  # nosec B104


def client_ip(request) -> str:
    """The visitor's IP address as the nearest trusted party saw it.

    With TRUSTED_PROXY_COUNT = 0 that is REMOTE_ADDR. With N proxies of ours, each appending
    the address it saw to X-Forwarded-For, it is the Nth entry from the right; entries a
    client wrote further left are ignored. django-ipware counts only the proxies listed
    after the client in the header (our nearest proxy is REMOTE_ADDR, not an entry), hence
    N - 1, and strict=False lets forged entries stand to the left. When no address can be
    found this way, REMOTE_ADDR again; and when there is none (a proxy on a Unix socket
    without TRUSTED_PROXY_COUNT), UNKNOWN_ADDRESS, so that every such request shares one
    allowance rather than failing.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        ip, _ = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
    else:
        ip, _ = get_client_ip(request, request_header_order=["REMOTE_ADDR"])
    return ip or request.META.get("REMOTE_ADDR") or UNKNOWN_ADDRESS


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


def same_site_post(*, template, text):
    """CSRF protection for forms on pages cached whole for every reader (comments, reports,
    the bulletin's sign-up).

    Those pages carry no per-reader CSRF cookie or token, so the check is the browser's own
    word on where the form came from (is_cross_site). A view that also answers GET shows its
    form then; only what is posted is checked, and a refused post gets `template` with a
    heading and `text`.
    """

    def decorator(view):
        @csrf_exempt
        @wraps(view)
        def checked(request, *args, **kwargs):
            if request.method == "POST" and is_cross_site(request):
                return render(
                    request,
                    template,
                    {"heading": "This form came from elsewhere", "text": text},
                    status=403,
                )
            return view(request, *args, **kwargs)

        return checked

    return decorator
