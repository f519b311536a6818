"""A pitch reviewer assigns a pitch to herself, marks it in review and shortlists it."""

import pytest

from columnists.models import Pitch
from tests.columnists.factories import PitchFactory, reviewer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def test_a_reviewer_assigns_reviews_and_shortlists_a_pitch(live_server, page):
    from playwright.sync_api import expect

    pitch = PitchFactory(pitch_title="Frailty at the front door")
    reviewer(username="rita", first_name="Rita", last_name="Reviewer", password=PASSWORD)
    page.goto(live_server.url + "/admin/login/?next=/admin/columnists/pitch/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/columnists/pitch/")

    # From the list: assign it to herself. It stays received, and says so.
    page.get_by_role("row", name=pitch.reference).get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Action").select_option(label="Assign to me")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text(f"Assigned 1 pitch ({pitch.reference}) to you.")).to_be_visible()

    # On the pitch page, the next steps are buttons; accepting is not yet one of them.
    page.get_by_role("link", name="Frailty at the front door").click()
    steps = page.locator(".pitch-steps")
    expect(steps.get_by_role("button", name="Mark as in review")).to_be_visible()
    expect(steps.get_by_role("button", name="Accept and create columnist")).to_have_count(0)
    steps.get_by_role("button", name="Mark as in review").click()
    expect(page.get_by_text(f"Marked 1 pitch ({pitch.reference}) as in review.")).to_be_visible()
    expect(page.get_by_text("Skipped")).to_have_count(0)

    # In review, the button to mark it in review is gone; shortlisting is there.
    steps = page.locator(".pitch-steps")
    expect(steps.get_by_role("button", name="Mark as in review")).to_have_count(0)
    steps.get_by_role("button", name="Shortlist").click()
    expect(page.get_by_text(f"Shortlisted 1 pitch ({pitch.reference}).")).to_be_visible()
    expect(
        page.locator(".pitch-steps").get_by_role("button", name="Accept and create columnist")
    ).to_be_visible()

    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.SHORTLISTED
    assert pitch.assigned_to.username == "rita"
