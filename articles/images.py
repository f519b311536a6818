"""Checking uploaded images and making the sizes the site shows.

An upload is trusted only after Pillow has decoded every pixel of it as JPEG, PNG or WebP
within our size limits; what we store is a fresh encoding with no metadata.
"""

import io
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")


@dataclass(frozen=True)
class RenditionSpec:
    name: str
    width: int
    height: int | None = None  # None keeps the aspect ratio; a number crops to fit


RENDITIONS = (
    RenditionSpec("thumb", 160, 160),
    RenditionSpec("teaser", 480),
    RenditionSpec("medium", 800),
    RenditionSpec("lead", 1200),
    RenditionSpec("social", 1200, 630),
)


def _decode(data: bytes) -> PILImage.Image:
    max_pixels = settings.IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            if image.width * image.height > max_pixels:
                raise ValidationError(
                    "This image is %(width)s × %(height)s pixels; the limit is %(limit)s "
                    "million pixels. Please upload a smaller version.",
                    code="too_many_pixels",
                    params={
                        "width": image.width,
                        "height": image.height,
                        "limit": max_pixels // 1_000_000,
                    },
                )
            image.load()
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise ValidationError(
            "This image is too large in pixels to be processed safely.",
            code="too_many_pixels",
        ) from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(
            "This file is not a JPEG, PNG or WebP image. Please upload a photo in one of "
            "those formats.",
            code="invalid_image",
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            "This image file is damaged or incomplete. Please export it again and retry.",
            code="broken_image",
        ) from exc
    return image


def _flatten(image: PILImage.Image) -> PILImage.Image:
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    return image


def _encode(image: PILImage.Image, source_format: str) -> tuple[bytes, str]:
    """Encode without metadata; keep PNG for images with transparency."""
    buffer = io.BytesIO()
    if image.mode == "RGBA" and source_format in ("PNG", "WEBP"):
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue(), "png"
    image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue(), "jpg"


def clean_upload(uploaded, *, max_bytes: int | None = None) -> ContentFile:
    """Validate an uploaded image and return it re-encoded, stripped of metadata.

    `max_bytes` tightens the site-wide IMAGE_MAX_UPLOAD_BYTES for one kind of upload.
    """
    limit = min(max_bytes or settings.IMAGE_MAX_UPLOAD_BYTES, settings.IMAGE_MAX_UPLOAD_BYTES)
    if uploaded.size is not None and uploaded.size > limit:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s.",
            code="file_too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    if len(data) > limit:
        raise ValidationError("This image is larger than the limit.", code="file_too_large")
    if not data:
        raise ValidationError("The image file is empty.", code="empty")
    image = _decode(data)
    source_format = image.format
    body, extension = _encode(_flatten(image), source_format)
    stem = (uploaded.name or "image").rsplit("/", 1)[-1].rsplit(".", 1)[0][:80] or "image"
    return ContentFile(body, name=f"{stem}.{extension}")


def crop_box(
    size: tuple[int, int], aspect: float, focal_point: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int, int, int]:
    """The largest (left, top, right, bottom) window of `aspect` (width / height) inside a
    picture of `size`, centred on the focal point as far as the picture's edges allow."""
    width, height = size
    if width / height > aspect:
        crop_width, crop_height = max(1, min(width, round(height * aspect))), height
    else:
        crop_width, crop_height = width, max(1, min(height, round(width / aspect)))
    left = _clamp(round(focal_point[0] * width - crop_width / 2), 0, width - crop_width)
    top = _clamp(round(focal_point[1] * height - crop_height / 2), 0, height - crop_height)
    return left, top, left + crop_width, top + crop_height


def _clamp(value, lowest, highest):
    return max(lowest, min(value, highest))


def make_rendition(
    source: PILImage.Image, spec: RenditionSpec, *, focal_point=(0.5, 0.5)
) -> tuple[ContentFile, int, int]:
    """Resize (and crop around the focal point where the spec fixes a height) and encode as
    JPEG or PNG."""
    image = _flatten(source)
    if spec.height:
        box = crop_box(image.size, spec.width / spec.height, focal_point)
        image = image.resize((spec.width, spec.height), PILImage.Resampling.LANCZOS, box=box)
    elif image.width > spec.width:
        height = round(image.height * spec.width / image.width)
        image = image.resize((spec.width, max(height, 1)), PILImage.Resampling.LANCZOS)
    body, extension = _encode(image, source.format or "JPEG")
    return ContentFile(body, name=f"{spec.name}.{extension}"), image.width, image.height


def open_stored(file) -> PILImage.Image:
    file.open("rb")
    try:
        return _decode(file.read())
    finally:
        file.close()
