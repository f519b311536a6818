"""Email about comments: moderators' alerts and digest, and reply notices to readers."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.cache import cache
from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Comment

ALERT_CACHE_KEY = "comments:queue-alert-sent"
UNSUBSCRIBE_SALT = "comments.unsubscribe"


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def moderator_emails():
    users = (
        get_user_model()
        .objects.with_perm(
            "comments.can_moderate", backend="django.contrib.auth.backends.ModelBackend"
        )
        .filter(is_active=True)
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def queue_url():
    return absolute(reverse("admin:comments_comment_changelist") + "?status__exact=pending")


def alert_if_queue_was_empty(comment):
    """Tell moderators when a comment starts the queue, at most once per throttle.

    It runs on the task queue, perhaps after later comments joined the queue: the comment
    starts the queue when it still waits and no comment older than it does.
    """
    pending = Comment.objects.pending()
    if not pending.filter(pk=comment.pk).exists() or pending.filter(pk__lt=comment.pk).exists():
        return False
    recipients = moderator_emails()
    if not recipients or not cache.add(ALERT_CACHE_KEY, True, settings.COMMENTS_ALERT_THROTTLE):
        return False
    context = {"comment": comment, "queue_url": queue_url(), "site_name": settings.SITE_NAME}
    try:
        send_mail(
            subject=f"A comment is waiting for moderation on {settings.SITE_NAME}",
            message=render_to_string("comments/email/queue_alert.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    except Exception:
        cache.delete(ALERT_CACHE_KEY)  # not sent: the retry may send it
        raise
    return True


def send_digest():
    """Email moderators a summary of the pending queue; returns how many were pending."""
    pending = list(Comment.objects.pending().select_related("article").defer("email", "ip_hash"))
    recipients = moderator_emails()
    if not pending or not recipients:
        return len(pending)
    context = {"comments": pending, "queue_url": queue_url(), "site_name": settings.SITE_NAME}
    count = len(pending)
    send_mail(
        subject=f"{count} comment{'s' if count != 1 else ''} awaiting moderation on "
        f"{settings.SITE_NAME}",
        message=render_to_string("comments/email/digest.txt", context),
        from_email=None,
        recipient_list=recipients,
    )
    return count


def unsubscribe_token(comment):
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)


def comment_for_unsubscribe_token(token):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return Comment.objects.filter(pk=pk).first()


def notify_parent_of_reply(reply):
    """Email the parent's author about an approved reply, if they asked and it isn't theirs."""
    parent = reply.parent
    if (
        parent is None
        or not parent.notify_replies
        or not parent.email
        or parent.email.casefold() == reply.email.casefold()
    ):
        return False
    unsubscribe = absolute(reverse("comments:unsubscribe", args=[unsubscribe_token(parent)]))
    context = {
        "reply": reply,
        "parent": parent,
        "article": reply.article,
        "reply_url": absolute(reply.get_absolute_url()),
        "unsubscribe_url": unsubscribe,
        "site_name": settings.SITE_NAME,
    }
    EmailMessage(
        subject=f"{reply.name} replied to your comment on {settings.SITE_NAME}",
        body=render_to_string("comments/email/reply.txt", context),
        to=[parent.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()
    return True
