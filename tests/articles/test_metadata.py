"""Sharing metadata: canonical links, OpenGraph and Twitter tags, schema.org JSON-LD."""

import json
from datetime import datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Section
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionFactory,
    ImageFactory,
    InterviewQuestionFactory,
)

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The <meta>, <link rel=canonical> and JSON-LD scripts of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.canonical, self.scripts = {}, [], []
        self._script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = {"nonce": attrs.get("nonce"), "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def og(self, key):
        return self.meta[key][0]


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode()), response


def structured_data(client, url):
    head, _ = head_of(client, url)
    assert len(head.scripts) == 1
    script = head.scripts[0]
    # Structured data is never run, so it carries no nonce and a cached page stays valid.
    assert script["nonce"] is None
    data = json.loads(script["text"])
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


@pytest.fixture
def story():
    author = AuthorFactory(name="Dr Lena Okafor", role_line="GP partner in Leeds")
    article = ArticleFactory(
        title="ICBs publish winter plans",
        standfirst="Every board has a plan for the coldest months.",
        seo_description="Winter plans from every integrated care board.",
        authors=[author],
        lead_image=ImageFactory(alt_text="Ambulances queue"),
    )
    article.tags.add("Winter", "Urgent care")
    CorrectionFactory(article=article, text="The board meeting was on Tuesday.")
    return article


def test_article_has_canonical_opengraph_and_twitter_tags(client, story):
    head, _ = head_of(client, story.get_absolute_url())
    url = settings.SITE_URL + story.get_absolute_url()
    social = story.lead_image.rendition("social")
    assert head.canonical == [url]
    assert head.og("og:url") == url
    assert head.og("og:type") == "article"
    assert head.og("og:title") == "ICBs publish winter plans"
    assert head.og("og:description") == "Winter plans from every integrated care board."
    assert head.og("og:image") == settings.SITE_URL + social["url"]
    assert (head.og("og:image:width"), head.og("og:image:height")) == ("1200", "630")
    assert head.og("og:image:alt") == "Ambulances queue"
    assert head.og("og:site_name") == settings.SITE_NAME
    assert head.og("twitter:card") == "summary_large_image"
    assert head.og("twitter:image") == head.og("og:image")
    assert head.og("article:section") == "News"
    assert sorted(head.meta["article:tag"]) == ["Urgent care", "Winter"]
    assert head.meta["article:author"] == [
        settings.SITE_URL + story.byline_authors()[0].get_absolute_url()
    ]


def test_news_article_json_ld_holds_the_required_fields(client, story):
    nodes = structured_data(client, story.get_absolute_url())
    article = nodes["NewsArticle"]
    url = settings.SITE_URL + story.get_absolute_url()
    assert article["headline"] == "ICBs publish winter plans"
    assert article["description"] == "Winter plans from every integrated care board."
    assert article["mainEntityOfPage"] == url
    assert article["image"][0] == settings.SITE_URL + story.lead_image.rendition("social")["url"]
    published = datetime.fromisoformat(article["datePublished"])
    assert published == story.publish_at.replace(microsecond=0)
    modified = datetime.fromisoformat(article["dateModified"])
    assert modified == story.last_modified.replace(microsecond=0)
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Dr Lena Okafor",
            "url": settings.SITE_URL + story.byline_authors()[0].get_absolute_url(),
            "jobTitle": "GP partner in Leeds",
        }
    ]
    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == settings.SITE_NAME
    assert publisher["logo"]["url"] == settings.SITE_URL + "/static/img/nhe-logo.png"
    assert article["articleSection"] == "News"
    assert sorted(article["keywords"]) == ["Urgent care", "Winter"]
    assert article["correction"][0]["@type"] == "CorrectionComment"
    assert "The board meeting was on Tuesday." in article["correction"][0]["text"]


def test_article_breadcrumbs_run_home_section_article(client, story):
    crumbs = structured_data(client, story.get_absolute_url())["BreadcrumbList"]
    assert [
        (item["position"], item["name"], item["item"]) for item in crumbs["itemListElement"]
    ] == [
        (1, "Home", settings.SITE_URL + "/"),
        (2, "News", settings.SITE_URL + "/news/news/"),
        (3, "ICBs publish winter plans", settings.SITE_URL + story.get_absolute_url()),
    ]


