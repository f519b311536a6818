"""The planning calendar: drafts on the day the desk means to publish them, scheduled and
embargoed pieces on the day readers first see them, a month or a week at a time; and
moving a piece to another day."""

import calendar as months
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django import forms
from django.db import transaction
from django.utils import timezone

from .models import Article

MONTH, WEEK = "month", "week"
VIEWS = (MONTH, WEEK)


@dataclass
class Day:
    date: date
    is_today: bool = False
    # False for the days of the neighbouring months that fill a month's first and last week.
    in_period: bool = True
    pieces: list = field(default_factory=list)


@dataclass
class Piece:
    """One article on the calendar, with the form that moves it (None if this person may
    not move it)."""

    article: Article
    at: datetime
    move_form: "MoveForm | None" = None


@dataclass
class Period:
    view: str
    first: date
    last: date
    days: list
    today: date

    @property
    def title(self):
        if self.view == MONTH:
            return f"{months.month_name[self.first.month]} {self.first.year}"
        return f"Week of {self.first:%d/%m/%Y}"

    @property
    def previous(self):
        if self.view == MONTH:
            return (self.first.replace(day=1) - timedelta(days=1)).replace(day=1)
        return self.first - timedelta(days=7)

    @property
    def next(self):
        if self.view == MONTH:
            return self.last + timedelta(days=1)
        return self.first + timedelta(days=7)

    @property
    def previous_label(self):
        if self.view == MONTH:
            return f"{months.month_name[self.previous.month]} {self.previous.year}"
        return "Previous week"

    @property
    def next_label(self):
        if self.view == MONTH:
            return f"{months.month_name[self.next.month]} {self.next.year}"
        return "Next week"

    @property
    def holds_today(self):
        return self.first <= self.today <= self.last

    @property
    def piece_count(self):
        return sum(len(day.pieces) for day in self.days if day.in_period)


# Days a calendar may open on: the weeks around them and their neighbours stay dates.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9998, 12, 1)


def chosen_day(text, *, today=None):
    """The day a calendar address asks for; today when it names none we can show."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return today or timezone.localdate()
    return day if FIRST_DAY <= day <= LAST_DAY else (today or timezone.localdate())


def period_around(day, view, *, today=None):
    """The month or the week (Monday to Sunday) that holds `day`, with the days shown."""
    today = today or timezone.localdate()
    if view == MONTH:
        first = day.replace(day=1)
        last = first.replace(day=months.monthrange(first.year, first.month)[1])
    else:
        first = day - timedelta(days=day.weekday())
        last = first + timedelta(days=6)
    shown_from = first - timedelta(days=first.weekday())
    shown_to = last + timedelta(days=6 - last.weekday())
    days = [Day(shown_from + timedelta(days=n)) for n in range((shown_to - shown_from).days + 1)]
    for each in days:
        each.is_today = each.date == today
        each.in_period = first <= each.date <= last
    return Period(view=view, first=first, last=last, days=days, today=today)


def day_of(article):
    """The day a piece stands on in the calendar; today for one on no day."""
    if article.status == Article.Status.PUBLISHED:
        return timezone.localdate(article.goes_public_at)
    return timezone.localdate(article.planned_for or timezone.now())


def start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def fill(period, articles, *, user, now=None):
    """Put each piece on its day, in one query whatever their number."""
    by_date = {day.date: day for day in period.days}
    shown = (
        articles.on_calendar(
            start_of(period.days[0].date),
            start_of(period.days[-1].date + timedelta(days=1)),
            now=now,
        )
        .select_related("section")
        .only(
            "title",
            "status",
            "publish_at",
            "embargo_until",
            "planned_for",
            "version",
            "created_by",
            "assignee",
            "section__name",
        )
    )
    for article in shown:
        moment = timezone.localtime(article.calendar_at)
        piece = Piece(article, moment)
        if refusal(article, user) is None:
            piece.move_form = MoveForm(article=article, period=period)
        by_date[moment.date()].pieces.append(piece)
    return period


class MoveRefused(Exception):
    """The person may not move this piece, or not to that time; the message says why."""


def refusal(article, user, when=None, *, now=None):
    """Why `user` may not move `article` (to `when`, if given), or None when they may."""
    may_publish = user.has_perm("articles.publish_article")
    state = article.state
    if state in (Article.State.DRAFT, Article.State.REVIEW):
        if may_publish or article.belongs_to(user):
            return None
        return "Only the piece’s writer or an editor can move its planned date."
    if state == Article.State.SCHEDULED:
        if not may_publish:
            return "Only an editor can move a scheduled piece."
        if when is not None and when <= (now or timezone.now()):
            return (
                "That time has passed. A scheduled piece can only move to a time still to "
                "come; to publish it now, open it and publish."
            )
        return None
    if state == Article.State.EMBARGOED:
        return "An embargo is agreed with a source: change it on the piece itself, not here."
    return "This piece is live already, so it has no date to move."


def move(article, when, *, by, version, now=None):
    """Move a draft's planned date, or a scheduled piece's publish time, to `when`.

    Saved as a revision by `by`; raises MoveRefused, or EditConflict when the piece was
    saved by someone else since `version` was read.
    """
    reason = refusal(article, by, when, now=now)
    if reason:
        raise MoveRefused(reason)
    with transaction.atomic():
        article.check_version(version)
        if article.state == Article.State.SCHEDULED:
            article.publish_at = when
        else:
            article.planned_for = when
        article._history_user = by
        article._change_reason = f"Moved on the calendar to {when:%d/%m/%Y %H:%M}"
        article.save()


class MoveForm(forms.Form):
    """A piece's new day and time; `version` guards against moving a piece someone else
    has just changed."""

    date = forms.DateField(
        label="New day",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Choose the day to move it to."},
    )
    time = forms.TimeField(
        label="Time",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Choose the time, e.g. 09:00."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    view = forms.ChoiceField(choices=[(v, v) for v in VIEWS], widget=forms.HiddenInput)

    def __init__(self, data=None, *, article, period=None, **kwargs):
        self.article = article
        if data is None and period is not None:
            moment = timezone.localtime(article.calendar_at)
            kwargs["initial"] = {
                "date": moment.date(),
                "time": moment.time().replace(second=0, microsecond=0),
                "version": article.version,
                "view": period.view,
            }
        super().__init__(data, prefix=f"move-{article.pk}", **kwargs)

    def problems(self):
        """Every error, as sentences for the message at the top of the page."""
        return [message for errors in self.errors.values() for message in errors]

    def moment(self):
        return timezone.make_aware(
            datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        )
