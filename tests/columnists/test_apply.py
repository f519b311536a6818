"""The public pitch form: what applicants see, what it accepts, and what it refuses."""

import re

import pytest
from django.urls import reverse

from columnists.models import Pitch, PitchEvent

from .conftest import jpeg_upload, pdf_upload, pitch_data

pytestmark = pytest.mark.django_db

APPLY = "/columnists/apply/"


def post(client, **overrides):
    return client.post(APPLY, pitch_data(**overrides))


def test_apply_url_is_the_contract_address():
    assert reverse("columnists:apply") == APPLY


def test_form_offers_every_field_with_a_label(client):
    page = client.get(APPLY).content.decode()
    for name in (
        "name",
        "email",
        "job_title",
        "organisation",
        "pitch_title",
        "synopsis",
        "sample_text",
        "sample_file",
        "headshot",
        "links",
        "conflicts",
        "consent",
    ):
        assert f'name="{name}"' in page, name
        assert f'<label for="id_{name}"' in page, name
    assert 'enctype="multipart/form-data"' in page


def test_form_says_what_a_good_pitch_looks_like_and_how_long_a_reply_takes(client, settings):
    settings.PITCH_RESPONSE_DAYS = 14
    page = client.get(APPLY).content.decode()
    assert "What makes a good pitch" in page
    assert "aim to reply within 14 days" in page


def test_a_complete_pitch_is_saved_and_the_applicant_sees_the_reference(client):
    response = post(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("columnists:thanks")
    pitch = Pitch.objects.get()
    assert re.fullmatch(r"NHE-\d{4}-00001", pitch.reference)
    assert pitch.name == "Dr Amira Patel"
    assert pitch.status == Pitch.Status.RECEIVED
    assert pitch.consented_at is not None
    page = client.get(response["Location"]).content.decode()
    assert pitch.reference in page
    assert "Thank you for your pitch" in page
    assert pitch.get_status_url() in page


def test_receipt_is_the_first_line_of_the_history(client):
    post(client)
    event = PitchEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor) == ("", "received", None)


def test_thanks_page_without_a_pitch_sends_people_to_the_form(client):
    response = client.get(reverse("columnists:thanks"))
    assert response.status_code == 302
    assert response["Location"] == APPLY


def test_a_pitch_with_a_pdf_and_a_headshot_keeps_both_privately(client, private_files, settings):
    response = client.post(
        APPLY,
        pitch_data(
            sample_text="", sample_file=pdf_upload("My column.pdf"), headshot=jpeg_upload()
        ),
    )
    assert response.status_code == 302
    pitch = Pitch.objects.get()
    assert pitch.sample_file_name == "My column.pdf"
    files = private_files()
    assert len(files) == 2
    for path in files:
        assert settings.MEDIA_ROOT not in path.parents
        assert re.fullmatch(r"[0-9a-f]{32}\.(pdf|jpg)", path.name)


@pytest.mark.parametrize(
    "field,message",
    [
        ("name", "This field is required."),
        ("email", "This field is required."),
        ("job_title", "This field is required."),
        ("pitch_title", "This field is required."),
        ("synopsis", "This field is required."),
        ("consent", "Please tick the box to let us consider your pitch."),
    ],
)
def test_each_required_field_is_asked_for_by_name(client, field, message):
    response = post(client, **{field: None})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'href="#id_{field}"' in page  # the error summary links to the field
    assert Pitch.objects.count() == 0


def test_a_writing_sample_is_required_as_text_or_file(client):
    page = post(client, sample_text="  ").content.decode()
    assert "Please paste a writing sample or attach one" in page
    assert 'href="#id_sample_text"' in page
    assert Pitch.objects.count() == 0


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("name", "x" * 151, "at most 150 characters"),
        ("job_title", "x" * 101, "at most 100 characters"),
        ("organisation", "x" * 141, "at most 140 characters"),
        ("pitch_title", "x" * 201, "at most 200 characters"),
        ("synopsis", "x" * 4001, "at most 4000 characters"),
        ("sample_text", "x" * 30001, "at most 30000 characters"),
        ("conflicts", "x" * 3001, "at most 3000 characters"),
        ("name", "Amira\r\nBcc: victim@example.org", "single line"),
        ("pitch_title", "Title\nwith a break", "single line"),
        ("name", "Amira\x00", "Null characters are not allowed."),
        ("links", "javascript:alert(1)", "is not a web address"),
        ("links", "ftp://example.org/file", "is not a web address"),
        ("links", "\n".join(f"https://example.org/{n}" for n in range(6)), "at most 5 links"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(client, field, value, message):
    response = post(client, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Pitch.objects.count() == 0


def test_typed_values_are_kept_when_the_form_has_errors(client):
    page = post(client, email="wrong", synopsis="My synopsis <b>stays</b>").content.decode()
    assert 'value="Dr Amira Patel"' in page
    assert 'value="Frailty at the front door"' in page
    assert "My synopsis &lt;b&gt;stays&lt;/b&gt;" in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_email_helptext id_email_error"' in page
    assert 'id="id_email_error"' in page


def test_applicants_are_asked_to_choose_their_files_again_after_an_error(client):
    page = client.post(
        APPLY, pitch_data(email="wrong", sample_file=pdf_upload(), headshot=jpeg_upload())
    ).content.decode()
    assert "please choose your files again" in page


def test_no_file_message_when_no_files_were_chosen(client):
    page = post(client, email="wrong").content.decode()
    assert "choose your files again" not in page


def test_hostile_text_is_stored_as_typed_and_shown_inert(client, admin_client):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    post(client, name=hostile[:150], pitch_title="Title " + hostile[:150])
    pitch = Pitch.objects.get()
    assert pitch.name == hostile[:150]
    thanks = client.get(reverse("columnists:thanks")).content.decode()
    status = client.get(pitch.get_status_url()).content.decode()
    admin_page = admin_client.get(
        reverse("admin:columnists_pitch_change", args=[pitch.pk])
    ).content.decode()
    admin_list = admin_client.get(reverse("admin:columnists_pitch_changelist")).content.decode()
    for page in (thanks, status, admin_page, admin_list):
        assert "<script>alert(1)" not in page
        assert 'onerror="alert(2)"' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in admin_page


def test_the_call_to_action_invites_a_pitch(client, default_sections):
    page = client.get(reverse("columnists:directory")).content.decode()
    assert "Would you like to become an NHE columnist?" in page
    assert f'href="{APPLY}"' in page


def test_the_form_is_protected_against_cross_site_posts(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(APPLY, pitch_data())
    assert response.status_code == 403
    assert Pitch.objects.count() == 0


def test_the_pitch_reviewer_group_can_work_the_pipeline():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Pitch reviewer")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_pitch", "change_pitch", "review_pitch", "accept_pitch"} <= codenames
    assert "delete_pitch" not in codenames
