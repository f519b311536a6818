import secrets
import sys

from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

RETRY_AFTER_SECONDS = 30


def forget_broken_connections():
    """Drop database connections that failed, so the next request opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()


def cache_answers():
    """Whether the cache keeps what it is given; a Redis cache that is away answers a miss."""
    probe = secrets.token_hex(8)
    cache.set("healthz:probe", probe, 10)
    return cache.get("healthz:probe") == probe


@never_cache
def healthz(request):
    """Each dependency's state, for load balancers and monitoring.

    503 only when pages cannot be served (the database is away); a lost cache is "degraded"
    with 200, since readers still get every page, uncached.
    """
    report = {"status": "ok", "database": "ok", "cache": "ok"}
    if not cache_answers():
        report.update(status="degraded", cache="unavailable")
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        forget_broken_connections()
        report.update(status="error", database="unavailable")
        return JsonResponse(report, status=503)
    return JsonResponse(report)


def server_error(request):
    """The 500 page; the 503 page with Retry-After when the database could not be reached.

    Django calls this from inside its exception handler, so sys.exc_info() is the error
    that ended the request. The transaction it was in has already been rolled back.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        forget_broken_connections()
        response = HttpResponseServerError(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
