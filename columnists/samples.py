"""Checking writing samples: PDF or DOCX, judged by their content, never their names.

A DOCX is a zip archive. We read its directory, and at most a few kilobytes of one small
member, so a zip bomb is refused from its declared sizes without ever being inflated.
"""

import stat
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

DOCX_MAX_ENTRIES = 1000
DOCX_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
DOCX_MAX_RATIO = 100  # uncompressed / compressed, for any member of a meaningful size
DOCX_MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main"
CONTENT_TYPES_READ_LIMIT = 256 * 1024

WRONG_TYPE = "The writing sample must be a PDF or a Word (.docx) document."


@dataclass(frozen=True)
class SampleKind:
    extension: str
    content_type: str


PDF = SampleKind("pdf", "application/pdf")
DOCX = SampleKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
KINDS = {kind.extension: kind for kind in (PDF, DOCX)}


def check_sample(uploaded) -> SampleKind:
    """Return the kind of a valid writing sample, or raise ValidationError saying why not."""
    limit = settings.PITCH_SAMPLE_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            "This file is %(size)s; the limit is %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    if not uploaded.size:
        raise ValidationError("The writing sample file is empty.", code="empty")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        _check_pdf(uploaded)
        return PDF
    if head.startswith(b"PK\x03\x04"):
        _check_docx(uploaded)
        return DOCX
    raise ValidationError(WRONG_TYPE, code="wrong_type")


def _check_pdf(uploaded):
    uploaded.seek(max(uploaded.size - 2048, 0))
    tail = uploaded.read()
    uploaded.seek(0)
    if b"%%EOF" not in tail:
        raise ValidationError(
            "This PDF looks incomplete. Please save it again and retry.", code="broken_pdf"
        )


def _check_docx(uploaded):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            _check_members(members)
            names = {member.filename for member in members}
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise ValidationError(WRONG_TYPE, code="wrong_type")
            with archive.open("[Content_Types].xml") as content_types:
                declared = content_types.read(CONTENT_TYPES_READ_LIMIT)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise ValidationError(
            "This Word document is damaged. Please save it again and retry.", code="broken_docx"
        ) from exc
    finally:
        uploaded.seek(0)
    if DOCX_MAIN_TYPE + b"+xml" not in declared:
        # Macro-enabled documents (.docm) and templates declare other main types.
        raise ValidationError(
            "Please send a plain Word document (.docx), without macros.", code="wrong_type"
        )


def _check_members(members):
    if len(members) > DOCX_MAX_ENTRIES:
        raise ValidationError(
            "This document holds too many parts to be a writing sample.", code="zip_bomb"
        )
    total = 0
    for member in members:
        if not is_safe_member_name(member.filename):
            raise ValidationError("This document contains unsafe file paths.", code="unsafe_docx")
        if stat.S_ISLNK(member.external_attr >> 16) or member.flag_bits & 0x1:
            raise ValidationError(
                "This document contains links or encrypted parts.", code="unsafe_docx"
            )
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > DOCX_MAX_UNCOMPRESSED_BYTES or (
            member.file_size > 1024 * 1024 and ratio > DOCX_MAX_RATIO
        ):
            raise ValidationError(
                "This document expands to far more than its size; it cannot be accepted.",
                code="zip_bomb",
            )


def is_safe_member_name(name: str) -> bool:
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    if len(name) > 1 and name[1] == ":":
        return False
    return ".." not in name.split("/")


def display_name(name: str, kind: SampleKind) -> str:
    """The sender's file name, made harmless, for staff to recognise; never a path."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    # Control and format characters (NUL, right-to-left overrides) can disguise a name.
    base = "".join(ch for ch in base if unicodedata.category(ch) not in ("Cc", "Cf"))
    stem = base.rsplit(".", 1)[0].strip(" .")[:80] or "writing-sample"
    return f"{stem}.{kind.extension}"
