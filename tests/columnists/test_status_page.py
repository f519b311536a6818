"""The applicant's status page: an honest, small vocabulary, and a way to withdraw."""

import pytest
from django.core import mail

from columnists.models import Pitch

from .factories import PitchFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "status,shown",
    [
        (Pitch.Status.RECEIVED, "Received"),
        (Pitch.Status.IN_REVIEW, "Under review"),
        (Pitch.Status.SHORTLISTED, "Under review"),
        (Pitch.Status.ACCEPTED, "Accepted"),
        (Pitch.Status.DECLINED, "Declined"),
        (Pitch.Status.WITHDRAWN, "Withdrawn"),
    ],
)
def test_applicants_see_a_small_honest_vocabulary(client, status, shown):
    pitch = PitchFactory(status=status)
    page = client.get(pitch.get_status_url()).content.decode()
    assert f'<strong class="pitch-status__value">{shown}</strong>' in page
    assert pitch.reference in page
    if status == Pitch.Status.SHORTLISTED:
        assert "hortlist" not in page


@pytest.mark.parametrize(
    "status,says,does_not_say",
    [
        (
            Pitch.Status.RECEIVED,
            ["waiting for an editor to read it", "we will email you with our decision"],
            ["Congratulations", "not to take this column forward"],
        ),
        (
            Pitch.Status.IN_REVIEW,
            ["An editor is reading your pitch", "we will email you with our decision"],
            ["Congratulations", "not to take this column forward"],
        ),
        (
            Pitch.Status.SHORTLISTED,
            ["An editor is reading your pitch", "we will email you with our decision"],
            ["Congratulations", "not to take this column forward"],
        ),
        (
            Pitch.Status.ACCEPTED,
            [
                "Congratulations: we would like to publish your column.",
                "One of our editors will be in touch by email to agree your first column",
                "your columnist page",
            ],
            ["We aim to reply", "Withdraw my pitch", "not to take this column forward"],
        ),
        (
            Pitch.Status.DECLINED,
            [
                "Thank you for pitching to us",
                "We have decided not to take this column forward.",
                "this is not a judgement on your work",
                "You are welcome to",
                "pitch us again",
                "We delete your details and files 6 months after our decision.",
            ],
            ["We aim to reply", "Withdraw my pitch", "Congratulations"],
        ),
        (
            Pitch.Status.WITHDRAWN,
            ["You withdrew this pitch.", "we are no longer considering it"],
            ["We aim to reply", "Withdraw my pitch", "Congratulations"],
        ),
    ],
)
def test_each_status_is_explained_with_what_happens_next(
    client, settings, status, says, does_not_say
):
    settings.PITCH_RETENTION_MONTHS = 6
    pitch = PitchFactory(status=status)
    page = client.get(pitch.get_status_url()).content.decode()
    for text in says:
        assert text in page, text
    for text in does_not_say:
        assert text not in page, text
    assert "Decision made" not in page


def test_a_declined_applicant_is_invited_to_pitch_again(client):
    pitch = PitchFactory(status=Pitch.Status.DECLINED)
    page = client.get(pitch.get_status_url()).content.decode()
    assert '<a href="/columnists/apply/">pitch us again</a>' in page


def test_the_page_shows_no_notes_and_no_reviewer(client):
    editor = StaffFactory(username="jbloggs", first_name="Joe", last_name="Bloggs")
    pitch = PitchFactory(
        status=Pitch.Status.IN_REVIEW, assigned_to=editor, internal_notes="Too long-winded"
    )
    page = client.get(pitch.get_status_url()).content.decode()
    for secret in ("Too long-winded", "jbloggs", "Bloggs"):
        assert secret not in page


def test_the_page_is_private(client):
    pitch = PitchFactory()
    response = client.get(pitch.get_status_url())
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_an_unknown_or_guessed_link_is_not_found(client):
    PitchFactory()
    assert client.get("/columnists/pitches/not-a-real-token/").status_code == 404
    assert client.get("/columnists/pitches/1/").status_code == 404


def test_the_link_is_long_and_random():
    first, second = PitchFactory(), PitchFactory()
    assert len(first.access_token) >= 40
    assert first.access_token != second.access_token


def test_withdrawing_needs_the_box_ticked(client):
    pitch = PitchFactory()
    response = client.post(pitch.get_status_url(), {})
    assert "Tick the box to confirm" in response.content.decode()
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.RECEIVED


def test_an_applicant_can_withdraw_an_open_pitch(client, django_capture_on_commit_callbacks):
    pitch = PitchFactory(status=Pitch.Status.SHORTLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(pitch.get_status_url(), {"confirm": "on"}, follow=True)
    page = response.content.decode()
    assert "Your pitch has been withdrawn" in page
    assert '<strong class="pitch-status__value">Withdrawn</strong>' in page
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.WITHDRAWN
    event = pitch.events.get()
    assert (event.from_status, event.actor, event.note) == (
        "shortlisted",
        None,
        "Withdrawn by the applicant",
    )
    (notice,) = mail.outbox
    assert notice.to == ["editors@nhe.example"]
    assert pitch.reference in notice.subject


def test_a_decided_pitch_cannot_be_withdrawn(client):
    pitch = PitchFactory(status=Pitch.Status.ACCEPTED)
    page = client.get(pitch.get_status_url()).content.decode()
    assert "Withdraw my pitch" not in page
    response = client.post(pitch.get_status_url(), {"confirm": "on"}, follow=True)
    assert "cannot be withdrawn" in response.content.decode()
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.ACCEPTED


def test_the_page_promises_the_reply_time(client, settings):
    settings.PITCH_RESPONSE_DAYS = 10
    pitch = PitchFactory()
    page = client.get(pitch.get_status_url()).content.decode()
    assert "within 10 days" in page
    assert pitch.response_due.strftime("%d/%m/%Y") in page
