"""Each reader journey through the comments lands where the reader looks: after a comment, a
reply or a report the confirmation is in view and focused; a refused comment opens at the
form with its error summary focused and the words kept. A reader's comment awaiting
moderation is theirs alone, with the page cache and the fragment caches on or off."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Enough story that the comments start well below the first screen.
LONG_BODY = "".join(
    f"<p>Paragraph {n}: trusts weigh agency caps against rota gaps, ward by ward.</p>"
    for n in range(60)
)


@pytest.fixture(params=["caches off", "caches on"])
def caches(request, settings):
    """Every journey runs with the page cache and the fragment caches off, then on."""
    if request.param == "caches on":
        settings.PAGE_CACHE_SECONDS = 300
        settings.FRAGMENT_CACHE_SECONDS = 300
    return request.param


@pytest.fixture
def story(default_sections, settings, caches):
    settings.COMMENTS_FORM_MIN_SECONDS = 0  # a script types faster than a person
    return ArticleFactory(title="Trusts told to cut agency spending", body=LONG_BODY)


@pytest.fixture
def reader(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def other_reader(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def write_comment(page, words, name="Nurse Jo Rivers"):
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email").fill("jo.rivers@example.org")
    page.get_by_role("textbox", name="Your comment").fill(words)
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state()


def test_a_comment_lands_at_its_confirmation_and_is_shown_to_its_poster_alone(
    live_server, reader, other_reader, story
):
    url = live_server.url + story.get_absolute_url()
    words = "Agency caps only work if bank rates rise too."
    other_reader.goto(url)  # with the page cache on, this copy is now stored
    reader.goto(url)
    write_comment(reader, words)

    comment = Comment.objects.get()
    assert reader.url == f"{url}#comment-{comment.pk}-status"
    confirmation = reader.get_by_role("status").filter(has_text="awaiting moderation")
    expect(confirmation).to_have_text(
        "Thanks, your comment is awaiting moderation. "
        "Only you can see it until a moderator approves it."
    )
    expect(confirmation).to_be_focused()
    expect(confirmation).to_be_in_viewport()
    mine = reader.locator(f"#comment-{comment.pk}")
    expect(mine).to_contain_text(words)
    expect(mine).to_contain_text("Awaiting moderation")
    expect(reader.locator("#comments-heading")).to_have_text("Comments")

    # Another reader, in another browser, sees no trace of it, from the cache or not.
    other = other_reader.goto(url)
    expect(other_reader.get_by_text(words)).to_have_count(0)
    expect(
        other_reader.get_by_text("There are no comments. Why not be the first?")
    ).to_be_visible()
    assert "private" not in other.headers.get("cache-control", "")

    # The poster still sees it on a later visit, and that page is kept by no shared cache.
    again = reader.goto(url)
    expect(reader.get_by_text(words)).to_be_visible()
    assert {"private", "no-store"} <= {
        part.strip() for part in again.headers["cache-control"].split(",")
    }
    assert "x-page-cache" not in again.headers


def test_once_moderated_the_comment_shows_normally_or_not_at_all(
    live_server, reader, other_reader, story
):
    url = live_server.url + story.get_absolute_url()
    reader.goto(url)
    write_comment(reader, "Approve me, please.")
    reader.goto(url)
    write_comment(reader, "Turn me away.")
    approved, rejected = Comment.objects.order_by("pk")
    approved.status = Comment.Status.APPROVED
    approved.save()  # as the admin does: readers see it at once
    Comment.objects.filter(pk=rejected.pk).update(status=Comment.Status.REJECTED)

    reader.goto(url)
    expect(reader.locator(f"#comment-{approved.pk}")).to_contain_text("Approve me, please.")
    expect(reader.get_by_text("Awaiting moderation")).to_have_count(0)
    expect(reader.get_by_text("Turn me away.")).to_have_count(0)
    other_reader.goto(url)
    expect(other_reader.get_by_text("Approve me, please.")).to_be_visible()


def test_a_reply_lands_under_its_parent_with_its_confirmation(
    live_server, reader, other_reader, story
):
    parent = CommentFactory(article=story, name="Tom Ellis", body="Bank rates are the lever.")
    url = live_server.url + story.get_absolute_url()
    reader.goto(url)
    reader.get_by_role("link", name="Reply to Tom Ellis").click()
    expect(reader.get_by_role("heading", name="Reply to Tom Ellis")).to_be_visible()
    write_comment(reader, "Only with a national cap.")

    reply = Comment.objects.get(parent=parent)
    confirmation = reader.locator(f"#comment-{parent.pk} #comment-{reply.pk}").get_by_role(
        "status"
    )
    expect(confirmation).to_contain_text("Thanks, your comment is awaiting moderation.")
    expect(confirmation).to_be_focused()
    expect(confirmation).to_be_in_viewport()
    expect(reader.locator(f"#comment-{reply.pk}")).to_contain_text("Only with a national cap.")

    other_reader.goto(url)
    expect(other_reader.get_by_text("Bank rates are the lever.")).to_be_visible()
    expect(other_reader.get_by_text("Only with a national cap.")).to_have_count(0)


def test_a_report_lands_at_the_reported_comment_with_the_thanks(live_server, reader, story):
    comment = CommentFactory(article=story, name="Pat Doyle", body="Buy cheap scrubs here.")
    reader.goto(live_server.url + story.get_absolute_url())
    reader.get_by_role("link", name="Report this comment by Pat Doyle").click()
    reader.get_by_label("It is spam").check()
    reader.get_by_role("button", name="Send report").click()
    reader.wait_for_load_state()

    assert reader.url.endswith(f"{story.get_absolute_url()}#comment-{comment.pk}-status")
    thanks = reader.locator(f"#comment-{comment.pk}").get_by_role("status")
    expect(thanks).to_have_text("Thank you. A moderator will review the comment.")
    expect(thanks).to_be_focused()
    expect(thanks).to_be_in_viewport()


def test_a_report_that_hides_the_comment_lands_where_it_was(
    live_server, reader, other_reader, story
):
    comment = CommentFactory(article=story, name="Pat Doyle", body="Ward 7's patient in bed 3.")
    reader.goto(live_server.url + story.get_absolute_url())
    reader.get_by_role("link", name="Report this comment by Pat Doyle").click()
    reader.get_by_label("It contains patient information").check()
    reader.get_by_role("button", name="Send report").click()
    reader.wait_for_load_state()

    thanks = reader.locator(f"#comment-{comment.pk}").get_by_role("status")
    expect(thanks).to_have_text(
        "Thank you for your report. The comment is hidden while a moderator reviews it."
    )
    expect(thanks).to_be_focused()
    expect(thanks).to_be_in_viewport()
    expect(reader.get_by_text("Ward 7's patient in bed 3.")).to_have_count(0)
    other_reader.goto(live_server.url + story.get_absolute_url())
    expect(other_reader.get_by_text("Ward 7's patient in bed 3.")).to_have_count(0)
    expect(other_reader.get_by_role("status")).to_have_count(0)


def refused_summary(page):
    summary = page.get_by_role("alert").filter(has_text="There is a problem with your comment")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    return summary


def test_an_empty_comment_opens_at_the_form_with_the_summary_focused(live_server, reader, story):
    reader.goto(live_server.url + story.get_absolute_url())
    reader.get_by_label("Your name").fill("Nurse Jo Rivers")
    reader.get_by_label("Your email").fill("jo.rivers@example.org")
    reader.get_by_role("button", name="Post comment").click()
    reader.wait_for_load_state()

    summary = refused_summary(reader)
    summary.get_by_role("link", name="Your comment: This field is required.").click()
    expect(reader.get_by_role("textbox", name="Your comment")).to_be_focused()
    expect(reader.get_by_label("Your name")).to_have_value("Nurse Jo Rivers")
    expect(reader.get_by_label("Your email")).to_have_value("jo.rivers@example.org")


def test_an_over_long_comment_is_refused_at_the_form_with_every_word_kept(
    live_server, reader, story, settings
):
    settings.COMMENTS_MAX_LENGTH = 40
    words = "Agency caps only work if bank rates rise too, and they have not."
    reader.goto(live_server.url + story.get_absolute_url())
    write_comment(reader, words)

    summary = refused_summary(reader)
    expect(summary).to_contain_text("Please shorten your comment to 40 characters or fewer")
    expect(reader.get_by_role("textbox", name="Your comment")).to_have_value(words)
    expect(reader.get_by_label("Your name")).to_have_value("Nurse Jo Rivers")


def test_a_comment_sent_too_fast_is_refused_at_the_form_and_a_reply_stays_a_reply(
    live_server, reader, story, settings
):
    CommentFactory(article=story, name="Tom Ellis", body="Bank rates are the lever.")
    reader.goto(live_server.url + story.get_absolute_url())
    reader.get_by_role("link", name="Reply to Tom Ellis").click()
    settings.COMMENTS_FORM_MIN_SECONDS = 600
    write_comment(reader, "Only with a national cap.")

    summary = refused_summary(reader)
    expect(reader.get_by_role("heading", name="Reply to Tom Ellis")).to_be_visible()
    expect(reader.get_by_role("textbox", name="Your comment")).to_have_value(
        "Only with a national cap."
    )
    # The summary's links take the reader to what to do next.
    summary.get_by_role("link").first.click()
    expect(reader.get_by_role("button", name="Post comment")).to_be_focused()
    settings.COMMENTS_FORM_MIN_SECONDS = 0
    reader.get_by_role("button", name="Post comment").click()
    reader.wait_for_load_state()
    expect(reader.get_by_role("status")).to_be_focused()
    assert Comment.objects.get(body="Only with a national cap.").parent.name == "Tom Ellis"


def test_without_javascript_the_reader_still_lands_at_the_confirmation(
    live_server, browser, story
):
    # Nothing here needs a script: the browser scrolls to the fragment and focuses it.
    context = browser.new_context(java_script_enabled=False)
    reader = context.new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    write_comment(reader, "Written with scripts off.")
    confirmation = reader.get_by_role("status")
    expect(confirmation).to_contain_text("Thanks, your comment is awaiting moderation.")
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_be_focused()
    context.close()
