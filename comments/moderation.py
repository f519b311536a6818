"""The moderation policy: who may post, when, and what happens to a comment on arrival.

Every rule reads its setting (COMMENTS_* in the settings module) when it runs, so tests and
deployments can change the policy without touching this code.
"""

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django_ratelimit.core import is_ratelimited

from articles.background import enqueue_after_commit

from . import signals, tasks
from .models import (
    PREMODERATED,
    REDACTED,
    ArticleCommentSettings,
    BlockedPhrase,
    Comment,
    CommenterBlock,
    Redaction,
    Report,
)

FORM_TOKEN_SALT = "comments.form-token"  # noqa: S105 (a namespace)  # nosec B105
LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    status: str
    reason: str = ""  # for moderators
    safety_hold: str = ""  # a legal risk that only a confirmed approval may publish

    @property
    def is_published(self):
        return self.status == Comment.Status.APPROVED


# Shown to the author at their comment while it waits (comments/discussion.py).
PATIENT_DATA_NOTICE = (
    "Your comment seems to include details that could identify a patient, such as an NHS "
    "number or a date of birth beside a name. A moderator will check it before it appears. "
    "Please never share patient details here."
)


def decide(*, name: str, email: str, body: str) -> Decision:
    """What happens to a new comment, most serious rule first."""
    blocked = blocked_phrase_in(f"{name}\n{body}")
    if blocked:
        return Decision(Comment.Status.SPAM, f"Blocked phrase: {blocked}")
    if looks_like_patient_data(body):
        return Decision(
            Comment.Status.PENDING,
            "May contain patient information",
            safety_hold=Comment.SafetyHold.PATIENT_INFORMATION,
        )
    links = count_links(body)
    if links > settings.COMMENTS_MAX_LINKS:
        return Decision(Comment.Status.PENDING, f"Contains {links} links")
    if settings.COMMENTS_TRUST_APPROVED_EMAILS and has_approved_comment(email):
        return Decision(Comment.Status.APPROVED, "Author has an earlier approved comment")
    if settings.COMMENTS_PREMODERATE:
        return Decision(Comment.Status.PENDING, PREMODERATED)
    return Decision(Comment.Status.APPROVED)


def has_approved_comment(email: str) -> bool:
    return Comment.objects.by_email(email).filter(status=Comment.Status.APPROVED).exists()


def count_links(text: str) -> int:
    return len(LINK.findall(text))


# Blocklist ----------------------------------------------------------------------------------


def normalise_words(text: str) -> str:
    """Lower-case words without accents or invisible characters, separated by single spaces.

    Whole-word matching on this form means "press" does not catch "WordPress", while
    "Ｃｈｅａｐ  P\u200bills" still reads as "cheap pills".
    """
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    kept = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char) != "Cf"
    )
    return " ".join(re.findall(r"\w+", kept))


def blocked_phrase_in(text: str) -> str | None:
    """The first blocked phrase the text contains as whole words, or None."""
    words = f" {normalise_words(text)} "
    for phrase in BlockedPhrase.objects.values_list("phrase", flat=True):
        wanted = normalise_words(phrase)
        if wanted and f" {wanted} " in words:
            return phrase
    return None


# Patient-data guard ---------------------------------------------------------------------------

NHS_NUMBER = re.compile(r"(?<![\d])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d])")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_NAME = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?"
    r"[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?\s+[A-Z][a-z]+(?:['-][A-Z]?[a-z]+)?"
)
_BESIDE = r"[\s,;:()\-]{1,4}(?:(?:born|b\.|dob:?|d\.o\.b\.?:?)\s*)?"
DOB_WORDS = re.compile(
    rf"\b(?:d\.?o\.?b\b\.?|date of birth|born on|born).{{0,20}}?{_DATE}", re.IGNORECASE
)
NAME_BESIDE_DATE = re.compile(
    rf"\b{_NAME}{_BESIDE}(?i:{_DATE})|(?i:{_DATE})[\s,;:()\-]{{1,4}}{_NAME}\b"
)


def is_nhs_number(digits: str) -> bool:
    """True when ten digits pass the NHS number modulus-11 check."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def looks_like_patient_data(text: str) -> bool:
    if any(is_nhs_number("".join(match.groups())) for match in NHS_NUMBER.finditer(text)):
        return True
    return bool(DOB_WORDS.search(text) or NAME_BESIDE_DATE.search(text))


# Closing --------------------------------------------------------------------------------------


class State(enum.Enum):
    OPEN = "open"
    CLOSED = "closed"
    LEGAL_HOLD = "legal hold"


def comment_settings_for(article):
    """The article's comment settings, or None when it keeps the defaults."""
    try:
        return article.comment_settings
    except ArticleCommentSettings.DoesNotExist:
        return None


