"""Whole-page caching for anonymous readers, shared by every app process through the cache.

A page is stored under the current *generation* of public content. Anything that changes
what readers see (publishing, editing, unpublishing, approving a comment, curating the front
page) sends `articles.signals.public_content_changed`, and the generation moves on after the
transaction commits: every process then misses the old pages at once, without deleting keys
one by one. Scheduled and embargoed pieces need no save to go live, so the generation also
records when the next one is due and moves on by itself at that moment.

When a hot page expires, one request renders it while the others are served the last good
copy (a stampede lock); the page's CSP nonce is swapped for the new request's on the way out.
"""

import contextlib
import functools
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
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.csp import CSP, build_policy
from django_redis import get_redis_connection
from redis.exceptions import RedisError

from articles import generation as content_generation
from nhe.middleware import set_etag

GENERATION_CHANNEL = "pagecache:generation-ended"
# How long a process trusts the generation it holds between announcements (GenerationWatch).
TRUST_SECONDS = 1.0
LISTEN_TIMEOUT_SECONDS = 2.0
LOCK_SECONDS = 10
# How long a page outlives its freshness, to be served while one request renders it anew.
STALE_GRACE_SECONDS = 60
LOCAL_PAGES = 200
PRIVATE_COOKIES = {"sessionid", "messages"}
# Headers a replayed page gets anew rather than from the stored copy.
REPLAYED_ANEW = {"content-length", "content-security-policy", "etag"}


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
    """Tell every process that the generation has ended (receiver of generation_ended)."""
    client = redis_client()
    if client is not None:
        try:
            client.publish(channel(GENERATION_CHANNEL), "1")
        except RedisError:
            # The change is committed; a cache that is away must not turn it into an error.
            logger.warning("Could not announce a new page-cache generation", exc_info=True)


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
        client = redis_client()
        if client is None:
            return content_generation.current()
        with self.lock:
            try:
                self._hear_announcements(client)
            except RedisError:
                self._stop_listening()
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
            # changes may have gone unheard: either way, ask the cache.
            if message["type"] in ("message", "subscribe"):
                self.held = None

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


def _cacheable_request(request):
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and not PRIVATE_COOKIES.intersection(request.COOKIES)
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
    )


def _key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"pagecache:v2:{request.get_host()}:{digest}"


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
        self.generations = watch

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        generation = self.generations.current()
        stored = self.local.get(key)
        if _is_fresh(stored, generation):
            return self._replay(request, stored)
        stored = cache.get(key)
        if _is_fresh(stored, generation):
            self._keep_locally(key, stored)
            return self._replay(request, stored)
        # Missing or from an older generation: render it, unless another request already
        # is and there is a last good copy to give this reader meanwhile.
        lock = f"{key}:lock"
        locked = cache.add(lock, 1, LOCK_SECONDS)
        if not locked and stored is not None:
            return self._replay(request, stored)

        response = self.get_response(request)
        # A HEAD answer may have lost its body on the way; only a GET is kept for others.
        if request.method == "GET" and _cacheable_response(response):
            self._add_public_headers(response, generation)
            set_etag(response)
            nonce = getattr(request, "_csp_nonce", None)
            timeout = self._timeout(generation)
            stored = {
                "generation": generation["id"],
                "fresh_until": time.time() + timeout,
                "status": response.status_code,
                "headers": [
                    (header, value)
                    for header, value in response.items()
                    if header.lower() not in REPLAYED_ANEW
                ],
                "etag": response.get("ETag", ""),
                "content": response.content,
                "nonce": str(nonce) if nonce else None,
            }
            cache.set(key, stored, timeout + STALE_GRACE_SECONDS)
            self._keep_locally(key, stored)
        if locked:
            cache.delete(lock)
        return response

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
    def _replay(request, stored):
        content = stored["content"]
        response = HttpResponse(content, status=stored["status"], headers=stored["headers"])
        if stored["nonce"]:
            # The page carries its nonce, so this reader gets a fresh one, and no ETag: the
            # bytes differ on every answer. The CSP middleware writes the policy for it.
            fresh = str(request._csp_nonce)
            response.content = content.replace(
                f'nonce="{stored["nonce"]}"'.encode(), f'nonce="{fresh}"'.encode()
            )
        else:
            response["ETag"] = stored["etag"]
            # No nonce in the page, so the policy is the same on every answer: written once.
            for header, policy in constant_policies():
                response[header] = policy
        response["X-Page-Cache"] = "hit"
        return response


@functools.cache
def constant_policies():
    """The CSP headers of a page that uses no nonce, as the CSP middleware would write them."""
    configured = [
        (CSP.HEADER_ENFORCE, settings.SECURE_CSP),
        (CSP.HEADER_REPORT_ONLY, settings.SECURE_CSP_REPORT_ONLY),
    ]
    return [(str(header), build_policy(config)) for header, config in configured if config]


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs):
    if setting in {"SECURE_CSP", "SECURE_CSP_REPORT_ONLY"}:
        constant_policies.cache_clear()


@receiver(setting_changed)
def _forget_generation(*, setting, **kwargs):
    # Another cache holds other generations, announced on another channel.
    if setting == "CACHES":
        watch.forget()
