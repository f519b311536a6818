"""Demo pictures are drawn scenes, and their alt text says what the drawing shows."""

import io
import re

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from articles.models import Author, Image
from demo.content import ARCHIVE_PICTURES, ARTICLES, AUTHORS
from demo.pictures import SCENES, draw_headshot, draw_scene

CLAIMS_A_PHOTOGRAPH = re.compile(r"photo|pictured|snapshot", re.IGNORECASE)

PICTURES = [(a["picture"][0], a["picture"][1], a["image_alt"]) for a in ARTICLES]
PICTURES += ARCHIVE_PICTURES


def opened(content_file):
    return PILImage.open(io.BytesIO(content_file.read())).convert("RGB")


def test_every_demo_picture_is_described_as_the_illustration_it_is():
    for scene, _, alt_text in PICTURES:
        assert scene in SCENES
        assert alt_text.startswith(("Illustration of ", "Illustrated portrait of ")), alt_text
        assert not CLAIMS_A_PHOTOGRAPH.search(alt_text), alt_text
        assert len(alt_text) <= 250


def test_every_demo_picture_has_its_own_description():
    described = [alt_text for _, _, alt_text in PICTURES]
    assert len(described) == len(set(described))


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_each_scene_is_a_flat_drawing_not_a_gradient(scene):
    picture = opened(draw_scene(scene, seed=3, width=320, height=200))
    colours = sorted(picture.getcolors(maxcolors=320 * 200), reverse=True)
    # A drawing has several colours, each laid on in flat areas; a gradient spreads its
    # pixels thinly over hundreds of shades, one band each.
    assert len(colours) > 8
    assert sum(count for count, _ in colours[:6]) > 0.5 * 320 * 200
    rows_with_detail = sum(
        len(picture.crop((0, y, 320, y + 1)).getcolors()) >= 3 for y in range(200)
    )
    assert rows_with_detail > 100


def test_scenes_vary_with_their_seed():
    first, second = (draw_scene("hospital", seed, width=320, height=200) for seed in (1, 2))
    assert opened(first).tobytes() != opened(second).tobytes()


def test_a_headshot_is_a_square_drawn_portrait():
    portrait = opened(draw_headshot(4, size=200))
    assert portrait.size == (200, 200)
    assert len(portrait.getcolors(maxcolors=200 * 200)) > 5


@pytest.mark.django_db
def test_seeded_pictures_and_portraits_claim_no_photograph():
    call_command("seed_demo", stdout=io.StringIO())
    for image in Image.objects.all():
        assert not CLAIMS_A_PHOTOGRAPH.search(image.alt_text), image.alt_text
        assert image.credit == "NHE illustration"
    for author in Author.objects.select_related("headshot"):
        assert author.headshot.alt_text == f"Illustrated portrait of {author.name}"
        assert author.headshot.width == author.headshot.height
    assert Author.objects.count() == len(AUTHORS)
