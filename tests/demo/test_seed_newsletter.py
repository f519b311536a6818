"""seed_newsletter: confirmed subscribers and one sent issue for the archive, once."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter.models import Issue, Subscriber
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_seed_newsletter_makes_subscribers_and_a_sent_issue_once(client):
    ArticleFactory(title="Board agrees winter plan", publish_at=timezone.now() - timedelta(days=2))

    call_command("seed_newsletter", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_newsletter", stdout=out)

    issue = Issue.objects.sent().get()
    assert Subscriber.objects.confirmed().count() == 4
    assert issue.deliveries.count() == Subscriber.objects.receiving("weekly").count()
    assert "Board agrees winter plan" in client.get(issue.get_absolute_url()).content.decode()
    assert "0 new subscriber(s), no new issue" in out.getvalue()
