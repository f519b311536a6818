"""The upload attack set: every bad file is a clear error, leaves nothing behind, never a 500."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from columnists.models import Pitch
from tests.factories import image_bytes

from .conftest import jpeg_upload, pdf_upload, pitch_data
from .factories import PDF_BYTES, docx_bytes

pytestmark = pytest.mark.django_db

APPLY = "/columnists/apply/"


def send(client, **files):
    return client.post(APPLY, pitch_data(**files))


def assert_refused(response, message, private_files):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Pitch.objects.count() == 0
    assert private_files() == []


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"x")
        archive.writestr("word/document.xml", b"\x00" * (60 * 1024 * 1024))
    return buffer.getvalue()


def many_entries():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(1001):
            archive.writestr(f"word/media/{n}.xml", b"")
    return buffer.getvalue()


def zipfile_with(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_bomb():
    """A 60-byte PNG that declares 50,000 × 50,000 pixels."""
    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b""))
        + png_chunk(b"IEND", b"")
    )


SAMPLE_ATTACKS = {
    "text renamed .pdf": (b"Just some words, honestly a PDF.", "sample.pdf", "must be a PDF or"),
    "html renamed .pdf": (
        b"<html><script>alert(1)</script></html>",
        "sample.pdf",
        "must be a PDF",
    ),
    "exe renamed .docx": (b"MZ\x90\x00" + b"\x00" * 300, "sample.docx", "must be a PDF or"),
    "pdf without an end": (PDF_BYTES[:40], "cut.pdf", "looks incomplete"),
    "zip bomb renamed .docx": (zip_bomb, "sample.docx", "expands to far more than its size"),
    "too many entries": (many_entries, "sample.docx", "too many parts"),
    "docx with ../ entries": (
        docx_bytes(extra=[("../../evil.py", b"print(1)")]),
        "sample.docx",
        "unsafe file paths",
    ),
    "docx with an absolute path": (
        docx_bytes(extra=[("/etc/cron.d/x", b"x")]),
        "sample.docx",
        "unsafe file paths",
    ),
    "macro-enabled document": (
        docx_bytes(
            content_types=b'<Types><Override ContentType="application/vnd.ms-word.document.'
            b'macroEnabled.main+xml"/></Types>',
            extra=[("word/vbaProject.bin", b"macro")],
        ),
        "sample.docm.docx",
        "without macros",
    ),
    "corrupt zip": (b"PK\x03\x04" + b"\x00" * 100, "sample.docx", "damaged"),
    "empty file": (b"", "sample.pdf", "The writing sample file is empty."),
}


SAMPLE_ATTACKS["zip without a document"] = (
    zipfile_with({"notes.txt": b"hi"}),
    "sample.docx",
    "must be a PDF or",
)


@pytest.mark.parametrize("case", SAMPLE_ATTACKS, ids=list(SAMPLE_ATTACKS))
def test_bad_writing_samples_are_refused(client, private_files, case):
    data, name, message = SAMPLE_ATTACKS[case]
    data = data() if callable(data) else data
    response = send(client, sample_text="", sample_file=SimpleUploadedFile(name, data))
    assert_refused(response, message, private_files)


HEADSHOT_ATTACKS = {
    "text renamed .jpg": (b"not a picture", "me.jpg", "not a JPEG, PNG or WebP"),
    "html renamed .jpg": (b"<html><body onload=alert(1)>", "me.jpg", "not a JPEG, PNG or WebP"),
    "svg with script": (
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "me.svg",
        "not a JPEG, PNG or WebP",
    ),
    "gif": (image_bytes("GIF"), "me.gif", "not a JPEG, PNG or WebP"),
    "pixel bomb": (pixel_bomb(), "me.png", "pixels"),
    "truncated jpeg": (image_bytes("JPEG", size=(800, 600))[:600], "me.jpg", "damaged"),
}


@pytest.mark.parametrize("case", HEADSHOT_ATTACKS, ids=list(HEADSHOT_ATTACKS))
def test_bad_headshots_are_refused(client, private_files, case):
    data, name, message = HEADSHOT_ATTACKS[case]
    response = send(client, headshot=SimpleUploadedFile(name, data, "image/jpeg"))
    assert_refused(response, message, private_files)


def test_a_png_followed_by_html_is_stored_without_the_html(client, private_files):
    polyglot = image_bytes("PNG", size=(200, 200)) + b"<html><script>alert(1)</script></html>"
    response = send(client, headshot=SimpleUploadedFile("me.png", polyglot, "image/png"))
    assert response.status_code == 302
    (stored,) = private_files()
    content = stored.read_bytes()
    assert b"<script>" not in content
    with PILImage.open(stored) as image:
        assert image.size == (200, 200)


def test_headshot_metadata_is_stripped_and_orientation_applied(client, private_files):
    exif = PILImage.Exif()
    exif[0x0112] = 6  # shown turned 90°
    exif[0x8825] = {2: (51, 30, 0)}  # GPS
    data = image_bytes("JPEG", size=(400, 200), exif=exif.tobytes())
    send(client, headshot=jpeg_upload(data=data))
    (stored,) = private_files()
    with PILImage.open(stored) as image:
        assert image.size == (200, 400)
        assert not image.getexif()


def test_a_headshot_over_the_size_limit_is_refused(client, private_files, settings):
    settings.PITCH_HEADSHOT_MAX_BYTES = 1000
    response = send(client, headshot=jpeg_upload(data=image_bytes("JPEG", size=(600, 600))))
    assert_refused(response, "the limit is 1000\xa0bytes", private_files)


def test_a_sample_over_the_size_limit_is_refused(client, private_files, settings):
    settings.PITCH_SAMPLE_MAX_BYTES = 100
    response = send(client, sample_text="", sample_file=pdf_upload())
    assert_refused(response, "the limit is 100\xa0bytes", private_files)


def test_a_valid_docx_is_accepted(client, private_files):
    response = send(client, sample_text="", sample_file=SimpleUploadedFile("c.docx", docx_bytes()))
    assert response.status_code == 302
    assert Pitch.objects.get().sample_file.name.endswith(".docx")


@pytest.mark.parametrize(
    "hostile,shown",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("<script>alert(1)</script>.pdf", None),
        ("a" * 300 + ".pdf", "a" * 80 + ".pdf"),
        ("cv\u202egpj.exe", "cvgpj.pdf"),
        ("shell.php", "shell.pdf"),
    ],
)
def test_hostile_file_names_never_become_paths(client, private_files, hostile, shown):
    response = send(client, sample_text="", sample_file=SimpleUploadedFile(hostile, PDF_BYTES))
    assert response.status_code == 302
    pitch = Pitch.objects.get()
    (stored,) = private_files()
    assert stored.suffix == ".pdf"
    assert stored.parent.name == "samples"
    assert "/" not in pitch.sample_file_name
    assert "\u202e" not in pitch.sample_file_name
    if shown:
        assert pitch.sample_file_name == shown


def test_an_over_size_body_is_refused_before_it_is_read(client, private_files, settings):
    settings.PITCH_SAMPLE_MAX_BYTES = 10_000
    settings.PITCH_HEADSHOT_MAX_BYTES = 10_000
    big = SimpleUploadedFile("huge.pdf", PDF_BYTES + b" " * (1100 * 1024))
    response = send(client, sample_file=big)
    assert response.status_code == 413
    assert "Your files are too large" in response.content.decode()
    assert Pitch.objects.count() == 0
    assert private_files() == []


def test_files_are_not_kept_when_saving_the_pitch_fails(client, private_files, monkeypatch):
    from columnists import pipeline

    def broken(year):
        raise RuntimeError("database went away")

    monkeypatch.setattr(pipeline.ReferenceSequence, "next_reference", broken)
    client.raise_request_exception = False
    response = send(client, sample_file=pdf_upload(), headshot=jpeg_upload())
    assert response.status_code == 500
    assert Pitch.objects.count() == 0
    assert private_files() == []


def test_several_files_under_one_name_are_refused(client, private_files):
    bad_then_good = [SimpleUploadedFile("a.pdf", b"<html>"), pdf_upload()]
    response = send(client, sample_file=bad_then_good)
    assert_refused(response, "Please attach one file.", private_files)
