"""Sending an issue to its subscribers: through the task queue, in batches, at most once each.

Each batch is claimed before a message goes: a Delivery row per subscriber, status SENDING,
committed first. Then the messages go over one connection of the default mailer, and the
batch's statuses are settled after. So a worker killed mid-batch leaves claims in SENDING;
the next run marks them UNKNOWN (the message may have gone: never sent again) and carries
on with the subscribers who have no Delivery yet.

FAILED means the mail server certainly did not take the message: it refused the recipient
for now (4xx), or the connection was lost before the message was handed over. A run that
loses its connection marks the rest of its batch FAILED and is enqueued again after the
next wait in TASKS_RETRY_DELAYS; that retry sends the FAILED ones again, with everyone not
reached yet. A run that ends with recipients refused for now (greylisting) is retried the
same way before the issue counts as sent. A hard refusal (5xx at RCPT) is BOUNCED and stops
mail to the address.

Only one run works on an issue at a time (a PostgreSQL advisory lock, held by the run's
database session and so released if its worker dies); a second run enqueued meanwhile
finds the lock taken and ends at once.
"""

import logging
import smtplib
from contextlib import contextmanager, suppress
from datetime import timedelta

from anymail.exceptions import AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import mailers
from django.db import connection as database
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.tasks import task
from django.utils import timezone

from articles.background import retry_later
from articles.signals import public_content_changed

from . import subscriptions
from .emails import Edition
from .models import Delivery, Issue, Subscriber

logger = logging.getLogger(__name__)

# The advisory lock's first key: says the second one is a bulletin issue's pk.
LOCK_NAMESPACE = 2023_0023
STARTABLE = (Issue.Status.DRAFT, Issue.Status.SCHEDULED)
BOUNCED, FAILED = Delivery.Status.BOUNCED, Delivery.Status.FAILED


def start_sending(issue):
    """Mark the issue SENDING and enqueue its sending; True if this call started it.

    Only a draft or scheduled issue starts, once: calling it again, or for an issue already
    sending or sent, changes nothing and returns False.
    """
    with transaction.atomic():
        started = (
            Issue.objects.filter(pk=issue.pk, status__in=STARTABLE).update(
                status=Issue.Status.SENDING, sending_started_at=timezone.now()
            )
            == 1
        )
        if started:
            transaction.on_commit(lambda: send_issue.enqueue(issue.pk))
    if started:
        issue.status = Issue.Status.SENDING
    return started


def resume_sending(issue):
    """Enqueue the sending of an issue left SENDING (its worker died); True if enqueued.

    The resumed run counts as a last retry: if it fails too, it leaves the next try to
    `resume_stalled` rather than starting a chain of retries of its own.
    """
    if not Issue.objects.filter(pk=issue.pk, status=Issue.Status.SENDING).exists():
        return False
    send_issue.enqueue(issue.pk, attempt=len(settings.TASKS_RETRY_DELAYS) + 1)
    return True


def stalled(now=None):
    """Issues left SENDING that no run holds and that have made no progress for
    NEWSLETTER_RESUME_AFTER_MINUTES: their worker died, or their retries ran out."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.NEWSLETTER_RESUME_AFTER_MINUTES)
    last_claim = (
        Delivery.objects.filter(issue=OuterRef("pk"))
        .order_by("-attempted_at")
        .values("attempted_at")[:1]
    )
    quiet = (
        Issue.objects.filter(status=Issue.Status.SENDING, sending_started_at__lt=cutoff)
        .annotate(last_claim=Subquery(last_claim))
        .filter(Q(last_claim__isnull=True) | Q(last_claim__lt=cutoff))
    )
    found = []
    for issue in quiet:
        with issue_lock(issue.pk) as free:
            if free:
                found.append(issue)
    return found


def resume_stalled(now=None):
    """Resume every stalled issue (the scheduler's send_due_issues calls this); returns them."""
    resumed = [issue for issue in stalled(now) if resume_sending(issue)]
    for issue in resumed:
        logger.warning("Issue %s had stalled while sending; resumed.", issue.pk)
    return resumed


@task
def send_issue(issue_id, attempt=1):
    """Send the issue to every subscriber who has not had it yet; how many messages went."""
    with issue_lock(issue_id) as locked:
        if not locked:
            logger.info("Issue %s is being sent by another run; this one stops.", issue_id)
            return 0
        issue = Issue.objects.filter(pk=issue_id, status=Issue.Status.SENDING).first()
        if issue is None:
            return 0
        return Run(issue, attempt).send()


@contextmanager
def issue_lock(issue_id):
    if database.vendor != "postgresql":  # the SQLite demo has one worker
        yield True
        return
    with database.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, issue_id])
        locked = cursor.fetchone()[0]
    try:
        yield locked
    finally:
        if locked:
            with database.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, issue_id])


class ConnectionLost(Exception):
    """The mail server went away mid-batch; the batch's statuses are settled already."""


