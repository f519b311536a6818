"""An editor finds a picture in the media library, sets its focal point by clicking on it, and
readers' crops follow; in an article, the lead-image picker shows thumbnails."""

import io
from urllib.parse import urlparse

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageDraw

from articles.models import Image
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
RED = (220, 20, 20)


def marked_picture():
    """A wide blue picture with a red block near its left edge, which a centred crop loses."""
    picture = PILImage.new("RGB", (1600, 400), (0, 94, 184))
    ImageDraw.Draw(picture).rectangle((20, 150, 80, 250), fill=RED)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=95)
    return ContentFile(buffer.getvalue(), name="mark.jpg")


def colour_at(media_url, position):
    name = urlparse(media_url).path.removeprefix("/media/")
    with default_storage.open(name) as stored, PILImage.open(stored) as picture:
        return picture.convert("RGB").getpixel(position)


def is_red(colour):
    red, green, blue = colour
    return red > 180 and green < 80 and blue < 80


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def watch_csp(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    return violations


def test_editor_sets_a_focal_point_and_the_public_crop_follows(
    live_server, page, default_sections, default_roles
):
    from playwright.sync_api import expect

    UserFactory(username="eddie", roles=["Editor"])
    image = Image.objects.create(file=marked_picture(), alt_text="A red mark on a blue wall")
    article = ArticleFactory(lead_image=image, title="Hospital repaints its wards")
    violations = watch_csp(page)

    page.goto(live_server.url + article.get_absolute_url())
    social_before = page.locator('meta[property="og:image"]').get_attribute("content")
    assert not is_red(colour_at(social_before, (80, 315)))

    sign_in(page, live_server, "eddie")
    page.goto(live_server.url + "/admin/articles/image/")
    card = page.locator(".media-library__item", has_text="A red mark on a blue wall")
    expect(card).to_contain_text("Used 1 time")
    card.get_by_role("link").click()
    expect(page.get_by_text("Hospital repaints its wards")).to_be_visible()

    picture = page.get_by_alt_text("Click to set the focal point")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.03, "y": box["height"] * 0.5})
    expect(page.locator(".focal-picker__mark")).to_be_visible()
    assert float(page.get_by_label("Focal point across:").input_value()) == pytest.approx(
        0.03, abs=0.011
    )
    assert float(page.get_by_label("Focal point down:").input_value()) == pytest.approx(
        0.5, abs=0.011
    )
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(live_server.url + "/admin/articles/image/")

    image.refresh_from_db()
    assert image.focal_x == pytest.approx(0.03, abs=0.011)
    page.goto(live_server.url + article.get_absolute_url())
    social_after = page.locator('meta[property="og:image"]').get_attribute("content")
    assert social_after != social_before
    assert is_red(colour_at(social_after, (80, 315)))
    assert is_red(colour_at(image.rendition("thumb")["url"], (10, 80)))
    assert violations == []


def test_lead_image_picker_shows_thumbnails(live_server, page, default_sections, default_roles):
    from playwright.sync_api import expect

    UserFactory(username="eddie", roles=["Editor"])
    image = Image.objects.create(file=marked_picture(), alt_text="Porters with a trolley")
    article = ArticleFactory(title="Porters win an award")
    violations = watch_csp(page)
    sign_in(page, live_server, "eddie")
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    page.locator(".field-lead_image .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("porters")
    choice = page.locator(".select2-results__option .image-choice")
    expect(choice).to_contain_text("Porters with a trolley")
    expect(choice.locator("img")).to_have_attribute("src", image.rendition("thumb")["url"])
    choice.click()
    expect(page.locator(".field-lead_image .select2-selection__rendered")).to_contain_text(
        "Porters with a trolley"
    )
    assert violations == []
