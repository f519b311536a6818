"""The pitch pages cost the same number of queries with few or many pitches on file."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import pitch_data
from .factories import PitchFactory

pytestmark = pytest.mark.django_db

BOUNDS = {"apply": 1, "thanks": 3, "status": 3, "submit": 16}


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
