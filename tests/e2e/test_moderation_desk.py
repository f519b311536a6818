"""A reader reports a comment with a note; a moderator finds it in the reported queue with
the note, and deals with it there."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "moderate-me-please"  # nosec B105


@pytest.fixture
def story(default_sections):
    return ArticleFactory(title="Trusts told to cut agency spending")


@pytest.fixture
def moderator(moderator_group):
    user = get_user_model().objects.create_user(
        "moderator", "moderator@nhe.example", PASSWORD, is_staff=True
    )
    user.groups.add(moderator_group)
    return user


def sign_in(browser, live_server):
    desk = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    desk.goto(live_server.url + "/admin/login/")
    desk.get_by_label("Username").fill("moderator")
    desk.get_by_label("Password").fill(PASSWORD)
    desk.get_by_role("button", name="Log in").click()
    return desk


def test_a_reported_comment_reaches_its_queue_with_the_readers_note(
    live_server, browser, story, moderator
):
    comment = CommentFactory(article=story, name="Pat Doyle", body="Agency nurses are lazy.")
    CommentFactory(article=story, status=Comment.Status.PENDING, body="Waiting its turn.")

    reader = browser.new_context().new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    reader.get_by_role("link", name="Report this comment by Pat Doyle").click()
    reader.get_by_label("It is abusive").check()
    reader.get_by_label("Anything a moderator should know? (optional)").fill(
        "Insulting to a whole profession."
    )
    reader.get_by_role("button", name="Send report").click()
    expect(reader.get_by_role("status")).to_have_text(
        "Thank you. A moderator will review the comment."
    )

    desk = sign_in(browser, live_server)
    desk.get_by_role("link", name="Reported comments").first.click()
    row = desk.get_by_role("row").filter(has_text="Agency nurses are lazy.")
    expect(row).to_contain_text("It is abusive: “Insulting to a whole profession.”")
    expect(desk.get_by_text("Waiting its turn.")).to_have_count(0)
    row.get_by_role("checkbox").check()
    desk.get_by_label("Action:").select_option("reject")
    desk.get_by_role("button", name="Run").click()
    expect(desk.get_by_text("1 comment rejected.")).to_be_visible()
    expect(desk.get_by_text("Agency nurses are lazy.")).to_have_count(0)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED

    reader.reload()
    expect(reader.get_by_text("Agency nurses are lazy.")).to_have_count(0)
    reader.context.close()
    desk.context.close()


def test_a_moderator_redacts_a_passage_and_the_reader_sees_it_gone(
    live_server, browser, story, moderator
):
    comment = CommentFactory(
        article=story, name="Pat Doyle", body="Sister Mary Jones on ward 4 is useless. Fix it."
    )
    reader = browser.new_context().new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    expect(reader.get_by_text("Sister Mary Jones on ward 4 is useless.")).to_be_visible()

    desk = sign_in(browser, live_server)
    desk.goto(live_server.url + f"/admin/comments/comment/{comment.pk}/change/")
    desk.get_by_role("link", name="Redact part of it").click()
    desk.get_by_label("Passage to remove").fill("Sister Mary Jones on ward 4 is useless.")
    desk.get_by_label("Why (internal)").fill("Names a nurse")
    desk.get_by_role("button", name="Remove passage").click()
    expect(desk.get_by_text("The passage is removed")).to_be_visible()
    expect(desk.get_by_text("Removed by moderator on")).to_be_visible()
    expect(desk.get_by_text("Names a nurse")).to_be_visible()

    reader.reload()
    expect(reader.get_by_text("[removed by a moderator] Fix it.")).to_be_visible()
    expect(reader.get_by_text("Mary Jones")).to_have_count(0)
    reader.context.close()
    desk.context.close()


def test_a_blocked_commenter_is_told_why_their_next_comment_is_refused(
    live_server, browser, story, moderator, settings
):
    settings.COMMENTS_FORM_MIN_SECONDS = 0  # a script types faster than a person
    reader = browser.new_context().new_page()

    def post(words):
        reader.goto(live_server.url + story.get_absolute_url())
        reader.get_by_label("Your name").fill("Pat Doyle")
        reader.get_by_label("Your email").fill("pat.doyle@example.org")
        reader.get_by_label("Your comment").fill(words)
        reader.get_by_role("button", name="Post comment").click()
        reader.wait_for_load_state()

    post("Agency nurses are lazy, all of them.")
    expect(reader.get_by_text("Thanks, your comment is awaiting moderation")).to_be_visible()
    comment = Comment.objects.get(name="Pat Doyle")

    desk = sign_in(browser, live_server)
    desk.goto(live_server.url + f"/admin/comments/comment/{comment.pk}/change/")
    desk.get_by_role("link", name="Block this commenter").click()
    desk.get_by_label("Block for").select_option("7")
    desk.get_by_label("Why (internal)").fill("Repeated insults to agency staff")
    desk.get_by_role("button", name="Block commenter").click()
    expect(desk.get_by_text("Pat Doyle (p•••@example.org) cannot comment until")).to_be_visible()

    post("And another thing about agency nurses.")
    expect(
        reader.get_by_text("Sorry, we are not accepting comments from you at the moment.")
    ).to_be_visible()
    expect(reader.get_by_text("You can comment again after")).to_be_visible()
    expect(reader.get_by_role("textbox", name="Your comment")).to_have_value(
        "And another thing about agency nurses."
    )
    assert Comment.objects.filter(name="Pat Doyle").count() == 1
    reader.context.close()
    desk.context.close()


def test_a_moderator_goes_from_the_desk_to_a_comments_whole_thread(
    live_server, browser, story, moderator
):
    top = CommentFactory(article=story, name="Sam Reid", body="The cap is overdue.")
    CommentFactory(article=story, parent=top, name="Jo Rivers", body="Not on nights it is not.")
    held = CommentFactory(
        article=story,
        parent=top,
        name="Lee Grant",
        body="Ask the ward managers what they think.",
        status=Comment.Status.PENDING,
    )
    CommentFactory(article=story, name="Spam bot", body="Cheap pills", status="spam")
    CommentFactory(body="A comment on another story entirely.")

    desk = sign_in(browser, live_server)
    panel = desk.get_by_role("region", name="Comments waiting")
    expect(panel).to_contain_text("Lee Grant")
    panel.get_by_role("link", name="Ask the ward managers what they think.").click()
    desk.get_by_role("link", name="See the whole thread").click()

    expect(desk.get_by_role("heading", name=f"Comments on “{story.title}”")).to_be_visible()
    expect(desk.get_by_text("4 comments in every status")).to_be_visible()
    thread = desk.locator(".comment-thread > li").filter(has_text="The cap is overdue.")
    expect(thread.locator("ol > li")).to_have_count(2)
    expect(thread).to_contain_text("Not on nights it is not.")
    expect(thread).to_contain_text("Awaiting moderation")
    expect(desk.locator(f"#comment-{held.pk}")).to_be_in_viewport()
    expect(desk.get_by_text("Cheap pills")).to_be_visible()
    expect(desk.get_by_text("A comment on another story entirely.")).to_have_count(0)
    desk.context.close()
