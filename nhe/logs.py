"""Request ids on every log line, and the slow-request and slow-query logs.

Each request gets an id: the one our nginx put in X-Request-ID (when TRUSTED_PROXY_COUNT
says a proxy of ours is in front), or a new one. It goes back in the response's X-Request-ID
header and, through RequestIdFilter on the log handler, onto every log line written while
the request runs, whichever logger wrote it. LOGGING in nhe/settings.py wires them up.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished
from django.db import connection
from django.dispatch import receiver

NO_REQUEST = "-"

request_id = ContextVar("request_id", default=NO_REQUEST)

# nginx's $request_id is 32 hex digits; other proxies use UUIDs. Anything else is replaced,
# so that a header cannot write arbitrary text into the logs.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

slow_requests = logging.getLogger("nhe.slow_requests")
slow_queries = logging.getLogger("nhe.slow_queries")


class RequestIdFilter(logging.Filter):
    """Give each record the id of the request it was written during ("-" outside one)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


def incoming_request_id(request):
    """The proxy's id when a proxy of ours sets it, else a fresh one."""
    given = request.headers.get("X-Request-ID", "")
    if settings.TRUSTED_PROXY_COUNT > 0 and WELL_FORMED_ID.fullmatch(given):
        return given
    return uuid.uuid4().hex


def elapsed_ms(started):
    return round((time.perf_counter() - started) * 1000, 1)


class RequestLogMiddleware:
    """Set the request id, and log requests and queries slower than their thresholds.

    First in MIDDLEWARE, so that everything below it logs with the id and counts in the time.
    The path is logged without its query string, which may carry a reader's search words.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        current = incoming_request_id(request)
        # Kept until the response is closed: Django logs 4xx answers after the middleware.
        request_id.set(current)
        started = time.perf_counter()
        if settings.SLOW_QUERY_MS >= 0:
            with connection.execute_wrapper(log_slow_query):
                response = self.get_response(request)
        else:
            response = self.get_response(request)
        response.headers["X-Request-ID"] = current
        ms = elapsed_ms(started)
        if 0 <= settings.SLOW_REQUEST_MS <= ms:
            slow_requests.warning(
                "Slow request: %s %s answered %s in %s ms",
                request.method,
                request.path,
                response.status_code,
                ms,
                extra={
                    "request_id": current,
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": ms,
                },
            )
        return response


@receiver(request_finished)
def forget_request_id(**kwargs):
    request_id.set(NO_REQUEST)


def log_slow_query(execute, sql, params, many, context):
    """A database execute wrapper: log the SQL, never its parameters, when it is slow."""
    started = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        ms = elapsed_ms(started)
        if ms >= settings.SLOW_QUERY_MS:
            slow_queries.warning(
                "Slow query (%s ms): %s",
                ms,
                sql[:2000],
                extra={"duration_ms": ms},
            )
