"""The media library: the image admin as a grid to find, reuse and replace pictures, and the
focal point that every crop keeps."""

import html
import io
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.tasks import task_backends
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from articles import images
from articles.models import Image
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, image_bytes

pytestmark = pytest.mark.django_db

LIBRARY = reverse("admin:articles_image_changelist")
RED = (220, 20, 20)
BLUE = (0, 94, 184)


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def marked_picture(size=(1200, 400), mark=(20, 150, 80, 250)):
    """A blue JPEG with a red block (left, top, right, bottom) near one edge."""
    picture = PILImage.new("RGB", size, BLUE)
    ImageDraw.Draw(picture).rectangle(mark, fill=RED)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def pixel(name, position):
    with default_storage.open(name) as stored, PILImage.open(stored) as picture:
        return picture.convert("RGB").getpixel(position)


def is_red(colour):
    red, green, blue = colour
    return red > 180 and green < 80 and blue < 80


def change_url(image):
    return reverse("admin:articles_image_change", args=[image.pk])


def change_form(image, **changes):
    data = {
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
    }
    return {**data, **changes}


# The library page


def test_library_shows_thumbnails_with_alt_text_size_and_uses(editor_client):
    used = ImageFactory(alt_text="Nurses at a handover")
    ArticleFactory(lead_image=used)
    AuthorFactory(headshot=used)
    ImageFactory(alt_text="An empty corridor")
    page = editor_client.get(LIBRARY).content.decode()
    assert 'class="media-library"' in page
    assert used.rendition("thumb")["url"] in page
    assert "Nurses at a handover" in page
    assert "640 × 400 px" in page
    assert "Used 2 times" in page
    assert "Not used" in page


def test_library_search_finds_alt_text_caption_and_credit(editor_client):
    ImageFactory(alt_text="Ambulances outside A&E")
    ImageFactory(alt_text="A boardroom", caption="Trust board meeting in Leeds")
    ImageFactory(alt_text="Theatre lights", credit="Jo Snapper")
    for term, expected in [
        ("ambulances", "Ambulances outside A&amp;E"),
        ("Leeds", "A boardroom"),
        ("snapper", "Theatre lights"),
    ]:
        page = editor_client.get(LIBRARY, {"q": term}).content.decode()
        assert expected in page
        assert page.count('class="media-library__item"') == 1


def test_library_filters_by_use(editor_client):
    used = ImageFactory(alt_text="On the front page")
    ArticleFactory(lead_image=used)
    ImageFactory(alt_text="Never chosen")
    unused_page = editor_client.get(LIBRARY, {"use": "unused"}).content.decode()
    assert "Never chosen" in unused_page
    assert "On the front page" not in unused_page
    used_page = editor_client.get(LIBRARY, {"use": "used"}).content.decode()
    assert "On the front page" in used_page
    assert "Never chosen" not in used_page


def test_library_filters_by_orientation(editor_client):
    ImageFactory(
        alt_text="Wide ward", file=SimpleUploadedFile("w.jpg", image_bytes(size=(600, 300)))
    )
    ImageFactory(
        alt_text="Tall tower", file=SimpleUploadedFile("t.jpg", image_bytes(size=(300, 600)))
    )
    page = editor_client.get(LIBRARY, {"orientation": "portrait"}).content.decode()
    assert "Tall tower" in page
    assert "Wide ward" not in page


def test_library_filters_pictures_uploaded_this_week(editor_client):
    ImageFactory(alt_text="Fresh picture")
    old = ImageFactory(alt_text="Last year's picture")
    Image.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=300))
    page = editor_client.get(LIBRARY).content.decode()
    [link] = re.findall(r'<a href="([^"]+)">Past 7 days</a>', page)
    page = editor_client.get(LIBRARY + html.unescape(link)).content.decode()
    assert "Fresh picture" in page
    assert "Last year&#x27;s picture" not in page


def test_library_with_nothing_matching_says_so(editor_client):
    page = editor_client.get(LIBRARY, {"q": "nothing like this"}).content.decode()
    assert "No pictures match." in page


def test_image_page_lists_where_it_is_used(editor_client):
    image = ImageFactory()
    article = ArticleFactory(lead_image=image, title="Waiting lists fall in the north")
    author = AuthorFactory(headshot=image, name="Dr Ada Byline")
    page = editor_client.get(change_url(image)).content.decode()
    assert "Lead image of" in page
    assert "Waiting lists fall in the north" in page
    assert reverse("admin:articles_article_change", args=[article.pk]) in page
    assert "Headshot of" in page
    assert reverse("admin:articles_author_change", args=[author.pk]) in page


def test_unused_image_page_says_so(editor_client):
    page = editor_client.get(change_url(ImageFactory())).content.decode()
    assert "Not used anywhere yet." in page


def test_usage_lists_each_kind_of_use():
    image = ImageFactory()
    article = ArticleFactory(lead_image=image)
    assert image.usage() == [("Lead image of", [article])]
    assert Image.objects.with_use_count().get().use_count == 1