def test_nhe_tv_video_gets_a_video_object_with_a_thumbnail(client):
    video = ArticleFactory(
        title="Inside a virtual ward",
        section=Section.objects.get(slug="nhe-tv"),
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    nodes = structured_data(client, video.get_absolute_url())
    obj = nodes["VideoObject"]
    assert obj["name"] == "Inside a virtual ward"
    assert obj["thumbnailUrl"] == ["https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"]
    assert obj["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert obj["uploadDate"]
    assert nodes["NewsArticle"]["video"] == {"@id": obj["@id"]}


def test_video_with_a_lead_picture_uses_it_as_thumbnail(client):
    video = ArticleFactory(
        section=Section.objects.get(slug="nhe-tv"),
        video_url="https://vimeo.com/123456",
        lead_image=ImageFactory(),
    )
    obj = structured_data(client, video.get_absolute_url())["VideoObject"]
    assert obj["thumbnailUrl"] == [settings.SITE_URL + video.lead_image.rendition("social")["url"]]


def test_columns_are_opinion_and_qa_pieces_are_interviews(client):
    column = ArticleFactory(section=Section.objects.get(slug="columnists"))
    assert "OpinionNewsArticle" in structured_data(client, column.get_absolute_url())
    interview = ArticleFactory(section=Section.objects.get(slug="last-word"))
    InterviewQuestionFactory(article=interview)
    node = structured_data(client, interview.get_absolute_url())["NewsArticle"]
    assert node["genre"] == "Interview"


def test_json_ld_cannot_break_out_of_its_script(client):
    article = ArticleFactory(
        title="</script><script>alert(1)</script> & <!-- trick",
        standfirst="Line\u2028separator",
    )
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "</script><script>alert(1)" not in page
    assert "<!-- trick" not in page
    nodes = structured_data(client, article.get_absolute_url())
    assert nodes["NewsArticle"]["headline"] == "</script><script>alert(1)</script> & <!-- trick"
    assert nodes["NewsArticle"]["description"] == "Line\u2028separator"


def test_pages_without_a_picture_share_the_site_picture(client):
    article = ArticleFactory(lead_image=None)
    head, _ = head_of(client, article.get_absolute_url())
    assert head.og("og:image") == settings.SITE_URL + "/static/img/nhe-social.png"
    nodes = structured_data(client, article.get_absolute_url())
    assert nodes["NewsArticle"]["image"] == [settings.SITE_URL + "/static/img/nhe-social.png"]


def test_front_page_describes_the_publisher(client):
    ArticleFactory()
    head, _ = head_of(client, "/")
    assert head.canonical == [settings.SITE_URL + "/"]
    assert head.og("og:type") == "website"
    nodes = structured_data(client, "/")
    assert nodes["NewsMediaOrganization"]["logo"]["width"] == 600
    assert nodes["WebSite"]["url"] == settings.SITE_URL + "/"


def test_listing_pages_have_their_own_title_canonical_and_breadcrumbs(client):
    for n in range(25):
        ArticleFactory(title=f"Story {n}")
    head, _ = head_of(client, "/news/news/?page=2&utm_source=x")
    assert head.canonical == [settings.SITE_URL + "/news/news/?page=2"]
    assert head.og("og:title") == "News"
    crumbs = structured_data(client, "/news/news/")["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in crumbs] == ["Home", "News"]
    head, _ = head_of(client, "/news/?page=1")
    assert head.canonical == [settings.SITE_URL + "/news/"]


def test_author_page_shares_as_a_profile(client, story):
    author = story.byline_authors()[0]
    head, _ = head_of(client, author.get_absolute_url())
    assert head.og("og:type") == "profile"
    assert head.og("og:title") == "Dr Lena Okafor"
    assert head.canonical == [settings.SITE_URL + author.get_absolute_url()]


def test_not_found_page_has_no_canonical_and_is_not_indexed(client):
    response = client.get("/no-such-page/")
    head = Head(response.content.decode())
    assert response.status_code == 404
    assert head.canonical == []
    assert head.meta["robots"] == ["noindex"]


def test_unpublished_piece_leaves_no_trace_in_the_front_page_metadata(client, story):
    story.status = story.Status.DRAFT
    story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    home = client.get(reverse("articles:home")).content.decode()
    assert story.title not in home
