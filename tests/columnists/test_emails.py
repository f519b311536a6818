"""Confirmation and notification emails, and what happens when mail is down."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command

from columnists.models import Pitch, PitchEmail

from .conftest import pitch_data

pytestmark = pytest.mark.django_db

APPLY = "/columnists/apply/"


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server unreachable")


@pytest.fixture
def mail_down(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.columnists.test_emails.BrokenBackend"}}


def submit(client, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, pitch_data(**overrides))
    assert response.status_code == 302
    return Pitch.objects.get()


def test_applicant_gets_the_reference_and_the_status_link(
    client, django_capture_on_commit_callbacks
):
    pitch = submit(client, django_capture_on_commit_callbacks)
    confirmation = next(m for m in mail.outbox if m.to == ["amira.patel@example.org"])
    assert pitch.reference in confirmation.subject
    assert pitch.reference in confirmation.body
    assert f"https://www.nhe.example/columnists/pitches/{pitch.access_token}/" in confirmation.body
    assert "within 21 days" in confirmation.body


def test_editors_are_told_of_each_new_pitch(client, django_capture_on_commit_callbacks):
    pitch = submit(client, django_capture_on_commit_callbacks)
    notice = next(m for m in mail.outbox if m.to == ["editors@nhe.example"])
    assert pitch.reference in notice.subject
    assert "Frailty at the front door" in notice.body
    assert f"/admin/columnists/pitch/{pitch.pk}/change/" in notice.body
    assert pitch.access_token not in notice.body


def test_emails_go_only_after_the_pitch_is_saved(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(APPLY, pitch_data())
    assert mail.outbox == []
    assert len(callbacks) == 2


def test_plain_text_emails_are_not_html_escaped(client, django_capture_on_commit_callbacks):
    submit(client, django_capture_on_commit_callbacks, name="Siobhán O'Neill & Co")
    confirmation = next(m for m in mail.outbox if m.to == ["amira.patel@example.org"])
    assert "Dear Siobhán O'Neill & Co," in confirmation.body


def test_a_mail_outage_never_loses_a_pitch(client, mail_down, django_capture_on_commit_callbacks):
    pitch = submit(client, django_capture_on_commit_callbacks)
    assert pitch.reference
    pending = PitchEmail.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert all("mail server unreachable" in e.last_error for e in pending)
    assert all(e.attempts == 1 for e in pending)


def test_the_retry_command_sends_what_failed(
    client, settings, mail_down, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("send_pitch_emails")
    assert len(mail.outbox) == 2
    assert not PitchEmail.objects.filter(sent_at__isnull=True).exists()
    call_command("send_pitch_emails")
    assert len(mail.outbox) == 2  # nothing is sent twice


def test_the_retry_command_fails_loudly_while_mail_is_down(
    client, mail_down, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    with pytest.raises(CommandError, match="2 pitch email"):
        call_command("send_pitch_emails")
    assert PitchEmail.objects.filter(attempts=2).count() == 2


def test_admin_can_find_pitches_with_undelivered_email(
    client, admin_client, mail_down, django_capture_on_commit_callbacks
):
    pitch = submit(client, django_capture_on_commit_callbacks)
    page = admin_client.get("/admin/columnists/pitch/?email=undelivered").content.decode()
    assert pitch.reference in page
    change = admin_client.get(f"/admin/columnists/pitch/{pitch.pk}/change/").content.decode()
    assert "mail server unreachable" in change
