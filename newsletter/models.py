"""Subscribers and their consent, the issues of the bulletin, and each issue's deliveries."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section


def new_key():
    return secrets.token_urlsafe(16)


class SubscriberQuerySet(models.QuerySet):
    def by_email(self, email):
        return self.filter(email__iexact=email.strip())

    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def receiving(self, edition):
        """Who gets an issue of this edition: confirmed readers who chose it."""
        return self.confirmed().filter(frequency=edition)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Stopped: address bounced"
        COMPLAINED = "complained", "Stopped: marked as spam"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Every weekday morning"
        WEEKLY = "weekly", "Once a week"

    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=20, choices=Status, default=Status.PENDING)
    frequency = models.CharField(max_length=10, choices=Frequency, default=Frequency.DAILY)
    # None chosen means every section.
    sections = models.ManyToManyField(Section, blank=True, related_name="+")
    # Signed links carry it; a new key (after erasure or on request) retires every old link.
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    stop_reason = models.CharField(max_length=300, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_unique")
        ]
        indexes = [
            models.Index(
                fields=["frequency", "id"],
                condition=Q(status="confirmed"),
                name="newsletter_receiving_idx",
            )
        ]

    def __str__(self):
        return self.email


class Consent(models.Model):
    """What a reader agreed to, when, on which page and in which wording (UK GDPR, PECR)."""

    class Action(models.TextChoices):
        REQUESTED = "requested", "Asked to subscribe"
        CONFIRMED = "confirmed", "Confirmed by email"
        CHANGED = "changed", "Changed preferences"
        WITHDRAWN = "withdrawn", "Unsubscribed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    action = models.CharField(max_length=20, choices=Action)
    at = models.DateTimeField(default=timezone.now)
    wording_version = models.CharField(max_length=20)
    source = models.CharField(max_length=500, blank=True, help_text="The page the form was on.")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"


class IssueQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=Issue.Status.SENT)

    def due(self, at=None):
        return self.filter(status=Issue.Status.SCHEDULED, send_at__lte=at or timezone.now())


class Issue(models.Model):
    class Edition(models.TextChoices):
        DAILY = "daily", "Daily bulletin"
        WEEKLY = "weekly", "Weekly digest"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    edition = models.CharField(max_length=10, choices=Edition, default=Edition.DAILY)
    subject = models.CharField(max_length=150)
    intro = models.TextField(
        "introduction", blank=True, help_text="Plain text, shown above the top story."
    )
    covers_from = models.DateTimeField(help_text="Pieces that went public after this time ...")
    covers_until = models.DateTimeField(help_text="... and up to this one.")
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    send_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sending_started_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    articles = models.ManyToManyField(Article, through="IssueItem", related_name="+")

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-covers_until", "-pk"]
        indexes = [models.Index(fields=["status", "send_at"])]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("newsletter:issue", args=[self.pk])

    def clean(self):
        super().clean()
        # A subject becomes a mail header: a line break in it could start a header of its own.
        if any(character in self.subject for character in "\r\n\x0b\x0c\x85\u2028\u2029"):
            raise ValidationError({"subject": "The subject must be one line."})


def public_pieces():
    """What the admin's search offers for an issue: public pieces, and those already in an
    issue, so that an issue holding a piece unpublished since still saves (its form refuses
    such a piece as a new choice, and readers never see it)."""
    return Q(pk__in=Article.objects.published().values("pk")) | Q(
        pk__in=IssueItem.objects.values("article")
    )


class IssueItem(models.Model):
    class Slot(models.TextChoices):
        TOP = "top", "Top story"
        SECTION = "section", "Section"
        LAST_WORD = "last_word", "Last word"
        VIDEO = "video", "NHE TV"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", limit_choices_to=public_pieces
    )
    slot = models.CharField(max_length=20, choices=Slot, default=Slot.SECTION)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "article"], name="newsletter_item_unique")
        ]

    def __str__(self):
        return str(self.article)


class Delivery(models.Model):
    """One issue to one subscriber: claimed before the message goes, settled after."""

    class Status(models.TextChoices):
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (temporary)"
        BOUNCED = "bounced", "Refused (address stopped)"
        UNKNOWN = "unknown", "Unknown (sending was interrupted)"

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=Status, default=Status.SENDING)
    attempted_at = models.DateTimeField(default=timezone.now)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self):
        return f"{self.issue} to {self.subscriber}"
