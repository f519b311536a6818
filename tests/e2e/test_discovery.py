"""A reader searches, narrows and pages through results; a feed reader finds the feeds."""

import xml.etree.ElementTree as ET

import pytest

from articles.models import Section
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archive(default_sections):
    blog = Section.objects.get(slug="the-scalpel")
    for n in range(22):
        ArticleFactory(title=f"Maternity safety review {n}", section=blog)
    ArticleFactory(
        title="Maternity units recruit midwives",
        standfirst="Trusts add posts after the safety review.",
    )
    return blog


def test_reader_searches_narrows_by_section_and_pages_through(live_server, page, archive):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search articles").fill("maternity")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search/?q=maternity")
    assert page.get_by_role("heading", name="23 results for “maternity”").is_visible()
    assert page.locator(".result__title mark").first.inner_text().lower() == "maternity"

    page.get_by_label("Section:", exact=True).select_option(label="News")
    page.locator("main").get_by_role("button", name="Search").click()
    assert page.get_by_role("heading", name="1 result for “maternity”").is_visible()
    assert page.get_by_role("link", name="Maternity units recruit midwives").is_visible()

    page.get_by_label("Section:", exact=True).select_option(label="The Scalpel")
    page.locator("main").get_by_role("button", name="Search").click()
    assert page.locator(".result").count() == 20
    page.get_by_role("link", name="Older →").click()
    assert page.locator(".result").count() == 2
    assert page.get_by_label("Search for:", exact=True).input_value() == "maternity"
    assert page.get_by_label("Section:", exact=True).input_value() == "the-scalpel"


def test_reader_is_shown_what_to_fix_in_a_bad_date(live_server, page, archive):
    page.goto(live_server.url + "/search/?q=maternity&from_date=2024-05-02&to_date=2024-05-01")
    summary = page.get_by_role("alert")
    assert "There is a problem with your search" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.evaluate("() => document.activeElement.id") == "id_to_date"


def test_feed_reader_finds_the_section_feed_from_the_page_head(live_server, page, archive):
    page.goto(live_server.url + archive.get_absolute_url())
    links = page.locator('head link[rel="alternate"][type="application/rss+xml"]')
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["/feeds/latest/", "/feeds/sections/the-scalpel/"]
    response = page.request.get(live_server.url + hrefs[1])
    assert response.ok
    channel = ET.fromstring(response.body()).find("channel")  # noqa: S314 - our own output
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert len(titles) == 22
    assert all(title.startswith("Maternity safety review") for title in titles)


def test_reader_follows_the_most_read_list_to_an_article(live_server, page, archive):
    from django.utils import timezone

    from articles.models import Article, ReadCount

    popular = Article.objects.get(title="Maternity units recruit midwives")
    ReadCount.objects.create(article=popular, day=timezone.localdate(), count=40)
    page.goto(live_server.url + "/")
    block = page.get_by_role("complementary", name="Most read this week")
    block.get_by_role("link", name=popular.title).click()
    page.wait_for_url(f"**{popular.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == popular.title
