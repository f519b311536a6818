"""The moderation desk in admin."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory

from .factories import CommentFactory, ReportFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/comments/comment/"


def act(client, action, comments):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [c.pk for c in comments]},
        follow=True,
    )


def test_the_queue_lists_pending_comments_first_with_the_article_linked(client, moderator):
    approved = CommentFactory(body="Already approved")
    pending = CommentFactory(status=Comment.Status.PENDING, body="Waiting in the queue")
    client.force_login(moderator)
    text = client.get(CHANGELIST).text
    assert text.index("Waiting in the queue") < text.index("Already approved")
    assert f'href="{pending.article.get_absolute_url()}"' in text
    assert approved.article.title in text


def test_the_queue_shows_counts_per_status(client, moderator):
    CommentFactory.create_batch(2, status=Comment.Status.PENDING)
    CommentFactory(status=Comment.Status.SPAM)
    client.force_login(moderator)
    text = client.get(CHANGELIST).text
    assert "Awaiting moderation (2)" in text
    assert "Spam (1)" in text


def test_moderators_approve_in_bulk(client, moderator):
    comments = CommentFactory.create_batch(2, status=Comment.Status.PENDING)
    client.force_login(moderator)
    response = act(client, "approve", comments)
    assert "2 comments approved." in response.text
    for comment in comments:
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED
        assert comment.moderated_by == moderator
        assert comment.moderated_at is not None


@pytest.mark.parametrize(("action", "status"), [("reject", "rejected"), ("mark_spam", "spam")])
def test_moderators_reject_or_mark_spam_in_bulk(client, moderator, action, status):
    comments = CommentFactory.create_batch(2)
    client.force_login(moderator)
    act(client, action, comments)
    assert set(Comment.objects.values_list("status", flat=True)) == {status}


def test_approving_after_review_clears_the_reports(client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING, report_count=3)
    ReportFactory.create_batch(3, comment=comment)
    client.force_login(moderator)
    act(client, "approve", [comment])
    comment.refresh_from_db()
    assert comment.report_count == 0
    assert not comment.reports.filter(resolved=False).exists()


def test_moderators_see_the_reasons_readers_gave(client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING, held_reason="Reported: It is spam")
    ReportFactory(comment=comment, reason="defamation")
    client.force_login(moderator)
    text = client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert "It may be defamatory" in text
    assert "Reported: It is spam" in text


def test_staff_without_the_moderation_permission_do_not_see_the_actions(client, writer):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(writer)
    text = client.get(CHANGELIST).text
    assert 'value="approve"' not in text
    assert 'value="mark_spam"' not in text
    act(client, "approve", [comment])
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_staff_without_the_permission_cannot_change_the_status_in_the_form(client, writer):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(writer)
    client.post(f"{CHANGELIST}{comment.pk}/change/", {"status": "approved"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_moderator_can_approve_from_the_comment_page(client, moderator):
    comment = CommentFactory(status=Comment.Status.PENDING)
    client.force_login(moderator)
    response = client.post(
        f"{CHANGELIST}{comment.pk}/change/",
        {"status": "approved", "reports-TOTAL_FORMS": "0", "reports-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator


def test_moderators_cannot_edit_articles(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    assert client.get(f"/admin/articles/article/{article.pk}/change/").status_code == 403


def test_the_admin_never_shows_a_readers_email(client, moderator):
    comment = CommentFactory(email="private.person@example.org")
    client.force_login(moderator)
    assert "private.person" not in client.get(CHANGELIST).text
    change = client.get(f"{CHANGELIST}{comment.pk}/change/").text
    assert "private.person" not in change
    assert "p•••@example.org" in change


def test_moderators_find_a_readers_comments_by_exact_email(client, moderator):
    CommentFactory(email="findme@example.org", body="Findable")
    CommentFactory(email="other@example.org", body="Not this one")
    client.force_login(moderator)
    text = client.get(CHANGELIST, {"q": "FINDME@example.org"}).text
    assert "Findable" in text and "Not this one" not in text


def test_the_article_list_shows_pending_comments_in_one_query(client, admin_user):
    client.force_login(admin_user)
    url = "/admin/articles/article/"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    article = ArticleFactory()
    CommentFactory.create_batch(2, article=article, status=Comment.Status.PENDING)
    CommentFactory(article=article)
    few = queries()
    for _ in range(30):
        CommentFactory(article=ArticleFactory(), status=Comment.Status.PENDING)
    assert queries() == few
    text = client.get(url).text
    link = reverse("admin:comments_comment_changelist")
    assert f'{link}?article__id__exact={article.pk}&amp;status__exact=pending">2</a>' in text


def test_the_article_list_sorts_by_pending_comments(client, admin_user):
    quiet = ArticleFactory(title="A quiet story")
    busy = ArticleFactory(title="A busy story")
    CommentFactory.create_batch(3, article=busy, status=Comment.Status.PENDING)
    client.force_login(admin_user)
    text = client.get("/admin/articles/article/", {"o": "-7"}).text  # 7th column, descending
    assert "Pending comments" in text
    assert text.index(busy.title) < text.index(quiet.title)
    text = client.get("/admin/articles/article/", {"o": "7"}).text
    assert text.index(quiet.title) < text.index(busy.title)


def test_the_article_form_carries_the_comment_settings(client, admin_user):
    article = ArticleFactory()
    client.force_login(admin_user)
    text = client.get(f"/admin/articles/article/{article.pk}/change/").text
    assert "Comment closing and legal hold" in text
    assert "comment_settings-0-legal_hold" in text


def test_the_pending_link_filters_the_queue(client, moderator):
    article = ArticleFactory(title="Filtered article")
    CommentFactory(article=article, status=Comment.Status.PENDING, body="In the filter")
    CommentFactory(status=Comment.Status.PENDING, body="Elsewhere")
    client.force_login(moderator)
    text = client.get(CHANGELIST, {"article__id__exact": article.pk, "status__exact": "pending"})
    assert "In the filter" in text.text and "Elsewhere" not in text.text


def test_approving_a_reply_sends_no_email_to_a_parent_who_did_not_ask(client, moderator):
    parent = CommentFactory(notify_replies=False)
    reply = CommentFactory(article=parent.article, parent=parent, status="pending")
    client.force_login(moderator)
    act(client, "approve", [reply])
    assert not [m for m in mail.outbox if parent.email in m.to]


def test_article_admin_still_works_for_editors(client, admin_user):
    client.force_login(admin_user)
    assert Article.objects.count() == 0
    assert client.get("/admin/articles/article/add/").status_code == 200
