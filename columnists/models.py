import calendar
import hashlib
import secrets
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from .storage import private_storage

MAX_LINKS = 5


def validate_single_line(value):
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValidationError("Please keep this to a single line of text.", code="multiline")


def validate_pitch_links(value):
    lines = [line.strip() for line in value.splitlines() if line.strip()]
    if len(lines) > MAX_LINKS:
        raise ValidationError(
            "Please give at most %(max)s links.", code="too_many_links", params={"max": MAX_LINKS}
        )
    check = URLValidator(schemes=["http", "https"])
    for line in lines:
        try:
            check(line)
        except ValidationError:
            raise ValidationError(
                "“%(link)s” is not a web address. Give full addresses starting with https://.",
                code="invalid_link",
                params={"link": line[:80]},
            ) from None


def new_access_token():
    return secrets.token_urlsafe(32)


def duplicate_key(email, title):
    """The same person pitching the same title, however they capitalise or space it."""
    normalised = " ".join(title.casefold().split())
    return hashlib.sha256(f"{email.strip().casefold()}\n{normalised}".encode()).hexdigest()


def months_before(moment, months):
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def transitions(leads_to, *step_tables):
    """The statuses each status may move to, read off the tables of steps."""
    moves = {}
    for table in step_tables:
        for status, steps in table.items():
            moves.setdefault(status, set()).update(
                leads_to[step] for step in steps if leads_to[step]
            )
    return moves


class PitchStateError(Exception):
    """A pipeline step that the pitch, as it stands, does not allow (its status, mostly)."""


