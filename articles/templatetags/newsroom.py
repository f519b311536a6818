from urllib.parse import urlencode

from django import template
from django.conf import settings

from articles import frontpage, seo
from articles.sanitise import json_for_script

register = template.Library()


@register.filter
def rendition(image, size):
    """One ready-made size of a picture (url, width, height): {{ image|rendition:"teaser" }}."""
    return image.rendition(size)


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address on the public site: the path, plus ?page=N beyond the first."""
    request = context.get("request")
    if request is None:
        return ""
    path = request.path
    page = request.GET.get("page", "")
    if page.isascii() and page.isdigit() and int(page) > 1:
        path = f"{path}?{urlencode({'page': int(page)})}"
    return seo.absolute_url(path)


@register.simple_tag
def absolute_url(path):
    """The full address of a path on the public site (SITE_URL), e.g. for share links."""
    return seo.absolute_url(path)


@register.simple_tag
def site_description():
    return seo.DEFAULT_DESCRIPTION


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, title, description="", image=None, kind="website", article=None):
    """Canonical link, OpenGraph and Twitter card tags for the page."""
    extra = {}
    if article is not None:
        extra = {
            "published": seo.iso(article.publish_at),
            "modified": seo.iso(article.last_modified),
            "author_urls": [
                seo.absolute_url(author.get_absolute_url()) for author in article.byline_authors()
            ],
        }
    return {
        "site_name": settings.SITE_NAME,
        "canonical": canonical_url(context),
        "title": title,
        "description": description or seo.DEFAULT_DESCRIPTION,
        "image": seo.social_image(image),
        "kind": kind,
        "article": article,
        **extra,
    }


@register.filter
def json_ld(data):
    """Structured data as JSON escaped for a <script type="application/ld+json"> element."""
    return json_for_script(data)


@register.simple_tag
def blocks_under(article):
    """The site's blocks under an article page, never listing the article itself:
    `{% blocks_under article as under %}`, then `under.blocks` and `under.left_out` (for the
    fragment cache's key)."""
    return frontpage.blocks_under(article)
