"""Sitemaps for search engines: public articles, sections, authors, the main listings, the
site's own pages, and a Google News sitemap of the last 48 hours."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from .models import Article, Author, Section

ARTICLES_PER_SITEMAP = 5000
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000  # Google News reads at most this many addresses per sitemap


class PublicSitemap(Sitemap):
    """Addresses on SITE_URL's scheme (the host comes from the Site row kept in step)."""

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"


def _latest_public(**lookup):
    """The newest publish time among public pieces matching `lookup`, as a subquery."""
    return Subquery(
        Article.objects.published()
        .filter(**lookup)
        .order_by("-publish_at")
        .values("publish_at")[:1]
    )


def _latest_change(articles):
    """The latest Article.last_modified among `articles`, in one aggregate query."""
    latest = articles.aggregate(
        published=Max("publish_at"), updated=Max("updated_at"), modified=Max("modified_at")
    )
    return max((value for value in latest.values() if value), default=None)


class ArticleSitemap(PublicSitemap):
    limit = ARTICLES_PER_SITEMAP

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "publish_at", "updated_at", "modified_at", "section__slug")
            .newest_first()
        )

    def lastmod(self, article):
        return article.last_modified

    def get_latest_lastmod(self):
        return _latest_change(Article.objects.published())


class SectionSitemap(PublicSitemap):
    def items(self):
        return (
            Section.objects.annotate(latest=_latest_public(section=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("name")
        )

    def lastmod(self, section):
        return section.latest


class AuthorSitemap(PublicSitemap):
    def items(self):
        return (
            Author.objects.annotate(latest=_latest_public(bylines__author=OuterRef("pk")))
            .filter(latest__isnull=False)
            .order_by("name")
        )

    def lastmod(self, author):
        return author.latest


class ListingSitemap(PublicSitemap):
    """The front page and the full news list, which change whenever anything is published."""

    def items(self):
        return ["articles:home", "articles:news"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        if not hasattr(self, "_latest"):
            self._latest = Article.objects.published().aggregate(latest=Max("publish_at"))[
                "latest"
            ]
        return self._latest


class SitePageSitemap(PublicSitemap):
    """The site's own pages (About, Contact, Privacy notice...), written in the admin."""

    changefreq = "monthly"

    def items(self):
        return FlatPage.objects.filter(
            sites=settings.SITE_ID, registration_required=False
        ).order_by("url")


class NewsSitemap(PublicSitemap):
    """Google News: public articles of the last 48 hours, with publication and title."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(publish_at__gte=since)
            .select_related("section")
            .only("title", "slug", "publish_at", "updated_at", "modified_at", "section__slug")
            .newest_first()[:NEWS_LIMIT]
        )

    def lastmod(self, article):
        return article.last_modified

    def get_latest_lastmod(self):
        since = timezone.now() - NEWS_WINDOW
        return _latest_change(Article.objects.published().filter(publish_at__gte=since))


SITEMAPS = {
    "pages": ListingSitemap,
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "authors": AuthorSitemap,
    "news": NewsSitemap,
    "site": SitePageSitemap,
}
