from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from articles.models import Article

REMOVED = "[removed]"
# Why a comment waits when no rule flagged it: the site reads every comment first.
PREMODERATED = "Pre-moderation: every comment is read before it appears"
REPORT_NOTE_MAX_LENGTH = 500
# What readers see in place of a passage a moderator removed.
REDACTED = "[removed by a moderator]"


class CommentQuerySet(models.QuerySet):
    def visible(self):
        """What readers may see: approved, under a shown parent, and not under a legal hold."""
        approved = Comment.Status.APPROVED
        return self.filter(
            Q(parent__isnull=True) | Q(parent__status=approved),
            Q(article__comment_settings__isnull=True)
            | Q(article__comment_settings__legal_hold=False),
            status=approved,
        )

    def reportable(self):
        """What a reader may report: a comment they can see, not removed by a moderator and
        not a reply from NHE staff, under a piece readers can see."""
        return (
            self.visible()
            .exclude(body=REMOVED)
            .exclude(is_staff_reply=True)
            .filter(article__in=Article.objects.published())
        )

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def reported(self):
        """Comments with reader reports that no moderator has reviewed yet."""
        unresolved = Report.objects.filter(comment=models.OuterRef("pk"), resolved=False)
        return self.filter(models.Exists(unresolved))

    def under_safety_hold(self):
        """Comments held for a legal risk: only a moderator's confirmed, one-by-one approval
        may publish them."""
        return self.exclude(safety_hold="")

    def by_email(self, email):
        # Compared through Lower() so that the comment_email_idx index on it is used.
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.strip().lower())

    def visible_counts(self, article_ids):
        """How many comments readers see on each of the articles, as {article id: count};
        articles with none are left out."""
        counts = (
            self.visible()
            .filter(article__in=article_ids)
            .order_by()
            .values_list("article")
            .annotate(total=models.Count("*"))
        )
        return dict(counts)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    class SafetyHold(models.TextChoices):
        """Legal risks that keep a comment hidden until a moderator confirms it is safe."""

        PATIENT_INFORMATION = "patient", "patient information"
        DEFAMATION = "defamation", "possible defamation"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The comment this one replies to; replies go one level deep.",
    )
    name = models.CharField(max_length=80)
    email = models.EmailField(help_text="Never shown to readers.")
    body = models.TextField()
    notify_replies = models.BooleanField(
        "notify me of replies",
        default=False,
        help_text="Email the author when a reply to this comment is approved.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    held_reason = models.CharField(
        max_length=200, blank=True, help_text="Why the moderation policy held or flagged it."
    )
    safety_hold = models.CharField(
        max_length=20,
        choices=SafetyHold,
        blank=True,
        help_text=(
            "Set when the comment may hold patient information or be defamatory. Bulk "
            "approval leaves it alone; approving it one by one needs a confirmation."
        ),
    )
    report_count = models.PositiveIntegerField(
        default=0, help_text="Reader reports since a moderator last reviewed it."
    )
    ip_hash = models.CharField(
        "IP address hash", max_length=64, blank=True, help_text="A keyed hash, never the address."
    )
    is_staff_reply = models.BooleanField(
        "NHE staff reply",
        default=False,
        help_text="Posted by a moderator from the admin and marked as NHE staff on the page.",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("can_moderate", "Can approve, reject and mark comments as spam")]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["article", "status", "parent"], name="comment_count_idx"),
            models.Index(fields=["status", "created_at"], name="comment_queue_idx"),
            models.Index(Lower("email"), name="comment_email_idx"),
        ]

    def __str__(self):
        return f"{self.name} on {self.article}"

    def get_absolute_url(self):
        """The permalink: the article page that lists this comment's thread, at the comment."""
        return f"{self.thread_url()}#{self.anchor()}"

    @property
    def hold_reason(self):
        """Why the comment waits or was turned away, in words for moderators. Comments held
        before pre-moderation gave its reason carry none, so it is named here."""
        if self.held_reason:
            return self.held_reason
        if self.status == Comment.Status.PENDING:
            return PREMODERATED
        return ""

    def thread_url(self):
        """The article page that lists this comment's thread."""
        root = self.parent or self
        earlier_threads = (
            Comment.objects.visible()
            .filter(article_id=self.article_id, parent__isnull=True)
            .filter(
                Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk)
            )
            .count()
        )
        page = earlier_threads // settings.COMMENTS_PAGE_SIZE + 1
        query = f"?comments={page}" if page > 1 else ""
        return f"{self.article.get_absolute_url()}{query}"

    @property
    def is_removed(self):
        return self.body == REMOVED

    def anchor(self):
        return f"comment-{self.pk}"


