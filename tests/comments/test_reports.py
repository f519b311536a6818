"""Readers report comments; enough reports, or a legally risky one, hide it for review."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, Report

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def report(comment, reason="abuse", ip="203.0.113.5", client=None):
    client = client or Client(REMOTE_ADDR=ip)
    return client.post(reverse("comments:report", args=[comment.pk]), {"reason": reason})


def test_a_report_is_recorded_and_the_reader_thanked(client):
    comment = CommentFactory()
    response = report(comment, client=client)
    assert response.status_code == 302
    assert response.url == f"{comment.article.get_absolute_url()}#comment-{comment.pk}"
    assert client.get(response.url).text.count("A moderator will review the comment.") == 1
    assert Report.objects.get().reason == "abuse"


def test_the_comment_stays_up_below_the_threshold(settings):
    settings.COMMENTS_REPORT_THRESHOLD = 3
    comment = CommentFactory()
    report(comment, ip="203.0.113.1")
    report(comment, ip="203.0.113.2")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.report_count == 2


def test_at_the_threshold_it_is_hidden_pending_review_with_the_reasons(client, settings):
    settings.COMMENTS_REPORT_THRESHOLD = 3
    comment = CommentFactory(body="A contested claim")
    report(comment, "abuse", ip="203.0.113.1")
    report(comment, "misinformation", ip="203.0.113.2")
    report(comment, "spam", ip="203.0.113.3")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "It is abusive" in comment.held_reason
    assert "clinical misinformation" in comment.held_reason
    assert "A contested claim" not in client.get(comment.article.get_absolute_url()).text


@pytest.mark.parametrize("reason", ["patient", "defamation"])
def test_patient_information_or_defamation_hides_it_at_once(reason):
    comment = CommentFactory()
    report(comment, reason)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_one_reader_reporting_again_counts_once(settings):
    settings.COMMENTS_REPORT_THRESHOLD = 2
    comment = CommentFactory()
    report(comment)
    report(comment)
    comment.refresh_from_db()
    assert comment.report_count == 1
    assert comment.status == Comment.Status.APPROVED


def test_a_report_needs_a_reason():
    comment = CommentFactory()
    report(comment, reason="boring")
    assert not Report.objects.exists()


def test_a_report_sent_from_another_site_is_refused():
    comment = CommentFactory()
    client = Client(enforce_csrf_checks=True, headers={"Origin": "https://evil.example"})
    response = report(comment, client=client)
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_reporting_needs_post(client):
    comment = CommentFactory()
    assert client.get(reverse("comments:report", args=[comment.pk])).status_code == 405


def test_a_hidden_comment_cannot_be_reported(client):
    comment = CommentFactory(status=Comment.Status.PENDING)
    assert report(comment).status_code == 404


def test_reports_are_rate_limited_per_address(settings):
    settings.COMMENTS_RATE_REPORTS_PER_IP = 2
    comments = CommentFactory.create_batch(3)
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert report(comments[0], client=client).status_code == 302
    assert report(comments[1], client=client).status_code == 302
    response = report(comments[2], client=client)
    assert response.status_code == 429
    assert "Too many reports" in response.text
    assert Report.objects.count() == 2
