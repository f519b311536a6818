"""Drafting an issue: only public pieces, in the window since the last issue, in order."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Section
from newsletter.drafting import draft_issue
from newsletter.models import Issue, IssueItem
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

from .factories import IssueFactory

pytestmark = pytest.mark.django_db


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def section(slug):
    return Section.objects.get(slug=slug)


def titles(issue, slot=None):
    items = issue.items.select_related("article").order_by("position")
    if slot:
        items = items.filter(slot=slot)
    return [item.article.title for item in items]


def test_only_public_pieces_are_drafted():
    ArticleFactory(title="Public story", publish_at=ago(hours=2))
    DraftFactory(title="A draft", publish_at=ago(hours=2))
    ArticleFactory(title="In review", status=Article.Status.REVIEW, publish_at=ago(hours=2))
    ScheduledFactory(title="Scheduled for tomorrow")
    ArticleFactory(
        title="Under embargo",
        publish_at=ago(hours=2),
        embargo_until=timezone.now() + timedelta(hours=3),
    )

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue) == ["Public story"]


def test_a_piece_whose_embargo_lifted_counts_from_the_lifting():
    # Published long ago but held until an hour ago: readers first saw it an hour ago.
    ArticleFactory(title="Embargo lifted", publish_at=ago(days=3), embargo_until=ago(hours=1))

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue) == ["Embargo lifted"]


def test_the_first_daily_issue_looks_back_one_day():
    ArticleFactory(title="This morning", publish_at=ago(hours=3))
    ArticleFactory(title="Two days ago", publish_at=ago(days=2))

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue) == ["This morning"]
    assert issue.covers_until - issue.covers_from == timedelta(days=1)


def test_the_next_issue_starts_where_the_last_one_ended():
    previous = IssueFactory(covers_from=ago(days=2), covers_until=ago(hours=5))
    ArticleFactory(title="Already in the last issue", publish_at=ago(hours=6))
    ArticleFactory(title="New since", publish_at=ago(hours=4))

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue) == ["New since"]
    assert issue.covers_from == previous.covers_until


def test_an_issue_made_by_hand_does_not_move_the_window():
    previous = IssueFactory(covers_from=ago(days=2), covers_until=ago(hours=6))
    made_at = ago(hours=1)
    IssueFactory(subject="Special", covers_from=made_at, covers_until=made_at)
    ArticleFactory(title="Between the two", publish_at=ago(hours=3))

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue) == ["Between the two"]
    assert issue.covers_from == previous.covers_until


def test_nothing_public_in_the_window_drafts_nothing():
    ArticleFactory(publish_at=ago(days=3))
    DraftFactory(publish_at=ago(hours=1))

    assert draft_issue(Issue.Edition.DAILY) is None
    assert not Issue.objects.exists()


def test_drafting_the_same_window_twice_gives_the_same_issue():
    ArticleFactory(publish_at=ago(hours=1))
    now = timezone.now()

    first = draft_issue(Issue.Edition.DAILY, now=now)
    second = draft_issue(Issue.Edition.DAILY, now=now)

    assert first == second
    assert Issue.objects.count() == 1


def test_the_top_story_is_the_editors_first_featured_piece():
    ArticleFactory(title="Newest, not featured", publish_at=ago(minutes=10))
    ArticleFactory(
        title="Featured second", publish_at=ago(hours=1), is_featured=True, featured_order=2
    )
    ArticleFactory(
        title="Featured first", publish_at=ago(hours=2), is_featured=True, featured_order=1
    )

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue, IssueItem.Slot.TOP) == ["Featured first"]
    assert issue.subject == "NHE daily bulletin: Featured first"
    assert titles(issue)[0] == "Featured first"
    assert titles(issue).count("Featured first") == 1


def test_without_a_featured_piece_the_newest_leads():
    ArticleFactory(title="Older", publish_at=ago(hours=3))
    ArticleFactory(title="Newest", publish_at=ago(hours=1))

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue, IssueItem.Slot.TOP) == ["Newest"]


def test_sections_follow_the_front_page_order_newest_first_and_capped():
    # The front page: News (1), Columnists (2), NHE TV (3), Last word (4), Focus (5).
    ArticleFactory(title="Top", publish_at=ago(minutes=5), is_featured=True)
    ArticleFactory(
        title="Focus piece", section=section("health-service-focus"), publish_at=ago(hours=1)
    )
    for hour in range(2, 9):
        ArticleFactory(title=f"News {hour}", publish_at=ago(hours=hour))
    ArticleFactory(title="Column", section=section("columnists"), publish_at=ago(hours=9))

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue, IssueItem.Slot.SECTION) == [
        "News 2",
        "News 3",
        "News 4",
        "News 5",
        "Column",
        "Focus piece",
    ]


def test_last_word_and_nhe_tv_are_picked_into_their_slots():
    ArticleFactory(title="Top", publish_at=ago(minutes=5), is_featured=True)
    ArticleFactory(title="Older interview", section=section("last-word"), publish_at=ago(hours=3))
    ArticleFactory(title="Interview", section=section("last-word"), publish_at=ago(hours=2))
    ArticleFactory(title="Video report", section=section("nhe-tv"), publish_at=ago(hours=2))

    issue = draft_issue(Issue.Edition.DAILY)

    assert titles(issue, IssueItem.Slot.LAST_WORD) == ["Interview"]
    assert titles(issue, IssueItem.Slot.VIDEO) == ["Video report"]
    assert titles(issue)[-2:] == ["Interview", "Video report"]


def test_a_long_title_keeps_the_subject_within_its_limit():
    ArticleFactory(title="A" * 200, publish_at=ago(hours=1))

    issue = draft_issue(Issue.Edition.DAILY)

    assert len(issue.subject) <= 150
    assert issue.subject.startswith("NHE daily bulletin: AAA")


def test_a_title_with_line_breaks_makes_a_one_line_subject():
    ArticleFactory(title="Board agrees\r\nBcc: victim@example.org", publish_at=ago(hours=1))

    issue = draft_issue(Issue.Edition.DAILY)

    assert issue.subject == "NHE daily bulletin: Board agrees Bcc: victim@example.org"


def test_the_weekly_digest_covers_the_week_with_more_per_section():
    for day in range(1, 7):
        ArticleFactory(title=f"Day {day}", publish_at=ago(days=day, minutes=1))
    ArticleFactory(title="Last week", publish_at=ago(days=8))

    issue = draft_issue(Issue.Edition.WEEKLY)

    assert issue.edition == Issue.Edition.WEEKLY
    assert issue.subject == "The week in the NHS: Day 1"
    assert titles(issue) == [f"Day {day}" for day in range(1, 7)]


def test_a_daily_issue_does_not_shorten_the_weekly_window():
    IssueFactory(edition=Issue.Edition.DAILY, covers_from=ago(days=2), covers_until=ago(hours=1))
    ArticleFactory(title="Three days ago", publish_at=ago(days=3))

    issue = draft_issue(Issue.Edition.WEEKLY)

    assert titles(issue) == ["Three days ago"]


# The scheduled commands.


def at_london(*args):
    return timezone.make_aware(datetime(*args))


def run(command, now, settings, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: now)
    output = StringIO()
    call_command(command, stdout=output)
    return output.getvalue()


def test_draft_bulletins_waits_for_the_drafting_time(settings, monkeypatch):
    settings.NEWSLETTER_DAILY_DRAFT_AT = "06:00"
    ArticleFactory(publish_at=at_london(2026, 12, 2, 20, 0))  # a Wednesday evening

    output = run("draft_bulletins", at_london(2026, 12, 3, 5, 45), settings, monkeypatch)

    assert "No issue to draft now" in output
    assert not Issue.objects.exists()


def test_draft_bulletins_drafts_the_daily_once_on_a_weekday(settings, monkeypatch):
    settings.NEWSLETTER_DAILY_DRAFT_AT = "06:00"
    ArticleFactory(title="Evening news", publish_at=at_london(2026, 12, 2, 20, 0))

    output = run("draft_bulletins", at_london(2026, 12, 3, 6, 5), settings, monkeypatch)
    run("draft_bulletins", at_london(2026, 12, 3, 6, 20), settings, monkeypatch)

    assert "drafted “NHE daily bulletin: Evening news”" in output
    issue = Issue.objects.get()
    assert (issue.edition, issue.status) == (Issue.Edition.DAILY, Issue.Status.DRAFT)


def test_draft_bulletins_says_when_nothing_went_public(settings, monkeypatch):
    output = run("draft_bulletins", at_london(2026, 12, 3, 6, 5), settings, monkeypatch)

    assert "nothing went public" in output
    assert not Issue.objects.exists()


def test_draft_bulletins_drafts_no_daily_at_the_weekend(settings, monkeypatch):
    ArticleFactory(publish_at=at_london(2026, 12, 5, 6, 0))  # a Saturday

    run("draft_bulletins", at_london(2026, 12, 5, 9, 0), settings, monkeypatch)

    assert not Issue.objects.exists()


def test_on_fridays_the_weekly_digest_is_drafted_too(settings, monkeypatch):
    ArticleFactory(publish_at=at_london(2026, 12, 1, 9, 0))
    ArticleFactory(publish_at=at_london(2026, 12, 3, 20, 0))

    run("draft_bulletins", at_london(2026, 12, 4, 6, 1), settings, monkeypatch)

    assert sorted(Issue.objects.values_list("edition", flat=True)) == ["daily", "weekly"]
    assert Issue.objects.get(edition="weekly").items.count() == 2
    assert Issue.objects.get(edition="daily").items.count() == 1


def test_with_auto_send_the_drafted_issue_is_scheduled(settings, monkeypatch):
    settings.NEWSLETTER_AUTO_SEND = True
    settings.NEWSLETTER_DAILY_SEND_AT = "07:00"
    ArticleFactory(publish_at=at_london(2026, 12, 2, 20, 0))

    run("draft_bulletins", at_london(2026, 12, 3, 6, 5), settings, monkeypatch)

    issue = Issue.objects.get()
    assert issue.status == Issue.Status.SCHEDULED
    assert issue.send_at == at_london(2026, 12, 3, 7, 0)


def test_send_due_issues_hands_over_only_those_due(settings, monkeypatch):
    now = timezone.now()
    due = IssueFactory(status=Issue.Status.SCHEDULED, send_at=now - timedelta(minutes=1))
    later = IssueFactory(status=Issue.Status.SCHEDULED, send_at=now + timedelta(hours=1))
    draft = IssueFactory(send_at=now - timedelta(hours=1))

    output = run("send_due_issues", now, settings, monkeypatch)

    assert due.subject in output
    due.refresh_from_db(), later.refresh_from_db(), draft.refresh_from_db()
    # Handed over: sending has started (or, with an immediate task queue, finished).
    assert due.status in {Issue.Status.SENDING, Issue.Status.SENT}
    assert later.status == Issue.Status.SCHEDULED
    assert draft.status == Issue.Status.DRAFT


def test_both_commands_are_scheduled_jobs():
    from nhe.schedule import COMMANDS

    assert {"draft_bulletins", "send_due_issues"} <= COMMANDS
