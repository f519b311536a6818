"""The editors' digest lists new pitches and those past the promised reply time."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from columnists.models import Pitch

from .factories import PitchFactory

pytestmark = pytest.mark.django_db


def test_digest_lists_overdue_and_new_pitches(settings):
    settings.PITCH_RESPONSE_DAYS = 21
    late = PitchFactory(pitch_title="Waiting too long", received_at=timezone.now() - timedelta(30))
    PitchFactory(
        pitch_title="Decided long ago",
        status=Pitch.Status.DECLINED,
        received_at=timezone.now() - timedelta(60),
    )
    new = PitchFactory(pitch_title="Brand new")
    call_command("send_pitch_digest")
    (digest,) = mail.outbox
    assert digest.to == ["editors@nhe.example"]
    assert digest.subject == "Pitches: 1 new, 1 waiting over 21 days"
    overdue_part, new_part = digest.body.split("New in the last 7 days")
    assert late.reference in overdue_part and "Waiting too long" in overdue_part
    assert new.reference not in overdue_part
    assert new.reference in new_part
    assert "Decided long ago" not in digest.body
    assert "https://www.nhe.example/admin/columnists/pitch/" in digest.body
