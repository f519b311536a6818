from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section


def site(request):
    """Site name and navigation for every page; navigation is cached and loaded lazily."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(Section.navigation),
    }
