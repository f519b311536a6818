import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

RETRY_AFTER_SECONDS = 30


def forget_broken_connections():
    """Drop database connections that failed, so the next request opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()


@never_cache
def healthz(request):
    """200 when the app and its database answer; 503 otherwise, for load balancers."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        forget_broken_connections()
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
