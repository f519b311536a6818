"""Whole-page caching for anonymous readers, shared by every app process through the cache.

A page is stored under the current generation of public content (articles/generation.py):
anything that changes what readers see ends the generation once it commits, and every process
then misses the old pages at once, without deleting keys one by one. When a hot page expires,
one request renders it while the others are served the last good copy (a stampede lock),
unless a piece was taken down since that copy was made: then nobody gets it, since it may
show what readers must no longer see (articles.generation.may_serve_stale).

Memory: one entry per host, path and query the pages read, each the page's HTML and headers
(20-90 KB), kept PAGE_CACHE_SECONDS plus STALE_GRACE_SECONDS; the Redis behind it is bounded
by its maxmemory and evicts the least recently used (deploy/redis-cache.conf). Each process
keeps at most LOCAL_PAGES pages besides, about LOCAL_PAGES x 90 KB.

Each process also keeps its hottest pages (LOCAL_PAGES) and holds the generation, told of every
change over Redis pub/sub (GenerationWatch), so that a hit makes no cache call at all. Both
were measured against a bare Django project (gunicorn, wrk): with them a hit costs about 0.6
of a bare request, with one cache call per hit (local pages, no watcher) about 0.4, with two
(neither) about 0.35.

Public pages carry no nonce: they have no inline script or style, so their Content-Security-
Policy, which Django's CSP middleware writes on every answer, cached or not, is the same for
every reader. A page whose body does carry a nonce is never stored.

The key is the host, the path and the query parameters the page reads, which each view names:
a function view with the decorator `@cache_page_params("page")` (articles/cache_params.py), a
class-based view with the attribute `cache_page_params = ("page",)`; an empty list says it
reads none. Every other parameter, such as `?utm_source=newsletter` or a stray `?foo=1`,
shares the page's entry, and the view never sees it: the request is rendered with the named
parameters alone, so that a link the page builds from its own URL ({% querystring %}) is the
same for everyone. A view without the declaration is keyed by its whole query string less the
tracking parameters below (TRACKING_PARAMETERS, and any name starting with TRACKING_PREFIX),
which no page reads.
"""

import contextlib
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django_redis import get_redis_connection
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

from articles import generation as content_generation
from nhe.cache import breaker as cache_breaker
from nhe.middleware import set_etag

GENERATION_CHANNEL = "pagecache:generation-ended"
# How long a process trusts the generation it holds between announcements (GenerationWatch).
TRUST_SECONDS = 1.0
LISTEN_TIMEOUT_SECONDS = 2.0
LOCK_SECONDS = 10
# How long a page outlives its freshness, to be served while one request renders it anew.
STALE_GRACE_SECONDS = 60
LOCAL_PAGES = 200
# Cookies that make a page the reader's own: an editor's session, a message waiting for the
# reader, the comments the reader posted or reported (comments/own.py, shown to them alone).
# A request carrying one is never served from nor stored in the page cache, nor in nginx's
# (deploy/nginx.conf.template names the same cookies), and its answer is marked private.
# The CSRF cookie is not among them: it changes nothing on a page.
PRIVATE_COOKIES = {"sessionid", "messages", "own_comments"}
# Headers a replayed page gets anew rather than from the stored copy: the CSP middleware
# writes the policy as the settings say now, and ConditionalGetMiddleware the length.
REPLAYED_ANEW = {
    "content-length",
    "content-security-policy",
    "content-security-policy-report-only",
}
# Campaign and click identifiers that analytics and mailing tools add to links to us.
TRACKING_PREFIX = "utm_"
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook, Instagram
        "gclid",  # Google Ads
        "gbraid",
        "wbraid",
        "dclid",  # Google Display & Video
        "msclkid",  # Microsoft Ads
        "twclid",  # X (Twitter)
        "li_fat_id",  # LinkedIn
        "igshid",  # Instagram shares
        "mc_cid",  # Mailchimp campaign and member
        "mc_eid",
        "_ga",  # Google Analytics cross-domain linking
        "_gl",
        "ref",  # "where I found this", added by aggregators and newsletters
    }
)


logger = logging.getLogger(__name__)


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def redis_client():
    """The Redis client behind the default cache, for announcements; None for other caches."""
    try:
        return get_redis_connection("default")
    except NotImplementedError:
        return None


def channel(name):
    """A channel of this site's own, as keys are (KEY_PREFIX and VERSION)."""
    return cache.make_key(name)


