"""Accepting a pitch makes a columnist who appears once a piece of theirs is published."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.test import Client
from django.urls import reverse

from articles.models import Author, Image
from columnists import pipeline
from columnists.models import Pitch
from tests.factories import ArticleFactory, AuthorFactory

from .factories import PitchFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:columnists_pitch_changelist")


def accept(client, pitch, **extra):
    data = {"action": "accept", ACTION_CHECKBOX_NAME: [pitch.pk], **extra}
    return client.post(CHANGELIST, data)


def confirm(client, pitch, existing_author=""):
    return accept(
        client,
        pitch,
        confirm="yes",
        existing_author=existing_author,
        subject="Welcome aboard, {name}",
        body="Dear {name}, we will publish “{pitch_title}” ({reference}).",
    )


@pytest.fixture
def shortlisted():
    return PitchFactory(
        with_files=True,
        status=Pitch.Status.SHORTLISTED,
        name="Dr Amira Patel",
        job_title="Consultant geriatrician",
        organisation="Northshire Hospitals",
        conflicts="Trustee of Age Matters, a charity.",
        links="https://example.org/amira",
    )


def test_accept_shows_the_letter_and_a_matching_author_first(reviewer_client, shortlisted):
    existing = AuthorFactory(name="Dr Amira Patel")
    page = accept(reviewer_client, shortlisted).content.decode()
    assert "Accept and create columnist" in page
    assert f'<option value="{existing.pk}" selected>' in page
    assert Author.objects.count() == 1


def test_accept_creates_a_columnist_from_the_pitch(
    reviewer_client, shortlisted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(reviewer_client, shortlisted)
    assert response.status_code == 302
    author = Author.objects.get()
    assert author.name == "Dr Amira Patel"
    assert author.slug == "dr-amira-patel"
    assert author.is_columnist
    assert author.role_line == "Consultant geriatrician at Northshire Hospitals"
    assert author.organisation == "Northshire Hospitals"
    assert author.declarations == "Trustee of Age Matters, a charity."
    assert author.links == "https://example.org/amira"
    assert author.headshot.alt_text == "Dr Amira Patel"
    assert set(author.headshot.renditions) >= {"thumb", "teaser"}
    shortlisted.refresh_from_db()
    assert shortlisted.status == Pitch.Status.ACCEPTED
    assert shortlisted.author == author
    event = shortlisted.events.last()
    assert (event.to_status, event.actor, event.note) == (
        "accepted",
        reviewer_client.user,
        "Columnist: Dr Amira Patel",
    )
    (letter,) = mail.outbox
    assert letter.subject == "Welcome aboard, Dr Amira Patel"
    assert shortlisted.reference in letter.body


def test_the_headshot_becomes_a_public_image_and_the_private_copy_stays(
    reviewer_client, shortlisted, settings
):
    confirm(reviewer_client, shortlisted)
    image = Image.objects.get()
    assert image.file.path.startswith(str(settings.MEDIA_ROOT))
    shortlisted.refresh_from_db()
    assert shortlisted.headshot.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_accept_can_link_an_existing_author_and_keeps_their_details(reviewer_client, shortlisted):
    existing = AuthorFactory(name="Amira Patel", role_line="Geriatrician", bio="Writes often.")
    confirm(reviewer_client, shortlisted, existing_author=existing.pk)
    existing.refresh_from_db()
    assert Author.objects.count() == 1
    assert existing.is_columnist
    assert existing.role_line == "Geriatrician"  # an editor's words are not overwritten
    assert existing.declarations == "Trustee of Age Matters, a charity."  # blanks are filled
    assert existing.headshot is not None


def test_a_second_author_of_the_same_name_gets_a_distinct_address(reviewer_client, shortlisted):
    AuthorFactory(name="Dr Amira Patel", slug="dr-amira-patel")
    confirm(reviewer_client, shortlisted)
    assert Author.objects.filter(slug="dr-amira-patel-2", is_columnist=True).exists()


def test_only_a_shortlisted_pitch_can_be_accepted(reviewer_client):
    pitch = PitchFactory(status=Pitch.Status.IN_REVIEW)
    response = confirm(reviewer_client, pitch)
    assert response.status_code == 302
    page = reviewer_client.get(response["Location"]).content.decode()
    assert "Only shortlisted pitches can be accepted." in page
    assert not Author.objects.exists()
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.IN_REVIEW


def test_accept_is_one_pitch_at_a_time(reviewer_client):
    first = PitchFactory(status=Pitch.Status.SHORTLISTED)
    second = PitchFactory(status=Pitch.Status.SHORTLISTED)
    data = {"action": "accept", ACTION_CHECKBOX_NAME: [first.pk, second.pk]}
    response = reviewer_client.post(CHANGELIST, data, follow=True)
    assert "Accept one pitch at a time" in response.content.decode()
    assert not Author.objects.exists()


def test_the_pipeline_refuses_to_accept_twice(shortlisted, admin_user):
    pipeline.accept(shortlisted, by=admin_user, subject="s", body="b")
    with pytest.raises(pipeline.PitchStateError):
        pipeline.accept(shortlisted, by=admin_user, subject="s", body="b")
    assert Author.objects.count() == 1


def test_the_new_columnist_appears_once_a_piece_is_published(
    reviewer_client, shortlisted, default_sections
):
    confirm(reviewer_client, shortlisted)
    client = Client()  # a reader, not the editor
    directory = reverse("columnists:directory")
    assert "Dr Amira Patel" not in client.get(directory).content.decode()
    ArticleFactory(title="Frailty is everyone's business", authors=[Author.objects.get()])
    page = client.get(directory).content.decode()
    assert "Dr Amira Patel" in page
    assert "Consultant geriatrician at Northshire Hospitals" in page
