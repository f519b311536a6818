from django.http import HttpResponse
from django.urls import path

# 30 KB of static HTML: what the framework serves when a view does no work.
PAGE = (
    "<!doctype html><html lang='en'><head><title>Bare Django</title></head><body>"
    + "<p>The yardstick: a bare Django project whose one view does no work.</p>" * 480
    + "</body></html>"
)[:30_000].encode()


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]
