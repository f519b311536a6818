"""PLACEHOLDER, to be replaced by the real sending module (batches on the task queue).

It only marks the issue as sending, so that drafting, scheduling and the admin can be built
and tested against the name they call; it enqueues nothing and sends nothing.
"""

from django.utils import timezone

from .models import Issue


def start_sending(issue):
    """Hand a scheduled issue over to sending (placeholder: marks it SENDING, sends nothing)."""
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SENDING, sending_started_at=timezone.now()
    )
    issue.refresh_from_db(fields=["status", "sending_started_at"])
