"""The pitch workflows that span models: submitting, reviewing, deciding, withdrawing.

Each step locks the pitch, checks that its status allows the step, records who did it,
and queues any email in the same transaction.
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Author, Image

from . import emails
from .models import Pitch, PitchEmail, PitchStateError, ReferenceSequence, duplicate_key
from .storage import private_storage, random_name

DUPLICATE_WINDOW_HOURS = 24
Status = Pitch.Status
Step = Pitch.Step

__all__ = [
    "DuplicatePitch",
    "PitchStateError",
    "accept",
    "assign",
    "decline",
    "shortlist",
    "start_review",
    "submit",
    "withdraw",
]


class DuplicatePitch(Exception):
    """The same email address sent the same title within the last day."""


def is_duplicate(email, title, now=None):
    since = (now or timezone.now()) - timedelta(hours=DUPLICATE_WINDOW_HOURS)
    return Pitch.objects.filter(
        duplicate_key=duplicate_key(email, title), received_at__gte=since
    ).exists()


def submit(*, data: dict, sample=None, sample_kind=None, sample_name="", headshot=None) -> Pitch:
    """Store a new pitch with its files, record its receipt, and queue both emails.

    `data` holds the form's cleaned text fields; `sample` and `headshot` are already
    checked (the headshot re-encoded). Files are written under random names first and
    removed again if the pitch cannot be saved, so nothing is left half-way. The files are
    outside the database, so the pitch's transaction must be its own (durable): inside a
    larger one, a later rollback would drop the rows and leave the files behind.
    """
    if is_duplicate(data["email"], data["pitch_title"]):
        raise DuplicatePitch
    pitch = Pitch(**data, consented_at=timezone.now())
    pitch.duplicate_key = duplicate_key(pitch.email, pitch.pitch_title)
    stored = []
    try:
        if sample is not None:
            pitch.sample_file.name = _store(sample, "samples", sample_kind.extension)
            stored.append(pitch.sample_file.name)
            pitch.sample_file_name = sample_name
        if headshot is not None:
            extension = headshot.name.rsplit(".", 1)[-1]
            pitch.headshot.name = _store(headshot, "headshots", extension)
            stored.append(pitch.headshot.name)
        with transaction.atomic(durable=True):
            pitch.reference = ReferenceSequence.next_reference(timezone.localdate().year)
            pitch.save()
            pitch.events.create(to_status=Status.RECEIVED, note="Sent through the pitch form")
            emails.queue_from_template(
                pitch, PitchEmail.Kind.CONFIRMATION, [pitch.email], "confirmation"
            )
            emails.queue_from_template(
                pitch, PitchEmail.Kind.NEW_PITCH, settings.PITCH_EDITORS_EMAIL, "new_pitch"
            )
    except IntegrityError as exc:
        _remove(stored)
        # Two identical submissions racing each other: the database kept the first.
        if Pitch.objects.filter(
            duplicate_key=pitch.duplicate_key, received_on=pitch.received_on
        ).exists():
            raise DuplicatePitch from exc
        raise
    except BaseException:
        _remove(stored)
        raise
    return pitch


def _store(content, folder, extension):
    content.seek(0)
    return private_storage().save(random_name(f"pitches/{folder}", extension), content)


def _remove(names):
    for name in names:
        private_storage().delete(name)


def _locked(pitch):
    return Pitch.objects.select_for_update().get(pk=pitch.pk)


def assign(pitch: Pitch, *, to, by) -> Pitch:
    """Give an open pitch to an editor. Only that: its status stays as it was, so the
    desk's next step (marking it in review, say) is still there to take."""
    with transaction.atomic():
        pitch = _locked(pitch)
        pitch.check_step(Step.ASSIGN)
        if pitch.assigned_to_id == to.pk:
            raise PitchStateError(f"{pitch.reference} is already assigned to {_name(to)}.")
        pitch.assigned_to = to
        pitch.save(update_fields=["assigned_to"])
        pitch.events.create(
            from_status=pitch.status,
            to_status=pitch.status,
            actor=by,
            note=f"Assigned to {_name(to)}",
        )
    return pitch