def make_library(count):
    """`count` images sharing one stored picture; a few used as lead images and headshots."""
    first = ImageFactory()
    Image.objects.bulk_create(
        Image(
            file=first.file.name,
            width=first.width,
            height=first.height,
            alt_text=f"Picture {number}",
            renditions=first.renditions,
        )
        for number in range(count - 1)
    )
    pictures = list(Image.objects.all()[:3])
    for picture in pictures:
        ArticleFactory(lead_image=picture)
        AuthorFactory(headshot=picture)


@pytest.mark.parametrize("count", [5, 60])
def test_library_queries_do_not_grow_with_the_number_of_images(
    editor_client, django_assert_max_num_queries, count
):
    make_library(count)
    with django_assert_max_num_queries(6):
        response = editor_client.get(LIBRARY)
    assert response.content.decode().count('class="media-library__item"') == min(count, 48)


# Reuse: picking a picture by sight


def test_image_autocomplete_answers_carry_thumbnails(editor_client):
    image = ImageFactory(alt_text="Hospital car park")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "car park",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "lead_image",
        },
    )
    [result] = response.json()["results"]
    assert result == {
        "id": str(image.pk),
        "text": "Hospital car park",
        "thumbnail": image.rendition("thumb")["url"],
    }


def test_article_and_author_forms_load_the_thumbnail_picker(editor_client):
    for url in (reverse("admin:articles_article_add"), reverse("admin:articles_author_add")):
        page = editor_client.get(url).content.decode()
        assert "articles/image_picker.js" in page


# Replace


def test_replacing_the_file_keeps_the_id_and_drops_the_old_files(
    editor_client, django_capture_on_commit_callbacks
):
    image = ImageFactory(alt_text="The old entrance")
    article = ArticleFactory(lead_image=image)
    old_file = image.file.name
    old_renditions = image.rendition_names()
    new_file = SimpleUploadedFile("new.jpg", image_bytes(size=(900, 600), colour="#dc1414"))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url(image), change_form(image, file=new_file))
    assert response.status_code == 302
    replaced = Image.objects.get()
    assert replaced.pk == image.pk
    assert (replaced.width, replaced.height) == (900, 600)
    assert replaced.alt_text == "The old entrance"
    assert not default_storage.exists(old_file)
    assert not any(default_storage.exists(name) for name in old_renditions)
    assert set(replaced.rendition_names()).isdisjoint(old_renditions)
    assert all(default_storage.exists(name) for name in replaced.rendition_names())
    assert is_red(pixel(replaced.renditions["thumb"]["name"], (80, 80)))
    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert replaced.rendition("lead")["url"] in page


def test_old_files_outlive_the_pages_cached_with_them(
    editor_client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.PAGE_CACHE_SECONDS = 300
    image = ImageFactory()
    old_names = [image.file.name, *image.rendition_names()]
    new_file = SimpleUploadedFile("new.jpg", image_bytes(size=(900, 600)))
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(change_url(image), change_form(image, file=new_file))
    assert all(default_storage.exists(name) for name in old_names)
    [deletion] = task_backends["default"].results
    assert deletion.task.name == "delete_stored_files"
    assert sorted(deletion.args[0]) == sorted(old_names)
    assert deletion.task.run_after >= timezone.now() + timedelta(seconds=300)


def test_deleting_an_image_deletes_its_files(editor_client, django_capture_on_commit_callbacks):
    image = ImageFactory()
    article = ArticleFactory(lead_image=image)
    names = [image.file.name, *image.rendition_names()]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert not any(default_storage.exists(name) for name in names)
    article.refresh_from_db()
    assert article.lead_image is None


def test_replacing_with_a_bad_file_keeps_the_picture(editor_client, _media_root):
    image = ImageFactory()
    old_file = image.file.name
    bad = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200)
    response = editor_client.post(change_url(image), change_form(image, file=bad))
    assert "not a JPEG, PNG or WebP image" in response.content.decode()
    assert Image.objects.get().file.name == old_file
    assert default_storage.exists(old_file)


# Focal point


@pytest.mark.parametrize(
    "size,aspect,focal,box",
    [
        ((1200, 400), 1.0, (0.5, 0.5), (400, 0, 800, 400)),
        ((1200, 400), 1.0, (0.04, 0.5), (0, 0, 400, 400)),
        ((1200, 400), 1.0, (0.97, 0.1), (800, 0, 1200, 400)),
        ((1200, 400), 1.0, (0.6, 0.5), (520, 0, 920, 400)),
        ((600, 900), 2.0, (0.5, 0.9), (0, 600, 600, 900)),
        ((600, 900), 2.0, (0.5, 0.0), (0, 0, 600, 300)),
        ((800, 400), 2.0, (0.1, 0.1), (0, 0, 800, 400)),
    ],
)
def test_crop_window_centres_on_the_focal_point_inside_the_picture(size, aspect, focal, box):
    assert images.crop_box(size, aspect, focal) == box


