"""An applicant pitches a column; a pitch reviewer shortlists and accepts it in the admin."""

import pytest

from articles.models import Author
from columnists.models import Pitch
from tests.columnists.factories import PDF_BYTES, reviewer
from tests.factories import image_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


@pytest.fixture
def quick_forms(settings, tmp_path):
    settings.PITCH_MIN_FILL_SECONDS = 0  # the browser types faster than a person
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_a_pitch_goes_from_the_form_to_a_new_columnist(
    live_server, page, default_sections, quick_forms, tmp_path
):
    sample = tmp_path / "My column.pdf"
    sample.write_bytes(PDF_BYTES)
    headshot = tmp_path / "me.jpg"
    headshot.write_bytes(image_bytes("JPEG", size=(400, 500)))

    page.goto(live_server.url + "/columnists/")
    page.get_by_role("link", name="Pitch us a column").click()
    page.wait_for_url("**/columnists/apply/")
    page.get_by_label("Full name").fill("Dr Amira Patel")
    page.get_by_label("Email address").fill("amira.patel@example.org")
    page.get_by_label("Job title").fill("Consultant geriatrician")
    page.get_by_label("Organisation (optional)").fill("Northshire Hospitals")
    page.get_by_label("Working title of your column").fill("Frailty at the front door")
    page.get_by_label("What your column is about").fill(
        "A monthly column on frail older people in emergency departments."
    )
    page.get_by_label("Or attach a writing sample").set_input_files(str(sample))
    page.get_by_label("A headshot (optional)").set_input_files(str(headshot))
    page.get_by_label("Declarations of interest").fill("Trustee of a patient charity.")
    page.get_by_label("I agree that NHE may keep").check()
    page.get_by_role("button", name="Send my pitch").click()

    page.wait_for_url("**/columnists/apply/thanks/")
    pitch = Pitch.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == "Thank you for your pitch"
    assert page.get_by_text(pitch.reference, exact=True).is_visible()
    assert pitch.sample_file and pitch.headshot

    from playwright.sync_api import expect

    reviewer(username="rita", password=PASSWORD)
    page.goto(live_server.url + "/admin/login/?next=/admin/columnists/pitch/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/columnists/pitch/")

    def run_action(label):
        page.get_by_role("row", name=pitch.reference).get_by_role("checkbox").check()
        page.get_by_role("combobox", name="Action").select_option(label=label)
        page.get_by_role("button", name="Run").click()

    run_action("Shortlist")
    expect(page.get_by_text(f"Shortlisted 1 pitch ({pitch.reference}).")).to_be_visible()
    page.goto(live_server.url + "/admin/columnists/pitch/")
    run_action("Accept and create columnist")
    page.get_by_role("button", name="Accept and create columnist").click()
    expect(page.get_by_text("Dr Amira Patel is now a columnist")).to_be_visible()

    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.ACCEPTED
    columnist = Author.objects.get(is_columnist=True)
    assert columnist == pitch.author
    assert columnist.role_line == "Consultant geriatrician at Northshire Hospitals"
    assert columnist.headshot is not None


def test_an_applicant_withdraws_a_pitch_from_the_status_page_in_the_email(
    live_server, page, default_sections, quick_forms
):
    import re

    from django.core import mail
    from playwright.sync_api import expect

    page.goto(live_server.url + "/columnists/apply/")
    page.get_by_label("Full name").fill("Tom Reyes")
    page.get_by_label("Email address").fill("tom.reyes@example.org")
    page.get_by_label("Job title").fill("Practice manager")
    page.get_by_label("Working title of your column").fill("Notes from the front desk")
    page.get_by_label("What your column is about").fill(
        "What running a GP practice's reception teaches about access."
    )
    page.get_by_label("Writing sample", exact=True).fill("Monday begins at 7.55 with the phones.")
    page.get_by_label("I agree that NHE may keep").check()
    page.get_by_role("button", name="Send my pitch").click()
    page.wait_for_url("**/columnists/apply/thanks/")

    pitch = Pitch.objects.get()
    (confirmation,) = [m for m in mail.outbox if "tom.reyes@example.org" in m.to]
    status_path = re.search(r"https?://[^/\s]+(/columnists/pitches/[^/\s]+/)", confirmation.body)
    assert status_path.group(1) == pitch.get_status_url()

    page.goto(live_server.url + status_path.group(1))
    expect(page.get_by_role("heading", name="Your pitch")).to_be_visible()
    page.get_by_label("Yes, withdraw my pitch").check()
    page.get_by_role("button", name="Withdraw my pitch").click()

    expect(page.get_by_text("Your pitch has been withdrawn.")).to_be_visible()
    expect(page.get_by_text("You withdrew this pitch.")).to_be_visible()
    pitch.refresh_from_db()
    assert pitch.status == Pitch.Status.WITHDRAWN
