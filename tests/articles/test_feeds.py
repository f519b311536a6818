"""RSS and Atom feeds: valid XML, absolute URLs, dates, bylines, categories, enclosures."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Section
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    DraftFactory,
    ImageFactory,
    ScheduledFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    return channel, channel.findall("item")


def titles(items):
    return [item.findtext("title") for item in items]


@pytest.fixture
def story():
    author = AuthorFactory(name="Dr Lena Okafor")
    article = ArticleFactory(
        title="ICBs publish winter plans & targets",
        standfirst="Every board has a plan.",
        authors=[author, AuthorFactory(name="Tom Reyes")],
        lead_image=ImageFactory(),
    )
    article.tags.add("Winter", "Urgent care")
    return article


def test_latest_feed_lists_public_articles_with_everything_a_reader_needs(client, story):
    DraftFactory(title="Draft piece")
    ScheduledFactory(title="Scheduled piece")
    channel, items = rss_items(client, reverse("articles:feed"))
    assert channel.findtext("link") == settings.SITE_URL + "/news/"
    assert channel.find(f"{ATOM}link").get("href") == settings.SITE_URL + "/feeds/latest/"
    assert channel.findtext("language") == "en-gb"
    assert titles(items) == ["ICBs publish winter plans & targets"]
    item = items[0]
    assert item.findtext("link") == settings.SITE_URL + story.get_absolute_url()
    assert item.findtext("guid") == item.findtext("link")
    assert item.findtext("description") == "Every board has a plan."
    assert item.findtext(f"{DC}creator") == "Dr Lena Okafor, Tom Reyes"
    section, *tags = [category.text for category in item.findall("category")]
    assert (section, sorted(tags)) == ("News", ["Urgent care", "Winter"])
    assert parsedate_to_datetime(item.findtext("pubDate")) == story.publish_at.replace(
        microsecond=0
    )


def test_lead_image_is_an_enclosure_with_its_real_length(client, story):
    _, items = rss_items(client, reverse("articles:feed"))
    enclosure = items[0].find("enclosure")
    lead = story.lead_image.renditions["lead"]
    assert enclosure.get("url") == settings.SITE_URL + default_storage.url(lead["name"])
    assert enclosure.get("length") == str(default_storage.size(lead["name"]))
    assert enclosure.get("type") == "image/jpeg"


def test_articles_without_a_picture_have_no_enclosure(client):
    ArticleFactory(lead_image=None)
    _, items = rss_items(client, reverse("articles:feed"))
    assert items[0].find("enclosure") is None


def test_section_author_and_tag_feeds_narrow_the_list(client, story):
    blog = ArticleFactory(
        title="Blog post", section=Section.objects.get(slug="the-scalpel"), authors=[]
    )
    blog.tags.add("Finance")
    author = story.byline_authors()[0]
    cases = {
        reverse("articles:section-feed", args=["the-scalpel"]): ["Blog post"],
        reverse("articles:section-feed", args=["news"]): [story.title],
        reverse("articles:author-feed", args=[author.slug]): [story.title],
        reverse("articles:tag-feed", args=["finance"]): ["Blog post"],
        reverse("articles:tag-feed", args=["winter"]): [story.title],
    }
    for url, expected in cases.items():
        channel, items = rss_items(client, url)
        assert titles(items) == expected, url
        assert channel.find(f"{ATOM}link").get("href") == settings.SITE_URL + url


def test_feeds_leave_out_drafts_of_the_section_author_and_tag(client, story):
    author = story.byline_authors()[0]
    draft = DraftFactory(title="Draft winter piece", authors=[author])
    draft.tags.add("Winter")
    for url in (
        reverse("articles:section-feed", args=["news"]),
        reverse("articles:author-feed", args=[author.slug]),
        reverse("articles:tag-feed", args=["winter"]),
    ):
        _, items = rss_items(client, url)
        assert "Draft winter piece" not in titles(items), url


@pytest.mark.parametrize("name", ["section-feed", "author-feed", "tag-feed"])
def test_unknown_section_author_or_tag_feed_is_not_found(client, name):
    assert client.get(reverse(f"articles:{name}", args=["no-such-thing"])).status_code == 404


def test_atom_feed_is_valid_atom_with_authors_and_updated_dates(client, story):
    response = client.get(reverse("articles:feed-atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{ATOM}feed"
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == story.title
    assert entry.find(f"{ATOM}link").get("href") == settings.SITE_URL + story.get_absolute_url()
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Dr Lena Okafor, Tom Reyes"
    assert entry.findtext(f"{ATOM}updated")


def test_last_modified_is_the_latest_change_and_answers_304(client, story):
    older = ArticleFactory(publish_at=timezone.now() - timedelta(days=3))
    url = reverse("articles:feed")
    response = client.get(url)
    story.refresh_from_db()
    latest = max(story.last_modified, older.last_modified)
    assert response["Last-Modified"] == http_date(latest.timestamp())
    again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_feed_is_discoverable_from_page_heads(client, story):
    author = story.byline_authors()[0]
    rss = '<link rel="alternate" type="application/rss+xml"'
    home = client.get("/").content.decode()
    assert f'{rss} title="National Health Executive: latest news" href="/feeds/latest/">' in home
    pages = {
        story.section.get_absolute_url(): reverse("articles:section-feed", args=["news"]),
        story.get_absolute_url(): reverse("articles:section-feed", args=["news"]),
        author.get_absolute_url(): reverse("articles:author-feed", args=[author.slug]),
        reverse("articles:tag", args=["winter"]): reverse("articles:tag-feed", args=["winter"]),
    }
    for page_url, feed_url in pages.items():
        head = client.get(page_url).content.decode().split("</head>")[0]
        assert f'href="{feed_url}"' in head, page_url
        assert head.count(rss) == 2, page_url
