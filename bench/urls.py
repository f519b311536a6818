from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from articles.models import Article

# 30 KB of static HTML: what the framework can serve when a view does no work.
BASELINE_BODY = (
    "<!doctype html><html lang='en'><head><title>Baseline</title></head><body>"
    + "<p>The framework ceiling: a view that does no work at all.</p>" * 480
    + "</body></html>"
)[:30_000].encode()

# The second yardstick: a Django page listing 20 rows with one query and a template.
LISTING = engines["django"].from_string(
    "<!doctype html><html lang='en'><head><title>Listing</title></head><body><ol>"
    "{% for row in rows %}<li><a href='/news/{{ row.section__slug }}/{{ row.slug }}/'>"
    "{{ row.title }}</a> <time>{{ row.publish_at|date:'d/m/Y' }}</time></li>{% endfor %}"
    "</ol></body></html>"
)


def baseline(request):
    return HttpResponse(BASELINE_BODY)


def listing(request):
    rows = (
        Article.objects.published()
        .newest_first()
        .values("title", "slug", "publish_at", "section__slug")[:20]
    )
    return HttpResponse(LISTING.render({"rows": rows}, request))


urlpatterns = [
    path("bench/baseline/", baseline),
    path("bench/listing/", listing),
    path("", include("nhe.urls")),
]
