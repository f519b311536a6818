"""Each pitch status offers only the steps it allows, on the list and on the pitch page."""

from html.parser import HTMLParser

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from columnists import pipeline
from columnists.models import Pitch

from .factories import PitchFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:columnists_pitch_changelist")
Status, Step = Pitch.Status, Pitch.Step

# What the desk may do in each status, as the admin's buttons say it.
ASSIGN, REVIEW, SHORTLIST = "Assign to me", "Mark as in review", "Shortlist"
ACCEPT, DECLINE = "Accept and create columnist", "Decline, with an email to the applicant"
BUTTONS = {
    Status.RECEIVED: [ASSIGN, REVIEW, SHORTLIST, DECLINE],
    Status.IN_REVIEW: [ASSIGN, SHORTLIST, DECLINE],
    Status.SHORTLISTED: [ASSIGN, REVIEW, ACCEPT, DECLINE],
    Status.ACCEPTED: [],
    Status.DECLINED: [],
    Status.WITHDRAWN: [],
}


class StepButtons(HTMLParser):
    """The text of the step buttons a person sees on the pitch page."""

    def __init__(self):
        super().__init__()
        self.labels, self.current = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "button" and dict(attrs).get("name") == "CHANGE_FORM-action":
            self.current = ""

    def handle_data(self, data):
        if self.current is not None:
            self.current += data

    def handle_endtag(self, tag):
        if tag == "button" and self.current is not None:
            self.labels.append(self.current.strip())
            self.current = None


def change_url(pitch):
    return reverse("admin:columnists_pitch_change", args=[pitch.pk])


def step_buttons(client, pitch):
    parser = StepButtons()
    parser.feed(client.get(change_url(pitch)).content.decode())
    return parser.labels


def press(client, pitch, action):
    """Press a step button on the pitch page, as the browser posts it."""
    data = {"CHANGE_FORM-action": action, ACTION_CHECKBOX_NAME: pitch.pk}
    return client.post(change_url(pitch), data, follow=True)


def act(client, action, *pitches, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in pitches], **extra}
    return client.post(CHANGELIST, data, follow=True)


@pytest.mark.parametrize("status", list(Status))
def test_the_pitch_page_shows_only_the_steps_its_status_allows(reviewer_client, status):
    pitch = PitchFactory(status=status)
    assert step_buttons(reviewer_client, pitch) == BUTTONS[status]


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN])
def test_a_decided_pitch_offers_no_steps_but_keeps_its_notes(reviewer_client, status):
    pitch = PitchFactory(status=status)
    page = reviewer_client.get(change_url(pitch)).content.decode()
    label = status.label.lower()
    assert f"This pitch is {label}: no further steps. Desk notes can still be added" in page
    assert 'name="internal_notes"' in page


STEP_RUNS = {
    Step.ASSIGN: lambda pitch, user: pipeline.assign(pitch, to=user, by=user),
    Step.START_REVIEW: lambda pitch, user: pipeline.start_review(pitch, by=user),
    Step.SHORTLIST: lambda pitch, user: pipeline.shortlist(pitch, by=user),
    Step.DECLINE: lambda pitch, user: pipeline.decline(pitch, by=user, subject="S", body="B"),
    Step.ACCEPT: lambda pitch, user: pipeline.accept(pitch, by=user, subject="S", body="B"),
}
ALLOWED = {
    Status.RECEIVED: {Step.ASSIGN, Step.START_REVIEW, Step.SHORTLIST, Step.DECLINE},
    Status.IN_REVIEW: {Step.ASSIGN, Step.SHORTLIST, Step.DECLINE},
    Status.SHORTLISTED: {Step.ASSIGN, Step.START_REVIEW, Step.ACCEPT, Step.DECLINE},
    Status.ACCEPTED: set(),
    Status.DECLINED: set(),
    Status.WITHDRAWN: set(),
}


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("step", list(STEP_RUNS))
def test_the_pipeline_takes_exactly_the_steps_the_table_allows(status, step):
    pitch = PitchFactory(status=status)
    editor = StaffFactory()
    assert pitch.allows(step) == (step in ALLOWED[status])
    if step in ALLOWED[status]:
        STEP_RUNS[step](pitch, editor)
        pitch.refresh_from_db()
        assert pitch.status == (Pitch.STEP_LEADS_TO[step] or status)
    else:
        with pytest.raises(pipeline.PitchStateError, match=pitch.reference):
            STEP_RUNS[step](pitch, editor)
        pitch.refresh_from_db()
        assert pitch.status == status
        assert not pitch.events.exists()


