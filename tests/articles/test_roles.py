"""Roles as groups: what a writer and an editor may do on each page and action of the desk."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from articles.models import Article
from tests.articles.admin_forms import ADD_URL, CHANGELIST_URL, article_form_data, change_url
from tests.factories import ArticleFactory, DraftFactory, UserFactory, editor, writer

pytestmark = pytest.mark.django_db

roles_migration = importlib.import_module("articles.migrations.0004_create_roles")


def test_the_four_roles_exist_as_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Writer", "Editor", "Moderator", "Pitch reviewer"} <= names


def test_writer_cannot_publish_but_editor_can():
    assert not writer().has_perm("articles.publish_article")
    assert editor().has_perm("articles.publish_article")
    assert editor().has_perm("articles.feature_article")


def test_moderator_and_pitch_reviewer_have_no_say_over_articles():
    for role in ("Moderator", "Pitch reviewer"):
        person = UserFactory(roles=[role])
        assert not person.has_perm("articles.change_article")
        assert not person.has_perm("articles.publish_article")


def test_roles_migration_is_reversible():
    roles_migration.remove_roles(apps, None)
    assert not Group.objects.filter(name__in=roles_migration.ROLES).exists()
    roles_migration.create_roles(apps, None)
    assert Group.objects.get(name="Editor").permissions.filter(codename="publish_article")


def test_writer_creates_a_draft_owned_by_them_and_submits_it(client):
    person = writer()
    client.force_login(person)
    data = article_form_data(section=str(_news_id()), _workflow="submit")
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title=data["title"])
    assert article.created_by == person
    assert article.status == Article.Status.REVIEW


@pytest.mark.parametrize("forged", [{"_workflow": "publish"}, {"_workflow": "schedule"}])
def test_writer_is_not_offered_publish_and_a_forged_publish_is_refused(client, forged):
    client.force_login(writer())
    form = client.get(ADD_URL).content.decode()
    assert 'value="submit"' in form
    assert 'value="publish"' not in form
    assert 'name="status"' not in form
    data = article_form_data(section=str(_news_id()), **forged)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Only an editor can" in response.content.decode()
    assert not Article.objects.filter(title=data["title"]).exists()


def test_a_forged_status_from_a_writer_is_ignored(client):
    person = writer()
    client.force_login(person)
    data = article_form_data(section=str(_news_id()), status=Article.Status.PUBLISHED)
    assert client.post(ADD_URL, data).status_code == 302
    assert Article.objects.get(title=data["title"]).status == Article.Status.DRAFT


def test_writer_cannot_set_publish_time_embargo_or_front_page(client):
    client.force_login(writer())
    form = client.get(ADD_URL).content.decode()
    for field in ("publish_at_0", "embargo_until_0", "is_featured", "featured_order"):
        assert f'name="{field}"' not in form, field


def test_writer_sees_only_their_own_articles(client):
    person = writer()
    mine = DraftFactory(title="My own draft", created_by=person)
    DraftFactory(title="A colleague's draft")
    client.force_login(person)
    page = client.get(CHANGELIST_URL).content.decode()
    assert "My own draft" in page
    assert "A colleague&#x27;s draft" not in page and "A colleague's draft" not in page
    assert client.get(change_url(mine)).status_code == 200


def test_writer_cannot_open_someone_elses_draft(client):
    client.force_login(writer())
    other = DraftFactory()
    response = client.get(change_url(other))
    assert response.status_code == 302  # admin sends a missing object back to the list
    assert Article.objects.get(pk=other.pk).title == other.title


def test_writer_can_only_view_their_piece_once_it_is_published(client):
    person = writer()
    article = ArticleFactory(created_by=person)
    client.force_login(person)
    page = client.get(change_url(article)).content.decode()
    assert "View article" in page
    response = client.post(change_url(article), article_form_data(article, title="Changed"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Changed"


def test_writer_cannot_delete(client):
    person = writer()
    article = DraftFactory(created_by=person)
    client.force_login(person)
    response = client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


def test_writer_is_offered_no_bulk_actions(client):
    person = writer()
    DraftFactory(created_by=person)
    client.force_login(person)
    page = client.get(CHANGELIST_URL).content.decode()
    for action in ("publish_selected", "unpublish_selected", "feature_selected"):
        assert action not in page


@pytest.mark.parametrize(
    "action", ["publish_selected", "unpublish_selected", "feature_selected", "unfeature_selected"]
)
def test_writer_cannot_run_editor_actions_by_posting_them(client, action):
    person = writer()
    article = DraftFactory(created_by=person)
    client.force_login(person)
    client.post(CHANGELIST_URL, {"action": action, "_selected_action": [article.pk]})
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert not article.is_featured


def test_editor_is_offered_every_bulk_action(client):
    ArticleFactory()
    client.force_login(editor())
    page = client.get(CHANGELIST_URL).content.decode()
    for action in ("publish_selected", "unpublish_selected", "feature_selected"):
        assert action in page


def test_front_page_curation_is_for_editors_only(client):
    client.force_login(writer())
    assert client.get("/admin/articles/frontpagearticle/").status_code == 403
    client.force_login(editor())
    assert client.get("/admin/articles/frontpagearticle/").status_code == 200


def test_share_links_are_for_editors_only(client):
    person = writer()
    article = DraftFactory(created_by=person)
    client.force_login(person)
    assert "Share links" not in client.get(change_url(article)).content.decode()
    client.force_login(editor())
    assert "Share links" in client.get(change_url(article)).content.decode()


def _news_id():
    from articles.models import Section

    return Section.objects.get(slug="news").pk
