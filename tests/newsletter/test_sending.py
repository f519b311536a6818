"""Sending an issue: everyone who should get it gets it once, a crash never sends anything
twice, and a mail server's refusals end up on the deliveries and the subscribers."""

import smtplib
import socket
from datetime import timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import generation
from articles.models import Section
from newsletter import sending
from newsletter.models import Delivery, Issue, IssueItem, Subscriber
from tests.factories import ArticleFactory
from tests.nhe.test_worker import mails_in, run_worker

from .factories import IssueFactory, SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bulletin_site")]

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def statuses(issue):
    return dict(issue.deliveries.values_list("subscriber__email", "status"))


def start(issue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return sending.start_sending(issue)


def test_every_confirmed_reader_of_the_edition_gets_it_once_and_nobody_else(
    issue, sections, django_capture_on_commit_callbacks
):
    readers = SubscriberFactory.create_batch(12)
    news_only = SubscriberFactory(email="news@example.org", sections=[sections["news"]])
    SubscriberFactory(email="pending@example.org", status=Subscriber.Status.PENDING)
    SubscriberFactory(email="gone@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    SubscriberFactory(email="bounced@example.org", status=Subscriber.Status.BOUNCED)
    SubscriberFactory(email="spam@example.org", status=Subscriber.Status.COMPLAINED)
    SubscriberFactory(email="weekly@example.org", frequency=Subscriber.Frequency.WEEKLY)

    assert start(issue, django_capture_on_commit_callbacks) is True

    expected = sorted([r.email for r in readers] + ["news@example.org"])
    assert recipients() == expected
    assert set(statuses(issue).values()) == {"sent"}
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT and issue.sent_at and issue.sending_started_at
    (news_mail,) = [m for m in mail.outbox if m.to == [news_only.email]]
    assert "Trust merger agreed" in news_mail.body
    assert "Interview with a chief nurse" not in news_mail.body

    # Starting it again, or resuming it, sends nothing.
    assert start(issue, django_capture_on_commit_callbacks) is False
    assert sending.resume_sending(issue) is False
    sending.send_issue.enqueue(issue.pk)
    assert len(mail.outbox) == len(expected)


def test_a_sent_issue_ends_the_content_generation_so_the_cached_archive_lists_it(
    issue, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    before = generation.current()["number"]

    start(issue, django_capture_on_commit_callbacks)

    assert generation.current()["number"] > before


def test_only_a_draft_or_scheduled_issue_starts(sections, django_capture_on_commit_callbacks):
    SubscriberFactory()
    for status in (Issue.Status.SENDING, Issue.Status.SENT):
        assert start(IssueFactory(status=status), django_capture_on_commit_callbacks) is False
    assert mail.outbox == []
    scheduled = IssueFactory(status=Issue.Status.SCHEDULED)
    assert start(scheduled, django_capture_on_commit_callbacks) is True
    assert len(mail.outbox) == 1


def test_claims_a_killed_worker_left_become_unknown_and_are_never_sent_again(issue):
    readers = SubscriberFactory.create_batch(8)
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    # A worker died after claiming these two: their messages may or may not have gone.
    for reader in readers[:2]:
        Delivery.objects.create(issue=issue, subscriber=reader, status=Delivery.Status.SENDING)

    sending.send_issue.enqueue(issue.pk)

    assert recipients() == sorted(r.email for r in readers[2:])
    assert statuses(issue) == {
        **{r.email: "unknown" for r in readers[:2]},
        **{r.email: "sent" for r in readers[2:]},
    }
    sending.send_issue.enqueue(issue.pk)
    assert len(mail.outbox) == 6


def test_the_scheduler_resumes_an_issue_whose_worker_died_and_leaves_a_live_one_alone(issue):
    readers = SubscriberFactory.create_batch(5)
    long_ago = timezone.now() - timedelta(minutes=40)
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SENDING, sending_started_at=long_ago
    )
    for reader in readers[:2]:
        Delivery.objects.create(
            issue=issue, subscriber=reader, status=Delivery.Status.SENDING, attempted_at=long_ago
        )
    just_started = IssueFactory(
        subject="Started a minute ago",
        status=Issue.Status.SENDING,
        sending_started_at=timezone.now() - timedelta(minutes=1),
    )

    output = StringIO()
    call_command("send_due_issues", stdout=output)

    assert f"Resumed sending “{issue.subject}”" in output.getvalue()
    assert "Started a minute ago" not in output.getvalue()
    assert recipients() == sorted(r.email for r in readers[2:])
    assert sorted(statuses(issue).values()) == ["sent"] * 3 + ["unknown"] * 2
    issue.refresh_from_db()
    just_started.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    assert just_started.status == Issue.Status.SENDING and not just_started.deliveries.exists()

    call_command("send_due_issues", stdout=StringIO())
    assert len(mail.outbox) == 3


class WorkerKilled(BaseException):
    """The worker process dies: nothing after this line of Python runs."""


class DiesAfterThree(EmailBackend):
    sent = 0

    def send_messages(self, messages):
        if DiesAfterThree.sent == 3:
            raise WorkerKilled
        DiesAfterThree.sent += 1
        return super().send_messages(messages)


def test_a_worker_killed_mid_batch_resumes_without_sending_anyone_twice(issue, settings):
    readers = SubscriberFactory.create_batch(12)  # batches of 5
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.DiesAfterThree"}}

    with pytest.raises(WorkerKilled):
        sending.send_issue.call(issue.pk)
    assert len(mail.outbox) == 3
    assert sorted(statuses(issue).values()) == ["sending"] * 5

    settings.MAILERS = {"default": {"BACKEND": LOCMEM}}
    sending.send_issue.call(issue.pk)

    assert sorted(recipients()) == sorted({*recipients()})  # nobody twice
    assert len(mail.outbox) == 3 + 7
    final = statuses(issue)
    assert sorted(final.values()) == ["sent"] * 7 + ["unknown"] * 5
    assert {final[r.email] for r in readers[:5]} == {"unknown"}
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SENT
    sending.send_issue.call(issue.pk)
    assert len(mail.outbox) == 10


class LosesConnectionAtThird(EmailBackend):
    sent = 0

    def send_messages(self, messages):
        if LosesConnectionAtThird.sent == 2:
            LosesConnectionAtThird.sent += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        LosesConnectionAtThird.sent += 1
        return super().send_messages(messages)


def test_a_lost_connection_fails_the_rest_of_the_batch_and_a_retry_sends_those(
    issue, settings, caplog
):
    readers = SubscriberFactory.create_batch(12)
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.LosesConnectionAtThird"}}

    sending.send_issue.call(issue.pk)

    by_reader = statuses(issue)
    assert [by_reader[r.email] for r in readers[:5]] == [
        "sent",
        "sent",
        "unknown",  # it was being handed over: it may have gone
        "failed",
        "failed",
    ]
    assert len(by_reader) == 5  # the rest wait for the retry
    assert "giving up" in caplog.text  # the immediate backend cannot retry later
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENDING

    sending.send_issue.call(issue.pk, attempt=2)

    assert sorted(recipients()) == sorted(r.email for r in readers if r != readers[2])
    by_reader = statuses(issue)
    assert by_reader.pop(readers[2].email) == "unknown"
    assert set(by_reader.values()) == {"sent"}
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


class RefusingHandler:
    """An SMTP server that refuses some recipients at RCPT and counts what it accepts."""

    def __init__(self, refusals):
        self.refusals = refusals
        self.accepted = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refusals:
            return self.refusals[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.accepted.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    def serve(refusals):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        handler = RefusingHandler(refusals)
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
            }
        }
        return handler

    servers = []
    yield serve
    for controller in servers:
        controller.stop()


def test_a_hard_refusal_bounces_and_stops_the_address_and_a_soft_one_only_fails(
    issue, smtp_server
):
    SubscriberFactory(email="ok@example.org")
    SubscriberFactory(email="nobody@example.org")
    SubscriberFactory(email="full@example.org")
    SubscriberFactory(email="ok2@example.org")
    server = smtp_server(
        {
            "nobody@example.org": "550 5.1.1 <nobody@example.org>: user unknown",
            "full@example.org": "450 4.2.2 Mailbox full, try later",
        }
    )
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)

    sending.send_issue.call(issue.pk)

    assert sorted(server.accepted) == ["ok2@example.org", "ok@example.org"]
    deliveries = {d.subscriber.email: d for d in issue.deliveries.select_related("subscriber")}
    assert deliveries["nobody@example.org"].status == "bounced"
    assert "550" in deliveries["nobody@example.org"].error
    assert "user unknown" in deliveries["nobody@example.org"].error
    assert deliveries["full@example.org"].status == "failed"
    assert "450" in deliveries["full@example.org"].error
    assert deliveries["ok@example.org"].status == "sent"
    nobody = Subscriber.objects.get(email="nobody@example.org")
    assert nobody.status == Subscriber.Status.BOUNCED and nobody.stopped_at
    assert f"issue {issue.pk}" in nobody.stop_reason
    assert Subscriber.objects.get(email="full@example.org").status == "confirmed"
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


