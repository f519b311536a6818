"""An editor puts a library picture and a YouTube video in the body; readers see and play them."""

from urllib.parse import urlsplit

import pytest

from articles.models import Article
from tests.factories import ImageFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
TITLE = "Night-time hospital discharges fall by a third"
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


@pytest.fixture
def desk(default_sections, default_roles):
    UserFactory(username="eddie", roles=["Editor"])
    ImageFactory(alt_text="A ward corridor at night", caption="", credit="Old credit")
    return ImageFactory(
        alt_text="Discharge lounge at St Thomas' Hospital",
        caption="The discharge lounge",
        credit="NHE / Sam Jones",
    )


def sign_in(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("eddie")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def csp_violations(page):
    seen = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and seen.append(message.text),
    )
    return seen


def test_editor_puts_a_picture_and_a_video_in_the_body_and_readers_play_it(
    live_server, page, desk
):
    violations = csp_violations(page)
    sign_in(page, live_server)
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.get_by_label("Title:", exact=True).fill(TITLE)
    page.get_by_label("Section:", exact=True).select_option(label="News")
    page.get_by_label("Standfirst:", exact=True).fill("Fewer patients sent home after 11pm.")
    page.locator('.ProseMirror[contenteditable="true"]').click()
    page.keyboard.type("Trusts have cut late discharges.")

    # The picture: alt text is required before it goes in.
    page.get_by_role("button", name="Image from the library").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Find an image in the library").fill("discharge lounge")
    choice = dialog.get_by_role("button", name="Discharge lounge at St Thomas' Hospital")
    choice.click()
    assert dialog.get_by_label("Alt text (required)").input_value() == (
        "Discharge lounge at St Thomas' Hospital"
    )
    assert dialog.get_by_label("Credit").input_value() == "NHE / Sam Jones"
    dialog.get_by_label("Alt text (required)").fill("")
    dialog.get_by_role("button", name="Insert").click()
    assert dialog.get_by_text("Write the alt text: say what the picture shows.").is_visible()
    dialog.get_by_label("Alt text (required)").fill("Patients waiting with their bags")
    dialog.get_by_label("Caption").fill("The discharge lounge opens until midnight")
    dialog.get_by_role("button", name="Insert").click()
    node = page.locator(".ProseMirror .body-media-node--image")
    assert node.get_by_text("Image: Patients waiting with their bags").is_visible()
    assert node.locator("img").get_attribute("src")

    # The video: a wrong address is refused, a YouTube one goes in.
    page.get_by_role("button", name="Video from YouTube or Vimeo").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("YouTube or Vimeo address").fill("https://evil.example/watch?v=x")
    dialog.get_by_role("button", name="Insert").click()
    assert dialog.get_by_text("Give the address of a video on YouTube or Vimeo.").is_visible()
    dialog.get_by_label("YouTube or Vimeo address").fill(VIDEO)
    dialog.get_by_label("Title").fill("How the lounge works")
    dialog.get_by_role("button", name="Insert").click()
    assert page.locator(".ProseMirror").get_by_text("Video: How the lounge works").is_visible()

    page.get_by_role("button", name="Publish now").click()
    page.wait_for_url(live_server.url + "/admin/articles/article/")
    article = Article.objects.get(title=TITLE)
    assert f'<figure data-image="{desk.pk}"' in article.body
    assert '<div data-embed="youtube" data-id="dQw4w9WgXcQ" data-title=' in article.body

    # Readers see the picture with its words, and a poster that plays only when asked.
    ours = urlsplit(live_server.url).netloc
    elsewhere = []

    def only_ours(route):
        if urlsplit(route.request.url).netloc == ours:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_ours)
    page.goto(live_server.url + article.get_absolute_url())
    body = page.locator(".article__body")
    picture = body.get_by_role("img", name="Patients waiting with their bags")
    assert picture.get_attribute("srcset")
    assert body.get_by_text("The discharge lounge opens until midnight").is_visible()
    assert body.get_by_text("Image: NHE / Sam Jones").is_visible()
    assert page.locator("iframe").count() == 0
    assert elsewhere == []

    body.get_by_role("link", name="Play video: How the lounge works").click()
    player = body.locator("iframe")
    player.wait_for(state="attached")
    assert player.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    assert player.get_attribute("title") == "Video: How the lounge works"
    assert violations == []