def test_assign_then_review_then_shortlist_from_the_pitch_page(reviewer_client):
    pitch = PitchFactory()
    page = press(reviewer_client, pitch, "assign_to_me").content.decode()
    assert f"Assigned 1 pitch ({pitch.reference}) to you. Status unchanged." in page
    pitch.refresh_from_db()
    assert (pitch.status, pitch.assigned_to) == (Status.RECEIVED, reviewer_client.user)
    assert step_buttons(reviewer_client, pitch) == [REVIEW, SHORTLIST, DECLINE]

    page = press(reviewer_client, pitch, "mark_in_review").content.decode()
    assert f"Marked 1 pitch ({pitch.reference}) as in review." in page
    assert "Skipped" not in page
    page = press(reviewer_client, pitch, "shortlist").content.decode()
    assert f"Shortlisted 1 pitch ({pitch.reference})." in page
    pitch.refresh_from_db()
    assert pitch.status == Status.SHORTLISTED
    assert list(pitch.events.values_list("to_status", flat=True)) == [
        "received",
        "in_review",
        "shortlisted",
    ]


def test_assign_then_review_from_the_list(reviewer_client):
    pitch = PitchFactory()
    act(reviewer_client, "assign_to_me", pitch)
    page = act(reviewer_client, "mark_in_review", pitch).content.decode()
    assert f"Marked 1 pitch ({pitch.reference}) as in review." in page
    pitch.refresh_from_db()
    assert pitch.status == Status.IN_REVIEW


def test_assigning_a_pitch_already_yours_says_so(reviewer_client):
    pitch = PitchFactory(assigned_to=reviewer_client.user)
    page = act(reviewer_client, "assign_to_me", pitch).content.decode()
    assert f"Skipped 1 pitch: {pitch.reference} is already assigned to Rita Reviewer." in page
    assert not pitch.events.exists()


def test_a_stale_button_on_a_decided_pitch_changes_nothing_and_says_why(reviewer_client):
    pitch = PitchFactory(status=Status.ACCEPTED)
    page = press(reviewer_client, pitch, "shortlist").content.decode()
    pitch.refresh_from_db()
    assert pitch.status == Status.ACCEPTED
    assert f"{pitch.reference} is accepted." in page


def test_a_bulk_step_over_mixed_statuses_takes_the_valid_and_names_the_skipped(reviewer_client):
    received = PitchFactory()
    in_review = PitchFactory(status=Status.IN_REVIEW)
    accepted = PitchFactory(status=Status.ACCEPTED)
    declined = PitchFactory(status=Status.DECLINED)
    page = act(
        reviewer_client, "shortlist", received, in_review, accepted, declined
    ).content.decode()
    assert "Shortlisted 2 pitches (" in page
    assert "Skipped 2 pitches: " in page
    assert f"{accepted.reference} is accepted" in page
    assert f"{declined.reference} is declined" in page
    assert "Only received or in review pitches can be shortlisted." in page
    statuses = {p.pk: p.status for p in Pitch.objects.all()}
    assert statuses == {
        received.pk: Status.SHORTLISTED,
        in_review.pk: Status.SHORTLISTED,
        accepted.pk: Status.ACCEPTED,
        declined.pk: Status.DECLINED,
    }


def test_declining_mixed_statuses_writes_only_to_the_open_ones(reviewer_client):
    open_pitch = PitchFactory(status=Status.IN_REVIEW)
    withdrawn = PitchFactory(status=Status.WITHDRAWN)
    page = act(reviewer_client, "decline", open_pitch, withdrawn).content.decode()
    assert "Decline pitches" in page
    assert f"Skipped 1 pitch: {withdrawn.reference} is withdrawn." in page
    assert f'value="{open_pitch.pk}"' in page
    assert f'value="{withdrawn.pk}"' not in page


def test_a_list_filtered_to_one_status_offers_only_its_steps(reviewer_client):
    PitchFactory(status=Status.SHORTLISTED)
    page = reviewer_client.get(CHANGELIST + "?status__exact=shortlisted")
    page = page.content.decode()
    assert 'value="accept"' in page and 'value="shortlist"' not in page
    page = reviewer_client.get(CHANGELIST + "?status__exact=accepted").content.decode()
    for action in ("assign_to_me", "mark_in_review", "shortlist", "accept", "decline"):
        assert f'value="{action}"' not in page
    assert 'value="export_csv"' in page
    page = reviewer_client.get(CHANGELIST).content.decode()
    for action in ("assign_to_me", "mark_in_review", "shortlist", "accept", "decline"):
        assert f'value="{action}"' in page
