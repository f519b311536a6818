"""What an editor sees of a piece while writing it: its length, and how search results and
social cards will show it, by the rules the article page's own tags follow (articles/seo.py)."""

import html
import math
from urllib.parse import urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags

from .seo import DEFAULT_SOCIAL_IMAGE, absolute_url

WORDS_PER_MINUTE = 230
# How much of a title and a description search results show before cutting them off.
SEARCH_TITLE_LIMIT = 60
SEARCH_DESCRIPTION_LIMIT = 160


def word_count(body_html):
    # A space before each tag, so that words in neighbouring paragraphs stay apart.
    text = html.unescape(strip_tags(body_html.replace("<", " <")))
    return len(text.split())


def reading_minutes(words):
    return math.ceil(words / WORDS_PER_MINUTE) if words else 0


def length_summary(body_html):
    """E.g. "1,234 words, about 6 minutes to read"."""
    words = word_count(body_html or "")
    if not words:
        return "No body text yet."
    minutes = reading_minutes(words)
    return (
        f"{words:,} word{'s' if words != 1 else ''}, about {minutes} "
        f"minute{'s' if minutes != 1 else ''} to read"
    )


def cut(text, limit):
    """`text` as search results show it: cut at a word's end or not, with an ellipsis
    (writing_aids.js cuts the same way as the editor types)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def page_title(article):
    """The page's <title>, which search results show as the link."""
    return f"{article.headline} | {settings.SITE_NAME}"


def address(article):
    """The public address, or the site's when the piece has none yet."""
    if article.pk and article.section_id and article.slug:
        return absolute_url(article.get_absolute_url())
    return absolute_url("/")


def search_preview(article):
    url = urlsplit(address(article))
    return {
        "title": cut(page_title(article), SEARCH_TITLE_LIMIT),
        "full_title": page_title(article),
        "site_name": settings.SITE_NAME,
        "host": url.netloc,
        "path": " › ".join(part for part in url.path.split("/") if part),
        "description": cut(article.description, SEARCH_DESCRIPTION_LIMIT),
    }


def social_preview(article):
    """The card a shared link makes: the 1200×630 picture (seo.social_image), title and
    description; the picture's address as the desk can load it."""
    if article.lead_image_id:
        picture = article.lead_image.rendition("social")["url"]
    else:
        picture = static(DEFAULT_SOCIAL_IMAGE["path"])
    return {
        "image": picture,
        "title": article.headline,
        "description": article.description,
        "host": urlsplit(settings.SITE_URL).netloc.upper(),
    }
