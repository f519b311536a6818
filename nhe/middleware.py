"""Response headers that Django's own middleware does not set."""

from django.conf import settings
from django.utils.csp import build_policy


class PermissionsPolicyMiddleware:
    """Switch off browser features no page of ours uses (camera, location, payment...)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def static_file_headers(headers, path, url):
    """Headers for files WhiteNoise serves, which skip the middleware below it.

    A stylesheet or an SVG icon gets the site's policy without a nonce (files have no
    inline scripts to allow), and may not be framed.
    """
    headers["Content-Security-Policy"] = build_policy(settings.SECURE_CSP)
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
