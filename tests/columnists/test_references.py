"""Reference codes: NHE-year-sequence, unique even when pitches arrive together."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from columnists.models import ReferenceSequence

from .conftest import pitch_data


@pytest.mark.django_db
def test_references_count_up_within_a_year_and_restart_in_the_next():
    assert ReferenceSequence.next_reference(2026) == "NHE-2026-00001"
    assert ReferenceSequence.next_reference(2026) == "NHE-2026-00002"
    assert ReferenceSequence.next_reference(2027) == "NHE-2027-00001"


@pytest.mark.django_db
def test_a_submitted_pitch_takes_this_years_next_number(client):
    ReferenceSequence.objects.create(year=timezone.localdate().year, last=41)
    client.post("/columnists/apply/", pitch_data())
    from columnists.models import Pitch

    assert Pitch.objects.get().reference == f"NHE-{timezone.localdate().year}-00042"


@pytest.mark.django_db(transaction=True)
def test_pitches_submitted_at_the_same_moment_get_different_numbers():
    from columnists import pipeline

    start = threading.Barrier(4)
    references, errors = [], []

    def submit(n):
        try:
            start.wait()
            pitch = pipeline.submit(
                data={
                    "name": f"Applicant {n}",
                    "email": f"a{n}@example.org",
                    "job_title": "Nurse",
                    "organisation": "",
                    "pitch_title": f"Idea {n}",
                    "synopsis": "About wards.",
                    "sample_text": "Words.",
                    "links": "",
                    "conflicts": "",
                }
            )
            references.append(pitch.reference)
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    year = timezone.localdate().year
    assert sorted(references) == [f"NHE-{year}-{n:05d}" for n in range(1, 5)]


@pytest.mark.django_db(transaction=True)
def test_the_same_pitch_sent_twice_at_once_is_filed_once():
    from columnists import pipeline
    from columnists.models import Pitch

    start = threading.Barrier(2)
    outcomes = []
    data = {
        "name": "Jo",
        "email": "jo@example.org",
        "job_title": "Nurse",
        "organisation": "",
        "pitch_title": "Same idea",
        "synopsis": "About wards.",
        "sample_text": "Words.",
        "links": "",
        "conflicts": "",
    }

    def submit():
        try:
            start.wait()
            pipeline.submit(data=dict(data))
            outcomes.append("filed")
        except pipeline.DuplicatePitch:
            outcomes.append("duplicate")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate", "filed"]
    assert Pitch.objects.count() == 1