class ReferenceSequence(models.Model):
    """The last reference number given out in a year; its row lock orders new pitches."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, year):
        with transaction.atomic():
            cls.objects.get_or_create(year=year)
            # The UPDATE locks the year's row until the surrounding transaction ends, so
            # concurrent submissions take numbers one after another and never share one.
            cls.objects.filter(year=year).update(last=F("last") + 1)
            number = cls.objects.values_list("last", flat=True).get(year=year)
        return f"NHE-{year}-{number:05d}"


class PitchQuerySet(models.QuerySet):
    def open(self):
        """Pitches still waiting for a decision."""
        return self.filter(status__in=Pitch.OPEN_STATUSES)

    def hand_over(self, leaver, successor):
        """Give a leaving editor's open pitches to a colleague; decided ones keep their name.
        Returns how many moved."""
        return self.open().filter(assigned_to=leaver).update(assigned_to=successor)

    def overdue(self, now=None):
        """Open pitches older than the reply time we promise applicants."""
        now = now or timezone.now()
        cutoff = now - timedelta(days=settings.PITCH_RESPONSE_DAYS)
        return self.open().filter(received_at__lt=cutoff)

    def reply_due_by(self, moment):
        """Open pitches whose reply, as promised to the applicant, is due by this moment."""
        cutoff = moment - timedelta(days=settings.PITCH_RESPONSE_DAYS)
        return self.open().filter(received_at__lte=cutoff)

    def due_for_purge(self, now=None):
        """Declined and withdrawn pitches whose personal data we no longer keep."""
        cutoff = months_before(now or timezone.now(), settings.PITCH_RETENTION_MONTHS)
        return self.filter(
            status__in=[Pitch.Status.DECLINED, Pitch.Status.WITHDRAWN],
            decided_at__lt=cutoff,
            anonymised_at__isnull=True,
        )


class Pitch(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        IN_REVIEW = "in_review", "In review"
        SHORTLISTED = "shortlisted", "Shortlisted"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Step(models.TextChoices):
        """What can be done to a pitch; the labels are the admin's buttons."""

        ASSIGN = "assign", "Assign to me"
        START_REVIEW = "start_review", "Mark as in review"
        SHORTLIST = "shortlist", "Shortlist"
        ACCEPT = "accept", "Accept and create columnist"
        DECLINE = "decline", "Decline, with an email to the applicant"
        WITHDRAW = "withdraw", "Withdraw"

    OPEN_STATUSES = (Status.RECEIVED, Status.IN_REVIEW, Status.SHORTLISTED)
    # The one table of what may happen to a pitch in each status. The admin offers exactly
    # these steps (list actions and the pitch page's buttons), and the pipeline refuses any
    # other. A decided or withdrawn pitch takes no further step; its desk notes stay editable.
    STEPS = {
        Status.RECEIVED: (Step.ASSIGN, Step.START_REVIEW, Step.SHORTLIST, Step.DECLINE),
        Status.IN_REVIEW: (Step.ASSIGN, Step.SHORTLIST, Step.DECLINE),
        Status.SHORTLISTED: (Step.ASSIGN, Step.START_REVIEW, Step.ACCEPT, Step.DECLINE),
        Status.ACCEPTED: (),
        Status.DECLINED: (),
        Status.WITHDRAWN: (),
    }
    # Where each step leads; assigning changes who has the pitch, never its status.
    STEP_LEADS_TO = {
        Step.ASSIGN: None,
        Step.START_REVIEW: Status.IN_REVIEW,
        Step.SHORTLIST: Status.SHORTLISTED,
        Step.ACCEPT: Status.ACCEPTED,
        Step.DECLINE: Status.DECLINED,
        Step.WITHDRAW: Status.WITHDRAWN,
    }
    # How the desk's messages say a step was taken: "can be shortlisted".
    STEP_DONE = {
        Step.ASSIGN: "assigned",
        Step.START_REVIEW: "marked as in review",
        Step.SHORTLIST: "shortlisted",
        Step.ACCEPT: "accepted",
        Step.DECLINE: "declined",
        Step.WITHDRAW: "withdrawn",
    }
    # The applicant may withdraw while the pitch is open; that is theirs, not the desk's.
    APPLICANT_STEPS = {
        Status.RECEIVED: (Step.WITHDRAW,),
        Status.IN_REVIEW: (Step.WITHDRAW,),
        Status.SHORTLISTED: (Step.WITHDRAW,),
    }
    TRANSITIONS = transitions(STEP_LEADS_TO, STEPS, APPLICANT_STEPS)
    # What applicants see: a small, honest vocabulary that internal steps do not disturb
    # (a shortlist can be undone, so it is not announced).
    APPLICANT_STATUS = {
        Status.RECEIVED: "Received",
        Status.IN_REVIEW: "Under review",
        Status.SHORTLISTED: "Under review",
        Status.ACCEPTED: "Accepted",
        Status.DECLINED: "Declined",
        Status.WITHDRAWN: "Withdrawn",
    }

    reference = models.CharField(max_length=20, unique=True, editable=False)
    status = models.CharField(
        max_length=20, choices=Status, default=Status.RECEIVED, editable=False
    )

    name = models.CharField("full name", max_length=150, validators=[validate_single_line])
    email = models.EmailField("email address")
    job_title = models.CharField(max_length=100, validators=[validate_single_line])
    organisation = models.CharField(max_length=140, blank=True, validators=[validate_single_line])
    pitch_title = models.CharField(
        "working title of your column", max_length=200, validators=[validate_single_line]
    )
    synopsis = models.TextField("what your column is about", max_length=4000)
    sample_text = models.TextField("writing sample", max_length=30000, blank=True)
    sample_file = models.FileField(storage=private_storage, max_length=200, blank=True)
    sample_file_name = models.CharField(max_length=120, blank=True, editable=False)
    headshot = models.FileField(storage=private_storage, max_length=200, blank=True)
    links = models.TextField(
        "links to your work", max_length=2000, blank=True, validators=[validate_pitch_links]
    )
    conflicts = models.TextField("declarations of interest", max_length=3000, blank=True)
    consented_at = models.DateTimeField(null=True, editable=False)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_pitches",
        verbose_name="assigned editor",
    )
    internal_notes = models.TextField(
        blank=True, help_text="For the desk only: never shown or sent to the applicant."
    )
    author = models.ForeignKey(
        "articles.Author",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pitches",
        editable=False,
        verbose_name="columnist",
    )

    received_at = models.DateTimeField("received", default=timezone.now, editable=False)
    received_on = models.DateField(editable=False)
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    access_token = models.CharField(
        max_length=64, unique=True, default=new_access_token, editable=False
    )
    duplicate_key = models.CharField(max_length=64, blank=True, editable=False)

    objects = PitchQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "pitches"
        ordering = ["-received_at"]
        permissions = [
            ("review_pitch", "Can move pitches through the review pipeline"),
            ("accept_pitch", "Can accept pitches and create columnists"),
        ]
        indexes = [models.Index(fields=["status", "received_at"], name="pitch_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["duplicate_key", "received_on"],
                condition=~Q(duplicate_key=""),
                name="one_pitch_per_person_title_day",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.pitch_title}" if self.pitch_title else self.reference

    def save(self, *args, **kwargs):
        if not self.received_on:
            self.received_on = timezone.localdate(self.received_at)
        super().save(*args, **kwargs)

    def get_status_url(self):
        return reverse("columnists:pitch_status", kwargs={"token": self.access_token})

    def status_link(self):
        """The applicant's status page as an absolute address, for emails."""
        return settings.SITE_URL.rstrip("/") + self.get_status_url()

    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.status]

    def allows(self, step):
        """Whether the desk may take this step now."""
        return step in self.STEPS[self.status]

    @classmethod
    def step_rule(cls, step):
        """The table's rule for a step, as a sentence for the desk."""
        allowed = [
            status.label.lower()
            for table in (cls.STEPS, cls.APPLICANT_STEPS)
            for status, steps in table.items()
            if step in steps
        ]
        listed = " or ".join(
            [", ".join(allowed[:-1]), allowed[-1]] if len(allowed) > 1 else allowed
        )
        return f"Only {listed} pitches can be {cls.STEP_DONE[step]}."

    def status_clause(self):
        return f"{self.reference} is {self.get_status_display().lower()}"

    def check_step(self, step):
        """Refuse, with the reason, a step the desk may not take in this status."""
        if not self.allows(step):
            raise PitchStateError(f"{self.status_clause()}. {self.step_rule(step)}")

    @property
    def applicant_status(self):
        return self.APPLICANT_STATUS[self.status]

    @property
    def response_due(self):
        return self.received_at + timedelta(days=settings.PITCH_RESPONSE_DAYS)

    def is_overdue(self, now=None):
        return self.is_open() and (now or timezone.now()) > self.response_due

    @property
    def role_line(self):
        if self.organisation:
            return f"{self.job_title} at {self.organisation}"
        return self.job_title

    def link_list(self):
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    def move_to(self, status, *, by=None, note=""):
        """Change status and record who did it; the caller holds the row lock."""
        if not self.can_move_to(status):
            raise PitchStateError(
                f"{self.reference} is {self.get_status_display().lower()}; it cannot become "
                f"{self.Status(status).label.lower()}."
            )
        previous = self.status
        self.status = status
        if status not in self.OPEN_STATUSES:
            self.decided_at = timezone.now()
        self.save(update_fields=["status", "decided_at"])
        return PitchEvent.objects.create(
            pitch=self, from_status=previous, to_status=status, actor=by, note=note
        )

    def anonymise(self):
        """Drop the files and everything that identifies the applicant; keep the numbers."""
        for file in (self.sample_file, self.headshot):
            if file:
                file.delete(save=False)
        for field in (
            "name",
            "email",
            "job_title",
            "organisation",
            "pitch_title",
            "synopsis",
            "sample_text",
            "sample_file_name",
            "links",
            "conflicts",
            "internal_notes",
            "duplicate_key",
        ):
            setattr(self, field, "")
        self.sample_file = self.headshot = ""
        self.access_token = new_access_token()
        self.anonymised_at = timezone.now()
        with transaction.atomic():
            self.save()
            self.emails.all().delete()
            self.events.update(note="")


