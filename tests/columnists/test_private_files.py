"""Pitch files have no public address; staff with the right to see pitches download them."""

import pytest
from django.urls import reverse

from .factories import PDF_BYTES, PitchFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pitch():
    return PitchFactory(with_files=True)


def file_url(pitch, which):
    return reverse("admin:columnists_pitch_file", args=[pitch.pk, which])


def test_files_live_outside_the_public_media_folder(pitch, settings):
    assert str(settings.MEDIA_ROOT) not in pitch.sample_file.path
    assert pitch.sample_file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    with pytest.raises(ValueError, match="no public address"):
        pitch.sample_file.url  # noqa: B018


def test_anonymous_visitors_are_sent_to_log_in(client, pitch):
    response = client.get(file_url(pitch, "sample"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_guessing_the_media_address_finds_nothing(client, pitch):
    name = pitch.sample_file.name
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/private/{name}").status_code == 404


def test_staff_without_pitch_permission_are_refused(client, pitch):
    client.force_login(StaffFactory())
    assert client.get(file_url(pitch, "sample")).status_code == 403


def test_reviewers_download_the_sample_as_an_attachment(reviewer_client, pitch):
    response = reviewer_client.get(file_url(pitch, "sample"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="My column.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_reviewers_download_the_headshot_as_an_attachment(reviewer_client, pitch):
    response = reviewer_client.get(file_url(pitch, "headshot"))
    assert response["Content-Type"] == "image/jpeg"
    expected = f'attachment; filename="headshot-{pitch.reference}.jpg"'
    assert response["Content-Disposition"] == expected
    b"".join(response.streaming_content)


def test_a_non_ascii_file_name_is_sent_the_rfc_6266_way(reviewer_client, pitch):
    pitch.sample_file_name = "Cháo from the ward.pdf"
    pitch.save()
    response = reviewer_client.get(file_url(pitch, "sample"))
    assert "filename*=utf-8''Ch%C3%A1o%20from%20the%20ward.pdf" in response["Content-Disposition"]
    b"".join(response.streaming_content)


def test_unknown_file_kinds_and_missing_files_are_not_found(reviewer_client):
    pitch = PitchFactory()
    assert reviewer_client.get(file_url(pitch, "sample")).status_code == 404
    other = f"/admin/columnists/pitch/{pitch.pk}/files/settings/"
    assert reviewer_client.get(other).status_code == 404


def test_the_change_page_links_to_the_downloads(reviewer_client, pitch):
    page = reviewer_client.get(
        reverse("admin:columnists_pitch_change", args=[pitch.pk])
    ).content.decode()
    assert file_url(pitch, "sample") in page
    assert file_url(pitch, "headshot") in page
