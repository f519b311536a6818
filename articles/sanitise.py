"""The one place where stored rich text (and structured data) becomes markup for readers.

Editors' HTML is cleaned with nh3 when it is saved; the allow-list below is all a story
needs, and no script, event handler, style or dangerous URL scheme survives it.
"""

import json

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


def clean_html(html: str) -> str:
    """Return editor HTML reduced to the allow-list; safe to store and to show."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def stored_html(html: str) -> SafeString:
    """Mark text as safe markup; only for values that went through clean_html on save."""
    return mark_safe(html)  # noqa: S308 - sanitised by clean_html before it was stored


def json_for_script(data) -> SafeString:
    """JSON text that is safe inside a <script> element, as django's json_script makes it.

    For structured data (type="application/ld+json"), which json_script cannot label.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - every character that could end the script is escaped
