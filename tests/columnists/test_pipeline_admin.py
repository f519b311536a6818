"""The editors' desk: listing, assigning, shortlisting, declining and exporting pitches."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from columnists.models import Pitch, PitchEmail

from .factories import PitchFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:columnists_pitch_changelist")


def act(client, action, *pitches, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in pitches], **extra}
    return client.post(
        CHANGELIST, data, follow=not extra.get("confirm") and action != "export_csv"
    )


def change_form(**fields):
    """What the change page posts, with the management data of its read-only inlines."""
    data = {"internal_notes": "", "assigned_to": ""}
    for prefix in ("events", "emails"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {**data, **fields}


def history(pitch):
    return list(pitch.events.values_list("from_status", "to_status", "actor__username", "note"))


def test_the_list_shows_reference_status_received_and_editor(reviewer_client):
    pitch = PitchFactory(assigned_to=reviewer_client.user)
    page = reviewer_client.get(CHANGELIST).content.decode()
    for text in (pitch.reference, pitch.pitch_title, "Received", reviewer_client.user.username):
        assert text in page
    assert timezone.localtime(pitch.received_at).strftime("%d/%m/%Y") in page


def test_the_list_filters_by_status_and_searches(reviewer_client):
    shortlisted = PitchFactory(status=Pitch.Status.SHORTLISTED, pitch_title="Rota gaps")
    received = PitchFactory(pitch_title="Estates backlog")
    page = reviewer_client.get(CHANGELIST + "?status__exact=shortlisted").content.decode()
    assert shortlisted.reference in page and received.reference not in page
    page = reviewer_client.get(CHANGELIST + "?q=backlog").content.decode()
    assert received.reference in page and shortlisted.reference not in page
    page = reviewer_client.get(CHANGELIST + f"?q={shortlisted.reference}").content.decode()
    assert shortlisted.reference in page and received.reference not in page


def test_pitches_past_the_promised_reply_time_are_flagged(reviewer_client, settings):
    settings.PITCH_RESPONSE_DAYS = 21
    late = PitchFactory(received_at=timezone.now() - timedelta(days=22))
    fresh = PitchFactory()
    PitchFactory(status=Pitch.Status.DECLINED, received_at=timezone.now() - timedelta(days=40))
    page = reviewer_client.get(CHANGELIST + "?reply=overdue").content.decode()
    assert late.reference in page and fresh.reference not in page
    assert page.count('alt="True"') == 1
    change = reviewer_client.get(reverse("admin:columnists_pitch_change", args=[late.pk]))
    assert "(overdue)" in change.content.decode()


def test_staff_outside_the_group_cannot_see_pitches(client):
    client.force_login(StaffFactory())
    PitchFactory()
    assert client.get(CHANGELIST).status_code == 403


def test_nobody_adds_pitches_in_the_admin_and_reviewers_cannot_delete(reviewer_client):
    pitch = PitchFactory()
    assert reviewer_client.get(reverse("admin:columnists_pitch_add")).status_code == 403
    delete = reverse("admin:columnists_pitch_delete", args=[pitch.pk])
    assert reviewer_client.get(delete).status_code == 403
    page = reviewer_client.get(CHANGELIST).content.decode()
    assert "delete_selected" not in page


def test_assign_to_me_only_assigns(reviewer_client):
    pitch = PitchFactory()
    response = act(reviewer_client, "assign_to_me", pitch)
    assert (
        f"Assigned 1 pitch ({pitch.reference}) to you. Status unchanged."
        in response.content.decode()
    )
    pitch.refresh_from_db()
    assert pitch.assigned_to == reviewer_client.user
    assert pitch.status == Pitch.Status.RECEIVED
    username = reviewer_client.user.username
    assert history(pitch) == [("received", "received", username, "Assigned to Rita Reviewer")]


def test_shortlisting_is_recorded_with_who_and_when(reviewer_client):
    pitch = PitchFactory(status=Pitch.Status.IN_REVIEW)
    act(reviewer_client, "shortlist", pitch)
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.SHORTLISTED
    event = pitch.events.get()
    assert (event.from_status, event.to_status) == ("in_review", "shortlisted")
    assert event.actor == reviewer_client.user
    assert timezone.now() - event.at < timedelta(minutes=1)
    page = reviewer_client.get(reverse("admin:columnists_pitch_change", args=[pitch.pk]))
    assert "Shortlisted" in page.content.decode()


def test_a_step_the_status_does_not_allow_is_refused_with_a_reason(reviewer_client):
    pitch = PitchFactory(status=Pitch.Status.DECLINED)
    response = act(reviewer_client, "shortlist", pitch)
    assert (
        f"Skipped 1 pitch: {pitch.reference} is declined. "
        "Only received or in review pitches can be shortlisted."
    ) in response.content.decode()
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.DECLINED
    assert not pitch.events.exists()


def test_status_cannot_be_edited_on_the_change_form(reviewer_client):
    pitch = PitchFactory()
    url = reverse("admin:columnists_pitch_change", args=[pitch.pk])
    response = reviewer_client.post(
        url, change_form(status="accepted", internal_notes="Strong voice")
    )
    assert response.status_code == 302
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.RECEIVED
    assert pitch.internal_notes == "Strong voice"


def test_changing_the_assigned_editor_on_the_form_is_recorded(reviewer_client):
    pitch = PitchFactory()
    other = StaffFactory(username="desk")
    url = reverse("admin:columnists_pitch_change", args=[pitch.pk])
    assert reviewer_client.post(url, change_form(assigned_to=other.pk)).status_code == 302
    assert history(pitch) == [
        ("received", "received", reviewer_client.user.username, "Assigned to desk")
    ]


def test_decline_offers_the_letter_for_editing_first(reviewer_client):
    pitch = PitchFactory(status=Pitch.Status.IN_REVIEW)
    page = act(reviewer_client, "decline", pitch).content.decode()
    assert "Decline pitches" in page
    assert "Dear {name}," in page
    # The admin's look: its breadcrumb list and its form styles.
    assert '<ol class="breadcrumbs">' in page
    assert '<li aria-current="page">Decline pitches</li>' in page
    assert "/static/admin/css/forms.css" in page
    assert mail.outbox == []
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.IN_REVIEW


def test_decline_sends_the_edited_letter_and_records_the_decision(
    reviewer_client, django_capture_on_commit_callbacks
):
    pitch = PitchFactory(status=Pitch.Status.IN_REVIEW, name="Sam Lee")
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            reviewer_client,
            "decline",
            pitch,
            confirm="yes",
            subject="About {reference}",
            body="Dear {name}, thank you for “{pitch_title}”. Not this time.",
        )
    assert response.status_code == 302
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.DECLINED
    assert pitch.decided_at is not None
    (letter,) = mail.outbox
    assert letter.to == [pitch.email]
    assert letter.subject == f"About {pitch.reference}"
    assert letter.body == f"Dear Sam Lee, thank you for “{pitch.pitch_title}”. Not this time."
    assert history(pitch)[-1][:3] == ("in_review", "declined", reviewer_client.user.username)


def test_internal_notes_never_reach_the_applicant(
    reviewer_client, client, django_capture_on_commit_callbacks
):
    pitch = PitchFactory(
        status=Pitch.Status.IN_REVIEW, internal_notes="SECRET: weak sample, rambling"
    )
    subject, body = "Your pitch {reference}", "Dear {name}, no thank you."
    with django_capture_on_commit_callbacks(execute=True):
        act(reviewer_client, "decline", pitch, confirm="yes", subject=subject, body=body)
    assert all("SECRET" not in m.body for m in mail.outbox)
    page = client.get(pitch.get_status_url()).content.decode()
    assert "SECRET" not in page
    assert reviewer_client.user.username not in page
    assert "Rita" not in page


def test_decline_letter_must_have_a_subject_and_body(reviewer_client):
    pitch = PitchFactory()
    response = act(reviewer_client, "decline", pitch, confirm="yes", subject="", body="")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.RECEIVED
    assert not PitchEmail.objects.exists()


def test_staff_without_the_review_permission_get_no_pipeline_actions(client):
    from django.contrib.auth.models import Permission

    user = StaffFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_pitch"))
    client.force_login(user)
    pitch = PitchFactory()
    page = client.get(CHANGELIST).content.decode()
    assert 'value="shortlist"' not in page
    act(client, "shortlist", pitch)
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.RECEIVED


def test_csv_export_lists_the_selected_pitches_safely(reviewer_client):
    pitch = PitchFactory(name='=HYPERLINK("http://evil")', pitch_title="+1 for rotas")
    response = act(reviewer_client, "export_csv", pitch)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="pitches-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["reference", "received", "status"]
    assert rows[1][0] == pitch.reference
    assert rows[1][4] == '\'=HYPERLINK("http://evil")'
    assert rows[1][8] == "'+1 for rotas"
    assert "internal" not in ",".join(rows[0])


def test_actions_are_offered_on_the_pitch_page_too(reviewer_client):
    pitch = PitchFactory()
    page = reviewer_client.get(
        reverse("admin:columnists_pitch_change", args=[pitch.pk])
    ).content.decode()
    assert 'value="shortlist"' in page
    assert 'value="accept"' not in page  # only a shortlisted pitch can be accepted
