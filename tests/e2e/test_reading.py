"""A reader opens the front page, follows a teaser, reads the article, on a phone too."""

import pytest

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(default_sections):
    author = AuthorFactory(name="Dr Lena Okafor", role_line="GP partner in Leeds")
    ArticleFactory(title="Another story", is_featured=True)
    return ArticleFactory(
        title="Integrated care boards set out winter plans",
        standfirst="Boards publish their plans for the coldest months.",
        body="<p>Every integrated care board has now published its winter plan.</p>",
        authors=[author],
        lead_image=ImageFactory(alt_text="Ambulances outside an emergency department"),
    )


def test_reader_follows_a_teaser_to_the_article(live_server, page, story):
    page.goto(live_server.url + "/")
    assert "National Health Executive" in page.title()
    page.get_by_role("link", name=story.title).first.click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == story.title
    assert page.get_by_text("Every integrated care board has now published").is_visible()
    assert page.get_by_text("GP partner in Leeds").is_visible()
    image = page.get_by_alt_text("Ambulances outside an emergency department")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")


@pytest.mark.parametrize("path", ["/", "article", "/news/", "/columnists/"])
def test_nothing_scrolls_sideways_at_360_pixels(live_server, page, story, path):
    page.set_viewport_size({"width": 360, "height": 740})
    url = story.get_absolute_url() if path == "article" else path
    page.goto(live_server.url + url)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_skip_link_moves_focus_to_the_main_content(live_server, page, story):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"
