"""Drafting an issue from what went public since the last issue of its edition.

The daily bulletin covers the hours since the previous daily issue, the weekly digest the
days since the previous weekly one; an edition's first issue looks back one day or seven.
Only pieces public now can be drafted (Article.objects.published(), the one visibility rule),
and the email, preview and archive check again when they show the issue (contents.py).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.text import Truncator

from articles.models import Article, Section

from .models import Issue, IssueItem

Edition = Issue.Edition

FIRST_WINDOW = {Edition.DAILY: timedelta(days=1), Edition.WEEKLY: timedelta(days=7)}
# How many pieces each section's block holds, and how many Last word and NHE TV picks.
PER_SECTION = {Edition.DAILY: 4, Edition.WEEKLY: 8}
PICKS = {Edition.DAILY: 1, Edition.WEEKLY: 2}
PICK_SLOTS = {
    Section.Kind.INTERVIEWS: IssueItem.Slot.LAST_WORD,
    Section.Kind.VIDEO: IssueItem.Slot.VIDEO,
}
# Issue.subject holds no more.
SUBJECT_LENGTH = 150


def went_public_between(start, end):
    """Public pieces that readers first saw after `start` and up to `end`, newest first."""
    goes_public = Greatest("publish_at", Coalesce("embargo_until", "publish_at"))
    return (
        Article.objects.published()
        .annotate(public_from=goes_public)
        .filter(public_from__gt=start, public_from__lte=end)
        .select_related("section")
        .order_by("-public_from", "-pk")
    )


def top_story(pieces):
    """The editors' first featured piece among these, else the newest."""
    featured = [piece for piece in pieces if piece.is_featured]
    if featured:
        return min(featured, key=lambda piece: piece.featured_order)
    return pieces[0]


def subject_for(edition, title):
    template = {
        Edition.DAILY: settings.NEWSLETTER_DAILY_SUBJECT,
        Edition.WEEKLY: settings.NEWSLETTER_WEEKLY_SUBJECT,
    }[edition]
    # A subject is one header line, whatever a title holds.
    one_line = " ".join(template.format(title=title).split())
    return Truncator(one_line).chars(SUBJECT_LENGTH)


def choose_items(edition, pieces):
    """(article, slot) pairs in the issue's order: the top story, each section's newest in
    the front page's order of sections, then the Last word and NHE TV picks."""
    top = top_story(pieces)
    rest = [piece for piece in pieces if piece != top]
    chosen = [(top, IssueItem.Slot.TOP)]
    for section in Section.objects.exclude(kind__in=list(PICK_SLOTS)):
        in_section = [piece for piece in rest if piece.section_id == section.pk]
        chosen += [(piece, IssueItem.Slot.SECTION) for piece in in_section[: PER_SECTION[edition]]]
    for kind, slot in PICK_SLOTS.items():
        picks = [piece for piece in rest if piece.section.kind == kind]
        chosen += [(piece, slot) for piece in picks[: PICKS[edition]]]
    return chosen


def drafted_issues():
    """Issues drafted from a window of time; one made by hand in the admin covers none and
    does not move the next issue's window."""
    return Issue.objects.filter(covers_from__lt=F("covers_until"))


def draft_issue(edition, *, now=None):
    """Draft the next issue of this edition from what went public since the previous one.

    Returns the new issue, the one already drafted for the same window, or None when
    nothing went public.
    """
    edition = Edition(edition)
    now = now or timezone.now()
    with transaction.atomic():
        # Two editors pressing "Draft" at once: the second waits, then sees the first's issue.
        previous = (
            drafted_issues()
            .select_for_update()
            .filter(edition=edition)
            .order_by("-covers_until", "-pk")
            .first()
        )
        if previous is not None and previous.covers_until >= now:
            return previous
        covers_from = previous.covers_until if previous else now - FIRST_WINDOW[edition]
        pieces = list(went_public_between(covers_from, now))
        if not pieces:
            return None
        chosen = choose_items(edition, pieces)
        issue = Issue.objects.create(
            edition=edition,
            subject=subject_for(edition, chosen[0][0].title),
            covers_from=covers_from,
            covers_until=now,
        )
        IssueItem.objects.bulk_create(
            IssueItem(issue=issue, article=article, slot=slot, position=position)
            for position, (article, slot) in enumerate(chosen, start=1)
        )
    return issue


# Scheduling ---------------------------------------------------------------------------------

FRIDAY = 4


def local_time_setting(value):
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def start_of_day(now=None):
    local = timezone.localtime(now or timezone.now())
    return timezone.make_aware(datetime.combine(local.date(), time.min))


def issues_made_today(edition, now=None):
    """This edition's issues drafted or made by hand today (London time), the latest first."""
    return Issue.objects.filter(edition=edition, created_at__gte=start_of_day(now)).order_by(
        "-created_at", "-pk"
    )


def todays_issue(edition, now=None):
    """The issue of this edition drafted today, if there is one."""
    return issues_made_today(edition, now).filter(covers_from__lt=F("covers_until")).first()


def editions_due(now=None):
    """The editions whose drafting time has come today (London time) and that have no issue
    drafted today yet: the daily on weekdays, the weekly on Fridays."""
    local = timezone.localtime(now or timezone.now())
    if local.time() < local_time_setting(settings.NEWSLETTER_DAILY_DRAFT_AT):
        return []
    editions = []
    if local.weekday() < 5:
        editions.append(Edition.DAILY)
    if local.weekday() == FRIDAY:
        editions.append(Edition.WEEKLY)
    drafted = set(
        drafted_issues()
        .filter(edition__in=editions, created_at__gte=start_of_day(now))
        .values_list("edition", flat=True)
    )
    return [edition for edition in editions if edition not in drafted]


def send_time_today(now=None):
    """Today's sending time (NEWSLETTER_DAILY_SEND_AT, London time), or now if it has passed."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    send_at = timezone.make_aware(
        datetime.combine(local.date(), local_time_setting(settings.NEWSLETTER_DAILY_SEND_AT))
    )
    return max(send_at, now)


def schedule(issue, send_at):
    """Put an issue in the queue to be sent at `send_at` (or move it there)."""
    waiting = [Issue.Status.DRAFT, Issue.Status.SCHEDULED]
    Issue.objects.filter(pk=issue.pk, status__in=waiting).update(
        status=Issue.Status.SCHEDULED, send_at=send_at
    )
    issue.refresh_from_db(fields=["status", "send_at"])


def unschedule(issue):
    Issue.objects.filter(pk=issue.pk, status=Issue.Status.SCHEDULED).update(
        status=Issue.Status.DRAFT, send_at=None
    )
    issue.refresh_from_db(fields=["status", "send_at"])
