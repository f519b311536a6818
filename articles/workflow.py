"""The desk's workflow: who may take which step on a piece, the step itself, and who is told.

A writer submits their draft for review; an editor returns it with a note, publishes it now
or schedules it. Each step leaves notices (and emails) for the people who have the next
move; a scheduled piece tells its writer and scheduler once it goes live
(`manage.py send_live_notices`).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from . import tasks
from .background import enqueue_after_commit
from .models import Article, ArticleNote, Notice, display_name

PUBLISH_PERMISSION = "articles.publish_article"

SUBMIT = "submit"
RETURN = "return"
PUBLISH = "publish"
SCHEDULE = "schedule"
STEPS = (SUBMIT, RETURN, PUBLISH, SCHEDULE)

NOTE_NEEDED = "Write a note for the writer saying what to change, then return it."

# A scheduled piece that went live longer ago than this, while no job ran, is not announced.
LIVE_NOTICE_LOOKBACK = timedelta(days=2)


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def editors():
    """Everyone who may publish: whom a writer may ask for a review."""
    return (
        get_user_model()
        .objects.with_perm(PUBLISH_PERMISSION, backend="django.contrib.auth.backends.ModelBackend")
        .filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def goes_public_later(article, *, now=None):
    """Whether the piece's publish time or embargo still lies ahead."""
    now = now or timezone.now()
    return article.publish_at > now or bool(article.embargo_until and article.embargo_until > now)


def next_steps(article, user):
    """The steps `user` may take on `article` as stored (a new one counts as their draft)."""
    status = article.status if article.pk else Article.Status.DRAFT
    owns = not article.pk or article.belongs_to(user)
    if can_publish(user):
        if status == Article.Status.PUBLISHED:
            return []
        steps = [RETURN] if status == Article.Status.REVIEW and article.pk else []
        return [*steps, PUBLISH, SCHEDULE]
    if status == Article.Status.DRAFT and owns:
        return [SUBMIT]
    return []


def refusal(step, article, user, *, note="", publish_at=None, now=None):
    """Why `user` may not take `step` on `article` as stored, in words for them; "" if they may.

    `publish_at` is the publish time the step would go out with (what the form says).
    """
    now = now or timezone.now()
    if step not in STEPS:
        return "That is not a step on the desk."
    if step not in next_steps(article, user):
        return {
            SUBMIT: "Only the piece's writer can submit a draft for review.",
            RETURN: "Only an editor can return a piece in review to its writer.",
            PUBLISH: "Only an editor can publish. Submit it for review instead.",
            SCHEDULE: "Only an editor can schedule. Submit it for review instead.",
        }[step]
    if step == RETURN and not note.strip():
        return NOTE_NEEDED
    if step == SCHEDULE and (publish_at is None or publish_at <= now):
        return "The publish time has passed: set a time in the future to schedule, or publish now."
    return ""


def take_step(step, article, *, by, note="", assignee=None, now=None):
    """Take `step` on `article` (saving it) and tell whoever is next; returns a message for
    the person who took it. Raises PermissionDenied if they may not."""
    now = now or timezone.now()
    stored = Article.objects.filter(pk=article.pk).first() if article.pk else article
    reason = refusal(step, stored, by, note=note, publish_at=article.publish_at, now=now)
    if reason:
        raise PermissionDenied(reason)
    with transaction.atomic():
        return _STEPS[step](article, by=by, note=note.strip(), assignee=assignee, now=now)


def _submit(article, *, by, note, assignee, now):
    article.submit_for_review(assignee=assignee)
    article.save()
    add_note(article, by=by, text=note)
    recipients = [assignee] if assignee else list(editors().exclude(pk=by.pk))
    text = f"{display_name(by)} submitted “{article.title}” for review."
    if note:
        text += f"\n\nTheir note: {note}"
    tell(recipients, article, Notice.Kind.SUBMITTED, text)
    if assignee:
        return f"Submitted for review. {display_name(assignee)} will be told."
    if recipients:
        return "Submitted for review. The editors will be told."
    return "Submitted for review."


