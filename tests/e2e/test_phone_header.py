"""On a phone the header is small: the name and a menu that opens onto the sections and the
search, with or without JavaScript; on a wide screen both show in place."""

import pytest

from articles.models import Section
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
HEADER_HEIGHT = "document.querySelector('.site-header').getBoundingClientRect().height"
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def pages(default_sections):
    picture = ImageFactory(alt_text="A ward corridor")
    columnist = AuthorFactory(is_columnist=True, headshot=picture)
    column = ArticleFactory(
        title="A column with an uncommonly long headline about integrated care boards",
        section=Section.objects.get(slug="columnists"),
        authors=[columnist],
        lead_image=picture,
    )
    ArticleFactory(title="The top story", is_featured=True, lead_image=picture)
    for slug in ("news", "nhe-tv", "last-word", "health-service-focus", "the-scalpel"):
        ArticleFactory(section=Section.objects.get(slug=slug), lead_image=picture)
    return [
        "/",
        column.get_absolute_url(),
        "/news/",
        "/news/the-scalpel/",
        columnist.get_absolute_url(),
        "/columnists/",
        "/search/?q=story",
        "/no-such-page/",
    ]


@pytest.mark.parametrize("javascript", [True, False])
def test_the_phone_menu_opens_onto_the_sections_and_the_search(
    live_server, browser, pages, javascript
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert page.evaluate(HEADER_HEIGHT) <= 120
        assert page.get_by_text("National Health Executive").first.is_visible()
        sections = page.get_by_role("navigation", name="Sections")
        search = page.get_by_role("searchbox", name="Search articles")
        assert not sections.is_visible() and not search.is_visible()
        page.get_by_text("Menu", exact=True).click()
        assert sections.get_by_role("link", name="The Scalpel").is_visible()
        search.fill("story")
        search.press("Enter")
        page.wait_for_url("**/search/?q=story")
        assert page.get_by_role("heading", level=1).inner_text() == "Search"
    finally:
        context.close()


def test_no_page_scrolls_sideways_on_a_phone_and_the_header_stays_small(live_server, page, pages):
    page.set_viewport_size(PHONE)
    for path in pages:
        page.goto(live_server.url + path)
        assert page.evaluate(SIDEWAYS) <= 0, path
        assert page.evaluate(HEADER_HEIGHT) <= 120, path
        page.get_by_text("Menu", exact=True).click()
        assert page.evaluate(SIDEWAYS) <= 0, path


def test_on_a_wide_screen_the_sections_and_search_show_without_opening_the_menu(
    live_server, page, pages
):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/")
    assert not page.get_by_text("Menu", exact=True).is_visible()
    assert page.get_by_role("searchbox", name="Search articles").is_visible()
    nav = page.get_by_role("navigation", name="Sections")
    assert nav.get_by_role("link", name="Health service focus").is_visible()
