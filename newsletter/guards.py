"""What the sign-up checks about a request: where it came from, how often, and from which page.

The sign-up form sits on pages cached whole for every reader, so it carries no CSRF cookie
or token; as with comments, the check is the browser's own word (articles.visitors).
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django_ratelimit.core import is_ratelimited

from articles import visitors

CROSS_SITE = (
    "We could not accept this form because it was sent from another website. "
    "Please use the sign-up form on our own pages."
)
SOURCE_MAX_LENGTH = 500


same_site_post = visitors.same_site_post(template="newsletter/message.html", text=CROSS_SITE)


def private_link(view):
    """For pages reached by a signed link: the link never leaves in a Referer to another
    site, and search engines are asked not to keep it. Posts back to our own pages still
    carry their Origin, which same_site_post needs (no-referrer would send "null")."""

    @wraps(view)
    def kept(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    return kept


def over_rate_limit(request, scope, limit, *, email=""):
    """Count one attempt by the visitor's IP address, or by the address when one is given;
    True once this window's limit is passed (NEWSLETTER_RATE_WINDOW)."""
    key = (lambda group, request: email.casefold()) if email else "ip"
    return is_ratelimited(
        request,
        group=f"newsletter:{scope}",
        key=key,
        rate=f"{limit}/{settings.NEWSLETTER_RATE_WINDOW}s",
        increment=True,
    )


def our_path(value):
    """The path if it is one of our pages' (resolves, printable, not too long), else ""."""
    if (
        not isinstance(value, str)
        or not value.startswith("/")
        or value.startswith("//")
        or len(value) > SOURCE_MAX_LENGTH
        or not value.isprintable()
        or not value.isascii()
        or "\\" in value
    ):
        return ""
    try:
        resolve(value)
    except Resolver404:
        return ""
    return value


def source_page(request, posted=""):
    """The page a sign-up came from: the form's hidden field if it names one of our pages,
    else the path of a Referer from our own site, else ""."""
    page = our_path(posted)
    if page:
        return page
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return our_path(urlsplit(referer).path)
    return ""