def _return(article, *, by, note, assignee, now):
    article.return_to_writer()
    article.save()
    add_note(article, by=by, text=note)
    writer = article.created_by
    text = f"{display_name(by)} returned “{article.title}” to you with this note:\n\n“{note}”"
    tell([writer] if writer and writer != by else [], article, Notice.Kind.RETURNED, text)
    return f"Returned to {article.writer_name()} with your note. They will be told."


def _publish(article, *, by, note, assignee, now):
    if goes_public_later(article, now=now) and not article.was_published_before():
        # "Publish now" means now, whatever time the form held.
        article.publish_at = now
    article.publish(now=now)
    article.scheduled_by = None
    article.assignee = None
    article.save()
    add_note(article, by=by, text=note)
    writer = article.created_by
    if article.is_public():
        message = "Published. It is live now."
        text = f"{display_name(by)} published “{article.title}”. It is live now."
    else:
        until = timezone.localtime(article.goes_public_at)
        message = f"Published, but held back by its embargo until {until:%d/%m/%Y %H:%M}."
        text = (
            f"{display_name(by)} published “{article.title}”; readers see it from "
            f"{until:%d/%m/%Y %H:%M}, when its embargo lifts."
        )
    if writer and writer != by:
        tell([writer], article, Notice.Kind.PUBLISHED, text)
        message += f" {display_name(writer)} will be told."
    return message


def _schedule(article, *, by, note, assignee, now):
    article.publish(now=now)
    article.scheduled_by = by
    article.assignee = None
    article.save()
    add_note(article, by=by, text=note)
    when = timezone.localtime(article.goes_public_at)
    message = f"Scheduled for {when:%d/%m/%Y %H:%M}. It goes live by itself then"
    writer = article.created_by
    if writer and writer != by:
        return f"{message}; {display_name(writer)} and you will be told."
    return f"{message}; you will be told."


_STEPS = {SUBMIT: _submit, RETURN: _return, PUBLISH: _publish, SCHEDULE: _schedule}


def add_note(article, *, by, text):
    """Keep an internal note on the piece; a blank one is no note."""
    text = (text or "").strip()
    if not text:
        return None
    return ArticleNote.objects.create(article=article, author=by, text=text)


def tell(recipients, article, kind, text, *, live_at=None):
    """Leave each recipient a notice and email it once the change commits."""
    people = {user.pk: user for user in recipients if user and user.is_active}
    notices = [
        Notice.objects.create(
            recipient=user, article=article, kind=kind, text=text, live_at=live_at
        )
        for user in people.values()
    ]
    for notice in notices:
        enqueue_after_commit(tasks.send_notice_email, notice.pk)
    return notices


def send_live_notices(*, now=None):
    """Tell the writer and the scheduler of each scheduled piece that has gone live, once per
    go-live time however often this runs; returns how many notices were made."""
    now = now or timezone.now()
    live = (
        Article.objects.published(at=now)
        .filter(scheduled_by__isnull=False)
        .alias(live_at=Greatest("publish_at", Coalesce("embargo_until", "publish_at")))
        .filter(live_at__gt=now - LIVE_NOTICE_LOOKBACK)
        .select_related("created_by", "scheduled_by")
    )
    made = 0
    for article in live:
        live_at = article.goes_public_at
        text = (
            f"“{article.title}” went live at {timezone.localtime(live_at):%d/%m/%Y %H:%M}, "
            "as scheduled."
        )
        for user in {article.created_by, article.scheduled_by} - {None}:
            if not user.is_active:
                continue
            try:
                with transaction.atomic():
                    notice = Notice.objects.create(
                        recipient=user,
                        article=article,
                        kind=Notice.Kind.WENT_LIVE,
                        text=text,
                        live_at=live_at,
                    )
            except IntegrityError:
                continue  # told already, by an earlier run
            enqueue_after_commit(tasks.send_notice_email, notice.pk)
            made += 1
    return made


def notices_for(user, limit=5):
    """A person's newest notices, for a desk page (each knows whether it was read)."""
    return list(Notice.objects.for_user(user).select_related("article").newest_first()[:limit])
