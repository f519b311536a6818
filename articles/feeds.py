"""RSS 2.0 and Atom feeds of public articles: the latest, and per section, author and tag."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from taggit.models import Tag

from .models import Article, Author, Byline, Section
from .seo import absolute_url

FEED_LENGTH = 30
ENCLOSURE_RENDITION = "lead"


class ArticleFeed(Feed):
    """The latest public articles; subclasses narrow them to one section, author or tag."""

    feed_type = Rss201rev2Feed
    url_name = "articles:feed"

    def get_object(self, request, **kwargs):
        return None

    def title(self, obj):
        return f"{settings.SITE_NAME}: latest news"

    def description(self, obj):
        return "The latest news, analysis and interviews for leaders across the health service."

    def subtitle(self, obj):
        return self.description(obj)

    def link(self, obj):
        return absolute_url(reverse("articles:news"))

    def feed_url(self, obj):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return absolute_url(reverse(self.url_name, kwargs=kwargs))

    def filter_articles(self, articles, obj):
        return articles

    def items(self, obj):
        articles = self.filter_articles(Article.objects.published(), obj)
        return (
            articles.select_related("section", "lead_image")
            .defer("body", "seo_title", "seo_description")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author")), "tags"
            )
            .newest_first()[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.last_modified

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.byline_authors()) or None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        image = item.lead_image
        if not image:
            return []
        rendition = image.rendition(ENCLOSURE_RENDITION)
        mime_type = mimetypes.guess_type(rendition["url"])[0] or "image/jpeg"
        return [
            Enclosure(
                absolute_url(rendition["url"]),
                str(image.rendition_bytes(ENCLOSURE_RENDITION)),
                mime_type,
            )
        ]


class SectionFeed(ArticleFeed):
    url_name = "articles:section-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj):
        return obj.description or f"The latest from {obj.name}."

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def filter_articles(self, articles, obj):
        return articles.filter(section=obj)


class AuthorFeed(ArticleFeed):
    url_name = "articles:author-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj):
        return f"The latest pieces by {obj.name}."

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def filter_articles(self, articles, obj):
        return articles.filter(bylines__author=obj)


class TagFeed(ArticleFeed):
    url_name = "articles:tag-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME}: {obj.name}"

    def description(self, obj):
        return f"The latest pieces on {obj.name}."

    def link(self, obj):
        return absolute_url(reverse("articles:tag", kwargs={"slug": obj.slug}))

    def filter_articles(self, articles, obj):
        return articles.filter(tags=obj)


def atom(feed_class):
    """The same feed in Atom 1.0, at its own address."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": Atom1Feed, "url_name": f"{feed_class.url_name}-atom"},
    )
