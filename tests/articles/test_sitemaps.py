"""Sitemaps, the Google News sitemap and robots.txt, checked against their formats' rules."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone

from articles import sitemaps
from articles.models import Section
from tests.factories import ArticleFactory, AuthorFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
# W3C Datetime, as the sitemap protocol requires for <lastmod>.
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$")


def xml(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)  # noqa: S314 - our own output


def locations(root, kind="url"):
    return [element.findtext(f"{SM}loc") for element in root.findall(f"{SM}{kind}")]


def assert_absolute(urls):
    for url in urls:
        assert url.startswith(settings.SITE_URL + "/"), url


def test_site_row_follows_site_url():
    assert Site.objects.get_current().domain == urlsplit(settings.SITE_URL).netloc


def test_index_lists_every_sitemap_with_absolute_urls_and_lastmod(client):
    ArticleFactory()
    root = xml(client, reverse("articles:sitemap-index"))
    assert root.tag == f"{SM}sitemapindex"
    urls = locations(root, "sitemap")
    assert_absolute(urls)
    assert [urlsplit(url).path for url in urls] == [
        "/sitemap-pages.xml",
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/sitemap-authors.xml",
        "/sitemap-news.xml",
        "/sitemap-site.xml",
    ]
    # The site's own pages (flat pages) keep no time of change, so they give no lastmod.
    for element in root.findall(f"{SM}sitemap")[:-1]:
        assert W3C_DATETIME.match(element.findtext(f"{SM}lastmod"))


def test_article_sitemap_lists_public_articles_only_with_lastmod(client):
    public = ArticleFactory(title="Public")
    DraftFactory()
    ScheduledFactory()
    root = xml(client, reverse("articles:sitemap", args=["articles"]))
    assert root.tag == f"{SM}urlset"
    assert locations(root) == [settings.SITE_URL + public.get_absolute_url()]
    lastmod = root.find(f"{SM}url").findtext(f"{SM}lastmod")
    assert W3C_DATETIME.match(lastmod)
    assert datetime.fromisoformat(lastmod) == public.last_modified


def test_article_sitemap_is_paginated_for_large_archives(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory()
    index = locations(xml(client, reverse("articles:sitemap-index")), "sitemap")
    article_maps = [url for url in index if "sitemap-articles" in url]
    assert [urlsplit(url).query for url in article_maps] == ["", "p=2", "p=3"]
    url = reverse("articles:sitemap", args=["articles"])
    pages = [locations(xml(client, url, p=page)) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert len({loc for page in pages for loc in page}) == 5
    assert client.get(url, {"p": 4}).status_code == 404
    assert client.get(url, {"p": "x"}).status_code == 404


def test_section_and_author_sitemaps_list_only_those_with_public_pieces(client):
    author = AuthorFactory()
    ArticleFactory(authors=[author])
    DraftFactory(
        authors=[AuthorFactory(name="Draft only")], section=Section.objects.get(slug="the-scalpel")
    )
    sections = locations(xml(client, reverse("articles:sitemap", args=["sections"])))
    assert sections == [settings.SITE_URL + "/news/news/"]
    authors = locations(xml(client, reverse("articles:sitemap", args=["authors"])))
    assert authors == [settings.SITE_URL + author.get_absolute_url()]


def test_pages_sitemap_has_the_front_page_and_news_list(client):
    ArticleFactory()
    urls = locations(xml(client, reverse("articles:sitemap", args=["pages"])))
    assert urls == [settings.SITE_URL + "/", settings.SITE_URL + "/news/"]


def test_unknown_sitemap_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_news_sitemap_has_the_last_48_hours_with_publication_details(client):
    now = timezone.now()
    fresh = ArticleFactory(title="Fresh & new", publish_at=now - timedelta(hours=47))
    ArticleFactory(title="Stale", publish_at=now - timedelta(hours=49))
    DraftFactory(publish_at=now - timedelta(hours=1))
    ScheduledFactory()
    root = xml(client, reverse("articles:sitemap", args=["news"]))
    assert locations(root) == [settings.SITE_URL + fresh.get_absolute_url()]
    news = root.find(f"{SM}url").find(f"{NEWS}news")
    publication = news.find(f"{NEWS}publication")
    assert publication.findtext(f"{NEWS}name") == settings.SITE_NAME
    assert publication.findtext(f"{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Fresh & new"
    published = news.findtext(f"{NEWS}publication_date")
    assert W3C_DATETIME.match(published)
    assert datetime.fromisoformat(published) == fresh.publish_at


def test_sitemaps_answer_conditional_requests(client):
    ArticleFactory()
    url = reverse("articles:sitemap", args=["articles"])
    response = client.get(url)
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in ("/admin/", "/search/", "/preview/"):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in lines
    assert f"Sitemap: {settings.SITE_URL}/sitemap-news.xml" in lines
