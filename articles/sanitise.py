"""The one place where stored rich text (and structured data) becomes markup for readers.

Editors' HTML is cleaned with nh3 when it is saved; the allow-list below is all a story
needs, and no script, event handler, style or dangerous URL scheme survives it.
"""

import html
import json
import re
import string

import nh3
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol",
    "li", "blockquote", "figure", "figcaption", "hr", "sub", "sup", "cite", "aside",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_CLASSES = {"aside": {"pull-quote"}, "blockquote": {"pull-quote"}}
URL_SCHEMES = {"http", "https", "mailto"}
# What json_script escapes, so that no value can close the <script> element or open a
# comment inside it; the line separators are escaped for old JavaScript parsers.
SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


# Mis-nested markup (a link inside a link inside a table) can serialise into HTML that
# parses into a different tree; cleaning again until nothing changes makes the stored text
# exactly what a browser, or the next save, will read.
MAX_PASSES = 5


def clean_html(html: str) -> str:
    """Return editor HTML reduced to the allow-list; safe to store and to show."""
    cleaned = _clean_once(html or "")
    for _ in range(MAX_PASSES):
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean_once(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def stored_html(html: str) -> SafeString:
    """Mark text as safe markup; only for values that went through clean_html on save."""
    # The one reviewed mark_safe: the text was sanitised by clean_html before it was stored.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def json_for_script(data) -> SafeString:
    """JSON text that is safe inside a <script> element, as django's json_script makes it.

    For structured data (type="application/ld+json"), which json_script cannot label.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308  # nosec B308 B703


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
