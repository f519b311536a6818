"""What the newsroom desk (the admin's front page) shows of comments to a moderator."""

from django.template.defaultfilters import truncatechars, truncatewords
from django.urls import reverse

from articles.desk import PANEL_SIZE, DeskItem, DeskLink, DeskPanel, local_date_time

from .models import Comment


def may_moderate(user):
    return user.has_perm("comments.change_comment") or user.has_perm("comments.can_moderate")


def comments_waiting(user, *, limit=PANEL_SIZE):
    """Comments awaiting moderation, the longest waiting first, and the reported queue."""
    if not may_moderate(user):
        return None
    pending = (
        Comment.objects.pending()
        .select_related("article")
        .only("name", "body", "created_at", "article__title")
        .order_by("created_at", "pk")
    )
    return DeskPanel(
        title="Comments waiting",
        count=pending.count(),
        items=[
            DeskItem(
                label=truncatewords(comment.body, 12),
                url=reverse("admin:comments_comment_change", args=[comment.pk]),
                detail=f"{comment.name}, {local_date_time(comment.created_at)}, on "
                f"“{truncatechars(comment.article.title, 50)}”",
            )
            for comment in pending[:limit]
        ],
        see_all_url=f"{reverse('admin:comments_comment_changelist')}?status__exact=pending",
        empty_message="No comments are waiting for moderation.",
        links=[
            DeskLink(
                label="Reported comments",
                url=reverse("admin:comments_reportedcomment_changelist"),
                count=Comment.objects.reported().count(),
            )
        ],
    )
