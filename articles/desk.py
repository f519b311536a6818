"""What the newsroom desk (the admin's front page) shows of articles to one person.

Each app that has work waiting gives the desk its panels as plain data, in the shapes
defined here; the admin site puts them together.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator

from .models import Article, Notice, display_name

PANEL_SIZE = 5
# A notice quoting a returned piece's note is cut to this on the desk; its page has it whole.
NOTICE_LABEL_LENGTH = 160


@dataclass(frozen=True)
class DeskItem:
    """One piece of work, linked to the admin page where it is done."""

    label: str
    url: str
    detail: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class DeskLink:
    """A further queue a panel points to, with how much waits in it."""

    label: str
    url: str
    count: int


@dataclass(frozen=True)
class DeskPanel:
    title: str
    count: int
    items: list
    see_all_url: str
    empty_message: str
    links: list = field(default_factory=list)

    @property
    def more(self):
        """How many are waiting beyond the items shown."""
        return max(self.count - len(self.items), 0)


def end_of_day(now=None):
    """Midnight at the end of the day `now` falls on, as the newsroom in London counts days."""
    today = timezone.localdate(now or timezone.now())
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))


def local_time(moment):
    return date_format(timezone.localtime(moment), "H:i")


def local_date_time(moment, *, now=None):
    """A time as the desk says it: "today 09:15", "yesterday 17:40", else "03/12/2026 09:15"."""
    moment = timezone.localtime(moment)
    today = timezone.localdate(now or timezone.now())
    clock = date_format(moment, "H:i")
    if moment.date() == today:
        return f"today {clock}"
    if moment.date() == today - timedelta(days=1):
        return f"yesterday {clock}"
    return date_format(moment, "d/m/Y H:i")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def changelist_url(query):
    return f"{reverse('admin:articles_article_changelist')}?{query}"


def may_see_articles(user):
    return user.has_perm("articles.view_article")


def my_drafts(user, *, limit=PANEL_SIZE):
    """Pieces this person started or is assigned, not yet published, newest change first."""
    if not may_see_articles(user):
        return None
    articles = (
        Article.objects.on_desk_of(user)
        .belonging_to(user)
        .in_progress()
        .only("title", "status", "modified_at")
        .order_by("-modified_at", "-pk")
    )
    return DeskPanel(
        title="My drafts",
        count=articles.count(),
        items=[
            DeskItem(
                label=article.title,
                url=change_url(article),
                detail=f"{article.get_status_display()}, changed "
                f"{local_date_time(article.modified_at)}",
            )
            for article in articles[:limit]
        ],
        see_all_url=changelist_url("mine=in_progress"),
        empty_message="No drafts of yours: nothing started or assigned to you is unpublished.",
    )


def waiting_for_review(user, *, limit=PANEL_SIZE):
    """Pieces ready for review, the longest waiting first: every one for those who may
    publish, a writer's own for a writer."""
    if not may_see_articles(user):
        return None
    articles = (
        Article.objects.on_desk_of(user)
        .in_review()
        .select_related("created_by")
        .only(
            "title",
            "modified_at",
            "created_by__username",
            "created_by__first_name",
            "created_by__last_name",
        )
        .order_by("modified_at", "pk")
    )
    may_publish = user.has_perm("articles.publish_article")

    def detail(article):
        since = f"waiting since {local_date_time(article.modified_at)}"
        if may_publish and article.created_by:
            return f"By {display_name(article.created_by)}, {since}"
        return since[0].upper() + since[1:]

    return DeskPanel(
        title="Waiting for review" if may_publish else "My pieces in review",
        count=articles.count(),
        items=[
            DeskItem(label=article.title, url=change_url(article), detail=detail(article))
            for article in articles[:limit]
        ],
        see_all_url=changelist_url("state=review"),
        empty_message="Nothing waiting for review.",
    )


def going_live_today(user, *, now=None, limit=PANEL_SIZE):
    """Scheduled and embargoed pieces that go public between now and midnight, in order."""
    if not may_see_articles(user):
        return None
    now = now or timezone.now()
    articles = (
        Article.objects.on_desk_of(user)
        .coming_up(now, end_of_day(now))
        .only("title", "publish_at", "embargo_until")
    )

    def detail(article):
        held = article.embargo_until and article.embargo_until >= article.publish_at
        how = "embargo lifts" if held else "scheduled"
        return f"{local_time(article.public_from)}, {how}"

    return DeskPanel(
        title="Going live today",
        count=articles.count(),
        items=[
            DeskItem(label=article.title, url=change_url(article), detail=detail(article))
            for article in articles[:limit]
        ],
        see_all_url=reverse("admin:articles_article_calendar"),
        empty_message="Nothing else goes live today.",
    )


def your_notices(user, *, limit=PANEL_SIZE):
    """What came to this person, came back or went out: the newest first, unread counted."""
    notices = Notice.objects.for_user(user)
    latest = list(
        notices.select_related("article")
        .only("text", "kind", "created_at", "read_at", "article__title")
        .newest_first()[:limit]
    )
    unread = notices.unread().count()
    return DeskPanel(
        title="Your notices",
        count=unread,
        items=[
            DeskItem(
                label=Truncator(" ".join(notice.text.split())).chars(NOTICE_LABEL_LENGTH),
                url=reverse("admin:articles_notice_open", args=[notice.pk]),
                detail=("New, " if notice.read_at is None else "")
                + local_date_time(notice.created_at),
            )
            for notice in latest
        ],
        see_all_url=f"{reverse('admin:articles_notice_changelist')}?read=no",
        empty_message="No notices. You will be told here when a piece comes to you, comes "
        "back or goes live.",
    )
