from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.flatpages import views as flatpages
from django.urls import include, path

from . import views

handler500 = "nhe.views.server_error"

# The site's own pages, written by editors in the admin (flat pages; the articles app's
# migration 0015_site_pages makes them). Named routes rather than the fallback middleware:
# a route is resolved before any view runs, and the page cache keys them as any page.
SITE_PAGES = ["about", "contact", "advertise", "privacy", "terms", "cookies", "accessibility"]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("columnists/", include("columnists.urls")),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
    *(
        path(f"{page}/", flatpages.flatpage, {"url": f"/{page}/"}, name=page)
        for page in SITE_PAGES
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
