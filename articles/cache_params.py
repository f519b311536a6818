"""Which query parameters a public page reads, for the page cache (nhe/pagecache.py)."""


def cache_page_params(*names):
    """Name the query parameters a function view's page depends on; class-based views set a
    `cache_page_params` attribute instead.

    The page cache keys the page by these alone: any other parameter in the URL (a tracking
    tag, a stray ?foo=1) shares the page's cached copy and is not passed on to the view.
    """

    def decorator(view):
        view.cache_page_params = frozenset(names)
        return view

    return decorator
