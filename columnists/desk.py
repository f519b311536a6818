"""What the newsroom desk (the admin's front page) shows of pitches to a pitch reviewer."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from articles.desk import PANEL_SIZE, DeskItem, DeskPanel, end_of_day

from .models import Pitch


def may_review(user):
    return user.has_perm("columnists.review_pitch")


def pitches_due(user, *, now=None, limit=PANEL_SIZE):
    """Open pitches whose reply is due today or overdue, the one due longest ago first."""
    if not may_review(user):
        return None
    now = now or timezone.now()
    pitches = (
        Pitch.objects.reply_due_by(end_of_day(now))
        .only("reference", "pitch_title", "status", "received_at")
        .order_by("received_at", "pk")
    )

    def detail(pitch):
        due = date_format(timezone.localtime(pitch.response_due), "d/m/Y")
        if pitch.is_overdue(now):
            return f"Reply overdue since {due}"
        return f"Reply due today, {date_format(timezone.localtime(pitch.response_due), 'H:i')}"

    return DeskPanel(
        title="Pitches due",
        count=pitches.count(),
        items=[
            DeskItem(
                label=str(pitch),
                url=reverse("admin:columnists_pitch_change", args=[pitch.pk]),
                detail=detail(pitch),
                urgent=pitch.is_overdue(now),
            )
            for pitch in pitches[:limit]
        ],
        see_all_url=f"{reverse('admin:columnists_pitch_changelist')}?reply=due",
        empty_message="No pitch is waiting for a reply today.",
    )