class Report(models.Model):
    """A reader's report that a comment breaks the rules, with the reason they gave."""

    class Reason(models.TextChoices):
        PATIENT_INFORMATION = "patient", "It contains patient information"
        DEFAMATION = "defamation", "It may be defamatory"
        MISINFORMATION = "misinformation", "It spreads clinical misinformation"
        ABUSE = "abuse", "It is abusive"
        SPAM = "spam", "It is spam"

    # Reasons that carry legal risk hide the comment at once, before any threshold, under a
    # safety hold that only a confirmed approval lifts.
    SAFETY_HOLDS = {
        Reason.PATIENT_INFORMATION: Comment.SafetyHold.PATIENT_INFORMATION,
        Reason.DEFAMATION: Comment.SafetyHold.DEFAMATION,
    }

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=Reason)
    note = models.TextField(
        "reader's note",
        blank=True,
        max_length=REPORT_NOTE_MAX_LENGTH,
        help_text="What the reader added in their own words; shown to moderators only.",
    )
    ip_hash = models.CharField("IP address hash", max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    resolved = models.BooleanField(
        default=False, help_text="Set when a moderator reviews the comment again."
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "ip_hash"], name="one_report_per_reader"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.comment_id})"


class ReportedComment(Comment):
    """The reported-comments queue: comments with reader reports not yet reviewed."""

    class Meta:
        proxy = True
        verbose_name = "reported comment"


class Redaction(models.Model):
    """A passage a moderator removed from a comment: who, when, what, and the comment as it
    stood before. Shown to moderators only; readers see REDACTED in its place."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="redactions")
    removed_text = models.TextField("removed passage")
    body_before = models.TextField("comment before the redaction")
    note = models.CharField(max_length=300, blank=True, help_text="Internal: why.")
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    redacted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["redacted_at", "pk"]

    def __str__(self):
        return f"Redaction of comment {self.comment_id}"


class CommenterBlockQuerySet(models.QuerySet):
    def in_force(self, now=None):
        return self.filter(blocked_until__gt=now or timezone.now())

    def matching(self, *, email, ip_hash):
        """Blocks on this address, or on this network address's hash when there is one."""
        same_poster = Q(email=email.strip().lower())
        if ip_hash:
            same_poster |= Q(ip_hash=ip_hash)
        return self.filter(same_poster)


class CommenterBlock(models.Model):
    """A commenter a moderator stopped from posting for a while, known by their email address
    and the keyed hash of their network address; the block lapses by itself."""

    email = models.EmailField(help_text="Stored lower-case; never shown in full.")
    ip_hash = models.CharField("IP address hash", max_length=64, blank=True)
    blocked_until = models.DateTimeField(db_index=True)
    note = models.CharField(max_length=300, blank=True, help_text="Internal: why.")
    comment = models.ForeignKey(
        Comment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The comment the block was made from.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CommenterBlockQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "blocked commenter"

    def __str__(self):
        return f"Block until {self.blocked_until:%d/%m/%Y %H:%M}"


class BlockedPhrase(models.Model):
    """A word or phrase that marks a comment as spam; matched as whole words."""

    phrase = models.CharField(max_length=200, unique=True)
    note = models.CharField(max_length=200, blank=True, help_text="Why it is on the list.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase


class ArticleCommentSettings(models.Model):
    """Whether an article takes comments, until when, and whether a legal hold hides them.

    An article without a row keeps the defaults: open, closing the usual number of days
    after publication, no hold.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="comment_settings"
    )
    comments_open = models.BooleanField(
        default=True,
        help_text="Untick to close comments on this article now; what is shown stays shown.",
    )
    open_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text=(
            "Keep comments open until this time instead of closing them the usual number "
            "of days after publication. Leave empty for the usual rule."
        ),
    )
    legal_hold = models.BooleanField(
        default=False,
        help_text=(
            "Closes comments and hides every comment on this article at once, e.g. during "
            "an active court case or inquest, until the hold is lifted."
        ),
    )
    legal_hold_note = models.CharField(
        max_length=300, blank=True, help_text="Internal: which case, and who asked for the hold."
    )

    class Meta:
        verbose_name = "comment settings"
        verbose_name_plural = "comment settings"

    def __str__(self):
        return f"Comment settings for {self.article}"
