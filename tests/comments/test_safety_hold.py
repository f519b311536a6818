"""Comments hidden for patient information or defamation stay hidden until a moderator
confirms, one comment at a time, that they are safe to publish."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from tests.factories import ArticleFactory

from .factories import CommentFactory, comment_data

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"
NHS_NUMBER_COMMENT = "My neighbour's NHS number is 943 476 5919 and she waited nine hours."


def report(comment, reason, ip="203.0.113.5"):
    Client(REMOTE_ADDR=ip).post(reverse("comments:report", args=[comment.pk]), {"reason": reason})
    comment.refresh_from_db()
    return comment


def approve_in_bulk(client, comments):
    return client.post(
        CHANGELIST,
        {"action": "approve", "_selected_action": [c.pk for c in comments]},
        follow=True,
    )


def approve_one(client, comment, **extra):
    return client.post(
        f"{CHANGELIST}{comment.pk}/change/",
        {"status": "approved", "reports-TOTAL_FORMS": "0", "reports-INITIAL_FORMS": "0", **extra},
    )


@pytest.mark.parametrize(
    ("reason", "hold"), [("patient", "patient information"), ("defamation", "possible defamation")]
)
def test_a_legally_risky_report_puts_the_comment_under_a_safety_hold(reason, hold):
    comment = report(CommentFactory(), reason)
    assert comment.status == Comment.Status.PENDING
    assert comment.get_safety_hold_display() == hold


def test_a_comment_the_policy_holds_for_patient_data_is_under_a_safety_hold(client):
    article = ArticleFactory()
    client.post(
        reverse("comments:post", args=[article.pk]), comment_data(article, body=NHS_NUMBER_COMMENT)
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.safety_hold == Comment.SafetyHold.PATIENT_INFORMATION


def test_an_ordinary_report_threshold_sets_no_safety_hold(settings):
    settings.COMMENTS_REPORT_THRESHOLD = 1
    comment = report(CommentFactory(), "abuse")
    assert comment.status == Comment.Status.PENDING
    assert comment.safety_hold == ""


def test_bulk_approval_leaves_held_comments_hidden_and_says_so(client, moderator):
    waiting = CommentFactory.create_batch(2, status=Comment.Status.PENDING)
    reported = report(CommentFactory(body="Names a patient on ward 4"), "patient")
    client.force_login(moderator)

    response = approve_in_bulk(client, [*waiting, reported])

    assert (
        "2 approved; 1 held for patient information left for you to review one by one."
        in response.text
    )
    reported.refresh_from_db()
    assert reported.status == Comment.Status.PENDING
    assert reported.safety_hold == Comment.SafetyHold.PATIENT_INFORMATION
    assert reported.reports.filter(resolved=False).exists()
    for comment in waiting:
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED
    article_page = client.get(reported.article.get_absolute_url()).text
    assert "Names a patient on ward 4" not in article_page


def test_bulk_approval_counts_each_kind_of_hold(client, moderator):
    patient = report(CommentFactory(), "patient", ip="203.0.113.1")
    defamatory = report(CommentFactory(), "defamation", ip="203.0.113.2")
    also_defamatory = report(CommentFactory(), "defamation", ip="203.0.113.3")
    client.force_login(moderator)

    response = approve_in_bulk(client, [patient, defamatory, also_defamatory])

    assert (
        "0 approved; 1 held for patient information and 2 held for possible defamation "
        "left for you to review one by one." in response.text
    )
    assert not Comment.objects.filter(status=Comment.Status.APPROVED).exists()


def test_approving_one_held_comment_asks_for_the_confirmation(client, moderator):
    comment = report(CommentFactory(body="Possibly defamatory words"), "defamation")
    client.force_login(moderator)
    page = client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert "I have read it again and it is safe to publish" in page

    response = approve_one(client, comment)

    assert response.status_code == 200
    assert "This comment is held for possible defamation." in response.text
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert comment.safety_hold == Comment.SafetyHold.DEFAMATION


def test_a_confirmed_approval_publishes_the_held_comment_and_lifts_the_hold(client, moderator):
    comment = report(CommentFactory(body="Checked and fine after all"), "defamation")
    client.force_login(moderator)

    response = approve_one(client, comment, confirm_safe="on")

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.safety_hold == ""
    assert comment.moderated_by == moderator
    assert "Checked and fine after all" in client.get(comment.article.get_absolute_url()).text


def test_rejecting_a_held_comment_needs_no_confirmation(client, moderator):
    comment = report(CommentFactory(), "patient")
    client.force_login(moderator)
    response = client.post(
        f"{CHANGELIST}{comment.pk}/change/",
        {"status": "rejected", "reports-TOTAL_FORMS": "0", "reports-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    # Still held: approving it later in bulk must not publish it either.
    approve_in_bulk(client, [comment])
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


def test_comments_without_a_hold_need_no_confirmation(client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(moderator)
    assert "safe to publish" not in client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert approve_one(client, comment).status_code == 302


def test_moderators_can_list_the_held_comments(client, moderator):
    report(CommentFactory(body="Held for a patient"), "patient")
    CommentFactory(status=Comment.Status.PENDING, body="Just waiting")
    client.force_login(moderator)
    text = client.get(CHANGELIST, {"safety_hold__exact": "patient"}).text
    assert "Held for a patient" in text
    assert "Just waiting" not in text
