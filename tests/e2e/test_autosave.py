"""A writer's typing survives a closed tab, and leaving with unsaved changes asks first."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, DraftCopy
from tests.factories import DraftFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
ADD = "/admin/articles/article/add/"


@pytest.fixture
def wendy(default_sections, default_roles):
    return UserFactory(username="wendy", roles=["Writer"])


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")


def body_editor(page):
    return page.locator('.ProseMirror[contenteditable="true"]')


def hide_tab(page):
    """What the browser does when its tab goes to the background or is closed."""
    page.evaluate(
        """() => {
            Object.defineProperty(document, "visibilityState", {value: "hidden"});
            document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )


def test_a_new_piece_typed_then_closed_is_offered_back_and_restored(
    live_server, browser, wendy, settings
):
    settings.ARTICLE_AUTOSAVE_SECONDS = 1
    context = browser.new_context()
    csp_violations = []
    context.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_violations.append(message.text)
        ),
    )
    page = context.new_page()
    sign_in(page, live_server, "wendy")
    page.goto(live_server.url + ADD)
    page.get_by_label("Title:", exact=True).fill("Virtual wards reach 12,000 beds")
    page.get_by_label("Section:", exact=True).select_option(label="News")
    body_editor(page).click()
    page.keyboard.type("Trusts report fewer readmissions.")
    expect(page.get_by_text("Draft copy saved at")).to_be_visible()
    page.close()

    page = context.new_page()
    page.goto(live_server.url + ADD)
    expect(page.get_by_text("You have unsaved changes from")).to_be_visible()
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_label("Title:", exact=True)).to_have_value(
        "Virtual wards reach 12,000 beds"
    )
    expect(page.get_by_label("Section:", exact=True).locator("option:checked")).to_have_text(
        "News"
    )
    expect(body_editor(page)).to_have_text("Trusts report fewer readmissions.")
    expect(page.get_by_text("You have unsaved changes from")).to_be_hidden()

    page.get_by_label("Standfirst:", exact=True).fill("Hospital at home grows.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(live_server.url + "/admin/articles/article/")
    article = Article.objects.get()
    assert article.title == "Virtual wards reach 12,000 beds"
    assert "Trusts report fewer readmissions." in article.body
    assert not DraftCopy.objects.exists()
    assert csp_violations == []
    context.close()


def test_edits_kept_when_the_tab_hides_come_back_and_discard_drops_them(live_server, page, wendy):
    article = DraftFactory(title="Clinic hours", created_by=wendy)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    sign_in(page, live_server, "wendy")
    page.goto(url)
    page.get_by_label("Title:", exact=True).fill("Clinic hours extended")
    with page.expect_response(lambda r: r.url.endswith("/autosave/") and r.ok):
        hide_tab(page)

    page.goto(url)  # the warning before leaving is the browser's own: hidden tabs skip it
    expect(page.get_by_text("You have unsaved changes from")).to_be_visible()
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Clinic hours")
    page.get_by_role("button", name="Discard").click()
    expect(page.get_by_text("Discarded the unsaved changes.")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Clinic hours")
    assert not DraftCopy.objects.exists()
    article.refresh_from_db()
    assert (article.title, article.version) == ("Clinic hours", 1)


def test_a_copy_restored_after_someone_else_saved_meets_the_edit_conflict_guard(
    live_server, page, wendy
):
    article = DraftFactory(title="Clinic hours", created_by=wendy)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    sign_in(page, live_server, "wendy")
    page.goto(url)
    page.get_by_label("Title:", exact=True).fill("Wendy's headline")
    with page.expect_response(lambda r: r.url.endswith("/autosave/") and r.ok):
        hide_tab(page)

    article.title = "An editor's headline"
    article.save()  # version 2, saved after Wendy's copy

    page.goto(url)
    expect(page.get_by_text("The article has been saved since then")).to_be_visible()
    page.get_by_role("button", name="Restore").click()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Someone else saved this article (version 2")).to_be_visible()
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Wendy's headline")
    article.refresh_from_db()
    assert article.title == "An editor's headline"
    assert DraftCopy.objects.exists()  # her typing is still safe


def test_leaving_with_unsaved_changes_asks_first_and_saving_does_not(live_server, page, wendy):
    article = DraftFactory(title="Clinic hours", created_by=wendy)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    sign_in(page, live_server, "wendy")
    asked = []

    def stay(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)

    # Nothing changed: leaving asks nothing.
    page.goto(url)
    page.get_by_role("link", name="Articles", exact=True).first.click()
    page.wait_for_url(live_server.url + "/admin/articles/article/")
    assert asked == []

    page.goto(url)
    page.get_by_label("Title:", exact=True).fill("Clinic hours extended")
    with page.expect_event("dialog"):
        page.get_by_role("link", name="Articles", exact=True).first.click(no_wait_after=True)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Title:", exact=True)).to_have_value("Clinic hours extended")
    assert page.url == url

    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(live_server.url + "/admin/articles/article/")
    assert asked == ["beforeunload"]
    article.refresh_from_db()
    assert article.title == "Clinic hours extended"


def test_a_row_added_to_an_inline_after_loading_comes_back_with_the_copy(live_server, page, wendy):
    article = DraftFactory(title="Last word: a chief nurse", created_by=wendy)
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    sign_in(page, live_server, "wendy")
    page.goto(url)
    page.get_by_role("button", name="Add another Q&A turn").click()
    page.get_by_role("textbox", name="Question:").fill("What keeps you up at night?")
    answer = page.locator(
        "#questions-group .inline-related:not(.empty-form) .ProseMirror[contenteditable='true']"
    )
    answer.click()
    page.keyboard.type("Corridor care in winter.")
    with page.expect_response(lambda r: r.url.endswith("/autosave/") and r.ok):
        hide_tab(page)

    page.goto(url)
    expect(page.get_by_role("textbox", name="Question:")).to_have_count(0)
    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_role("textbox", name="Question:")).to_have_value(
        "What keeps you up at night?"
    )
    expect(answer).to_have_text("Corridor care in winter.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    assert list(article.questions.values_list("question", "answer")) == [
        ("What keeps you up at night?", "<p>Corridor care in winter.</p>")
    ]
