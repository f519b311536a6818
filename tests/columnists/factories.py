import importlib
import io
import zipfile

import factory
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from columnists.antispam import issue_timestamp
from columnists.models import Pitch, ReferenceSequence, duplicate_key
from columnists.storage import random_name
from tests.factories import image_bytes
from tests.signing import signed_ago


def started_ago(seconds):
    """The pitch form's start time as a page served `seconds` ago carried it."""
    return signed_ago(seconds, issue_timestamp)


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
DOCX_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="'
    b'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b"</Types>"
)


def docx_bytes(extra=(), content_types=DOCX_CONTENT_TYPES, document=b"<w:document/>"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("word/document.xml", document)
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


class PitchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pitch

    name = factory.Sequence(lambda n: f"Applicant {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    job_title = "Director of nursing"
    organisation = "Northshire Hospitals NHS Foundation Trust"
    pitch_title = factory.Sequence(lambda n: f"Notes from the ward, part {n}")
    synopsis = "A monthly column on what really happens on a busy ward."
    sample_text = "It was three in the morning when the phone rang."
    links = "https://example.org/my-blog"
    conflicts = "I sit on an advisory panel for a patient charity."
    reference = factory.LazyFunction(
        lambda: ReferenceSequence.next_reference(timezone.localdate().year)
    )
    duplicate_key = factory.LazyAttribute(lambda p: duplicate_key(p.email, p.pitch_title))

    class Params:
        with_files = factory.Trait(
            sample_file=factory.LazyFunction(
                lambda: ContentFile(PDF_BYTES, name=random_name("pitches/samples", "pdf"))
            ),
            sample_file_name="My column.pdf",
            headshot=factory.LazyFunction(
                lambda: ContentFile(
                    image_bytes("JPEG", size=(300, 300)),
                    name=random_name("pitches/headshots", "jpg"),
                )
            ),
        )


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.Sequence(lambda n: f"editor{n}@nhe.example")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")


def pitch_reviewer_group():
    """The group the data migration makes, made again if a flushing test removed it."""
    migration = importlib.import_module("columnists.migrations.0002_pitch_reviewer_group")
    migration.create_group(apps, None)
    return Group.objects.get(name=migration.GROUP)


def reviewer(**kwargs):
    """A staff member in the Pitch reviewer group."""
    user = StaffFactory(**kwargs)
    user.groups.add(pitch_reviewer_group())
    return user
