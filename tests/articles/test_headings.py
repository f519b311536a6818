"""Every public page has one h1 and headings that never skip a level on the way down, and
the header's menu is a disclosure that works without JavaScript."""

from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
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


class Outline(HTMLParser):
    """The page's heading levels in document order, and what the header's menu holds."""

    def __init__(self):
        super().__init__()
        self.levels = []
        self.open = []
        self.in_menu = 0
        self.menu = {"summary": "", "search": False, "nav": False}
        self._in_summary = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.levels.append(int(tag[1]))
        if tag == "details" and "site-menu" in (attrs.get("class") or ""):
            self.in_menu = 1
        elif tag == "details" and self.in_menu:
            self.in_menu += 1
        if self.in_menu:
            self._in_summary = self._in_summary or tag == "summary"
            if tag == "form" and attrs.get("role") == "search":
                self.menu["search"] = True
            if tag == "nav" and attrs.get("aria-label") == "Sections":
                self.menu["nav"] = True

    def handle_endtag(self, tag):
        if tag == "summary":
            self._in_summary = False
        if tag == "details" and self.in_menu:
            self.in_menu -= 1

    def handle_data(self, data):
        if self._in_summary:
            self.menu["summary"] += data


def outline(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    parser = Outline()
    parser.feed(response.text)
    return parser


def section(slug):
    return Section.objects.get(slug=slug)


@pytest.fixture
def urls():
    picture = ImageFactory()
    columnist = AuthorFactory(is_columnist=True, headshot=picture)
    news = ArticleFactory(
        title="News piece",
        section=section("news"),
        lead_image=picture,
        body="<p>Opening.</p><h2>A subheading</h2><p>More.</p>",
    )
    news.tags.add("Workforce")
    CorrectionFactory(article=news)
    column = ArticleFactory(section=section("columnists"), authors=[columnist])
    interview = ArticleFactory(section=section("last-word"), is_featured=True)
    InterviewQuestionFactory(article=interview)
    video = ArticleFactory(
        section=section("nhe-tv"), video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    blog = ArticleFactory(section=section("the-scalpel"))
    ArticleFactory(section=section("health-service-focus"), lead_image=picture)
    return {
        "front": reverse("articles:home"),
        "news": reverse("articles:news"),
        "section": section("news").get_absolute_url(),
        "news article": news.get_absolute_url(),
        "column": column.get_absolute_url(),
        "interview": interview.get_absolute_url(),
        "video": video.get_absolute_url(),
        "blog": blog.get_absolute_url(),
        "author": columnist.get_absolute_url(),
        "tag": reverse("articles:tag", args=["workforce"]),
        "search": reverse("articles:search") + "?q=piece",
        "search, nothing found": reverse("articles:search") + "?q=zebra",
        "columnists": reverse("columnists:directory"),
        "corrections": reverse("articles:corrections"),
    }


def assert_in_order(levels, name):
    assert levels.count(1) == 1, (name, levels)
    assert levels[0] == 1, (name, levels)
    for before, after in pairwise(levels):
        assert after <= before + 1, (name, levels)


def test_every_page_has_one_h1_and_skips_no_heading_level(client, urls):
    for name, url in urls.items():
        assert_in_order(outline(client, url).levels, name)
    assert_in_order(outline(client, "/no-such-page/", status=404).levels, "404")


def test_the_menu_holds_the_sections_and_the_search_behind_a_disclosure(client, urls):
    for name, url in urls.items():
        menu = outline(client, url).menu
        assert menu == {"summary": "Menu", "search": True, "nav": True}, name


def test_block_headings_are_in_sentence_case_in_the_markup(client, urls):
    ArticleFactory(title="Second featured piece", is_featured=True, featured_order=5)
    ArticleFactory(title="Another interview", section=section("last-word"))
    page = client.get(urls["front"]).text
    for heading in ("Featured articles", "Latest news", "NHE TV", "Last word", "The Scalpel"):
        assert f">{heading}</h2>" in page, heading
    assert "More The Scalpel" not in page
    stylesheet = Path(finders.find("css/site.css")).read_text()
    assert "text-transform: lowercase" not in stylesheet  # the words are written as shown
