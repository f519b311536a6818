"""The pitch pages cost the same number of queries with few or many pitches on file."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from columnists.models import Pitch, PitchEmail

from .conftest import pitch_data
from .factories import PitchFactory, StaffFactory, reviewer

pytestmark = pytest.mark.django_db

BOUNDS = {"apply": 1, "thanks": 3, "status": 3, "submit": 16}
DESK_BOUNDS = {"list": 10, "shortlisted list": 10, "pitch page": 8}


def count(client, method, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    assert response.status_code in (200, 302), url
    return len(queries)


def measure(client, n):
    client.get("/")  # the navigation is cached after the first page
    submit = count(client, "post", reverse("columnists:apply"), pitch_data(pitch_title=f"T{n}"))
    probe = PitchFactory()
    return {
        "apply": count(client, "get", reverse("columnists:apply")),
        "thanks": count(client, "get", reverse("columnists:thanks")),
        "status": count(client, "get", probe.get_status_url()),
        "submit": submit,
    }


def test_query_counts_hold_as_pitches_pile_up(client, default_sections):
    PitchFactory.create_batch(3)
    small = measure(client, 1)
    PitchFactory.create_batch(150)
    large = measure(client, 2)
    assert small == large
    for name, bound in BOUNDS.items():
        assert large[name] <= bound, (name, large[name])


def measure_desk(client, n):
    client.force_login(reviewer(username=f"desk{n}"))
    probe = PitchFactory(status="in_review")
    return {
        "list": count(client, "get", reverse("admin:columnists_pitch_changelist")),
        "shortlisted list": count(
            client,
            "get",
            reverse("admin:columnists_pitch_changelist") + "?status__exact=shortlisted",
        ),
        "pitch page": count(
            client, "get", reverse("admin:columnists_pitch_change", args=[probe.pk])
        ),
    }


def test_the_desk_pages_cost_the_same_with_more_pitches(client):
    PitchFactory.create_batch(3, status="shortlisted")
    small = measure_desk(client, 1)
    PitchFactory.create_batch(60, status="shortlisted")
    PitchFactory.create_batch(60, status="accepted")
    large = measure_desk(client, 2)
    assert small == large
    for name, bound in DESK_BOUNDS.items():
        assert large[name] <= bound, (name, large[name])


def test_the_pitch_list_costs_the_same_with_many_editors_overdue_and_unsent_emails(client):
    """Each pitch assigned to a different editor, some overdue, some with an email that
    could not be sent: the list and its filters still cost the same."""
    now = timezone.now()
    pages = {
        "list": reverse("admin:columnists_pitch_changelist"),
        "due": reverse("admin:columnists_pitch_changelist") + "?reply=due",
        "unsent": reverse("admin:columnists_pitch_changelist") + "?email=undelivered",
    }
    client.force_login(reviewer(username="lister"))
    counts = {}
    for size in (3, 40):
        while Pitch.objects.count() < size:
            n = Pitch.objects.count()
            pitch = PitchFactory(
                assigned_to=StaffFactory(),
                received_at=now - timedelta(days=settings.PITCH_RESPONSE_DAYS + n % 3 - 1),
            )
            PitchEmail.objects.create(pitch=pitch, kind=PitchEmail.Kind.CONFIRMATION)
        counts[size] = {name: count(client, "get", url) for name, url in pages.items()}
    assert counts[3] == counts[40]
    assert counts[40]["list"] <= DESK_BOUNDS["list"]
