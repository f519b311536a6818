"""An article's comments as readers see them, from one query."""

from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from articles import generation

from . import moderation, own
from .models import REMOVED, Comment


@dataclass(slots=True)
class ShownComment:
    """What a reader sees of one comment; lighter to build than the model, fifty to a page."""

    pk: int
    parent_id: int | None
    name: str
    body: str
    created_at: datetime
    is_staff: bool = False
    shown_replies: list = field(default_factory=list)
    # For the reader who posted or reported it (comments/own.py), never in a shared cache.
    is_pending: bool = False
    is_placeholder: bool = False
    notice: str = ""

    @property
    def is_removed(self):
        return self.body == REMOVED


class Discussion:
    """The visible comments of one article, threaded, with the state of its comment form.

    The count, the list and the empty-state message all come from the same list, so they
    cannot disagree.
    """

    def __init__(self, article):
        self.article = article
        # Read once per content generation: approving, editing or removing a comment and
        # changing the article's comment settings all end it.
        self.settings, self.approved = cache.get_or_set(
            generation.key("discussion", article.pk),
            self._load,
            settings.FRAGMENT_CACHE_SECONDS,
        )
        self.state = moderation.state_of(article, self.settings)

    def _load(self):
        # Approved comments only, with no join: however many comments wait in the queue or
        # were turned away (a spam run on a busy article), the page reads the same rows.
        rows = (
            Comment.objects.filter(article=self.article, status=Comment.Status.APPROVED)
            .order_by("created_at", "pk")
            .values_list("pk", "parent_id", "name", "body", "created_at", "is_staff_reply")
        )
        return moderation.comment_settings_for(self.article), list(rows)

    @property
    def is_open(self):
        return self.state is moderation.State.OPEN

    @property
    def is_under_legal_hold(self):
        return self.state is moderation.State.LEGAL_HOLD

    @cached_property
    def comments(self):
        if self.is_under_legal_hold:
            return []
        # A reply is shown under a shown parent, and a parent is on the same article, so
        # that check needs no join: the parent is in this list or the reply is hidden.
        approved = [ShownComment(*row) for row in self.approved]
        shown_ids = {comment.pk for comment in approved}
        return [c for c in approved if c.parent_id is None or c.parent_id in shown_ids]

    @property
    def count(self):
        return len(self.comments)

    @cached_property
    def threads(self):
        """Top-level comments, oldest first, each with `shown_replies` under it."""
        return thread(self.comments)

    def page(self, number, threads=None):
        return Paginator(
            self.threads if threads is None else threads, settings.COMMENTS_PAGE_SIZE
        ).get_page(number)

    def threads_for(self, mine):
        """The threads as the reader who posted or reported `mine` ({comment id: kind, as in
        comments/own.py}) sees them: their comments awaiting moderation in their places, a
        note at what they reported, and a thank-you at what was published at once."""
        if self.is_under_legal_hold:
            return []
        comments = [replace(comment, shown_replies=[]) for comment in self.comments]
        shown = {comment.pk: comment for comment in comments}
        rows = Comment.objects.filter(article=self.article, pk__in=mine).values_list(
            "pk", "parent_id", "name", "body", "created_at", "status", "safety_hold"
        )
        for pk, parent_id, name, body, created_at, status, safety_hold in rows:
            kind, comment = mine[pk], shown.get(pk)
            in_place = parent_id is None or parent_id in shown
            if comment is not None:
                if kind == own.PUBLISHED:
                    comment.notice = own.THANKS_PUBLISHED
                elif kind == own.REPORTED:
                    comment.notice = own.THANKS_REPORTED
            elif not in_place:
                continue
            elif kind == own.POSTED and status in (Comment.Status.PENDING, Comment.Status.SPAM):
                # Spam is shown to its poster as waiting too: it learns nothing from us.
                notice = (
                    moderation.PATIENT_DATA_NOTICE
                    if safety_hold == Comment.SafetyHold.PATIENT_INFORMATION
                    else f"{own.THANKS_HELD} {own.ONLY_YOU}"
                )
                comments.append(
                    ShownComment(
                        pk, parent_id, name, body, created_at, is_pending=True, notice=notice
                    )
                )
            elif kind == own.REPORTED and status == Comment.Status.PENDING:
                # Hidden for review because of the report: the reporter sees it went.
                comments.append(
                    ShownComment(
                        pk,
                        parent_id,
                        "",
                        "",
                        created_at,
                        is_placeholder=True,
                        notice=own.REPORTED_HIDDEN,
                    )
                )
        comments.sort(key=lambda comment: (comment.created_at, comment.pk))
        return thread(comments)

    def find_thread(self, pk):
        """The shown top-level comment a reply to `pk` would join, or None."""
        for comment in self.comments:
            if comment.pk == pk:
                if comment.parent_id:
                    return self.find_thread(comment.parent_id)
                return comment
        return None


def thread(comments):
    """Top-level comments, in the given order, each with `shown_replies` under it."""
    replies = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    threads = [comment for comment in comments if not comment.parent_id]
    for top in threads:
        top.shown_replies = replies.get(top.pk, [])
    return threads