def _name(user):
    return user.get_full_name() or user.get_username()


def start_review(pitch: Pitch, *, by) -> Pitch:
    with transaction.atomic():
        pitch = _locked(pitch)
        pitch.check_step(Step.START_REVIEW)
        pitch.move_to(Status.IN_REVIEW, by=by)
    return pitch


def shortlist(pitch: Pitch, *, by) -> Pitch:
    with transaction.atomic():
        pitch = _locked(pitch)
        pitch.check_step(Step.SHORTLIST)
        pitch.move_to(Status.SHORTLISTED, by=by)
    return pitch


def decline(pitch: Pitch, *, by, subject: str, body: str) -> Pitch:
    """Decline, and send the applicant the editor's (possibly edited) letter."""
    with transaction.atomic():
        pitch = _locked(pitch)
        pitch.check_step(Step.DECLINE)
        pitch.move_to(Status.DECLINED, by=by)
        emails.queue(
            pitch,
            PitchEmail.Kind.DECLINE,
            [pitch.email],
            emails.fill_placeholders(subject, pitch),
            emails.fill_placeholders(body, pitch),
        )
    return pitch


def withdraw(pitch: Pitch) -> Pitch:
    """The applicant withdraws their pitch from the status page."""
    with transaction.atomic():
        pitch = _locked(pitch)
        pitch.move_to(Status.WITHDRAWN, note="Withdrawn by the applicant")
        emails.queue_from_template(
            pitch, PitchEmail.Kind.WITHDRAWAL, settings.PITCH_EDITORS_EMAIL, "withdrawn"
        )
    return pitch


def accept(pitch: Pitch, *, by, subject: str, body: str, author: Author | None = None) -> Author:
    """Accept a pitch: make (or mark) its author a columnist, record it, tell the applicant."""
    with transaction.atomic():
        pitch = _locked(pitch)
        pitch.check_step(Step.ACCEPT)
        author = _columnist_for(pitch, author)
        pitch.author = author
        pitch.save(update_fields=["author"])
        pitch.move_to(Status.ACCEPTED, by=by, note=f"Columnist: {author.name}")
        emails.queue(
            pitch,
            PitchEmail.Kind.ACCEPTANCE,
            [pitch.email],
            emails.fill_placeholders(subject, pitch),
            emails.fill_placeholders(body, pitch),
        )
    return author


def matching_author(pitch: Pitch) -> Author | None:
    """An existing author of the same name, whom the editor may mean to link."""
    return Author.objects.filter(name__iexact=pitch.name.strip()).first()


def _columnist_for(pitch: Pitch, author: Author | None) -> Author:
    """Carry the pitch's details onto a new author, or into the blanks of an existing one."""
    if author is None:
        author = Author(name=pitch.name, slug=_unique_author_slug(pitch.name))
    else:
        author = Author.objects.select_for_update().get(pk=author.pk)
    for field, value in (
        ("role_line", pitch.role_line),
        ("organisation", pitch.organisation),
        ("declarations", pitch.conflicts),
        ("links", pitch.links),
    ):
        if value and not getattr(author, field):
            setattr(author, field, value)
    author.is_columnist = True
    if pitch.headshot and author.headshot_id is None:
        author.headshot = _headshot_image(pitch)
    author.save()
    return author


def _headshot_image(pitch: Pitch) -> Image:
    with pitch.headshot.open("rb") as source:
        data = source.read()
    extension = pitch.headshot.name.rsplit(".", 1)[-1]
    image = Image(alt_text=f"{pitch.name}"[:250], credit="")
    image.file = ContentFile(data, name=f"{slugify(pitch.name) or 'columnist'}.{extension}")
    image.save()
    return image


def _unique_author_slug(name):
    base = slugify(name)[:140] or "columnist"
    slug, n = base, 2
    while Author.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
