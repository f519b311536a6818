"""The pitch pages cost the same number of queries with few or many pitches on file."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import pitch_data
from .factories import PitchFactory, reviewer

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
