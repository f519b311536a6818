"""Editors shape an issue in admin: reorder, drop and add pieces, preview, test, schedule."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Section
from newsletter import links
from newsletter.models import Issue, IssueItem
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory, UserFactory, editor

from .factories import IssueFactory, IssueItemFactory, SentIssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client):
    person = editor(email="editor@nhe.example")
    client.force_login(person)
    return client


@pytest.fixture
def issue():
    issue = IssueFactory(subject="NHE daily bulletin: Winter plans", intro="Good morning.")
    for position, title in enumerate(["Winter plans", "Ambulance waits", "Nurse pay"], start=1):
        IssueItemFactory(
            issue=issue,
            article=ArticleFactory(title=title),
            slot="top" if position == 1 else "section",
            position=position,
        )
    return issue


def change_url(issue):
    return reverse("admin:newsletter_issue_change", args=[issue.pk])


def split(moment):
    if moment is None:
        return {"send_at_0": "", "send_at_1": ""}
    local = timezone.localtime(moment)
    return {"send_at_0": f"{local:%Y-%m-%d}", "send_at_1": f"{local:%H:%M:%S}"}


def form_data(issue, rows, **overrides):
    """The change form as a browser posts it; rows are (item or None, article, position,
    delete)."""
    data = {
        "subject": issue.subject,
        "intro": issue.intro,
        "edition": issue.edition,
        **split(issue.send_at),
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": str(sum(1 for item, *_ in rows if item)),
    }
    for n, (item, article, position, delete) in enumerate(rows):
        data.update(
            {
                f"items-{n}-id": item.pk if item else "",
                f"items-{n}-issue": issue.pk,
                f"items-{n}-article": article.pk,
                f"items-{n}-slot": item.slot if item else IssueItem.Slot.SECTION,
                f"items-{n}-position": str(position),
            }
        )
        if delete:
            data[f"items-{n}-DELETE"] = "on"
    data.update(overrides)
    return data


def order(issue):
    return [item.article.title for item in issue.items.select_related("article")]


def test_the_list_shows_issues_with_their_deliveries(desk, issue):
    sent = SentIssueFactory(subject="Yesterday's bulletin")
    reader, other = SubscriberFactory(), SubscriberFactory()
    sent.deliveries.create(subscriber=reader, status="sent")
    sent.deliveries.create(subscriber=other, status="bounced")

    page = desk.get(reverse("admin:newsletter_issue_changelist")).content.decode()

    assert "NHE daily bulletin: Winter plans" in page
    assert "Yesterday&#x27;s bulletin" in page
    assert "sent: 1" in page and "refused (address stopped): 1" in page


def test_editor_reorders_and_drops_pieces(desk, issue):
    top, waits, pay = issue.items.select_related("article")

    response = desk.post(
        change_url(issue),
        form_data(
            issue,
            [
                (top, top.article, 1, False),
                (waits, waits.article, 3, True),
                (pay, pay.article, 2, False),
            ],
        ),
    )

    assert response.status_code == 302
    assert order(issue) == ["Winter plans", "Nurse pay"]


def test_editor_adds_a_public_piece(desk, issue):
    rows = [(item, item.article, item.position, False) for item in issue.items.all()]
    added = ArticleFactory(title="Breaking: new chief executive")

    response = desk.post(change_url(issue), form_data(issue, [*rows, (None, added, 9, False)]))

    assert response.status_code == 302
    assert order(issue)[-1] == "Breaking: new chief executive"


@pytest.mark.parametrize(
    "piece",
    [
        lambda: DraftFactory(title="Not public piece"),
        lambda: ScheduledFactory(title="Not public piece"),
        lambda: ArticleFactory(
            title="Not public piece", embargo_until=timezone.now() + timedelta(hours=2)
        ),
    ],
    ids=["draft", "scheduled", "embargoed"],
)
def test_a_piece_that_is_not_public_is_refused_clearly(desk, issue, piece):
    rows = [(item, item.article, item.position, False) for item in issue.items.all()]
    hidden = piece()

    response = desk.post(change_url(issue), form_data(issue, [*rows, (None, hidden, 9, False)]))

    assert response.status_code == 200
    assert "“Not public piece” is not public" in response.content.decode()
    assert "Not public piece" not in order(issue)


def test_a_piece_unpublished_since_does_not_block_saving(desk, issue):
    Article.objects.filter(title="Nurse pay").update(status=Article.Status.DRAFT)
    rows = [(each, each.article, each.position, False) for each in issue.items.all()]

    page = desk.get(change_url(issue)).content.decode()
    response = desk.post(change_url(issue), form_data(issue, rows, intro="Changed"))

    assert "No: draft, left out" in page
    assert response.status_code == 302


def test_the_article_search_offers_public_pieces_only(desk, issue):
    ArticleFactory(title="Findable public piece")
    DraftFactory(title="Findable draft piece")
    url = reverse("admin:autocomplete")

    found = desk.get(
        url,
        {
            "term": "Findable",
            "app_label": "newsletter",
            "model_name": "issueitem",
            "field_name": "article",
        },
    ).json()

    assert [result["text"] for result in found["results"]] == ["Findable public piece"]


def test_hostile_subject_with_a_line_break_is_refused(desk, issue):
    rows = [(item, item.article, item.position, False) for item in issue.items.all()]

    response = desk.post(
        change_url(issue), form_data(issue, rows, subject="Hello\r\nBcc: victim@example.org")
    )

    assert response.status_code == 200
    assert "without line breaks" in response.content.decode()
    issue.refresh_from_db()
    assert issue.subject == "NHE daily bulletin: Winter plans"


def test_draft_todays_issue_now(desk):
    ArticleFactory(title="This morning's news")

    response = desk.post(reverse("admin:newsletter_issue_draft"), follow=True)

    issue = Issue.objects.get()
    assert response.redirect_chain[-1][0] == change_url(issue)
    assert "Drafted “NHE daily bulletin: This morning&#x27;s news”" in response.content.decode()
    assert order(issue) == ["This morning's news"]


def test_draft_now_twice_goes_to_the_same_issue(desk):
    ArticleFactory()
    desk.post(reverse("admin:newsletter_issue_draft"))
    ArticleFactory()

    response = desk.post(reverse("admin:newsletter_issue_draft"), follow=True)

    assert Issue.objects.count() == 1
    assert "already drafted" in response.content.decode()


def test_draft_now_with_nothing_public_says_so(desk):
    DraftFactory()

    response = desk.post(reverse("admin:newsletter_issue_draft"), follow=True)

    assert not Issue.objects.exists()
    assert "nothing to draft" in response.content.decode()


def preview_email(client, issue, **query):
    return client.get(reverse("admin:newsletter_issue_preview_email", args=[issue.pk]), query)


def test_preview_frames_the_email_without_scripts(desk, issue):
    page = desk.get(reverse("admin:newsletter_issue_preview", args=[issue.pk]))
    email = preview_email(desk, issue)

    assert 'sandbox="allow-popups' in page.content.decode()
    assert "frame-src" in page["Content-Security-Policy"]
    assert "script-src" not in email["Content-Security-Policy"]
    assert "default-src 'none'" in email["Content-Security-Policy"]
    html = email.content.decode()
    assert "Winter plans" in html and "Ambulance waits" in html and "Nurse pay" in html


def test_preview_as_a_subscriber_shows_their_sections_only(desk):
    issue = IssueFactory()
    columns = Section.objects.get(slug="columnists")
    IssueItemFactory(issue=issue, article=ArticleFactory(title="Top of the day"), slot="top")
    IssueItemFactory(issue=issue, article=ArticleFactory(title="A news story"))
    IssueItemFactory(issue=issue, article=ArticleFactory(title="A column", section=columns))
    SubscriberFactory(email="columns.only@example.org", sections=[columns])

    page = desk.get(
        reverse("admin:newsletter_issue_preview", args=[issue.pk]),
        {"email": "Columns.Only@example.org"},
    ).content.decode()
    html = preview_email(desk, issue, email="columns.only@example.org").content.decode()

    assert "columns.only@example.org" in page and "Columnists" in page
    assert "Top of the day" in html and "A column" in html
    assert "A news story" not in html


def test_preview_for_an_unknown_address_says_so(desk, issue):
    page = desk.get(
        reverse("admin:newsletter_issue_preview", args=[issue.pk]),
        {"email": "nobody@example.org"},
    ).content.decode()

    assert "No subscriber has this address." in page


def test_hostile_intro_is_escaped_in_the_email(desk):
    issue = IssueFactory(intro="<script>alert('x')</script> & more")
    IssueItemFactory(issue=issue)

    html = preview_email(desk, issue).content.decode()

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_send_a_test_goes_to_the_editor_alone(desk, issue):
    SubscriberFactory(email="reader@example.org")

    response = desk.post(reverse("admin:newsletter_issue_test", args=[issue.pk]), follow=True)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editor@nhe.example"]
    assert not message.cc and not message.bcc
    assert message.subject == "[Test] NHE daily bulletin: Winter plans"
    assert "Winter plans" in message.alternatives[0].content
    assert "went to editor@nhe.example" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_send_a_test_as_a_subscriber_keeps_the_readers_links_out(desk, issue):
    reader = SubscriberFactory(email="reader@example.org")

    desk.post(
        reverse("admin:newsletter_issue_test", args=[issue.pk]), {"email": "reader@example.org"}
    )

    message = mail.outbox[0]
    readers_link = links.unsubscribe_url(reader)
    assert message.to == ["editor@nhe.example"]
    assert readers_link not in message.body
    assert readers_link not in message.extra_headers["List-Unsubscribe"]


class RefusingMailServer(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_send_a_test_when_the_mail_server_is_down_says_so(desk, issue, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingMailServer"}}

    response = desk.post(reverse("admin:newsletter_issue_test", args=[issue.pk]), follow=True)

    assert response.status_code == 200
    assert "The mail server did not take the test" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_send_a_test_needs_an_address(client, issue):
    client.force_login(editor(username="no-address", email=""))

    response = client.post(reverse("admin:newsletter_issue_test", args=[issue.pk]), follow=True)

    assert not mail.outbox
    assert "no email address" in response.content.decode()


def schedule(client, issue, moment):
    local = timezone.localtime(moment)
    return client.post(
        reverse("admin:newsletter_issue_schedule", args=[issue.pk]),
        {"send_at": f"{local:%Y-%m-%dT%H:%M}"},
    )


def test_editor_schedules_an_issue(desk, issue):
    when = (timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)

    response = schedule(desk, issue, when)

    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.status, issue.send_at) == (Issue.Status.SCHEDULED, when)


def test_a_scheduled_issue_can_be_moved_to_another_time(desk, issue):
    issue.status, issue.send_at = Issue.Status.SCHEDULED, timezone.now() + timedelta(hours=1)
    issue.save()
    later = (timezone.now() + timedelta(hours=3)).replace(second=0, microsecond=0)

    schedule(desk, issue, later)

    issue.refresh_from_db()
    assert (issue.status, issue.send_at) == (Issue.Status.SCHEDULED, later)


def test_scheduling_in_the_past_is_refused(desk, issue):
    response = schedule(desk, issue, timezone.now() - timedelta(hours=1))

    assert "That time has passed" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT


def test_scheduling_an_empty_issue_is_refused(desk):
    empty = IssueFactory()

    response = schedule(desk, empty, timezone.now() + timedelta(hours=1))

    assert "no public pieces" in response.content.decode()
    empty.refresh_from_db()
    assert empty.status == Issue.Status.DRAFT


def test_a_scheduled_issue_keeps_its_sending_time(desk, issue):
    issue.status, issue.send_at = Issue.Status.SCHEDULED, timezone.now() + timedelta(hours=1)
    issue.save()
    rows = [(item, item.article, item.position, False) for item in issue.items.all()]

    response = desk.post(change_url(issue), form_data(issue, rows, send_at_0="", send_at_1=""))

    assert "A scheduled issue needs a sending time" in response.content.decode()
    issue.refresh_from_db()
    assert issue.send_at is not None


def test_unscheduling_makes_it_a_draft_again(desk, issue):
    issue.status, issue.send_at = Issue.Status.SCHEDULED, timezone.now() + timedelta(hours=1)
    issue.save()

    desk.post(reverse("admin:newsletter_issue_unschedule", args=[issue.pk]))

    issue.refresh_from_db()
    assert (issue.status, issue.send_at) == (Issue.Status.DRAFT, None)


@pytest.mark.parametrize("status", [Issue.Status.SENDING, Issue.Status.SENT])
def test_a_sending_or_sent_issue_is_read_only(desk, issue, status):
    issue.status = status
    issue.save()
    rows = [(item, item.article, item.position, True) for item in issue.items.all()]

    page = desk.get(change_url(issue)).content.decode()
    desk.post(change_url(issue), form_data(issue, rows, subject="Rewritten"))
    scheduled = schedule(desk, issue, timezone.now() + timedelta(hours=1))

    assert 'name="subject"' not in page
    assert "Send a test to me" in page
    issue.refresh_from_db()
    assert issue.subject == "NHE daily bulletin: Winter plans"
    assert issue.items.count() == 3
    assert scheduled.status_code == 403
    assert issue.status == status


def test_an_editor_makes_an_issue_by_hand(desk):
    piece = ArticleFactory(title="A piece chosen by hand")
    data = {
        "subject": "A special bulletin",
        "intro": "",
        "edition": Issue.Edition.DAILY,
        **split(None),
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-article": piece.pk,
        "items-0-slot": IssueItem.Slot.TOP,
        "items-0-position": "1",
    }

    response = desk.post(reverse("admin:newsletter_issue_add"), data)

    assert response.status_code == 302
    issue = Issue.objects.get()
    assert order(issue) == ["A piece chosen by hand"]
    assert issue.status == Issue.Status.DRAFT


def test_only_a_sent_issue_links_to_its_archive_page(desk, issue):
    draft_page = desk.get(change_url(issue)).content.decode()
    issue.status = Issue.Status.SENT
    issue.save()
    sent_page = desk.get(change_url(issue)).content.decode()

    assert "View on site" not in draft_page
    assert "View on site" in sent_page


def test_a_writer_cannot_see_issues(client, issue):
    client.force_login(UserFactory(roles=["Writer"]))

    response = client.get(change_url(issue))

    assert response.status_code == 403


def test_the_desk_shows_todays_bulletin(desk, issue):
    issue.status, issue.send_at = Issue.Status.SCHEDULED, timezone.now() + timedelta(hours=1)
    issue.save()

    page = desk.get(reverse("admin:index")).content.decode()

    assert "Today&#x27;s bulletin" in page
    assert f"Scheduled for {timezone.localtime(issue.send_at):%H:%M}" in page
