"""The moderation policy, each rule each way."""

import pytest

from comments import moderation
from comments.models import Comment

from .factories import BlockedPhraseFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_comments_are_premoderated_by_default(post_comment):
    post_comment()
    assert Comment.objects.get().status == Comment.Status.PENDING


def test_without_premoderation_a_comment_is_published_at_once(post_comment, settings, article):
    settings.COMMENTS_PREMODERATE = False
    response = post_comment(follow=True)
    assert Comment.objects.get().status == Comment.Status.APPROVED
    assert "Thanks, your comment is published." in response.text
    assert "The winter plan leaves out community services." in response.text


def test_an_email_with_an_approved_comment_is_trusted(post_comment):
    CommentFactory(email="Priya.Shah@Example.org", status=Comment.Status.APPROVED)
    post_comment()
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


def test_trust_can_be_switched_off(post_comment, settings):
    settings.COMMENTS_TRUST_APPROVED_EMAILS = False
    CommentFactory(email="priya.shah@example.org", status=Comment.Status.APPROVED)
    post_comment()
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_an_earlier_rejected_comment_earns_no_trust(post_comment):
    CommentFactory(email="priya.shah@example.org", status=Comment.Status.REJECTED)
    post_comment()
    assert Comment.objects.latest("pk").status == Comment.Status.PENDING


def test_more_links_than_allowed_hold_even_a_trusted_author(post_comment, settings):
    settings.COMMENTS_MAX_LINKS = 2
    CommentFactory(email="priya.shah@example.org", status=Comment.Status.APPROVED)
    post_comment(body="See https://a.example, http://b.example and www.c.example")
    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "Contains 3 links"


def test_links_up_to_the_limit_do_not_hold_a_trusted_author(post_comment, settings):
    settings.COMMENTS_MAX_LINKS = 2
    CommentFactory(email="priya.shah@example.org", status=Comment.Status.APPROVED)
    post_comment(body="See https://a.example and http://b.example")
    assert Comment.objects.latest("pk").status == Comment.Status.APPROVED


def test_a_blocked_phrase_marks_the_comment_as_spam(post_comment):
    BlockedPhraseFactory(phrase="cheap pills")
    response = post_comment(body="Buy CHEAP   Pills today", follow=True)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.held_reason == "Blocked phrase: cheap pills"
    # The sender is told nothing that helps it try again.
    assert "Thanks, your comment is awaiting moderation" in response.text


def test_a_blocked_phrase_in_the_name_counts_too(post_comment):
    BlockedPhraseFactory(phrase="casino")
    post_comment(name="Best Casino")
    assert Comment.objects.get().status == Comment.Status.SPAM


@pytest.mark.parametrize(
    "text",
    ["We moved our site to WordPress", "The press office said", "Pressure on beds", "a.press"],
)
def test_blocked_words_match_whole_words_only(text):
    BlockedPhraseFactory(phrase="press")
    expected = "press" if text in ("The press office said", "a.press") else None
    assert moderation.blocked_phrase_in(text) == expected


@pytest.mark.parametrize(
    "text", ["Ｃｈｅａｐ pills", "chéap pills", "cheap\u200b pills", "CHEAP\npills"]
)
def test_blocked_phrases_survive_disguises(text):
    BlockedPhraseFactory(phrase="Cheap pills")
    assert moderation.blocked_phrase_in(text) == "Cheap pills"


def test_the_blocklist_is_edited_in_admin_by_moderators(client, moderator):
    client.force_login(moderator)
    response = client.post(
        "/admin/comments/blockedphrase/add/", {"phrase": "miracle cure", "note": "Quackery"}
    )
    assert response.status_code == 302
    assert moderation.blocked_phrase_in("A miracle cure for waiting lists") == "miracle cure"


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919"])
def test_a_valid_nhs_number_holds_the_comment_and_tells_the_author(post_comment, number):
    CommentFactory(email="priya.shah@example.org", status=Comment.Status.APPROVED)
    response = post_comment(body=f"My father's number is {number}.", follow=True)
    comment = Comment.objects.latest("pk")
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason == "May contain patient information"
    assert "could identify a patient" in response.text


@pytest.mark.parametrize("number", ["943 476 5918", "1234567890", "12345678901", "020 7946 0000"])
def test_ten_digits_that_fail_the_check_are_not_patient_data(number):
    assert not moderation.looks_like_patient_data(f"Call {number} for details.")


def test_the_nhs_number_check_follows_modulus_eleven():
    assert moderation.is_nhs_number("9434765919")
    assert moderation.is_nhs_number("4010232137")
    assert not moderation.is_nhs_number("9434765910")
    # These nine digits give a check value of 10, so no tenth digit makes them valid.
    assert not any(moderation.is_nhs_number(f"123456789{digit}") for digit in range(10))


@pytest.mark.parametrize(
    "text",
    [
        "Mrs Joan Baker, 12/03/1941, was left on a trolley",
        "John Smith (born 4 March 1950) waited nine hours",
        "DOB 01.02.1960 and still waiting",
        "Her date of birth is 3rd May 1939",
        "14/02/1955 Alan Turner was discharged",
    ],
)
def test_a_date_of_birth_beside_a_name_is_patient_data(text):
    assert moderation.looks_like_patient_data(text)


@pytest.mark.parametrize(
    "text",
    [
        "The board met on 12/03/2024 to agree the plan.",
        "NHS England published guidance in March 2024.",
        "John Smith made a fair point at the meeting.",
    ],
)
def test_dates_or_names_alone_are_not_patient_data(text):
    assert not moderation.looks_like_patient_data(text)
