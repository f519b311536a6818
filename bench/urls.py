from django.http import HttpResponse
from django.urls import include, path

# 30 KB of static HTML: what the framework can serve when a view does no work.
BASELINE_BODY = (
    "<!doctype html><html lang='en'><head><title>Baseline</title></head><body>"
    + "<p>The framework ceiling: a view that does no work at all.</p>" * 480
    + "</body></html>"
)[:30_000].encode()


def baseline(request):
    return HttpResponse(BASELINE_BODY)


urlpatterns = [path("bench/baseline/", baseline), path("", include("nhe.urls"))]
