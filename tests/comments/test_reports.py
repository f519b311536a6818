"""Readers report comments; enough reports, or a legally risky one, hide it for review."""

import pytest
from django.test import Client
from django.urls import reverse

from comments.models import REMOVED, Comment, Report
from tests.factories import ArticleFactory, DraftFactory

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def report(comment, reason="abuse", ip="203.0.113.5", client=None):
    client = client or Client(REMOTE_ADDR=ip)
    return client.post(reverse("comments:report", args=[comment.pk]), {"reason": reason})


def test_a_report_is_recorded_and_the_reader_thanked(client):
    comment = CommentFactory()
    response = report(comment, client=client)
    assert response.status_code == 302
    # At the thanks, shown at the comment to this reader alone.
    assert response.url == f"{comment.article.get_absolute_url()}#comment-{comment.pk}-status"
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


def test_a_report_needs_a_known_reason():
    comment = CommentFactory()
    response = report(comment, reason="boring")
    assert "There is a problem with your report" in response.text
    assert not Report.objects.exists()


def test_a_report_sent_from_another_site_is_refused():
    comment = CommentFactory()
    client = Client(enforce_csrf_checks=True, headers={"Origin": "https://evil.example"})
    response = report(comment, client=client)
    assert response.status_code == 403
    assert not Report.objects.exists()


def test_each_comment_links_to_a_page_to_report_it(client):
    comment = CommentFactory(name="Pat Doyle", body="Bank rates <b>must</b> rise.")
    page = client.get(comment.article.get_absolute_url()).text
    report_url = reverse("comments:report", args=[comment.pk])
    assert f'<a class="comment__report" href="{report_url}" rel="nofollow">Report' in page
    assert "this comment by Pat Doyle" in page
    assert 'name="reason"' not in page  # the form is on the report page, not fifty times here

    response = client.get(report_url)
    assert response.status_code == 200
    assert "<h1>Report a comment</h1>" in response.text
    assert "Bank rates &lt;b&gt;must&lt;/b&gt; rise." in response.text
    assert comment.article.title in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    for label in Report.Reason.labels:
        assert label in response.text
    assert not Report.objects.exists()


def test_a_report_without_a_reason_shows_the_page_again_with_the_problem(client):
    comment = CommentFactory()
    response = client.post(reverse("comments:report", args=[comment.pk]), {"reason": ""})
    assert response.status_code == 200
    assert "<title>Error: Report a comment" in response.text
    assert "Please choose why we should review it." in response.text
    assert not Report.objects.exists()


def test_a_hostile_reason_is_refused_and_not_echoed_back():
    # The page is shown again only for a missing or unknown reason, and an unknown one
    # neither reaches the page nor shows as chosen.
    comment = CommentFactory()
    response = report(comment, reason='spam" onfocus="alert(1)')
    assert response.status_code == 200
    assert 'onfocus="alert(1)' not in response.text
    assert "checked" not in response.text
    assert "Select a valid choice." in response.text


def test_the_report_page_of_a_comment_on_a_later_page_links_back_to_it(client, settings):
    settings.COMMENTS_PAGE_SIZE = 2
    article = ArticleFactory()
    comments = [CommentFactory(article=article) for _ in range(3)]
    last = comments[-1]
    page = client.get(reverse("comments:report", args=[last.pk])).text
    assert f'href="{article.get_absolute_url()}?comments=2#comment-{last.pk}"' in page
    response = report(last)
    assert response.url == f"{article.get_absolute_url()}?comments=2#comment-{last.pk}-status"


def test_a_comment_on_an_unpublished_piece_cannot_be_reported(client):
    comment = CommentFactory(article=DraftFactory())
    assert client.get(reverse("comments:report", args=[comment.pk])).status_code == 404
    assert report(comment).status_code == 404
    assert not Report.objects.exists()


def test_a_removed_comment_cannot_be_reported(client):
    comment = CommentFactory(body=REMOVED)
    assert client.get(reverse("comments:report", args=[comment.pk])).status_code == 404
    assert report(comment).status_code == 404


def test_a_hidden_comment_cannot_be_reported(client):
    comment = CommentFactory(status=Comment.Status.PENDING)
    assert client.get(reverse("comments:report", args=[comment.pk])).status_code == 404
    assert report(comment).status_code == 404


def test_reports_are_rate_limited_per_address(settings):
    settings.COMMENTS_RATE_REPORTS_PER_IP = 2
    # Rate-limit windows follow the clock: a day-long one cannot end between the posts.
    settings.COMMENTS_RATE_WINDOW = 24 * 60 * 60
    comments = CommentFactory.create_batch(3)
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert report(comments[0], client=client).status_code == 302
    assert report(comments[1], client=client).status_code == 302
    response = report(comments[2], client=client)
    assert response.status_code == 429
    assert "Too many reports" in response.text
    assert Report.objects.count() == 2
