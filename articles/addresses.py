"""reverse(), remembered per process.

A page of teasers or comments asks for dozens of addresses, the same ones on every render,
and reversing a URL pattern costs more than the rest of a teaser. The answer depends only on
the URL configuration and the script prefix, so both are part of what is remembered.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


def address(viewname, *args, **kwargs):
    """reverse(viewname, args=args, kwargs=kwargs), from memory after the first time."""
    return _reversed(viewname, args, tuple(kwargs.items()), get_script_prefix(), get_urlconf())


def addresses_here():
    """address(), bound to this request's URL configuration and script prefix.

    For a list that asks for an address per item: those two are looked up once, not per
    item (each is a context-local look-up).
    """
    prefix, urlconf = get_script_prefix(), get_urlconf()

    def bound_address(viewname, *args):
        return _reversed(viewname, args, (), prefix, urlconf)

    return bound_address


@functools.lru_cache(maxsize=20_000)
def _reversed(viewname, args, kwargs, prefix, urlconf):
    return reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
