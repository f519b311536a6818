import threading

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from nhe import pagecache


def site(request):
    """Site name and navigation for every page; navigation is loaded lazily."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": SimpleLazyObject(navigation.sections),
    }


class Navigation:
    """The sections in the site navigation, held by this process for as long as what
    readers see has not changed.

    Every page shows them, and they change only when a section is saved, which, like any
    public change, starts a new generation of public content (nhe/pagecache.py). Each
    process hears of a new generation without a round trip (pagecache.watch), so a page
    costs no query and no cache call for its navigation, and a process reads the sections
    again at the first page after any public change.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.held = (None, [])

    def sections(self):
        generation = pagecache.watch.current()["id"]
        with self.lock:
            held_for, sections = self.held
            if held_for != generation:
                sections = Section.navigation()
                self.held = (generation, sections)
            return sections


navigation = Navigation()
