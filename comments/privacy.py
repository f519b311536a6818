"""Readers' rights over their comments (UK GDPR): a copy of them, erasure, and retention."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import signals
from .models import REMOVED, Comment, CommenterBlock, Redaction


def export(email):
    """Every comment made with the address, as plain data ready for JSON."""
    comments = Comment.objects.by_email(email).select_related("article__section")
    return [
        {
            "id": comment.pk,
            "article": comment.article.title,
            "article_url": settings.SITE_URL.rstrip("/") + comment.article.get_absolute_url(),
            "in_reply_to": comment.parent_id,
            "name": comment.name,
            "email": comment.email,
            "body": comment.body,
            "status": comment.status,
            "notify_replies": comment.notify_replies,
            "created_at": comment.created_at.isoformat(),
            "ip_address_hash": comment.ip_hash,
            "reports_received": comment.report_count,
        }
        for comment in comments
    ]


def erase(comments):
    """Delete the comments, except those others replied to, which keep only "[removed]".

    Returns (deleted, blanked).
    """
    with transaction.atomic():
        ids = set(comments.values_list("pk", flat=True))
        answered = set(
            Comment.objects.filter(parent_id__in=ids)
            .exclude(pk__in=ids)
            .values_list("parent_id", flat=True)
        )
        blanked = Comment.objects.filter(pk__in=answered).update(
            name=REMOVED, email="", body=REMOVED, ip_hash="", notify_replies=False
        )
        # A redaction keeps the comment as it was: erased with it.
        Redaction.objects.filter(comment__in=answered).delete()
        deleted = (
            Comment.objects.filter(pk__in=ids - answered).delete()[1].get(Comment._meta.label, 0)
        )
        if blanked:
            signals.visible_comments_changed()
    return deleted, blanked


def expired_rejections(now=None):
    """Rejected and spam comments past the retention period."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.COMMENTS_PURGE_AFTER_DAYS)
    return Comment.objects.annotate(decided_at=Coalesce("moderated_at", "created_at")).filter(
        status__in=[Comment.Status.REJECTED, Comment.Status.SPAM], decided_at__lt=cutoff
    )


def lapsed_blocks(now=None):
    """Commenter blocks that ended longer ago than the retention period: nothing needs
    their email address or address hash any more."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.COMMENTS_PURGE_AFTER_DAYS)
    return CommenterBlock.objects.filter(blocked_until__lt=cutoff)
