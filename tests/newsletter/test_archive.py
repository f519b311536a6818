"""The public archive: sent issues as readers got them, less what is no longer public."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsletter.models import Issue
from tests.factories import ArticleFactory, ImageFactory

from .factories import IssueFactory, IssueItemFactory, SentIssueFactory

pytestmark = pytest.mark.django_db

ARCHIVE = reverse("newsletter:archive")


def test_the_archive_lists_sent_issues_newest_first(client):
    SentIssueFactory(subject="Older issue", sent_at="2026-12-01T07:00Z")
    SentIssueFactory(subject="Newer issue", sent_at="2026-12-02T07:00Z")
    IssueFactory(subject="A draft issue")
    IssueFactory(subject="A scheduled issue", status=Issue.Status.SCHEDULED)
    IssueFactory(subject="Being sent", status=Issue.Status.SENDING)

    page = client.get(ARCHIVE).content.decode()

    assert page.index("Newer issue") < page.index("Older issue")
    for unsent in ("A draft issue", "A scheduled issue", "Being sent"):
        assert unsent not in page


def test_the_archive_pages_and_forgives_a_bad_page_number(client):
    for n in range(25):
        SentIssueFactory(subject=f"Issue number {n:02}")

    first = client.get(ARCHIVE).content.decode()
    second = client.get(ARCHIVE, {"page": "2"}).content.decode()
    nonsense = client.get(ARCHIVE, {"page": "<script>"})

    assert "Page 1 of 2" in first and "Issue number 24" in first
    assert "Issue number 00" in second
    assert nonsense.status_code == 200


def test_an_empty_archive_says_so(client):
    assert "No bulletin has been sent yet." in client.get(ARCHIVE).content.decode()


def test_an_issue_shows_its_intro_and_blocks(client):
    issue = SentIssueFactory(subject="NHE daily bulletin: Winter plans", intro="Good morning.")
    IssueItemFactory(issue=issue, article=ArticleFactory(title="Winter plans"), slot="top")
    IssueItemFactory(issue=issue, article=ArticleFactory(title="Ambulance waits"))

    response = client.get(issue.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Good morning." in page
    assert "Top story" in page and "Winter plans" in page
    assert "News" in page and "Ambulance waits" in page


def test_a_piece_unpublished_later_disappears_from_the_archive(client):
    issue = SentIssueFactory()
    IssueItemFactory(issue=issue, article=ArticleFactory(title="Still public"))
    removed = ArticleFactory(title="Legally removed")
    IssueItemFactory(issue=issue, article=removed)
    Article.objects.filter(pk=removed.pk).update(status=Article.Status.DRAFT)

    page = client.get(issue.get_absolute_url()).content.decode()

    assert "Still public" in page
    assert "Legally removed" not in page


@pytest.mark.parametrize(
    "status", [Issue.Status.DRAFT, Issue.Status.SCHEDULED, Issue.Status.SENDING]
)
def test_an_unsent_issue_is_not_found(client, status):
    issue = IssueFactory(status=status)
    IssueItemFactory(issue=issue)

    assert client.get(issue.get_absolute_url()).status_code == 404


def test_hostile_intro_is_escaped_on_the_archive_page(client):
    issue = SentIssueFactory(
        subject="<img src=x onerror=alert(1)>", intro="<script>alert('x')</script>\nLine two"
    )
    IssueItemFactory(issue=issue)

    page = client.get(issue.get_absolute_url()).content.decode()
    listing = client.get(ARCHIVE).content.decode()

    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "<img src=x" not in listing
    assert "<br>Line two" in page


def queries(client, url):
    client.get(url)  # the site's navigation is cached after the first page
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_archive_costs_the_same_queries_at_two_sizes(client):
    counts = []
    for size in (3, 60):
        while Issue.objects.count() < size:
            SentIssueFactory()
        counts.append(queries(client, ARCHIVE))

    # The count and the page of issues.
    assert counts == [2, 2]


def test_an_issue_costs_the_same_queries_at_two_sizes(client):
    issue = SentIssueFactory()
    counts = []
    for size in (3, 40):
        while issue.items.count() < size:
            IssueItemFactory(issue=issue, article=ArticleFactory(lead_image=ImageFactory()))
        counts.append(queries(client, issue.get_absolute_url()))

    # The issue, and its public items with their sections and pictures.
    assert counts == [2, 2]
