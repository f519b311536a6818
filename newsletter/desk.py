"""What the newsroom desk (the admin's front page) shows of the bulletin: today's issue."""

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse

from articles.desk import DeskItem, DeskPanel, local_time

from . import drafting
from .models import Delivery, Issue


def may_see_issues(user):
    return user.has_perm("newsletter.view_issue")


def where_it_stands(issue):
    """Draft / scheduled for 07:00 / sending / sent to N."""
    if issue.status == Issue.Status.SCHEDULED:
        return f"Scheduled for {local_time(issue.send_at)}"
    if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
        sent = issue.sent_count
        verb = "Sending: sent" if issue.status == Issue.Status.SENDING else "Sent"
        return f"{verb} to {sent:,}"
    return "Draft: not scheduled yet"


def todays_bulletin(user):
    """Today's daily issue and where it stands."""
    if not may_see_issues(user):
        return None
    issue = (
        drafting.issues_made_today(Issue.Edition.DAILY)
        .annotate(
            sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT))
        )
        .first()
    )
    items = []
    if issue is not None:
        items.append(
            DeskItem(
                label=issue.subject,
                url=reverse("admin:newsletter_issue_change", args=[issue.pk]),
                detail=where_it_stands(issue),
                urgent=issue.status == Issue.Status.DRAFT,
            )
        )
    return DeskPanel(
        title="Today's bulletin",
        count=len(items),
        items=items,
        see_all_url=reverse("admin:newsletter_issue_changelist"),
        empty_message=f"Not drafted yet: on weekdays it is drafted at "
        f"{settings.NEWSLETTER_DAILY_DRAFT_AT}, or now with “Draft today's issue now”.",
    )