class PitchEvent(models.Model):
    """One step in a pitch's history: a status change or an assignment, by whom and when."""

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, choices=Pitch.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Pitch.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="by",
    )
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField("when", default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "history entry"
        verbose_name_plural = "history"

    def __str__(self):
        return (
            f"{self.pitch.reference}: {self.get_to_status_display()} at {self.at:%d/%m/%Y %H:%M}"
        )


class PitchEmailQuerySet(models.QuerySet):
    def undelivered(self):
        return self.filter(sent_at__isnull=True, attempts__lt=PitchEmail.MAX_ATTEMPTS)


class PitchEmail(models.Model):
    """Every email about a pitch, kept until delivered so that a mail outage loses nothing."""

    MAX_ATTEMPTS = 10

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Confirmation to the applicant"
        NEW_PITCH = "new_pitch", "New pitch, to the editors"
        DECLINE = "decline", "Decline"
        ACCEPTANCE = "acceptance", "Acceptance"
        WITHDRAWAL = "withdrawal", "Withdrawal, to the editors"

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="emails")
    kind = models.CharField(max_length=20, choices=Kind)
    recipients = models.JSONField(default=list)
    subject = models.CharField(max_length=255)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    objects = PitchEmailQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "email"

    def __str__(self):
        return self.subject
