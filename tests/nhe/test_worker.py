"""Emails leave through the task queue: a real worker process, against PostgreSQL, sends what
the site enqueued after a commit, and retries later what the mail server refused, while the
reader was told at once that their comment or pitch was saved."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from columnists.models import Pitch, PitchEmail
from tests.columnists.conftest import pitch_data
from tests.comments.factories import comment_data
from tests.factories import ArticleFactory
from tests.nhe.test_two_processes import database_url

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("default_sections"),
]

WORKER = ["manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]


@pytest.fixture
def database_queue(settings):
    """Tasks enqueued by this process wait in PostgreSQL for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker(**env):
    """Run the worker until the queue holds nothing it can run now; return what it did."""
    return subprocess.run(
        [sys.executable, *WORKER],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url(),
            "TASKS_BACKEND": "database",
            "CONN_MAX_AGE": "0",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def mails_in(folder):
    return [path.read_text() for path in sorted(folder.glob("*.log"))] if folder.exists() else []


def test_a_worker_process_sends_the_moderators_alert_for_a_posted_comment(
    client, database_queue, moderator_group, django_user_model, tmp_path
):
    moderator = django_user_model.objects.create_user("mod", "moderator@nhe.example", "pw")
    moderator.groups.add(moderator_group)
    article = ArticleFactory()
    response = client.post(
        reverse("comments:post", args=[article.pk]), comment_data(article), follow=True
    )
    assert "Thanks, your comment is awaiting moderation." in response.text
    assert mail.outbox == []  # the web process only enqueued it

    worker = run_worker(TEST_EMAIL_DIR=str(tmp_path / "mail"))

    assert worker.returncode == 0, worker.stderr
    (alert,) = mails_in(tmp_path / "mail")
    assert "A comment is waiting for moderation" in alert
    assert "To: moderator@nhe.example" in alert


def test_a_refused_email_is_logged_and_retried_later_and_the_applicant_was_answered_at_once(
    client, database_queue, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.PITCH_EDITORS_EMAIL = ["editors@nhe.example"]
    response = client.post("/columnists/apply/", pitch_data(), follow=True)
    assert Pitch.objects.get().reference in response.text

    mail_down = run_worker(
        TEST_EMAIL_BACKEND="tests.columnists.test_emails.BrokenBackend", TASKS_RETRY_DELAYS="2"
    )

    assert mail_down.returncode == 0, mail_down.stderr
    assert mail_down.stderr.count("retrying in 2 s") == 2
    assert "mail server unreachable" in mail_down.stderr
    assert PitchEmail.objects.filter(sent_at__isnull=True, attempts=1).count() == 2

    time.sleep(2.5)
    mail_up = run_worker(TEST_EMAIL_DIR=str(tmp_path / "mail"), TASKS_RETRY_DELAYS="2")

    assert mail_up.returncode == 0, mail_up.stderr
    sent = mails_in(tmp_path / "mail")
    assert sorted(line for m in sent for line in m.splitlines() if line.startswith("To: ")) == [
        "To: amira.patel@example.org",
        "To: editors@nhe.example",
    ]
    assert not PitchEmail.objects.filter(sent_at__isnull=True).exists()
