"""The article form's draft copy: kept per person while they type, touching nothing else."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ContentGeneration, DraftCopy
from articles.signals import public_content_changed
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import (
    ArticleFactory,
    DraftFactory,
    SectionFactory,
    UserFactory,
    editor,
    writer,
)

pytestmark = pytest.mark.django_db

TYPED = {"title": "Ambulance handovers speed up", "body": "<p>Half an hour saved.</p>"}


def copy_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


NEW_COPY_URL = "/admin/articles/article/autosave/"


def keep(client, url, fields=TYPED, **extra):
    return client.post(url, {"fields": json.dumps(fields), **extra})


@pytest.fixture
def wendy():
    return writer(username="wendy")


@pytest.fixture
def her_draft(wendy):
    return DraftFactory(title="Handovers", created_by=wendy)


def test_a_writer_keeps_a_copy_and_reads_it_back(client, wendy, her_draft):
    client.force_login(wendy)
    assert client.get(copy_url(her_draft)).json() == {"copy": None}

    saved = keep(client, copy_url(her_draft), {**TYPED, "tags": ["3"], "is_featured": True})
    assert saved.status_code == 200
    assert saved.json()["copy"]["saved_at_text"]

    response = client.get(copy_url(her_draft))
    copy = response.json()["copy"]
    assert copy["fields"] == {**TYPED, "tags": ["3"], "is_featured": True}
    assert copy["article_saved_since"] is False
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_new_copy_replaces_the_last_one(client, wendy, her_draft):
    client.force_login(wendy)
    keep(client, copy_url(her_draft), {"title": "First go"})
    keep(client, copy_url(her_draft), {"title": "Second go"})
    assert client.get(copy_url(her_draft)).json()["copy"]["fields"] == {"title": "Second go"}
    assert DraftCopy.objects.count() == 1


def test_keeping_a_copy_leaves_the_article_its_history_and_the_caches_alone(
    client, wendy, her_draft
):
    before = Article.objects.get(pk=her_draft.pk)
    versions = Article.history.filter(id=her_draft.pk).count()
    generation = ContentGeneration.objects.in_force().number
    announced = []

    def note(**kwargs):
        announced.append(kwargs)

    public_content_changed.connect(note)
    try:
        client.force_login(wendy)
        assert keep(client, copy_url(her_draft)).status_code == 200
    finally:
        public_content_changed.disconnect(note)

    after = Article.objects.get(pk=her_draft.pk)
    assert (after.title, after.body, after.version, after.modified_at) == (
        before.title,
        before.body,
        before.version,
        before.modified_at,
    )
    assert Article.history.filter(id=her_draft.pk).count() == versions
    assert ContentGeneration.objects.in_force().number == generation
    assert announced == []


def test_another_writer_can_neither_read_nor_write_your_copy(client, wendy, her_draft):
    client.force_login(wendy)
    keep(client, copy_url(her_draft))

    client.force_login(writer(username="walter"))
    assert client.get(copy_url(her_draft)).status_code == 404
    assert keep(client, copy_url(her_draft), {"title": "Walter's"}).status_code == 404
    assert client.delete(copy_url(her_draft)).status_code == 404
    assert DraftCopy.objects.get().fields == TYPED


def test_an_editor_who_opens_the_piece_sees_only_their_own_copy(client, wendy, her_draft):
    client.force_login(wendy)
    keep(client, copy_url(her_draft))

    client.force_login(editor(username="eddie"))
    assert client.get(copy_url(her_draft)).json() == {"copy": None}
    keep(client, copy_url(her_draft), {"title": "Eddie's headline"})
    assert client.delete(copy_url(her_draft)).json() == {"copy": None}

    assert list(DraftCopy.objects.values_list("user__username", "fields")) == [("wendy", TYPED)]


def test_a_writer_keeps_no_copy_of_a_piece_they_may_no_longer_change(client, wendy):
    published = ArticleFactory(created_by=wendy)  # published: only an editor may change it
    client.force_login(wendy)
    page = client.get(change_url(published))
    assert page.status_code == 200
    assert 'id="autosave"' not in page.content.decode()
    assert keep(client, copy_url(published)).status_code == 403
    assert not DraftCopy.objects.exists()


@pytest.mark.parametrize("signed_in", [False, True])
def test_only_the_desk_reaches_the_copies(client, her_draft, signed_in):
    if signed_in:
        client.force_login(UserFactory(username="reader", is_staff=False))
    for url in (copy_url(her_draft), NEW_COPY_URL):
        assert client.get(url).status_code == 403
        assert keep(client, url, form_key="abc").status_code == 403
    assert not DraftCopy.objects.exists()


def test_a_copy_needs_the_forms_csrf_token(wendy, her_draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(wendy)
    assert keep(client, copy_url(her_draft)).status_code == 403
    assert not DraftCopy.objects.exists()


def test_a_copy_too_large_is_refused(client, settings, wendy, her_draft):
    settings.ARTICLE_AUTOSAVE_MAX_BYTES = 2000
    client.force_login(wendy)
    response = keep(client, copy_url(her_draft), {"body": "<p>" + "x" * 3000 + "</p>"})
    assert response.status_code == 413
    assert "2000 bytes" in response.json()["error"]
    assert not DraftCopy.objects.exists()


@pytest.mark.parametrize("sent", ["not json", "[1, 2]", '{"title": {"nested": 1}}'])
def test_a_copy_must_be_the_forms_fields(client, wendy, her_draft, sent):
    client.force_login(wendy)
    assert client.post(copy_url(her_draft), {"fields": sent}).status_code == 400
    assert not DraftCopy.objects.exists()


def test_the_page_counts_and_token_are_not_kept(client, wendy, her_draft):
    client.force_login(wendy)
    fields = {**TYPED, "csrfmiddlewaretoken": "t", "bylines-TOTAL_FORMS": "3"}
    keep(client, copy_url(her_draft), fields)
    assert DraftCopy.objects.get().fields == TYPED


def test_saving_the_article_deletes_its_copy(client, wendy, her_draft):
    client.force_login(wendy)
    keep(client, copy_url(her_draft))
    response = client.post(change_url(her_draft), article_form_data(her_draft, title="Saved"))
    assert response.status_code == 302
    assert not DraftCopy.objects.exists()


def test_a_save_refused_for_an_edit_conflict_keeps_the_copy(client, wendy, her_draft):
    stale = article_form_data(her_draft, title="Wendy's headline")
    client.force_login(wendy)
    keep(client, copy_url(her_draft))
    her_draft.save()  # someone else saved meanwhile

    response = client.post(change_url(her_draft), stale)
    assert "Someone else saved this article" in response.content.decode()
    assert DraftCopy.objects.filter(article=her_draft).exists()
    copy = client.get(copy_url(her_draft)).json()["copy"]
    assert copy["article_saved_since"] is True


def test_a_new_articles_copy_is_found_again_and_deleted_when_it_is_saved(client, wendy):
    client.force_login(wendy)
    keep(client, NEW_COPY_URL, {"title": "Not saved yet"}, autosave_key="tab-one")

    # The tab was closed: a fresh add form finds the newest copy of a new article.
    copy = client.get(NEW_COPY_URL).json()["copy"]
    assert (copy["form_key"], copy["fields"]) == ("tab-one", {"title": "Not saved yet"})
    assert client.get(NEW_COPY_URL, {"form_key": "tab-one"}).json()["copy"]["fields"]

    data = article_form_data(section=str(SectionFactory().pk), autosave_key="tab-one")
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not DraftCopy.objects.exists()


def test_discarding_a_new_articles_copy(client, wendy):
    client.force_login(wendy)
    keep(client, NEW_COPY_URL, autosave_key="tab-one")
    assert client.delete(NEW_COPY_URL + "?form_key=tab-one").status_code == 200
    assert not DraftCopy.objects.exists()


def test_the_form_carries_the_autosave_settings(client, settings, wendy, her_draft):
    settings.ARTICLE_AUTOSAVE_SECONDS = 7
    client.force_login(wendy)
    page = client.get(change_url(her_draft)).content.decode()
    assert f'data-url="{copy_url(her_draft)}"' in page
    assert 'data-seconds="7"' in page
    assert "articles/autosave.js" in page
    assert 'data-new-article="yes"' in client.get(ADD_URL).content.decode()


def test_copies_left_for_a_month_go_when_the_writer_keeps_another(client, wendy, her_draft):
    client.force_login(wendy)
    keep(client, NEW_COPY_URL, autosave_key="abandoned")
    DraftCopy.objects.update(saved_at=timezone.now() - timedelta(days=31))
    keep(client, copy_url(her_draft))
    assert list(DraftCopy.objects.values_list("article", flat=True)) == [her_draft.pk]