def test_a_greylisted_reader_is_tried_again_later_before_the_issue_counts_as_sent(
    issue, smtp_server, monkeypatch
):
    SubscriberFactory(email="ok@example.org")
    SubscriberFactory(email="greylisted@example.org")
    server = smtp_server({"greylisted@example.org": "450 4.7.1 Greylisted, try again later"})
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    retries = []
    # The database queue would run it after the wait; here the test runs it.
    monkeypatch.setattr(
        sending, "retry_later", lambda task, *args, **kwargs: retries.append(kwargs) or True
    )

    sending.send_issue.call(issue.pk)

    assert server.accepted == ["ok@example.org"]
    assert [retry["attempt"] for retry in retries] == [1]
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENDING

    server.refusals.clear()  # the greylist lets it through now
    sending.send_issue.call(issue.pk, attempt=2)

    assert sorted(server.accepted) == ["greylisted@example.org", "ok@example.org"]
    assert set(statuses(issue).values()) == {"sent"}
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


def test_a_mail_server_that_is_down_sends_nothing_and_claims_nobody(issue, settings, caplog):
    SubscriberFactory.create_batch(3)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once closed
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    sending.send_issue.call(issue.pk)
    assert not issue.deliveries.exists()
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENDING
    assert "giving up" in caplog.text