def announce(**kwargs):
    """Tell every process that the generation has ended (receiver of generation_ended).

    The change is committed; a cache that is away must not turn it into an error. The
    processes that miss the announcement read the generation from the database once the
    cache is back (articles/generation.py).
    """
    breaker = cache_breaker()
    if breaker is not None and breaker.failing:
        return
    try:
        client = redis_client()
        if client is not None:
            client.publish(channel(GENERATION_CHANNEL), "1")
    except (RedisError, ConnectionInterrupted) as error:
        if breaker is not None:
            breaker.failed(error)
        logger.warning("Could not announce a new page-cache generation: %s", error)


class GenerationWatch:
    """The generation in force, held by this process and told of every change over the cache.

    Asking the cache on every hit would cost a round trip, a third of a hit. Instead every
    change is announced on a channel that each process listens to (Redis pub/sub, through
    django-redis), and before trusting what it holds a process reads the announcements that
    have already reached it: a look at its socket, not a round trip. The announcement goes
    out after the change commits and before the request that made it answers, so any later
    request, in any process, finds it waiting. Should one be lost, a process still asks the
    cache every TRUST_SECONDS. Caches without pub/sub (memory, in tests) are asked every time.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.listener = None
        self.pid = None
        self.held = None
        self.checked_at = 0.0

    def current(self):
        breaker = cache_breaker()
        if breaker is not None and breaker.failing:
            # Redis is skipped for now; the generation comes from the database (or the copy
            # once Redis answers again, after which this process listens anew).
            if self.listener is not None:
                self.forget()
            return content_generation.current()
        try:
            client = redis_client()
        except ConnectionInterrupted:
            return content_generation.current()
        if client is None:
            return content_generation.current()
        with self.lock:
            try:
                self._hear_announcements(client)
            except RedisError as error:
                self._stop_listening()
                if breaker is not None:
                    breaker.failed(error)
                return content_generation.current()
            now = time.time()
            held = self.held
            if (
                held is None
                or now - self.checked_at >= TRUST_SECONDS
                or (held["due"] is not None and now >= held["due"])
            ):
                self.held = held = content_generation.current()
                self.checked_at = now
            return held

    def _hear_announcements(self, client):
        if self.listener is None or self.pid != os.getpid():
            self._start_listening(client)
        while (message := self.listener.get_message(timeout=0)) is not None:
            # A change, or a subscription made again after a lost connection, during which
            # changes may have gone unheard: either way, ask the cache, and after a lost
            # connection the database, since the cache may have missed a change too.
            if message["type"] == "message":
                self.held = None
            elif message["type"] == "subscribe":
                self.held = None
                content_generation.distrust_copy()

    def _start_listening(self, client):
        # A process forked from one that listened must not read its parent's socket; a
        # listener has a connection of its own, which stays subscribed while the process runs.
        self.listener = client.pubsub()
        self.pid = os.getpid()
        self.listener.subscribe(channel(GENERATION_CHANNEL))
        # Only once the subscription is in place is what the cache holds worth trusting:
        # a change announced before it would never be heard.
        deadline = time.monotonic() + LISTEN_TIMEOUT_SECONDS
        while (message := self.listener.get_message(timeout=LISTEN_TIMEOUT_SECONDS)) is None or (
            message["type"] != "subscribe"
        ):
            if time.monotonic() > deadline:
                raise RedisError("no confirmation of the page-cache subscription")
        self.held = None
        # Not listening until now, this process may have missed changes, and so may the
        # cache's copy of the generation if it was away.
        content_generation.distrust_copy()

    def _stop_listening(self):
        listener, self.listener, self.held = self.listener, None, None
        if listener is not None:
            with contextlib.suppress(RedisError, OSError):
                listener.close()

    def forget(self):
        """Drop the generation held and the channel: the cache is another one (in tests)."""
        with self.lock:
            self._stop_listening()


# One per process, for the page cache and for what else each process holds until public
# content changes (the navigation, nhe/context_processors.py): one channel to listen to.
watch = GenerationWatch()


def is_personal(request):
    """True when the request carries a cookie that may make its page the reader's own."""
    return not PRIVATE_COOKIES.isdisjoint(request.COOKIES)


def _cacheable_request(request):
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and not is_personal(request)
        and not request.path.startswith(("/admin/", "/healthz"))
    )


def _cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "Cookie" not in response.get("Vary", "")
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        # A page that used its request's CSP nonce must not hand it to the next reader.
        and b'nonce="' not in response.content
    )


def is_tracking(name):
    return name.startswith(TRACKING_PREFIX) or name in TRACKING_PARAMETERS


def params_read_by(path):
    """The query parameters the view at `path` names, or None if it names none."""
    try:
        view = resolve(path).func
    except Resolver404:
        return None
    named = getattr(view, "cache_page_params", None)
    if named is None:
        named = getattr(getattr(view, "view_class", None), "cache_page_params", None)
    return None if named is None else frozenset(named)


