"""A writer drafts and submits a story; an editor publishes it; readers find it."""

import pytest

from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
TITLE = "Community diagnostic centres open at weekends"


@pytest.fixture
def people(default_sections, default_roles):
    return {
        "writer": UserFactory(username="wendy", roles=["Writer"]),
        "editor": UserFactory(username="eddie", roles=["Editor"]),
    }


def sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def test_writer_submits_editor_publishes_readers_see_it(live_server, page, people):
    csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_violations.append(message.text)
        ),
    )

    # The writer drafts the story in the rich-text editor and submits it for review.
    sign_in(page, live_server, "wendy")
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.get_by_label("Title:", exact=True).fill(TITLE)
    page.get_by_label("Section:", exact=True).select_option(label="News")
    page.get_by_label("Standfirst:", exact=True).fill("Scans and tests on Saturdays and Sundays.")
    editor_area = page.locator('.ProseMirror[contenteditable="true"]')
    editor_area.click()
    page.keyboard.type("Patients can now book scans at weekends.")
    assert page.get_by_role("button", name="Publish now").count() == 0
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url(live_server.url + "/admin/articles/article/")
    assert page.get_by_text("Submitted for review.").is_visible()
    assert page.locator("tr", has_text=TITLE).get_by_text("In review").is_visible()

    # Readers cannot see it yet.
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name=TITLE).count() == 0

    # The editor finds it in review and publishes it.
    sign_in(page, live_server, "eddie")
    page.goto(live_server.url + "/admin/articles/article/?state=review")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_url(live_server.url + "/admin/articles/article/?state=review")
    assert page.get_by_text("Published. It is live now.").is_visible()
    page.goto(live_server.url + "/admin/articles/article/")
    assert page.locator("tr", has_text=TITLE).get_by_text("Live").is_visible()

    # It is on the front page and in its section, and the article reads as written.
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name=TITLE).first.is_visible()
    page.goto(live_server.url + "/news/news/")
    page.get_by_role("link", name=TITLE).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert page.get_by_text("Patients can now book scans at weekends.").is_visible()

    assert csp_violations == []
