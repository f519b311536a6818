"""The desk's workflow in a browser: submit, be told, publish, be told; return with a note."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import DraftFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
TITLE = "Mental health beds rise in the North West"


@pytest.fixture
def people(default_sections, default_roles):
    return {
        "writer": UserFactory(
            username="wendy", first_name="Wendy", last_name="Ward", roles=["Writer"]
        ),
        "editor": UserFactory(
            username="ana", first_name="Ana", last_name="Lopez", roles=["Editor"]
        ),
    }


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def test_writer_submits_editor_is_told_and_publishes_writer_is_told(live_server, page, people):
    sign_in(page, live_server, "wendy")
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.get_by_label("Title:", exact=True).fill(TITLE)
    page.get_by_label("Section:", exact=True).select_option(label="News")
    page.get_by_label("Standfirst:", exact=True).fill("Forty more beds open this winter.")
    page.locator('.ProseMirror[contenteditable="true"]').click()
    page.keyboard.type("Three trusts share the new beds.")
    # Her own byline is already filled in.
    expect(page.locator("#bylines-group")).to_contain_text("Wendy Ward")
    page.get_by_label("Ask for review by:").select_option(label="Ana Lopez")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(live_server.url + "/admin/articles/article/")
    expect(page.get_by_text("Submitted for review. Ana Lopez will be told.")).to_be_visible()

    [email] = mail.outbox
    assert email.to == ["ana@example.org"]
    article = Article.objects.get(title=TITLE)
    assert f"/admin/articles/article/{article.pk}/change/" in email.body
    assert [author.name for author in article.authors.all()] == ["Wendy Ward"]

    sign_in(page, live_server, "ana")
    page.goto(live_server.url + "/admin/articles/notice/")
    row = page.locator("tr", has_text="Wendy Ward submitted")
    expect(row).to_be_visible()
    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_label("Assigned to:")).to_have_value(str(people["editor"].pk))
    page.get_by_role("button", name="Publish now").click()
    expect(page.get_by_text("Published. It is live now. Wendy Ward will be told.")).to_be_visible()

    sign_in(page, live_server, "wendy")
    page.goto(live_server.url + "/admin/articles/notice/")
    expect(page.locator("tr", has_text=f"Ana Lopez published “{TITLE}”")).to_be_visible()
    page.locator("tr", has_text="Ana Lopez published").get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Mark as read")
    page.get_by_role("button", name="Run").click()
    expect(page.get_by_text("Marked 1 notice(s) as read.")).to_be_visible()
    assert [message.to for message in mail.outbox[1:]] == [["wendy@example.org"]]


def test_editor_returns_with_a_note_and_the_writer_sees_it(live_server, page, people):
    article = DraftFactory(title=TITLE, created_by=people["writer"], status=Article.Status.REVIEW)
    sign_in(page, live_server, "ana")
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("button", name="Return to writer").click()
    expect(page.get_by_text("Write a note for the writer saying what to change")).to_be_visible()
    note = "Please add the trust's own figure for bed occupancy."
    page.get_by_label("Add a note:").fill(note)
    page.get_by_role("button", name="Return to writer").click()
    expect(
        page.get_by_text("Returned to Wendy Ward with your note. They will be told.")
    ).to_be_visible()
    assert note in mail.outbox[0].body

    sign_in(page, live_server, "wendy")
    page.goto(live_server.url + "/admin/articles/notice/")
    row = page.locator("tr", has_text="Ana Lopez returned")
    expect(row).to_contain_text(note)
    row.get_by_role("link", name=TITLE).click()
    expect(page.locator(".notes")).to_contain_text(note)
    expect(page.locator(".notes")).to_contain_text("Ana Lopez")
    expect(page.get_by_role("button", name="Submit for review")).to_be_visible()
