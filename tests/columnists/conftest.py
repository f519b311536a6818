import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import image_bytes

from .factories import PDF_BYTES, reviewer, started_ago


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PITCH_EDITORS_EMAIL = ["editors@nhe.example"]
    settings.SITE_URL = "https://www.nhe.example"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def private_files(_private_root):
    def listing():
        if not _private_root.exists():
            return []
        return sorted(p for p in _private_root.rglob("*") if p.is_file())

    return listing


def pitch_data(**overrides):
    """A complete, valid pitch as the browser posts it."""
    data = {
        "name": "Dr Amira Patel",
        "email": "amira.patel@example.org",
        "job_title": "Consultant geriatrician",
        "organisation": "Northshire Hospitals NHS Foundation Trust",
        "pitch_title": "Frailty at the front door",
        "synopsis": "A monthly column on caring for frail older people in emergency departments.",
        "sample_text": "The first hour decides most of what follows for a frail patient.",
        "links": "https://example.org/blog\nhttps://example.org/talk",
        "conflicts": "",
        "consent": "on",
        "leave_blank": "",
        "started": started_ago(120),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def pdf_upload(name="sample.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, "application/pdf")


def jpeg_upload(name="me.jpg", data=None):
    return SimpleUploadedFile(name, data or image_bytes("JPEG", size=(400, 500)), "image/jpeg")


@pytest.fixture
def reviewer_client(client, db):
    user = reviewer(first_name="Rita", last_name="Reviewer")
    client.force_login(user)
    client.user = user
    return client
