"""The admin's front page is a desk: each person sees the work waiting for them."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.desk import end_of_day
from articles.models import Article, Notice
from comments.models import Comment
from tests.columnists.factories import PitchFactory
from tests.comments.factories import CommentFactory, ReportFactory
from tests.factories import ArticleFactory, DraftFactory, UserFactory, editor, writer

pytestmark = pytest.mark.django_db

DESK = "/admin/"


def desk_text(client, person):
    client.force_login(person)
    response = client.get(DESK)
    assert response.status_code == 200
    return response.text


def later_today():
    """A moment after now and before midnight in London, whatever the time of the run."""
    now = timezone.now()
    return now + (end_of_day(now) - now) / 2


def overdue_received_at(days_over=2):
    return timezone.now() - timedelta(days=settings.PITCH_RESPONSE_DAYS + days_over)


def test_the_desk_keeps_the_app_list_and_recent_actions(client):
    text = desk_text(client, editor())
    assert "The newsroom desk" in text
    assert "Articles" in text and "Recent actions" in text


def test_a_writer_sees_their_own_drafts_and_those_assigned_to_them(client):
    person = writer()
    DraftFactory(title="My own draft on waiting lists", created_by=person)
    DraftFactory(title="Someone else's draft", created_by=editor())
    ArticleFactory(title="My published piece", created_by=person)
    text = desk_text(client, person)
    assert "My drafts" in text
    assert "My own draft on waiting lists" in text
    assert "Draft, changed today" in text
    assert "Someone else&#x27;s draft" not in text
    assert "My published piece" not in text


def test_an_editor_sees_drafts_assigned_to_them_newest_change_first(client):
    person = editor()
    older = DraftFactory(title="Assigned older piece", assignee=person)
    DraftFactory(title="Assigned newer piece", assignee=person)
    Article.objects.filter(pk=older.pk).update(modified_at=timezone.now() - timedelta(days=1))
    text = desk_text(client, person)
    assert text.index("Assigned newer piece") < text.index("Assigned older piece")
    assert f'href="{reverse("admin:articles_article_change", args=[older.pk])}"' in text


def test_my_drafts_shows_five_and_links_to_the_rest(client):
    person = writer()
    DraftFactory.create_batch(7, created_by=person)
    client.force_login(person)
    response = client.get(DESK)
    drafts = next(p for p in response.context["desk_panels"] if p.title == "My drafts")
    assert drafts.count == 7 and len(drafts.items) == 5
    assert "2 more" in response.text
    listed = client.get(drafts.see_all_url)
    assert listed.status_code == 200
    assert listed.context["cl"].result_count == 7


def test_the_my_pieces_filter_keeps_to_the_editors_unpublished_pieces(client):
    person = editor()
    DraftFactory(title="Mine in draft", created_by=person)
    DraftFactory(title="Assigned to me", assignee=person, status=Article.Status.REVIEW)
    ArticleFactory(title="Mine and out", created_by=person)
    DraftFactory(title="A colleague's draft")
    client.force_login(person)
    text = client.get(reverse("admin:articles_article_changelist") + "?mine=in_progress").text
    assert "Mine in draft" in text and "Assigned to me" in text
    assert "Mine and out" not in text and "A colleague" not in text


def test_editors_see_every_piece_waiting_for_review(client):
    DraftFactory(title="Ready piece one", status=Article.Status.REVIEW, created_by=writer())
    DraftFactory(title="Ready piece two", status=Article.Status.REVIEW)
    text = desk_text(client, editor())
    assert "Waiting for review" in text
    assert "Ready piece one" in text and "Ready piece two" in text
    assert "?state=review" in text


def test_writers_see_only_their_own_pieces_in_review(client):
    person = writer()
    DraftFactory(title="My piece in review", status=Article.Status.REVIEW, created_by=person)
    DraftFactory(title="A colleague's piece in review", status=Article.Status.REVIEW)
    text = desk_text(client, person)
    assert "My pieces in review" in text
    assert "My piece in review" in text
    assert "A colleague" not in text


def test_an_empty_review_queue_says_so(client):
    assert "Nothing waiting for review." in desk_text(client, editor())


def test_going_live_today_lists_scheduled_and_embargoed_pieces_with_their_time(client):
    at = later_today()
    ArticleFactory(title="Scheduled for later today", publish_at=at)
    ArticleFactory(
        title="Embargo lifts later today",
        publish_at=timezone.now() - timedelta(days=1),
        embargo_until=at,
    )
    ArticleFactory(title="Scheduled for tomorrow", publish_at=end_of_day() + timedelta(hours=1))
    ArticleFactory(title="Already live")
    DraftFactory(title="A draft with a time today", publish_at=at)
    text = desk_text(client, editor())
    when = timezone.localtime(at).strftime("%H:%M")
    assert "Scheduled for later today" in text and f"{when}, scheduled" in text
    assert "Embargo lifts later today" in text and f"{when}, embargo lifts" in text
    assert "Scheduled for tomorrow" not in text
    assert "Already live" not in text
    assert "A draft with a time today" not in text


def test_writers_see_only_their_own_pieces_going_live_today(client):
    person = writer()
    ArticleFactory(title="My piece out later", publish_at=later_today(), created_by=person)
    ArticleFactory(title="A colleague's piece out later", publish_at=later_today())
    text = desk_text(client, person)
    assert "My piece out later" in text
    assert "A colleague" not in text


def test_staff_with_no_desk_work_see_the_app_list_alone(client):
    text = desk_text(client, UserFactory())
    assert "My drafts" not in text and "Comments waiting" not in text
    assert "Pitches due" not in text and "Going live today" not in text
    assert "Recent actions" in text


def test_nothing_going_live_today_says_so(client):
    assert "Nothing else goes live today." in desk_text(client, editor())


def test_moderators_see_pending_comments_and_the_reported_queue(client, moderator_group):
    person = UserFactory(roles=["Moderator"])
    CommentFactory(status=Comment.Status.PENDING, name="Ada Quill", body="First in the queue")
    CommentFactory(status=Comment.Status.PENDING, body="Second in the queue")
    ReportFactory.create_batch(2)
    text = desk_text(client, person)
    assert "Comments waiting" in text
    assert "First in the queue" in text and "Ada Quill" in text
    assert text.index("First in the queue") < text.index("Second in the queue")
    assert "?status__exact=pending" in text
    assert '<a href="/admin/comments/reportedcomment/">Reported comments</a>' in text
    # Moderators have no say over articles, so no article panels.
    assert "My drafts" not in text and "Waiting for review" not in text


def test_the_comment_panel_counts_pending_and_reported(client, moderator_group):
    CommentFactory.create_batch(3, status=Comment.Status.PENDING)
    ReportFactory.create_batch(2)
    client.force_login(UserFactory(roles=["Moderator"]))
    panels = client.get(DESK).context["desk_panels"]
    (comments,) = [panel for panel in panels if panel.title == "Comments waiting"]
    assert comments.count == 3
    assert [(link.label, link.count) for link in comments.links] == [("Reported comments", 2)]


def test_an_empty_comment_queue_says_so(client, moderator_group):
    text = desk_text(client, UserFactory(roles=["Moderator"]))
    assert "No comments are waiting for moderation." in text


def test_writers_and_editors_do_not_see_the_comment_queue(client):
    assert "Comments waiting" not in desk_text(client, writer())
    assert "Comments waiting" not in desk_text(client, editor())


def test_pitch_reviewers_see_pitches_due_oldest_first(client):
    PitchFactory(pitch_title="Overdue the longest", received_at=overdue_received_at(5))
    PitchFactory(pitch_title="Overdue lately", received_at=overdue_received_at(1))
    PitchFactory(pitch_title="Just arrived")
    PitchFactory(
        pitch_title="Overdue but decided", received_at=overdue_received_at(), status="declined"
    )
    text = desk_text(client, UserFactory(roles=["Pitch reviewer"]))
    assert "Pitches due" in text
    assert text.index("Overdue the longest") < text.index("Overdue lately")
    assert "Reply overdue since" in text
    assert "Just arrived" not in text
    assert "Overdue but decided" not in text


def test_a_pitch_due_later_today_is_listed_as_due_today(client):
    due = later_today()
    PitchFactory(
        pitch_title="Due later today",
        received_at=due - timedelta(days=settings.PITCH_RESPONSE_DAYS),
    )
    text = desk_text(client, UserFactory(roles=["Pitch reviewer"]))
    assert "Due later today" in text
    assert f"Reply due today, {timezone.localtime(due):%H:%M}" in text


def test_see_all_pitches_due_lists_the_same_pitches(client):
    PitchFactory(pitch_title="Overdue pitch", received_at=overdue_received_at())
    PitchFactory(pitch_title="Fresh pitch")
    client.force_login(UserFactory(roles=["Pitch reviewer"]))
    text = client.get(reverse("admin:columnists_pitch_changelist") + "?reply=due").text
    assert "Overdue pitch" in text and "Fresh pitch" not in text


def test_no_pitch_due_says_so(client):
    text = desk_text(client, UserFactory(roles=["Pitch reviewer"]))
    assert "No pitch is waiting for a reply today." in text


def test_staff_outside_the_pitch_desk_do_not_see_pitches(client):
    assert "Pitches due" not in desk_text(client, editor())


def test_a_hostile_title_is_shown_as_text(client):
    person = writer()
    DraftFactory(title='<script>alert("x")</script>', created_by=person)
    text = desk_text(client, person)
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert" in text


def fill(size, people):
    """`size` of each kind of waiting work, some of it belonging to each person."""
    staff, reviewer_person = people["editor"], people["pitch reviewer"]
    for n in range(size):
        DraftFactory(created_by=people["writer"] if n % 2 else staff, assignee=staff)
        DraftFactory(status=Article.Status.REVIEW, created_by=people["writer"])
        ArticleFactory(publish_at=later_today())
        ArticleFactory(publish_at=timezone.now() - timedelta(days=1), embargo_until=later_today())
        comment = CommentFactory(status=Comment.Status.PENDING)
        ReportFactory(comment=CommentFactory(article=comment.article))
        PitchFactory(received_at=overdue_received_at(n % 4), assigned_to=reviewer_person)
        for person in people.values():
            Notice.objects.create(
                recipient=person,
                article=Article.objects.first(),
                kind=Notice.Kind.PUBLISHED,
                text=f"Notice {n}",
                read_at=timezone.now() if n % 2 else None,
            )


def desk_queries(client, person):
    client.force_login(person)
    client.get(DESK)  # the first page after signing in reads the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DESK)
    assert response.status_code == 200
    return len(queries)


def test_the_desk_costs_the_same_whatever_is_waiting(
    client, moderator_group, django_assert_max_num_queries
):
    superuser = UserFactory(username="chief", is_superuser=True)
    people = {
        "editor": editor(),
        "writer": writer(),
        "moderator": UserFactory(roles=["Moderator"]),
        "pitch reviewer": UserFactory(roles=["Pitch reviewer"]),
        "everything": superuser,
    }
    counts = {}
    for size in (3, 40):
        fill(size, people)
        counts[size] = {name: desk_queries(client, person) for name, person in people.items()}
    assert counts[3] == counts[40]
    client.force_login(superuser)
    # One of them is today's bulletin with its sent count (newsletter/desk.py).
    with django_assert_max_num_queries(17):
        client.get(DESK)


def test_notices_come_first_with_the_unread_counted_and_open_to_their_piece(client):
    person = writer(username="wendy")
    piece = DraftFactory(title="Winter beds", created_by=person)
    older = Notice.objects.create(
        recipient=person,
        article=piece,
        kind=Notice.Kind.RETURNED,
        text="Ana Lopez returned “Winter beds” to you with this note:\n\n“Check the figures.”",
        created_at=timezone.now() - timedelta(hours=1),
    )
    Notice.objects.create(
        recipient=person,
        article=piece,
        kind=Notice.Kind.PUBLISHED,
        text="Ana Lopez published “Winter beds”. It is live now.",
        read_at=timezone.now(),
    )
    Notice.objects.create(
        recipient=editor(), article=piece, kind=Notice.Kind.SUBMITTED, text="Not for Wendy"
    )

    text = desk_text(client, person)

    assert text.index("Your notices") < text.index("My drafts")
    panel = text[text.index("Your notices") : text.index("My drafts")]
    assert "Ana Lopez published “Winter beds”. It is live now." in panel
    assert "New, today" in panel
    assert "to you with this note: “Check the figures.”" in panel, "on one line"
    assert "Not for Wendy" not in text
    assert 'desk-panel__count"><span class="visually-hidden">:</span> 1<' in panel

    response = client.get(f"/admin/articles/notice/{older.pk}/open/")
    assert response.url == f"/admin/articles/article/{piece.pk}/change/"
    older.refresh_from_db()
    assert older.read_at is not None


def test_nobody_opens_another_persons_notice(client):
    notice = Notice.objects.create(
        recipient=editor(), article=DraftFactory(), kind=Notice.Kind.SUBMITTED, text="Mine"
    )
    client.force_login(writer())
    assert client.get(f"/admin/articles/notice/{notice.pk}/open/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_with_no_notices_the_panel_says_what_will_come_there(client):
    assert "No notices. You will be told here when a piece comes to you" in desk_text(
        client, writer()
    )
