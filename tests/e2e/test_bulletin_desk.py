"""An editor drafts today's bulletin, reorders and drops pieces, previews it as a subscriber,
sends a test to themselves and schedules it."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from newsletter.models import Issue
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "bulletin-desk-password"  # nosec B105


@pytest.fixture
def bulletin_editor(default_sections, default_roles):
    importlib.import_module(
        "newsletter.migrations.0002_issue_editor_permissions"
    ).let_editors_make_issues(apps, None)
    user = get_user_model().objects.create_user(
        "bulletin-editor", "editor@nhe.example", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def todays_pieces():
    now = timezone.now()
    ArticleFactory(
        title="Board agrees winter plan", is_featured=True, publish_at=now - timedelta(hours=1)
    )
    ArticleFactory(title="Ambulance handovers improve", publish_at=now - timedelta(hours=2))
    ArticleFactory(title="Nurse vacancies fall", publish_at=now - timedelta(hours=3))
    ArticleFactory(title="Estates backlog grows", publish_at=now - timedelta(hours=4))


def sign_in(browser, live_server):
    desk = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    desk.goto(live_server.url + "/admin/login/")
    desk.get_by_label("Username").fill("bulletin-editor")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    return desk


def test_an_editor_drafts_edits_previews_tests_and_schedules_the_bulletin(
    live_server, browser, bulletin_editor, todays_pieces
):
    desk = sign_in(browser, live_server)
    expect(desk.get_by_role("heading", name="Today's bulletin")).to_be_visible()
    desk.goto(live_server.url + "/admin/newsletter/issue/")
    desk.get_by_role("button", name="Draft today's issue now").click()
    expect(
        desk.get_by_text("Drafted “NHE daily bulletin: Board agrees winter plan”")
    ).to_be_visible()

    # The news block in order: handovers, vacancies, estates. Move estates up one, drop
    # vacancies, write an introduction.
    rows = desk.locator("tr.form-row.has_original")
    expect(rows).to_have_count(4)
    rows.nth(3).get_by_role("button", name="Move up").click()
    expect(desk.get_by_role("status")).to_contain_text("is now number 3 of 4")
    desk.locator("tr.form-row.has_original").nth(3).get_by_role("checkbox").check()
    desk.get_by_label("Introduction").fill("Good morning <b>readers</b>.")
    desk.get_by_role("button", name="Save and continue editing").click()
    expect(desk.get_by_text("was changed successfully")).to_be_visible()
    issue = Issue.objects.get()
    titles = [item.article.title for item in issue.items.select_related("article")]
    assert titles == [
        "Board agrees winter plan",
        "Ambulance handovers improve",
        "Estates backlog grows",
    ]

    desk.get_by_role("link", name="Preview as a subscriber").click()
    frame = desk.frame_locator("iframe.issue-preview__frame")
    expect(frame.get_by_text("Estates backlog grows")).to_be_visible()
    # The intro, escaped (the email's hidden preheader repeats it, so the paragraph exactly).
    expect(frame.get_by_text("Good morning <b>readers</b>.", exact=True)).to_be_visible()
    expect(frame.get_by_text("Nurse vacancies fall")).to_have_count(0)

    desk.get_by_role("button", name="Send a test to me").click()
    expect(desk.get_by_text("went to editor@nhe.example")).to_be_visible()
    assert [message.to for message in mail.outbox] == [["editor@nhe.example"]]
    assert mail.outbox[0].subject.startswith("[Test] NHE daily bulletin")

    desk.get_by_role("link", name=issue.subject).click()
    desk.get_by_role("link", name="Schedule").click()
    when = timezone.localtime(timezone.now() + timedelta(hours=2))
    desk.get_by_label("Send at").fill(f"{when:%Y-%m-%dT%H:%M}")
    desk.get_by_role("button", name="Schedule").click()
    expect(desk.get_by_text(f"will be sent at {when:%d/%m/%Y %H:%M}")).to_be_visible()
    expect(desk.get_by_role("button", name="Unschedule")).to_be_visible()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.SCHEDULED
    desk.context.close()
