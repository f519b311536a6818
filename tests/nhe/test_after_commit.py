"""After-commit work is isolated: whether the queue cannot be reached or the mail server
refuses, a committed comment or pitch is answered as saved, and the failure is logged."""

import logging

import pytest
from django.core import mail
from django.db import OperationalError
from django.tasks.backends.base import BaseTaskBackend
from django.urls import reverse

from columnists.models import Pitch, PitchEmail
from comments.models import Comment
from tests.columnists.conftest import pitch_data
from tests.comments.factories import comment_data
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_sections")]


class UnreachableQueue(BaseTaskBackend):
    """A queue whose database connection died after the change committed."""

    def enqueue(self, task, args, kwargs):
        raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def queue_down(settings):
    settings.TASKS = {"default": {"BACKEND": "tests.nhe.test_after_commit.UnreachableQueue"}}


@pytest.fixture
def mail_down(settings):
    settings.MAILERS = {"default": {"BACKEND": "tests.columnists.test_emails.BrokenBackend"}}


@pytest.fixture
def moderator(moderator_group, django_user_model):
    user = django_user_model.objects.create_user("mod", "moderator@nhe.example", "pw")
    user.groups.add(moderator_group)
    return user


def post_comment(client, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("comments:post", args=[article.pk]), comment_data(article), follow=True
        )


def post_pitch(client, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/columnists/apply/", pitch_data(), follow=True)


@pytest.mark.parametrize("failure", ["queue_down", "mail_down"])
def test_a_comment_is_answered_as_saved_when_its_alert_fails(
    client, moderator, failure, request, caplog, django_capture_on_commit_callbacks
):
    request.getfixturevalue(failure)
    with caplog.at_level(logging.WARNING):
        response = post_comment(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Thanks, your comment is awaiting moderation." in response.text
    assert Comment.objects.pending().count() == 1
    assert mail.outbox == []
    failed = " ".join(record.getMessage() for record in caplog.records)
    assert "alert_moderators" in failed


@pytest.mark.parametrize("failure", ["queue_down", "mail_down"])
def test_a_pitch_is_answered_as_saved_when_its_emails_fail(
    client, settings, tmp_path, failure, request, caplog, django_capture_on_commit_callbacks
):
    request.getfixturevalue(failure)
    with caplog.at_level(logging.WARNING):
        response = post_pitch(client, settings, tmp_path, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert Pitch.objects.get().reference in response.text
    # Both stay in the outbox for the hourly send_pitch_emails job.
    assert PitchEmail.objects.filter(sent_at__isnull=True).count() == 2
    failed = " ".join(record.getMessage() for record in caplog.records)
    assert "send_pitch_email" in failed