def queries_to_send(issue, subscribers, sections):
    for index in range(subscribers):
        SubscriberFactory(sections=[sections["news"]] if index % 3 == 0 else [])
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING, sent_at=None)
    with CaptureQueriesContext(connection) as queries:
        sending.send_issue.call(issue.pk)
    return len(queries)


def test_queries_per_batch_do_not_grow_with_the_batch_or_the_list(issue, sections, settings):
    settings.NEWSLETTER_BATCH_SIZE = 10
    small = queries_to_send(IssueFactory(), 20, sections)  # 2 batches
    Subscriber.objects.all().delete()
    large = queries_to_send(IssueFactory(), 60, sections)  # 6 batches
    per_batch = (large - small) / 4
    assert per_batch == int(per_batch) and per_batch <= 8
    # The same per batch when the batch is larger.
    Subscriber.objects.all().delete()
    settings.NEWSLETTER_BATCH_SIZE = 30
    assert queries_to_send(IssueFactory(), 60, sections) == small


def test_the_deliveries_admin_lists_each_recipients_status(admin_client, issue):
    SubscriberFactory(email="listed@example.org")
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)
    sending.send_issue.call(issue.pk)
    response = admin_client.get("/admin/newsletter/delivery/", {"status": "sent", "q": "listed@"})
    assert response.status_code == 200
    assert "listed@example.org" in response.text
    assert "Add delivery" not in response.text


class ProviderRefuses(EmailBackend):
    """A provider's API (through django-anymail) that refuses one recipient."""

    def send_messages(self, messages):
        from anymail.exceptions import AnymailRecipientsRefused

        if messages[0].to == ["refused@example.org"]:
            raise AnymailRecipientsRefused("Recipient refused: inactive address")
        return super().send_messages(messages)


def test_a_providers_refusal_at_send_time_bounces_the_address(issue, settings):
    SubscriberFactory(email="refused@example.org")
    SubscriberFactory(email="fine@example.org")
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.ProviderRefuses"}}
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENDING)

    sending.send_issue.call(issue.pk)

    assert recipients() == ["fine@example.org"]
    assert statuses(issue) == {"refused@example.org": "bounced", "fine@example.org": "sent"}
    assert Subscriber.objects.get(email="refused@example.org").status == "bounced"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_process_sends_a_started_issue(default_sections, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    issue = IssueFactory(subject="From the worker")
    IssueItem.objects.create(
        issue=issue, article=ArticleFactory(section=Section.objects.get(slug="news")), slot="top"
    )
    SubscriberFactory(email="one@example.org")
    SubscriberFactory(email="two@example.org")

    assert sending.start_sending(issue) is True  # autocommit: enqueued at once
    assert mail.outbox == []

    worker = run_worker(TEST_EMAIL_DIR=str(tmp_path / "mail"), SITE_URL="https://www.nhe.example")

    assert worker.returncode == 0, worker.stderr
    sent = mails_in(tmp_path / "mail")
    assert sorted(line for m in sent for line in m.splitlines() if line.startswith("To: ")) == [
        "To: one@example.org",
        "To: two@example.org",
    ]
    assert all("List-Unsubscribe-Post: List-Unsubscribe=One-Click" in m for m in sent)
    assert set(statuses(issue).values()) == {"sent"}
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT
