"""The one place where stored rich text (and structured data) becomes markup for readers.

Editors' HTML is cleaned with nh3 when it is saved; the allow-list below is all a story
needs, and no script, event handler, style or dangerous URL scheme survives it.
"""

import json

import nh3
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from . import body_media

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "a", "ul", "ol",
    "li", "blockquote", "figure", "figcaption", "hr", "sub", "sup", "cite", "aside",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "div",
}  # fmt: skip
# A figure with data-image is a picture from the library and a div a video (see
# body_media): nh3 lets the attributes through and body_media checks every value.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "figure": {"data-image", "data-alt", "data-credit"},
    "div": {"data-embed", "data-id", "data-title"},
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
    return body_media.canonical(_clean_markup(html))


def _clean_markup(html: str) -> str:
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


# A Q&A answer is a few paragraphs of speech: emphasis and links, no headings or lists.
ANSWER_TAGS = {"p", "br", "strong", "b", "em", "i", "a"}


def clean_answer_html(html: str) -> str:
    """Return an answer's HTML reduced to paragraphs, bold, italic and links."""
    cleaned = clean_html(html)
    for _ in range(MAX_PASSES):
        again = nh3.clean(
            cleaned,
            tags=ANSWER_TAGS,
            attributes={"a": ALLOWED_ATTRIBUTES["a"]},
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
            strip_comments=True,
        )
        if again == cleaned:
            break
        cleaned = again
    return cleaned
