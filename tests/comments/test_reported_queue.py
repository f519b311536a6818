"""Reported comments have a queue of their own, with the readers' reasons and notes; every
held comment says why it is held, pre-moderation included."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import PREMODERATED, REPORT_NOTE_MAX_LENGTH, Comment, Report

from .factories import CommentFactory, ReportFactory
from .test_hostile_input import CORPUS, active_markup, encode

pytestmark = pytest.mark.django_db

QUEUE = "/admin/comments/reportedcomment/"
CHANGELIST = "/admin/comments/comment/"


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    settings.COMMENTS_RATE_REPORTS_PER_IP = 10_000
    settings.COMMENTS_REPORT_THRESHOLD = 3


def report(comment, reason="abuse", note=None, ip="203.0.113.5"):
    data = {"reason": reason}
    if note is not None:
        data["note"] = note
    return Client(REMOTE_ADDR=ip).post(
        reverse("comments:report", args=[comment.pk]),
        encode(data),
        content_type="application/x-www-form-urlencoded",
    )


def test_a_pre_moderated_comment_says_why_it_is_held(client, moderator, post_comment, settings):
    settings.COMMENTS_PREMODERATE = True
    post_comment(body="Nothing wrong with this one.")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == PREMODERATED
    client.force_login(moderator)
    assert PREMODERATED in client.get(CHANGELIST).text
    assert PREMODERATED in client.get(f"{CHANGELIST}{comment.pk}/change/").text


def test_a_comment_held_before_the_reason_was_recorded_still_says_why(client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING, held_reason="")
    client.force_login(moderator)
    assert PREMODERATED in client.get(f"{CHANGELIST}{comment.pk}/change/").text


def test_the_report_page_offers_an_optional_note(client):
    comment = CommentFactory()
    text = client.get(reverse("comments:report", args=[comment.pk])).text
    assert "Anything a moderator should know? (optional)" in text
    assert 'name="note"' in text
    assert report(comment).status_code == 302  # without a note, as before
    assert Report.objects.get().note == ""


def test_the_reported_queue_lists_reported_comments_with_reasons_and_notes(client, moderator):
    reported = CommentFactory(body="A claim readers dispute")
    report(reported, "misinformation", note="The trial was withdrawn in 2023.", ip="198.51.100.1")
    report(reported, "abuse", ip="198.51.100.2")
    CommentFactory(status=Comment.Status.PENDING, body="Only pre-moderated")
    reviewed = CommentFactory(body="Already reviewed")
    ReportFactory(comment=reviewed, resolved=True)

    client.force_login(moderator)
    text = client.get(QUEUE).text
    assert "Reported comments" in text
    assert "A claim readers dispute" in text
    assert "It spreads clinical misinformation: “The trial was withdrawn in 2023.”" in text
    assert "It is abusive" in text
    assert "Only pre-moderated" not in text
    assert "Already reviewed" not in text
    # The main queue filters to them too.
    filtered = client.get(CHANGELIST, {"reported": "open"}).text
    assert "A claim readers dispute" in filtered and "Only pre-moderated" not in filtered
    # The comment page shows each note with its reason.
    page = client.get(f"{QUEUE}{reported.pk}/change/").text
    assert "The trial was withdrawn in 2023." in page


def test_approving_a_hidden_reported_comment_clears_it_from_the_queue(client, moderator):
    comment = CommentFactory(body="Hidden but fine")
    report(comment, "defamation", note="Names a consultant")
    client.force_login(moderator)
    response = client.post(
        f"{QUEUE}{comment.pk}/change/",
        {
            "status": "approved",
            "confirm_safe": "on",
            "reports-TOTAL_FORMS": "1",
            "reports-INITIAL_FORMS": "1",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Hidden but fine" not in client.get(QUEUE).text
    assert Report.objects.get().resolved
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_keeping_a_reported_comment_up_dismisses_its_reports(client, moderator):
    comment = CommentFactory(body="Reported but fine")
    report(comment, "spam", note="Looks like an advert")
    client.force_login(moderator)
    response = client.post(
        QUEUE, {"action": "keep", "_selected_action": [comment.pk]}, follow=True
    )
    assert "Reports dismissed on 1 comment." in response.text
    assert "Reported but fine" not in client.get(QUEUE).text
    assert Report.objects.get().resolved
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.report_count == 0


def test_staff_who_may_not_moderate_see_the_queue_without_actions(client, writer):
    comment = CommentFactory(body="Seen by a writer")
    report(comment)
    client.force_login(writer)
    text = client.get(QUEUE).text
    assert "Seen by a writer" in text
    assert 'value="approve"' not in text


def test_an_over_long_note_is_refused_with_the_words_kept():
    comment = CommentFactory()
    note = "Too long. " * (REPORT_NOTE_MAX_LENGTH // 10 + 1)
    response = report(comment, note=note)
    assert response.status_code == 200
    assert "Please shorten your note" in response.text
    assert "Too long. Too long." in response.text
    assert not Report.objects.exists()


def test_control_characters_are_dropped_from_a_note():
    comment = CommentFactory()
    report(comment, note="  Line one\nline\u202e two\x07  ")
    assert Report.objects.get().note == "Line one\nline two"


def test_hostile_notes_are_never_a_500_and_inert_in_the_queue(client, moderator, settings):
    settings.COMMENTS_REPORT_THRESHOLD = 10_000  # stays up, so every reader can report it
    comment = CommentFactory()
    for number, value in enumerate(CORPUS):
        response = report(comment, note=value, ip=f"192.0.2.{number % 250}")
        assert response.status_code in (200, 302), value
    assert Report.objects.exists()
    client.force_login(moderator)
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert active_markup(queue.text) == []
    assert active_markup(client.get(f"{QUEUE}{comment.pk}/change/").text) == []


def test_the_reported_queue_costs_the_same_with_5_and_50_reported_comments(client, moderator):
    client.force_login(moderator)
    counts = {}
    for size in (5, 50):
        while Comment.objects.count() < size:
            comment = CommentFactory()
            ReportFactory.create_batch(2, comment=comment, note="A reader's note")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(QUEUE)
        assert response.status_code == 200
        assert response.text.count("A reader&#x27;s note") == 2 * size
        counts[size] = len(queries)
    assert counts[5] == counts[50]
