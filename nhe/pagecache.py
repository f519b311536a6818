"""Whole-page caching for anonymous readers, shared by every app process through the cache.

A page is stored under the current *generation* of public content. Anything that changes
what readers see (publishing, editing, unpublishing, approving a comment, curating the front
page) sends `articles.signals.public_content_changed`, and the generation moves on after the
transaction commits: every process then misses the old pages at once, without deleting keys
one by one. Scheduled and embargoed pieces need no save to go live, so the generation also
records when the next one is due and moves on by itself at that moment.

When a hot page expires, one request renders it while the others are served the last good
copy (a stampede lock); the page's CSP nonce is swapped for the new request's on the way out,
and a reader served an article from the cache still counts towards "most read".
"""

import functools
import hashlib
import threading
import time
from collections import OrderedDict
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.csp import CSP, build_policy

from articles import popularity

GENERATION_KEY = "pagecache:generation"
LOCK_SECONDS = 10
# How long a page outlives its freshness, to be served while one request renders it anew.
STALE_GRACE_SECONDS = 60
LOCAL_PAGES = 200
PRIVATE_COOKIES = {"sessionid", "messages"}
# Headers a replayed page gets anew rather than from the stored copy.
REPLAYED_ANEW = {"content-length", "content-security-policy", "etag"}


def seconds():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _next_change_at():
    """When the next scheduled or embargoed piece goes public, as a Unix time, or None."""
    from articles.models import Article

    moment = Article.objects.next_public_change()
    return moment.timestamp() if moment else None


def current_generation(stored=None):
    """The generation in force; `stored` is its cache entry if the caller already has it."""
    generation = stored if stored is not None else cache.get(GENERATION_KEY)
    now = time.time()
    if generation is None or (generation["due"] is not None and now >= generation["due"]):
        generation = {"id": f"{now:.6f}", "due": _next_change_at(), "since": now}
        cache.set(GENERATION_KEY, generation, None)
    return generation


def invalidate(**kwargs):
    """Start a new generation once the change is committed, so no process serves old pages."""
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


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
        # Each process also keeps its hottest pages, checked against the shared generation on
        # every request, so a hit costs one small cache call instead of fetching the page.
        self.local = OrderedDict()
        self.local_lock = threading.Lock()

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        generation = current_generation()
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
            set_response_etag(response)
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
                "counts_as_read": getattr(response, "counts_as_read", None),
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
        if stored.get("counts_as_read"):
            popularity.record_view(request, stored["counts_as_read"])
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
