"""A reader comments; a moderator approves it in admin; the reader sees it published.
A reader reports a comment that names a patient, and it is hidden."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from comments.models import Report
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story(default_sections):
    return ArticleFactory(
        title="Trusts told to cut agency spending",
        authors=[AuthorFactory(name="Dr Lena Okafor")],
    )


@pytest.fixture
def moderator(moderator_group):
    user = get_user_model().objects.create_user(
        "moderator", "moderator@nhe.example", "moderate-me-please", is_staff=True
    )
    user.groups.add(moderator_group)
    return user


def test_reader_comment_is_moderated_then_published(
    live_server, browser, story, moderator, settings
):
    settings.COMMENTS_FORM_MIN_SECONDS = 0  # a script types faster than a person
    words = "Agency caps only work if bank rates rise too."
    reader = browser.new_context().new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    expect(reader.get_by_text("There are no comments. Why not be the first?")).to_be_visible()
    reader.get_by_label("Your name").fill("Nurse Jo Rivers")
    reader.get_by_label("Your email").fill("jo.rivers@example.org")
    reader.get_by_label("Your comment").fill(words)
    reader.get_by_role("button", name="Post comment").click()
    reader.wait_for_load_state()
    expect(reader.get_by_text("Thanks, your comment is awaiting moderation")).to_be_focused()
    # Shown to its poster alone until a moderator approves it.
    expect(reader.get_by_text("Awaiting moderation", exact=True)).to_be_visible()
    expect(reader.get_by_text(words)).to_be_visible()

    desk = browser.new_context().new_page()
    desk.goto(live_server.url + "/admin/login/")
    desk.get_by_label("Username").fill("moderator")
    desk.get_by_label("Password").fill("moderate-me-please")
    desk.get_by_role("button", name="Log in").click()
    desk.goto(live_server.url + "/admin/comments/comment/?status__exact=pending")
    row = desk.get_by_role("row").filter(has_text="Nurse Jo Rivers")
    row.get_by_role("checkbox").check()
    desk.get_by_label("Action:").select_option("approve")
    desk.get_by_role("button", name="Run").click()
    expect(desk.get_by_text("1 comment approved.")).to_be_visible()

    reader.reload()
    expect(reader.get_by_text(words)).to_be_visible()
    expect(reader.get_by_text("Awaiting moderation", exact=True)).to_have_count(0)
    expect(reader.locator("#comments-heading")).to_have_text("Comments (1)")
    expect(reader.get_by_role("link", name="1 comment")).to_be_visible()
    reader.goto(live_server.url + "/news/")
    expect(reader.get_by_role("link", name="1 comment")).to_be_visible()
    reader.context.close()
    desk.context.close()


def test_errors_are_summarised_and_the_words_kept(live_server, page, story, settings):
    settings.COMMENTS_FORM_MIN_SECONDS = 0
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_label("Your comment").fill("Words worth keeping.")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state()
    summary = page.get_by_role("alert")
    assert "There is a problem with your comment" in summary.inner_text()
    expect(summary).to_be_focused()
    summary.get_by_role("link").filter(has_text="Your name").click()
    assert page.evaluate("() => document.activeElement.name") == "name"
    assert page.locator("#id_body").input_value() == "Words worth keeping."


def test_reader_reports_a_comment_and_is_taken_back_to_it(live_server, page, story):
    comment = CommentFactory(article=story, name="Pat Doyle", body="Ward 7's patient in bed 3.")
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("link", name="Report this comment by Pat Doyle").click()
    expect(page.get_by_role("heading", name="Report a comment")).to_be_visible()
    expect(page.get_by_text("Ward 7's patient in bed 3.")).to_be_visible()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("alert")).to_contain_text("Please choose why we should review it.")
    expect(page.get_by_role("alert")).to_be_focused()
    page.get_by_label("It contains patient information").check()
    page.get_by_role("button", name="Send report").click()
    thanks = page.get_by_role("status")
    expect(thanks).to_have_text(
        "Thank you for your report. The comment is hidden while a moderator reviews it."
    )
    expect(thanks).to_be_focused()
    assert page.url.endswith(f"{story.get_absolute_url()}#comment-{comment.pk}-status")
    # A report of patient information hides the comment at once.
    expect(page.get_by_text("Ward 7's patient in bed 3.")).to_have_count(0)
    assert Report.objects.get().reason == Report.Reason.PATIENT_INFORMATION