def closes_at(article, comment_settings=None):
    """When comments on the article close by themselves, or None if they never do."""
    if comment_settings and comment_settings.open_until:
        return comment_settings.open_until
    days = settings.COMMENTS_CLOSE_AFTER_DAYS
    return article.publish_at + timedelta(days=days) if days > 0 else None


def state_of(article, comment_settings=None, now=None) -> State:
    if comment_settings and comment_settings.legal_hold:
        return State.LEGAL_HOLD
    if comment_settings and not comment_settings.comments_open:
        return State.CLOSED
    closing = closes_at(article, comment_settings)
    if closing is not None and (now or timezone.now()) >= closing:
        return State.CLOSED
    return State.OPEN


# Who is posting -------------------------------------------------------------------------------


def hash_ip(ip: str) -> str:
    """A keyed hash of an address: comparable between comments, not reversible to it."""
    key = settings.COMMENTS_IP_HASH_KEY or settings.SECRET_KEY
    return salted_hmac("comments.ip-address", ip, secret=key, algorithm="sha256").hexdigest()


def over_rate_limit(request, scope: str, limit: int, *, email: str = "") -> bool:
    """Count one attempt by the visitor's IP address, or by the email when one is given;
    True once this window's limit for the scope is passed (COMMENTS_RATE_WINDOW)."""
    key = (lambda group, request: email.casefold()) if email else "ip"
    return is_ratelimited(
        request,
        group=f"comments:{scope}",
        key=key,
        rate=f"{limit}/{settings.COMMENTS_RATE_WINDOW}s",
        increment=True,
    )


# Signed form timestamp ------------------------------------------------------------------------


STALE_FORM = (
    "This page was open for a long time, so we could not accept the comment. "
    "Your words are still here: please send them again."
)
UNCHECKED_FORM = "We could not check this form. Your words are still here: please send them again."
TOO_FAST = (
    "That was sent faster than anyone can type, so we held back. "
    "Please check your comment and send it again."
)


def form_signer():
    return signing.TimestampSigner(salt=FORM_TOKEN_SALT)


def form_token(article_id: int) -> str:
    """The article's id, signed with the time the form was served."""
    return form_signer().sign(str(article_id))


def form_token_problem(token: str, article_id: int) -> str | None:
    """Why a form token is unacceptable, in words for the reader, or None when it is fine."""
    try:
        signed_for = form_signer().unsign(token, max_age=settings.COMMENTS_FORM_MAX_AGE)
    except signing.SignatureExpired:
        return STALE_FORM
    except signing.BadSignature:
        return UNCHECKED_FORM
    if signed_for != str(article_id):
        return UNCHECKED_FORM
    try:
        # Still valid at the minimum age means it was signed less than that long ago.
        form_signer().unsign(token, max_age=settings.COMMENTS_FORM_MIN_SECONDS)
    except signing.SignatureExpired:
        return None
    return TOO_FAST


# Moderators' decisions and readers' reports ---------------------------------------------------


def moderate(comments, status, *, moderator, release_safety_hold=False):
    """Set the status of the given comments; approving resolves reports and sends reply notices.

    Approving leaves comments under a safety hold as they are, unless the moderator confirmed
    that this one is safe (`release_safety_hold`, given only for a comment approved on its
    own). Returns how many comments changed.
    """
    approving = status == Comment.Status.APPROVED
    if approving and not release_safety_hold:
        comments = comments.filter(safety_hold="")
    with transaction.atomic():
        changing = list(
            comments.exclude(status=status).select_for_update(of=("self",)).order_by("pk")
        )
        ids = [comment.pk for comment in changing]
        released = {"safety_hold": ""} if approving else {}
        Comment.objects.filter(pk__in=ids).update(
            status=status,
            moderated_at=timezone.now(),
            moderated_by=moderator,
            report_count=0,
            **released,
        )
        Report.objects.filter(comment__in=ids, resolved=False).update(resolved=True)
        was_visible = any(comment.status == Comment.Status.APPROVED for comment in changing)
        if ids and (approving or was_visible):
            signals.visible_comments_changed()
        if approving:
            for reply in changing:
                if reply.parent_id:
                    enqueue_after_commit(tasks.notify_parent_of_reply, reply.pk)
    return len(ids)


