"""TEMPORARY: removed before this branch lands (comments moves its HTML into templates)."""

import functools
import html
import re
import string

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString


def markup(template: str, *args, **kwargs) -> SafeString:
    """format_html() for markup a page repeats many times (teasers, comments, pictures).

    Every value is escaped as format_html escapes it (html.escape, as django.utils.html's
    escape does), unless it is already markup (has __html__). format_html spends most of its
    time in the checks for lazy strings that wrap each escape; values here are looked at once.
    """
    escaped_args = [_escaped(value) for value in args]
    escaped_kwargs = {name: _escaped(value) for name, value in kwargs.items()}
    # Safe: the template is our own constant and every value in it was escaped just above.
    # SafeString rather than mark_safe(), whose check for lazy strings cost as much again.
    return SafeString(template.format(*escaped_args, **escaped_kwargs))  # nosec B308 B703


class MarkupTemplate:
    """A markup() template read once, for markup a page repeats many times (fifty comments).

    markup() has str.format() read the whole template again on every call. This splits it
    once into its text and its named fields, so that render() only escapes the values, as
    markup() escapes them, and joins the pieces. filled() gives the fields every render on a
    page shares once, ahead of the rest. Fields are plain names: no format specs, no
    conversions, no positions.
    """

    def __init__(self, template: str):
        pieces, fields = [], []
        for text, name, spec, conversion in string.Formatter().parse(template):
            if text:
                pieces.append(text)
            if name is None:
                continue
            if not name.isidentifier() or spec or conversion:
                raise ValueError(f"MarkupTemplate fields are plain names, not {{{name}}}")
            fields.append((len(pieces), name))
            pieces.append("")
        self._pieces = pieces
        self._fields = fields

    def render(self, **values) -> SafeString:
        pieces = self._pieces.copy()
        escaped = {name: _escaped(value) for name, value in values.items()}
        for position, name in self._fields:
            pieces[position] = escaped[name]
        # Safe: the text is our own constant and every value in it was escaped just above.
        return SafeString("".join(pieces))  # nosec B308 B703

    def filled(self, **values) -> "MarkupTemplate":
        """The same template with these fields in place, escaped; the others stay fields."""
        template = object.__new__(MarkupTemplate)
        template._pieces = self._pieces.copy()
        template._fields = []
        for position, name in self._fields:
            if name in values:
                template._pieces[position] = _escaped(values[name])
            else:
                template._fields.append((position, name))
        return template


def markup_join(separator: str, pieces) -> SafeString:
    """The pieces, each escaped as markup() escapes values, joined by `separator`.

    format_html_join() for long lists; the separator is a constant of our own markup.
    """
    # Safe: the separator is our own constant and every piece was escaped as it was joined.
    return SafeString(separator.join(map(_escaped, pieces)))  # nosec B308 B703


# What html.escape() changes; most values (numbers, dates, addresses, most names) hold none of
# it, and one search costs less than escape()'s five replacements.
NEEDS_ESCAPING = re.compile(r"[&<>\"']")


def _escaped(value):
    if value.__class__ is not str:  # str subclasses may be markup (SafeString)
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)
    return html.escape(value) if NEEDS_ESCAPING.search(value) else value


def day_month_year_time(moment):
    return f"{moment.day:02}/{moment.month:02}/{moment.year} {moment.hour:02}:{moment.minute:02}"


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


def address(viewname, *args, **kwargs):
    return _reversed(viewname, args, tuple(kwargs.items()), get_script_prefix(), get_urlconf())
