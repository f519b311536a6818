from django.conf import settings
from django.utils.functional import SimpleLazyObject

from . import generation


def content_generation(request):
    """What {% cache %} fragments of public content are keyed and kept by.

    The generation is looked up only by a page that renders such a fragment. Most read moves
    with read counts, not with the generation, so it is kept for at most five minutes.
    """
    seconds = settings.FRAGMENT_CACHE_SECONDS
    return {
        "content_generation": SimpleLazyObject(lambda: generation.current()["id"]),
        "fragment_cache_seconds": seconds,
        "most_read_cache_seconds": min(seconds, 300),
    }
