"""The site, plus two pages the page-cache tests need and the site does not have."""

from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

NONCE_PAGE = engines["django"].from_string('<script nonce="{{ csp_nonce }}">go()</script>')


class WorkerAborted(BaseException):
    """What cuts a render short through every layer, as gunicorn's worker timeout does."""


def with_nonce(request):
    return HttpResponse(NONCE_PAGE.render({}, request))


def aborted(request):
    raise WorkerAborted


urlpatterns = [
    path("with-nonce/", with_nonce),
    path("aborted/", aborted),
    path("", include("nhe.urls")),
]
