"""Emails and page-cache purges happen only once the change they report is committed: when
the surrounding transaction rolls back, nobody is told and no cached page is thrown away."""

import contextlib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from articles import generation as content_generation
from articles.models import Article
from columnists import pipeline, samples
from columnists.models import Pitch, PitchEmail
from comments import moderation
from comments.models import Comment, Report
from tests.columnists.factories import PDF_BYTES, PitchFactory, StaffFactory
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, DraftFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("default_sections")]


class RolledBack(Exception):
    pass


@contextlib.contextmanager
def rolled_back():
    """A transaction that fails after the code under test has run."""
    with contextlib.suppress(RolledBack), transaction.atomic():
        yield
        raise RolledBack


@contextlib.contextmanager
def committed():
    with transaction.atomic():
        yield


def generation():
    """The page cache's current generation, taken once the test's data is in place; a purge
    replaces it."""
    return content_generation.current()


def page_cache_purged(before):
    return cache.get(content_generation.GENERATION_KEY) != before


@pytest.fixture
def moderator(moderator_group):
    user = get_user_model().objects.create_user("moderator", "moderator@nhe.example", "pw")
    user.groups.add(moderator_group)
    return user


@pytest.fixture
def reply():
    parent = CommentFactory(email="parent@example.org", notify_replies=True)
    return CommentFactory(article=parent.article, parent=parent, status=Comment.Status.PENDING)


@pytest.mark.parametrize("outcome", [rolled_back, committed], ids=["rolled back", "committed"])
def test_approving_a_reply_emails_its_parent_and_purges_pages_only_on_commit(
    reply, moderator, outcome
):
    before = generation()
    with outcome():
        moderation.moderate(
            Comment.objects.filter(pk=reply.pk), Comment.Status.APPROVED, moderator=moderator
        )
    if outcome is rolled_back:
        assert mail.outbox == []
        assert not page_cache_purged(before)
        assert Comment.objects.get(pk=reply.pk).status == Comment.Status.PENDING
    else:
        assert [message.to for message in mail.outbox] == [["parent@example.org"]]
        assert page_cache_purged(before)


@pytest.mark.parametrize("outcome", [rolled_back, committed], ids=["rolled back", "committed"])
def test_a_report_that_hides_a_comment_alerts_and_purges_only_on_commit(moderator, outcome):
    comment = CommentFactory()
    before = generation()
    with outcome():
        moderation.file_report(comment, Report.Reason.DEFAMATION, ip_hash="1" * 64)
    if outcome is rolled_back:
        assert mail.outbox == []
        assert not page_cache_purged(before)
        assert not Report.objects.exists()
    else:
        assert [message.to for message in mail.outbox] == [["moderator@nhe.example"]]
        assert page_cache_purged(before)


@pytest.mark.parametrize("outcome", [rolled_back, committed], ids=["rolled back", "committed"])
def test_publishing_purges_the_page_cache_only_on_commit(outcome):
    draft = DraftFactory()
    before = generation()
    with outcome():
        draft.publish()
        draft.save()
    assert page_cache_purged(before) is (outcome is committed)
    assert Article.objects.published().exists() is (outcome is committed)


@pytest.mark.parametrize("outcome", [rolled_back, committed], ids=["rolled back", "committed"])
def test_a_decision_letter_is_sent_only_on_commit(settings, outcome):
    settings.SITE_URL = "https://www.nhe.example"
    pitch = PitchFactory()
    editor = StaffFactory()
    with outcome():
        pipeline.decline(pitch, by=editor, subject="Your pitch", body="Thank you, {name}.")
    if outcome is rolled_back:
        assert mail.outbox == []
        assert not PitchEmail.objects.exists()
        assert Pitch.objects.get().status == Pitch.Status.RECEIVED
    else:
        assert [message.to for message in mail.outbox] == [[pitch.email]]


def test_a_pitch_is_never_stored_inside_a_transaction_that_may_roll_back(settings, tmp_path):
    """Its files are written outside the database; only a transaction of its own can promise
    that they are removed whenever its rows are not kept."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    data = {
        "name": "Dr Amira Patel",
        "email": "amira.patel@example.org",
        "job_title": "Consultant geriatrician",
        "organisation": "",
        "pitch_title": "Frailty at the front door",
        "synopsis": "A monthly column.",
        "sample_text": "",
        "links": "",
        "conflicts": "",
    }
    with contextlib.suppress(RuntimeError), rolled_back():
        pipeline.submit(
            data=data,
            sample=SimpleUploadedFile("column.pdf", PDF_BYTES),
            sample_kind=samples.PDF,
            sample_name="column.pdf",
        )
    assert not Pitch.objects.exists()
    assert mail.outbox == []
    private = settings.PRIVATE_MEDIA_ROOT
    assert not private.exists() or not [path for path in private.rglob("*") if path.is_file()]


def test_an_article_published_inside_a_rolled_back_transaction_is_not_in_the_news_list(client):
    ArticleFactory(title="Kept")
    with rolled_back():
        ArticleFactory(title="Never happened")
    page = client.get("/news/").text
    assert "Kept" in page
    assert "Never happened" not in page