class PassageNotFound(ValueError):
    """The passage to remove is not in the comment (it may have changed meanwhile)."""


def redact(comment, passage, *, moderator, note=""):
    """Replace every occurrence of `passage` in the comment with REDACTED, keeping the
    comment as it was in an audit record for moderators. Saving the comment ends the content
    generation (comments/signals.py), so cached pages drop the passage."""
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if not passage or passage not in locked.body:
            raise PassageNotFound(passage)
        redaction = Redaction.objects.create(
            comment=locked,
            removed_text=passage,
            body_before=locked.body,
            note=note,
            redacted_by=moderator,
        )
        locked.body = locked.body.replace(passage, REDACTED)
        locked.save(update_fields=["body"])
    return redaction


def block_commenter(comment, *, moderator, days, note="", by_network=True):
    """Stop the comment's author posting for `days`, by their email address and, unless told
    otherwise, the hash of their network address. What they posted before stays as it is."""
    return CommenterBlock.objects.create(
        email=comment.email.strip().lower(),
        ip_hash=comment.ip_hash if by_network else "",
        blocked_until=timezone.now() + timedelta(days=days),
        note=note,
        comment=comment,
        created_by=moderator,
    )


def blocked_message(block):
    """What a blocked commenter is told, politely, with when they may post again."""
    until = date_format(timezone.localtime(block.blocked_until), "j F Y, H:i")
    return (
        "Sorry, we are not accepting comments from you at the moment. "
        f"You can comment again after {until}. Your words are still here if you want a copy."
    )


def block_on(*, email, ip_hash):
    """The block in force on this poster that lasts longest, or None."""
    return (
        CommenterBlock.objects.in_force()
        .matching(email=email, ip_hash=ip_hash)
        .order_by("-blocked_until")
        .first()
    )


def post_staff_reply(comment, *, moderator, name, body):
    """A reply from NHE staff, published at once under the comment's thread (replies go one
    level deep). Saving a published comment ends the content generation (comments/signals.py),
    and the parent's author hears of it as they would of any approved reply."""
    with transaction.atomic():
        reply = Comment.objects.create(
            article_id=comment.article_id,
            parent_id=comment.parent_id or comment.pk,
            name=name,
            email=moderator.email,
            body=body,
            status=Comment.Status.APPROVED,
            is_staff_reply=True,
            moderated_at=timezone.now(),
            moderated_by=moderator,
        )
        enqueue_after_commit(tasks.notify_parent_of_reply, reply.pk)
    return reply


def dismiss_reports(comments, *, moderator):
    """A moderator read the reported comments and keeps them as they are: their reports are
    resolved, so they leave the reported queue. Nothing readers see changes. Returns how many
    comments had reports to dismiss."""
    with transaction.atomic():
        ids = list(comments.reported().values_list("pk", flat=True))
        Report.objects.filter(comment__in=ids, resolved=False).update(resolved=True)
        Comment.objects.filter(pk__in=ids).update(
            report_count=0, moderated_at=timezone.now(), moderated_by=moderator
        )
    return len(ids)


def file_report(comment, reason, *, ip_hash, note=""):
    """Record a reader's report, with their note if any; hide the comment for review at the
    threshold, or at once for reasons with legal risk. Returns False when this reader had
    already reported it."""
    with transaction.atomic():
        _, created = Report.objects.get_or_create(
            comment=comment, ip_hash=ip_hash, defaults={"reason": reason, "note": note}
        )
        if not created:
            return False
        Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
        comment.refresh_from_db(fields=["report_count", "status"])
        safety_hold = Report.SAFETY_HOLDS.get(reason, "")
        if comment.status == Comment.Status.APPROVED and (
            safety_hold or comment.report_count >= settings.COMMENTS_REPORT_THRESHOLD
        ):
            reasons = sorted(
                {
                    Report.Reason(value).label
                    for value in comment.reports.filter(resolved=False).values_list(
                        "reason", flat=True
                    )
                }
            )
            comment.status = Comment.Status.PENDING
            comment.held_reason = ("Reported: " + "; ".join(reasons))[:200]
            comment.safety_hold = safety_hold
            comment.save(update_fields=["status", "held_reason", "safety_hold"])
            enqueue_after_commit(tasks.alert_moderators, comment.pk)
    return True
