"""Old declined and withdrawn pitches lose their files and personal data, not their numbers."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from columnists.models import Pitch, months_before

from .factories import PitchFactory

pytestmark = pytest.mark.django_db


def decided(status, days_ago, **kwargs):
    pitch = PitchFactory(with_files=True, status=status, **kwargs)
    pitch.events.create(from_status="received", to_status=status, note="Sent a letter to Jo")
    pitch.emails.create(kind="decline", recipients=[pitch.email], subject="s", body="Dear Jo")
    Pitch.objects.filter(pk=pitch.pk).update(decided_at=timezone.now() - timedelta(days=days_ago))
    return pitch


def test_old_declined_and_withdrawn_pitches_are_anonymised(private_files):
    declined = decided(Pitch.Status.DECLINED, 400, internal_notes="Not for us")
    withdrawn = decided(Pitch.Status.WITHDRAWN, 400)
    assert len(private_files()) == 4
    call_command("purge_pitches")
    assert private_files() == []
    for pitch in (declined, withdrawn):
        old_token = pitch.access_token
        pitch.refresh_from_db()
        for field in ("name", "email", "job_title", "organisation", "pitch_title", "synopsis"):
            assert getattr(pitch, field) == "", field
        assert (pitch.sample_text, pitch.links, pitch.conflicts, pitch.internal_notes) == (
            "",
            "",
            "",
            "",
        )
        assert not pitch.sample_file and not pitch.headshot
        assert pitch.anonymised_at is not None
        assert pitch.access_token != old_token
        assert not pitch.emails.exists()
        assert pitch.events.get().note == ""


def test_the_anonymous_record_keeps_what_statistics_need(private_files):
    pitch = decided(Pitch.Status.DECLINED, 400)
    call_command("purge_pitches")
    pitch.refresh_from_db()
    assert pitch.reference.startswith("NHE-")
    assert pitch.status == Pitch.Status.DECLINED
    assert pitch.received_at and pitch.decided_at
    assert pitch.events.get().to_status == "declined"


def test_recent_open_and_accepted_pitches_are_kept(private_files, settings):
    settings.PITCH_RETENTION_MONTHS = 12
    recent = decided(Pitch.Status.DECLINED, 300)
    accepted = decided(Pitch.Status.ACCEPTED, 800)
    waiting = PitchFactory(received_at=timezone.now() - timedelta(days=800))
    call_command("purge_pitches")
    for pitch in (recent, accepted, waiting):
        pitch.refresh_from_db()
        assert pitch.name and pitch.anonymised_at is None
    assert len(private_files()) == 4


def test_the_status_link_of_a_purged_pitch_no_longer_works(client):
    pitch = decided(Pitch.Status.WITHDRAWN, 400)
    url = pitch.get_status_url()
    call_command("purge_pitches")
    assert client.get(url).status_code == 404


def test_the_retention_period_is_a_setting(settings):
    settings.PITCH_RETENTION_MONTHS = 1
    pitch = decided(Pitch.Status.DECLINED, 40)
    call_command("purge_pitches")
    pitch.refresh_from_db()
    assert pitch.anonymised_at is not None


def test_a_dry_run_changes_nothing(capsys, private_files):
    decided(Pitch.Status.DECLINED, 400)
    call_command("purge_pitches", "--dry-run")
    assert "1 pitch(es) would be anonymised" in capsys.readouterr().out
    assert len(private_files()) == 2
    assert Pitch.objects.filter(anonymised_at__isnull=True).count() == 1


def test_months_are_calendar_months():
    moment = timezone.datetime(2026, 3, 31, 12, tzinfo=timezone.UTC)
    assert months_before(moment, 1) == timezone.datetime(2026, 2, 28, 12, tzinfo=timezone.UTC)
    assert months_before(moment, 12) == timezone.datetime(2025, 3, 31, 12, tzinfo=timezone.UTC)
