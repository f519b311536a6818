"""What search engines and social networks read about our pages: absolute addresses,
sharing pictures and schema.org structured data."""

import functools
import re
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from .models import Section

DEFAULT_DESCRIPTION = (
    "News, analysis and interviews for leaders across the NHS and the wider health service."
)
DEFAULT_SOCIAL_IMAGE = {"path": "img/nhe-social.png", "width": 1200, "height": 630}
LOGO = {"path": "img/nhe-logo.png", "width": 600, "height": 60}
HEADLINE_LIMIT = 110  # what news rich results show of a headline


# What urljoin() would rework in an absolute path: a host (//), dot segments, and an empty
# query or fragment (dropped).
PLAIN_PATH_SPOILERS = re.compile(r"^//|/\.|[?#]")


def absolute_url(path_or_url):
    """The address of a path on the public site (SITE_URL); full URLs pass unchanged."""
    if path_or_url.startswith("/") and not PLAIN_PATH_SPOILERS.search(path_or_url):
        # What urljoin() gives for a plain absolute path, without parsing both again.
        return site_origin() + path_or_url
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path_or_url)


@functools.cache
def site_origin():
    """SITE_URL's scheme and host, which an absolute path is joined to."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.scheme}://{parts.netloc}"


def iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def social_image(image=None):
    """The 1200×630 sharing picture of an image, or the site's own when there is none."""
    if image:
        rendition = image.rendition("social")
        return {
            "url": absolute_url(rendition["url"]),
            "width": rendition["width"],
            "height": rendition["height"],
            "alt": image.alt_text,
        }
    return {
        "url": absolute_url(static(DEFAULT_SOCIAL_IMAGE["path"])),
        "width": DEFAULT_SOCIAL_IMAGE["width"],
        "height": DEFAULT_SOCIAL_IMAGE["height"],
        "alt": settings.SITE_NAME,
    }


# The same on every page of a running site: worked out once per process (the structured data
# of every page repeats them), again if the settings they come from change.
SETTINGS_READ = {"SITE_URL", "SITE_NAME", "STATIC_URL", "STORAGES", "ROOT_URLCONF"}


@functools.cache
def home_url():
    return absolute_url(reverse("articles:home"))


@functools.cache
def publisher():
    return {
        "@type": "NewsMediaOrganization",
        "@id": home_url() + "#publisher",
        "name": settings.SITE_NAME,
        "url": home_url(),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static(LOGO["path"])),
            "width": LOGO["width"],
            "height": LOGO["height"],
        },
    }


def graph(*nodes):
    return {"@context": "https://schema.org", "@graph": list(nodes)}


def breadcrumbs(*trail):
    """A BreadcrumbList from (name, absolute URL) pairs, the home page first."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate([("Home", home_url()), *trail], start=1)
        ],
    }


@functools.cache
def home_structured_data():
    return graph(
        publisher(),
        {
            "@type": "WebSite",
            "@id": home_url() + "#website",
            "name": settings.SITE_NAME,
            "url": home_url(),
            "inLanguage": "en-GB",
            "publisher": {"@id": home_url() + "#publisher"},
        },
    )


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting in SETTINGS_READ:
        for remembered in (site_origin, home_url, publisher, home_structured_data):
            remembered.cache_clear()


def section_structured_data(section):
    return graph(breadcrumbs((section.name, absolute_url(section.get_absolute_url()))))


def article_type(article):
    """Columns are opinion; everything else we publish is news reporting."""
    if article.section.kind == Section.Kind.COLUMNS:
        return "OpinionNewsArticle"
    if article.section.kind == Section.Kind.BLOG:
        return "BlogPosting"
    return "NewsArticle"


def video_thumbnail(article, image):
    """The lead picture; failing that, the thumbnail YouTube publishes for the video."""
    youtube = "https://www.youtube-nocookie.com/embed/"
    if not article.lead_image and article.video_embed.startswith(youtube):
        return f"https://i.ytimg.com/vi/{article.video_embed.removeprefix(youtube)}/hqdefault.jpg"
    return image["url"]


def article_structured_data(article):
    """NewsArticle (or its fitting kind), its breadcrumbs and, for videos, a VideoObject.

    Reads only what the article page has already loaded (section, lead image, bylines,
    tags, corrections, Q&A turns), so it costs no queries.
    """
    url = absolute_url(article.get_absolute_url())
    image = social_image(article.lead_image)
    images = [image["url"]]
    if article.lead_image:
        images.append(absolute_url(article.lead_image.rendition("lead")["url"]))
    node = {
        "@type": article_type(article),
        "@id": url + "#article",
        "headline": article.headline[:HEADLINE_LIMIT],
        "description": article.description,
        "url": url,
        "mainEntityOfPage": url,
        "image": images,
        "datePublished": iso(article.publish_at),
        "dateModified": iso(article.last_modified),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(author.get_absolute_url()),
                **({"jobTitle": author.role_line} if author.role_line else {}),
            }
            for author in article.byline_authors()
        ],
        "publisher": publisher(),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.topics],
        "inLanguage": "en-GB",
        "isAccessibleForFree": True,
    }
    if article.section.kind == Section.Kind.INTERVIEWS or article.interview_turns:
        node["genre"] = "Interview"
    if article.interviewee_name:
        node["about"] = {
            "@type": "Person",
            "name": article.interviewee_name,
            **({"jobTitle": article.interviewee_role} if article.interviewee_role else {}),
        }
    corrections = article.corrections_shown
    if corrections:
        node["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": f"{correction.get_kind_display()}: {correction.text}",
                "datePublished": correction.published_on.isoformat(),
            }
            for correction in corrections
        ]
    nodes = [node]
    if article.video_embed:
        node["video"] = {"@id": url + "#video"}
        nodes.append(
            {
                "@type": "VideoObject",
                "@id": url + "#video",
                "name": article.title,
                "description": article.description,
                "thumbnailUrl": [video_thumbnail(article, image)],
                "uploadDate": iso(article.publish_at),
                "embedUrl": article.video_embed,
                "url": url,
                "publisher": {"@id": home_url() + "#publisher"},
            }
        )
    nodes.append(
        breadcrumbs(
            (article.section.name, absolute_url(article.section.get_absolute_url())),
            (article.title, url),
        )
    )
    return graph(*nodes)