class Run:
    """One run of send_issue: batches until nobody is left, or the connection is lost."""

    def __init__(self, issue, attempt):
        self.issue = issue
        self.attempt = attempt
        self.edition = Edition(issue)
        self.batch_size = settings.NEWSLETTER_BATCH_SIZE
        self.sent = 0

    def send(self):
        self.mark_interrupted()
        if self.attempt > 1:
            self.forget_failed()
        mailer = mailers.default
        try:
            mailer.open()
            after = 0
            while batch := self.next_batch(after):
                after = batch[-1][0]
                self.send_batch(batch, mailer)
        except (ConnectionLost, smtplib.SMTPException, OSError) as error:
            retry_later(send_issue, self.issue.pk, attempt=self.attempt, error=error)
            return self.sent
        finally:
            with suppress(smtplib.SMTPException, OSError):
                mailer.close()
        if self.retry_refused_for_now():
            return self.sent
        with transaction.atomic():
            finished = Issue.objects.filter(pk=self.issue.pk, status=Issue.Status.SENDING).update(
                status=Issue.Status.SENT, sent_at=timezone.now()
            )
            if finished:
                # The web archive lists it from now on: cached pages make way for it.
                public_content_changed.send(sender=Issue)
        logger.info("Issue %s sent: %d messages in this run.", self.issue.pk, self.sent)
        return self.sent

    def retry_refused_for_now(self):
        """Enqueue a later run for the messages a server refused for now (4xx: greylisting,
        a full mailbox), while TASKS_RETRY_DELAYS last; True if one was enqueued. The issue
        stays "sending" until then."""
        if not Delivery.objects.filter(issue=self.issue, status=FAILED).exists():
            return False
        later = retry_later(
            send_issue,
            self.issue.pk,
            attempt=self.attempt,
            error="Some recipients were refused for now (4xx).",
        )
        return later is not None

    def mark_interrupted(self):
        """Claims a dead run left: their messages may have gone, so they are never resent."""
        Delivery.objects.filter(issue=self.issue, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.UNKNOWN, error="Sending was interrupted."
        )

    def forget_failed(self):
        """A retry sends again what the server certainly did not take."""
        Delivery.objects.filter(issue=self.issue, status=Delivery.Status.FAILED).delete()

    def next_batch(self, after):
        """[(pk, email, key, section_ids)] of the next subscribers with no Delivery yet.

        Two queries whatever the batch or list size: a keyset page of subscribers (by pk,
        through the index of confirmed readers) and their chosen sections.
        """
        had_it = Delivery.objects.filter(issue=self.issue, subscriber=OuterRef("pk"))
        rows = list(
            Subscriber.objects.receiving(self.issue.edition)
            .filter(pk__gt=after)
            .exclude(Exists(had_it))
            .order_by("pk")
            .values_list("pk", "email", "key")[: self.batch_size]
        )
        if not rows:
            return []
        chosen = {}
        for subscriber_id, section_id in Subscriber.sections.through.objects.filter(
            subscriber_id__in=[row[0] for row in rows]
        ).values_list("subscriber_id", "section_id"):
            chosen.setdefault(subscriber_id, []).append(section_id)
        return [(pk, email, key, tuple(sorted(chosen.get(pk, ())))) for pk, email, key in rows]

    def send_batch(self, batch, mailer):
        claimed_at = timezone.now()
        with transaction.atomic():  # the claim is committed before any message goes
            Delivery.objects.bulk_create(
                Delivery(
                    issue=self.issue,
                    subscriber_id=pk,
                    status=Delivery.Status.SENDING,
                    attempted_at=claimed_at,
                )
                for pk, *_ in batch
            )
        sent, refused, lost = [], {}, None
        for index, (pk, email, key, section_ids) in enumerate(batch):
            subscriber = Subscriber(pk=pk, email=email, key=key)
            message = self.edition.message_for(subscriber, section_ids)
            try:
                mailer.send_messages([message])
            except Exception as error:
                outcome = recipient_refusal(error)
                if outcome is None:  # the connection, not this address
                    lost = (index, error)
                    break
                refused[pk] = outcome
            else:
                sent.append(pk)
        self.settle(batch, sent, refused, lost)
        self.sent += len(sent)
        if lost:
            raise ConnectionLost(lost[1])

    def settle(self, batch, sent, refused, lost):
        """The batch's statuses in a few UPDATEs, whatever its size."""
        deliveries = Delivery.objects.filter(issue=self.issue)
        if sent:
            deliveries.filter(subscriber_id__in=sent).update(status=Delivery.Status.SENT)
        if refused:
            ids = dict(
                deliveries.filter(subscriber_id__in=refused).values_list("subscriber_id", "pk")
            )
            changed = [
                Delivery(pk=ids[subscriber_id], status=status, error=error[:300])
                for subscriber_id, (status, error) in refused.items()
            ]
            Delivery.objects.bulk_update(changed, ["status", "error"])
            bounced = [pk for pk, (status, _) in refused.items() if status == BOUNCED]
            if bounced:
                subscriptions.stop_mail(
                    bounced,
                    status=Subscriber.Status.BOUNCED,
                    reason=f"The mail server refused issue {self.issue.pk} permanently.",
                )
        if lost:
            index, error = lost
            in_flight, never_tried = batch[index][0], [row[0] for row in batch[index + 1 :]]
            # The message being handed over when the connection died may have gone.
            deliveries.filter(subscriber_id=in_flight).update(
                status=Delivery.Status.UNKNOWN, error=f"Connection lost: {error}"[:300]
            )
            deliveries.filter(subscriber_id__in=never_tried).update(
                status=Delivery.Status.FAILED, error=f"Not sent: {error}"[:300]
            )


def recipient_refusal(error):
    """(status, error text) when the server refused this recipient, else None.

    A permanent refusal (5xx) is a hard bounce; a temporary one (4xx) a failure. A refused
    sender or message data is the message's failure, not the connection's. With an
    anymail backend, a provider's refusal of the recipient counts as a bounce.
    """
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reason = next(iter(error.recipients.values()))
        text = f"{code} {reason.decode(errors='replace') if isinstance(reason, bytes) else reason}"
        return (BOUNCED if 500 <= code < 600 else FAILED, text)
    if isinstance(error, (smtplib.SMTPSenderRefused, smtplib.SMTPDataError)):
        return (FAILED, f"{error.smtp_code} {error.smtp_error!r}")
    if isinstance(error, AnymailRecipientsRefused):
        return (BOUNCED, str(error))
    return None
