"""Emails about comments, sent by the task queue after the change they report commits."""

from django.tasks import task

from articles.background import retry_later

from . import notifications
from .models import Comment


@task
def alert_moderators(comment_id, attempt=1):
    """Alert moderators if this comment started the moderation queue."""
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        return False
    try:
        return notifications.alert_if_queue_was_empty(comment)
    except Exception as error:
        retry_later(alert_moderators, comment_id, attempt=attempt, error=error)
        raise


@task
def notify_parent_of_reply(reply_id, attempt=1):
    """Email the parent comment's author about this approved reply, if they asked."""
    reply = (
        Comment.objects.select_related("parent", "article__section")
        .filter(pk=reply_id, status=Comment.Status.APPROVED)
        .first()
    )
    if reply is None:
        return False
    try:
        return notifications.notify_parent_of_reply(reply)
    except Exception as error:
        retry_later(notify_parent_of_reply, reply_id, attempt=attempt, error=error)
        raise
