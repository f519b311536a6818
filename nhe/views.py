import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from nhe import health

RETRY_AFTER_SECONDS = 30


@never_cache
def healthz(request):
    """Each dependency's state, for load balancers and monitoring (nhe/health.py).

    503 only when pages cannot be served (the database is away); a lost cache, storage or
    task queue is "degraded" with 200, since readers still get every page.
    """
    report, serving = health.report()
    return JsonResponse(report, status=200 if serving else 503)


def server_error(request):
    """The 500 page; the 503 page with Retry-After when the database could not be reached.

    Django calls this from inside its exception handler, so sys.exc_info() is the error
    that ended the request. The transaction it was in has already been rolled back.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        health.forget_broken_connections()
        response = HttpResponseServerError(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
