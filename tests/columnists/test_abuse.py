"""Robots, floods and repeats: the form turns them away without losing real pitches."""

from datetime import timedelta

import pytest
from django.core import mail

from columnists.antispam import issue_timestamp
from columnists.models import Pitch

from .conftest import pitch_data
from .factories import started_ago

pytestmark = pytest.mark.django_db

APPLY = "/columnists/apply/"


def test_a_filled_honeypot_looks_like_success_but_keeps_nothing(client):
    response = client.post(APPLY, pitch_data(leave_blank="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you for your pitch" in response.content.decode()
    assert Pitch.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client):
    page = client.get(APPLY).content.decode()
    assert '<div class="pitch-form__trap" aria-hidden="true">' in page
    assert 'tabindex="-1"' in page


def test_a_form_sent_faster_than_a_person_could_is_returned(client):
    response = client.post(APPLY, pitch_data(started=issue_timestamp()))
    page = response.content.decode()
    assert "quicker than we expected" in page
    assert 'value="Dr Amira Patel"' in page
    assert Pitch.objects.count() == 0


@pytest.mark.parametrize(
    "started",
    ["", "forged", started_ago(3 * 24 * 3600), "eyJ0IjoxfQ:abc"],
)
def test_a_missing_forged_or_stale_start_time_asks_to_send_again(client, started):
    response = client.post(APPLY, pitch_data(started=started))
    page = response.content.decode()
    assert "This form had expired" in page
    assert 'value="Frailty at the front door"' in page
    assert Pitch.objects.count() == 0


def test_the_returned_form_carries_a_fresh_start_time(client):
    response = client.post(APPLY, pitch_data(started="forged"))
    assert 'name="started" value="forged"' not in response.content.decode()


def test_each_address_may_send_only_so_many_pitches(client, settings):
    settings.PITCH_RATE_LIMIT = 2
    for n in range(2):
        assert client.post(APPLY, pitch_data(pitch_title=f"Pitch {n}")).status_code == 302
    response = client.post(APPLY, pitch_data(pitch_title="Pitch 3"))
    assert response.status_code == 429
    assert "Too many pitches from your connection" in response.content.decode()
    assert Pitch.objects.count() == 2


def test_a_forged_forwarded_for_header_does_not_reset_the_count(client, settings):
    settings.PITCH_RATE_LIMIT = 1
    client.post(APPLY, pitch_data(pitch_title="One"), HTTP_X_FORWARDED_FOR="10.0.0.1")
    response = client.post(APPLY, pitch_data(pitch_title="Two"), HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, settings):
    settings.PITCH_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    first = client.post(APPLY, pitch_data(pitch_title="One"), HTTP_X_FORWARDED_FOR="1.1.1.1")
    spoofed = client.post(
        APPLY, pitch_data(pitch_title="Two"), HTTP_X_FORWARDED_FOR="9.9.9.9, 1.1.1.1"
    )
    other = client.post(APPLY, pitch_data(pitch_title="Three"), HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert (first.status_code, spoofed.status_code, other.status_code) == (302, 429, 302)


def test_the_same_title_from_the_same_email_within_a_day_is_not_filed_twice(client):
    client.post(APPLY, pitch_data())
    response = client.post(
        APPLY,
        pitch_data(email="Amira.Patel@Example.org", pitch_title="  frailty AT the front door "),
    )
    assert response.status_code == 200
    assert "We already have this pitch" in response.content.decode()
    assert Pitch.objects.count() == 1


def test_a_different_title_or_a_day_later_is_a_new_pitch(client):
    client.post(APPLY, pitch_data())
    client.post(APPLY, pitch_data(pitch_title="Another idea"))
    earlier = Pitch.objects.first().received_at - timedelta(days=2)
    Pitch.objects.update(received_at=earlier, received_on=earlier.date())
    client.post(APPLY, pitch_data())
    assert Pitch.objects.count() == 3
