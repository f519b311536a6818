"""Image uploads through the admin: only real pictures within limits get in."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image
from tests.factories import ImageFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def upload(client, file, alt="A ward at night"):
    return client.post(
        reverse("admin:articles_image_add"),
        {"file": file, "alt_text": alt, "caption": "", "credit": ""},
    )


def stored_files(media_root):
    if not media_root.exists():
        return []
    return [p for p in media_root.rglob("*") if p.is_file()]


def test_real_jpeg_is_stored_stripped_and_with_renditions(editor_client, _media_root):
    exif = PILImage.Exif()
    exif[0x010F] = "Camera maker"  # Make
    exif[0x8825] = {2: (51, 30, 0)}  # GPS latitude
    data = image_bytes("JPEG", size=(2000, 1500), exif=exif.tobytes())
    response = upload(editor_client, SimpleUploadedFile("ward.jpg", data, "image/jpeg"))
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (2000, 1500)
    with PILImage.open(image.file.path) as stored:
        assert not stored.getexif()
    assert set(image.renditions) == {"thumb", "teaser", "medium", "lead", "social"}
    assert image.rendition("social")["width"] == 1200
    assert image.rendition("social")["height"] == 630
    assert image.rendition("teaser")["width"] == 480
    assert os.path.exists(_media_root / image.renditions["lead"]["name"])


def test_orientation_is_applied_before_metadata_is_dropped(editor_client):
    exif = PILImage.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    data = image_bytes("JPEG", size=(400, 200), exif=exif.tobytes())
    upload(editor_client, SimpleUploadedFile("turned.jpg", data, "image/jpeg"))
    image = Image.objects.get()
    assert (image.width, image.height) == (200, 400)


@pytest.mark.parametrize("fmt,name", [("PNG", "chart.png"), ("WEBP", "photo.webp")])
def test_png_and_webp_are_accepted(editor_client, fmt, name):
    response = upload(editor_client, SimpleUploadedFile(name, image_bytes(fmt), "image/png"))
    assert response.status_code == 302
    assert Image.objects.count() == 1


BAD_UPLOADS = {
    "text renamed as jpg": (b"this is not a picture at all", "photo.jpg", "not a JPEG, PNG"),
    "executable renamed": (b"MZ\x90\x00\x03" + b"\x00" * 200, "photo.png", "not a JPEG, PNG"),
    "gif is not allowed": (image_bytes("GIF"), "anim.jpg", "not a JPEG, PNG"),
    "truncated jpeg": (image_bytes("JPEG", size=(800, 600))[:700], "cut.jpg", "damaged or"),
    "svg with script": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "logo.jpg",
        "not a JPEG, PNG",
    ),
}


@pytest.mark.parametrize("case", BAD_UPLOADS, ids=list(BAD_UPLOADS))
def test_bad_uploads_get_a_clear_error_and_leave_nothing(editor_client, _media_root, case):
    data, name, message = BAD_UPLOADS[case]
    response = upload(editor_client, SimpleUploadedFile(name, data), alt="My typed alt text")
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="My typed alt text"' in page
    assert not Image.objects.exists()
    assert stored_files(_media_root) == []


def test_oversized_file_is_refused(editor_client, settings, _media_root):
    settings.IMAGE_MAX_UPLOAD_BYTES = 10_000
    noise = PILImage.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    response = upload(editor_client, SimpleUploadedFile("big.png", buffer.getvalue()))
    assert "the limit is 9.8\xa0KB" in response.content.decode()
    assert not Image.objects.exists()
    assert stored_files(_media_root) == []


def test_pixel_bomb_is_refused_without_decoding_it(editor_client, settings, _media_root):
    # A tiny file that claims to be 20,000 × 20,000 pixels.
    bomb = PILImage.new("1", (20_000, 20_000))
    buffer = io.BytesIO()
    bomb.save(buffer, format="PNG", optimize=True)
    assert len(buffer.getvalue()) < 200_000
    response = upload(editor_client, SimpleUploadedFile("bomb.png", buffer.getvalue()))
    page = response.content.decode()
    assert "too large in pixels" in page or "million pixels" in page
    assert not Image.objects.exists()
    assert stored_files(_media_root) == []


def test_image_above_the_pixel_limit_gets_a_clear_message(editor_client, settings):
    settings.IMAGE_MAX_PIXELS = 100_000
    data = image_bytes("JPEG", size=(500, 400))
    response = upload(editor_client, SimpleUploadedFile("wide.jpg", data))
    assert "500 × 400 pixels" in response.content.decode()


def test_empty_upload_and_missing_alt_text_are_refused(editor_client):
    response = upload(editor_client, SimpleUploadedFile("empty.jpg", b""), alt="")
    page = response.content.decode()
    assert "The submitted file is empty." in page
    assert "Describe what the picture shows" in page
    assert not Image.objects.exists()


def test_renditions_are_made_from_a_factory_image_too():
    image = ImageFactory()
    assert image.rendition("thumb")["width"] == 160
    assert image.srcset().count("w") >= 1
