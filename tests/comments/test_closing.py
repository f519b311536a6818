"""Comments close by themselves, by an editor's choice, or at once under a legal hold."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import ArticleCommentSettings, Comment
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import ArticleFactory

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def old_article(days):
    return ArticleFactory(publish_at=timezone.now() - timedelta(days=days))


def test_comments_close_the_set_number_of_days_after_publication(client, settings, post_comment):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    article = old_article(31)
    CommentFactory(article=article, body="An early comment")
    response = client.get(article.get_absolute_url())
    assert "An early comment" in response.text
    assert "Comments are closed for this article." in response.text
    assert 'id="comment-form"' not in response.text
    assert "Reply<span" not in response.text


def test_comments_are_open_before_that(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    article = old_article(29)
    assert 'id="comment-form"' in client.get(article.get_absolute_url()).text


def test_zero_days_keeps_comments_open_forever(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 0
    assert 'id="comment-form"' in client.get(old_article(3000).get_absolute_url()).text


def test_a_closed_article_refuses_posts(post_comment, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    article = old_article(31)
    response = post_comment(target=article, follow=True)
    assert "Comments are closed for this article." in response.text
    assert not Comment.objects.exists()


def test_an_editor_can_keep_an_article_open_longer(client, settings, post_comment):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    article = old_article(31)
    ArticleCommentSettings.objects.create(
        article=article, open_until=timezone.now() + timedelta(days=7)
    )
    assert 'id="comment-form"' in client.get(article.get_absolute_url()).text
    assert post_comment(target=article).status_code == 302
    assert Comment.objects.count() == 1


def test_an_editor_can_close_an_article_early(client, post_comment):
    article = ArticleFactory(comments_open=False)
    CommentFactory(article=article, body="Said before closing")
    response = client.get(article.get_absolute_url())
    assert "Said before closing" in response.text
    assert "Comments are closed for this article." in response.text
    post_comment(target=article)
    assert Comment.objects.count() == 1


def test_a_legal_hold_hides_every_comment_and_closes_at_once(client, post_comment):
    article = ArticleFactory()
    CommentFactory(article=article, body="Comment about the inquest")
    ArticleCommentSettings.objects.create(article=article, legal_hold=True)
    response = client.get(article.get_absolute_url())
    assert "Comment about the inquest" not in response.text
    assert "closed and hidden for legal reasons" in response.text
    assert 'id="comment-form"' not in response.text
    assert "#comments" not in client.get(article.section.get_absolute_url()).text
    post_comment(target=article)
    assert Comment.objects.count() == 1


def test_lifting_the_hold_shows_the_comments_again(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="Comment about the inquest")
    hold = ArticleCommentSettings.objects.create(article=article, legal_hold=True)
    hold.legal_hold = False
    hold.save()
    assert "Comment about the inquest" in client.get(article.get_absolute_url()).text


def test_a_legal_hold_hides_the_teaser_count(client):
    article = ArticleFactory()
    CommentFactory(article=article)
    ArticleCommentSettings.objects.create(article=article, legal_hold=True)
    assert f'{article.get_absolute_url()}#comments"' not in client.get("/news/").text


def test_an_editor_closes_comments_from_the_article_form(client, admin_user):
    article = ArticleFactory()
    client.force_login(admin_user)
    form = client.get(change_url(article)).text
    assert "comment_settings-0-comments_open" in form
    data = article_form_data(article) | {
        "comment_settings-TOTAL_FORMS": "1",
        "comment_settings-0-article": str(article.pk),
        "comment_settings-0-open_until_0": "",
        "comment_settings-0-open_until_1": "",
        "comment_settings-0-legal_hold_note": "",
    }  # comments_open left unticked
    assert client.post(change_url(article), data).status_code == 302
    client.logout()
    assert "Comments are closed for this article." in client.get(article.get_absolute_url()).text
