from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.flatpages import views as flatpages
from django.urls import include, path

from . import staff_views, views

handler500 = "nhe.views.server_error"

# The site's own pages, written by editors in the admin (flat pages; the articles app's
# migration 0015_site_pages makes them). Named routes rather than the fallback middleware:
# a route is resolved before any view runs, and the page cache keys them as any page.
SITE_PAGES = ["about", "contact", "advertise", "privacy", "terms", "cookies", "accessibility"]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before the admin's own URLs: a staff member's pages before they can sign in. The
    # admin's sign-in page offers "Forgotten your password?" because admin_password_reset exists.
    path(
        "admin/password_reset/",
        staff_views.PasswordResetView.as_view(),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        staff_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        staff_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        staff_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "admin/invitation/password/",
        staff_views.invitation_password,
        name="staff_invitation_password",
    ),
    path("admin/invitation/<str:token>/", staff_views.invitation, name="staff_invitation"),
    path("admin/two-factor/enrol/", staff_views.enrol, name="staff_enrol"),
    path(
        "admin/two-factor/recovery-codes/",
        staff_views.recovery_codes,
        name="staff_recovery_codes",
    ),
    path("admin/", admin.site.urls),
    path("columnists/", include("columnists.urls")),
    path("comments/", include("comments.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("", include("articles.urls")),
    *(
        path(f"{page}/", flatpages.flatpage, {"url": f"/{page}/"}, name=page)
        for page in SITE_PAGES
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