def test_square_thumbnail_keeps_a_mark_near_the_corner_once_focused_on_it(
    editor_client, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("mark.jpg", marked_picture())
    editor_client.post(
        reverse("admin:articles_image_add"), {"file": upload, "alt_text": "A red mark"}
    )
    image = Image.objects.get()
    # Centred by default: the mark at the far left is cropped away.
    assert not is_red(pixel(image.renditions["thumb"]["name"], (20, 80)))
    old_renditions = image.rendition_names()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            change_url(image), change_form(image, focal_x="0.04", focal_y="0.5")
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.04, 0.5)
    assert is_red(pixel(image.renditions["thumb"]["name"], (20, 80)))
    assert set(image.rendition_names()).isdisjoint(old_renditions)
    assert not any(default_storage.exists(name) for name in old_renditions)
    assert default_storage.exists(image.file.name)


def test_new_focal_point_reaches_the_public_page_at_once(editor_client):
    image = ImageFactory()
    article = ArticleFactory(lead_image=image)
    before = editor_client.get(article.get_absolute_url()).content.decode()
    assert image.rendition("lead")["url"] in before
    editor_client.post(change_url(image), change_form(image, focal_x="0.2", focal_y="0.3"))
    image.refresh_from_db()
    after = editor_client.get(article.get_absolute_url()).content.decode()
    assert image.rendition("lead")["url"] in after
    assert image.rendition("lead")["url"] not in before


def test_saving_words_only_keeps_the_renditions(editor_client):
    image = ImageFactory()
    names = image.rendition_names()
    editor_client.post(change_url(image), change_form(image, caption="New caption"))
    image.refresh_from_db()
    assert image.caption == "New caption"
    assert set(image.rendition_names()) == set(names)


def test_image_page_offers_the_focal_point_picker(editor_client):
    image = ImageFactory()
    page = editor_client.get(change_url(image)).content.decode()
    assert "data-focal-picker" in page
    assert image.rendition("medium")["url"] in page
    assert "articles/focal_point.js" in page
    assert 'name="focal_x"' in page
    assert 'name="focal_y"' in page


# Bad input


@pytest.mark.parametrize(
    "changes,message,kept",
    [
        ({"focal_x": "1.5"}, "Ensure this value is less than or equal to 1.0.", 'value="1.5"'),
        ({"focal_y": "-0.2"}, "Ensure this value is greater than or equal to 0.0.", "-0.2"),
        ({"focal_x": "left"}, "Enter a number.", 'value="left"'),
        ({"alt_text": "   "}, "Describe what the picture shows", 'name="alt_text"'),
        ({"alt_text": "x" * 251}, "at most 250 characters", "x" * 251),
    ],
)
def test_bad_image_details_are_refused_with_a_clear_message(editor_client, changes, message, kept):
    image = ImageFactory(alt_text="Kept words")
    names = image.rendition_names()
    response = editor_client.post(change_url(image), change_form(image, **changes))
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert kept in page
    image.refresh_from_db()
    assert (image.alt_text, image.focal_x, image.focal_y) == ("Kept words", 0.5, 0.5)
    assert set(image.rendition_names()) == set(names)


def test_upload_without_alt_text_is_refused_and_stores_nothing(editor_client, _media_root):
    upload = SimpleUploadedFile("ward.jpg", image_bytes())
    response = editor_client.post(
        reverse("admin:articles_image_add"), {"file": upload, "alt_text": "", "credit": "Jo"}
    )
    page = response.content.decode()
    assert "Describe what the picture shows" in page
    assert 'value="Jo"' in page
    assert not Image.objects.exists()


def test_hostile_alt_text_is_shown_escaped(editor_client):
    ImageFactory(alt_text='<script>alert("x")</script>', credit="<b>Agency</b>")
    page = editor_client.get(LIBRARY).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<b>Agency</b>" not in page


def test_focal_point_outside_the_picture_cannot_be_stored():
    image = ImageFactory()
    with pytest.raises(IntegrityError, match="image_focal_point_inside"):
        Image.objects.filter(pk=image.pk).update(focal_x=2)


def test_a_picture_in_a_body_counts_as_a_use_and_stops_counting_once_taken_out(editor_client):
    image = ImageFactory()
    article = ArticleFactory(
        title="Inside a virtual ward",
        body=f'<p>Nurses at work.</p><figure data-image="{image.pk}"></figure>',
    )
    assert image.usage() == [("In the body of", [article])]
    assert Image.objects.with_use_count().get().use_count == 1
    page = editor_client.get(change_url(image)).content.decode()
    assert "In the body of" in page and "Inside a virtual ward" in page

    article.body = "<p>Nurses at work.</p>"
    article.save()
    assert image.usage() == []
    assert "Not used anywhere yet." in editor_client.get(change_url(image)).content.decode()
