from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from articles.models import Article

# A Django page listing 20 rows with one query and a template, served through the site's
# settings and middleware: what our stack costs before any page of ours does its work.
LISTING = engines["django"].from_string(
    "<!doctype html><html lang='en'><head><title>Listing</title></head><body><ol>"
    "{% for row in rows %}<li><a href='/news/{{ row.section__slug }}/{{ row.slug }}/'>"
    "{{ row.title }}</a> <time>{{ row.publish_at|date:'d/m/Y' }}</time></li>{% endfor %}"
    "</ol></body></html>"
)


def listing(request):
    rows = (
        Article.objects.published()
        .newest_first()
        .values("title", "slug", "publish_at", "section__slug")[:20]
    )
    return HttpResponse(LISTING.render({"rows": rows}, request))


urlpatterns = [
    path("bench/listing/", listing),
    path("", include("nhe.urls")),
]
