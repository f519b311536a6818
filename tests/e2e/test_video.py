"""A reader presses play on a video poster and gets the player; nothing loads before."""

from urllib.parse import urlsplit

import pytest

from articles.models import Section
from tests.factories import ArticleFactory, ImageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def video(default_sections):
    return ArticleFactory(
        title="Six theatres, one list",
        section=Section.objects.get(slug="nhe-tv"),
        video_url="https://vimeo.com/123456",
        lead_image=ImageFactory(alt_text="Illustration of an operating theatre"),
    )


@pytest.fixture
def offline(page, live_server):
    """Requests to any host but ours are refused and noted: the test never leaves home."""
    ours = urlsplit(live_server.url).netloc
    elsewhere = []

    def only_ours(route):
        if urlsplit(route.request.url).netloc == ours:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    return elsewhere


def test_pressing_play_swaps_the_poster_for_the_player(live_server, page, video, offline):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + video.get_absolute_url())
    assert page.locator("iframe").count() == 0
    assert offline == []

    poster = page.get_by_role("link", name="Play video: Six theatres, one list")
    assert poster.get_attribute("href") == "https://vimeo.com/123456"
    poster.click()

    player = page.locator(".article__video iframe")
    player.wait_for(state="attached")
    assert player.get_attribute("src") == "https://player.vimeo.com/video/123456?dnt=1&autoplay=1"
    assert player.get_attribute("title") == "Video: Six theatres, one list"
    assert page.get_by_role("link", name="Play video: Six theatres, one list").count() == 0
    assert page.url == live_server.url + video.get_absolute_url()
    assert not [e for e in errors if "Content Security Policy" in e]


def test_without_javascript_the_poster_goes_to_the_video_page(live_server, browser, video):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    ours = urlsplit(live_server.url).netloc
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).netloc == ours
            else route.fulfill(body="The video's own page")
        ),
    )
    page.goto(live_server.url + video.get_absolute_url())
    page.get_by_role("link", name="Play video: Six theatres, one list").click()
    page.wait_for_url("https://vimeo.com/123456")
    assert page.get_by_text("The video's own page").is_visible()
    assert page.locator("iframe").count() == 0
    context.close()