def normalise_query(request):
    """The request's query string as the page cache keys it: the parameters the view reads."""
    if not request.META.get("QUERY_STRING"):
        return ""
    named = params_read_by(request.path_info)
    kept = [
        (name, value)
        for name, values in request.GET.lists()
        if (name in named if named is not None else not is_tracking(name))
        for value in values
    ]
    return urlencode(sorted(kept))


def _key(path, query, host):
    digest = hashlib.sha256(f"{path}?{query}".encode()).hexdigest()[:32]
    return f"pagecache:v3:{host}:{digest}"


def _is_fresh(stored, generation):
    return (
        stored is not None
        and stored["generation"] == generation["id"]
        and time.time() < stored["fresh_until"]
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Each process also keeps its hottest pages, checked against the generation it holds
        # (GenerationWatch), so a hit on one of them makes no cache call at all.
        self.local = OrderedDict()
        self.local_lock = threading.Lock()

    def __call__(self, request):
        if is_personal(request):
            response = self.get_response(request)
            # No proxy, CDN or shared cache may keep what was rendered for one reader.
            patch_cache_control(response, private=True, no_store=True)
            return response
        if not _cacheable_request(request):
            return self.get_response(request)
        query = normalise_query(request)
        if query != request.META.get("QUERY_STRING", ""):
            # The view sees what the key says it read, and nothing else.
            request.META["QUERY_STRING"] = query
            request.GET = QueryDict(query)
        key = _key(request.path, query, request.get_host())
        generation = watch.current()
        stored = self.local.get(key)
        if _is_fresh(stored, generation):
            return self._replay(stored)
        stored = cache.get(key)
        if _is_fresh(stored, generation):
            self._keep_locally(key, stored)
            return self._replay(stored)
        # Missing or from an older generation: render it, unless another request already
        # is and there is a last good copy to give this reader meanwhile.
        lock = f"{key}:lock"
        locked = cache.add(lock, 1, LOCK_SECONDS)
        if (
            not locked
            and stored is not None
            and content_generation.may_serve_stale(stored.get("number"), generation)
        ):
            return self._replay(stored)
        try:
            response = self.get_response(request)
        finally:
            if locked:
                cache.delete(lock)
        # A HEAD answer may have lost its body on the way; only a GET is kept for others.
        if request.method == "GET" and _cacheable_response(response):
            self._store(key, response, generation)
        return response

    def _store(self, key, response, generation):
        self._add_public_headers(response, generation)
        set_etag(response)
        timeout = self._timeout(generation)
        stored = {
            "generation": generation["id"],
            "number": generation["number"],
            "fresh_until": time.time() + timeout,
            "status": response.status_code,
            "headers": [
                (header, value)
                for header, value in response.items()
                if header.lower() not in REPLAYED_ANEW
            ],
            "content": response.content,
        }
        cache.set(key, stored, timeout + STALE_GRACE_SECONDS)
        self._keep_locally(key, stored)

    def _keep_locally(self, key, stored):
        with self.local_lock:
            self.local[key] = stored
            self.local.move_to_end(key)
            while len(self.local) > LOCAL_PAGES:
                self.local.popitem(last=False)

    @staticmethod
    def _timeout(generation):
        timeout = seconds()
        if generation["due"] is not None:
            timeout = max(1, min(timeout, int(generation["due"] - time.time())))
        return timeout

    @staticmethod
    def _add_public_headers(response, generation):
        # The stale-* extensions are for browsers and CDNs: nginx ignores them (it serves no
        # expired copy), and a CDN is told to drop a piece once it is taken down
        # (CDN_PURGE_HOOK, articles/takedowns.py).
        patch_cache_control(
            response,
            public=True,
            max_age=min(60, seconds()),
            s_maxage=seconds(),
            stale_while_revalidate=30,
            stale_if_error=86400,
        )
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = formatdate(generation["since"], usegmt=True)
        # nginx's microcache honours this and hides it from clients (deploy/nginx.conf.template).
        response["X-Accel-Expires"] = str(settings.PROXY_MICROCACHE_SECONDS)
        patch_vary_headers(response, ["Accept-Encoding"])

    @staticmethod
    def _replay(stored):
        response = HttpResponse(
            stored["content"], status=stored["status"], headers=stored["headers"]
        )
        response["X-Page-Cache"] = "hit"
        return response


@receiver(setting_changed)
def _forget_generation(*, setting, **kwargs):
    # Another cache holds other generations, announced on another channel.
    if setting == "CACHES":
        watch.forget()
