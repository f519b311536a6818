"""Staff previews, and share links for outsiders: valid, expired, forged and revoked."""

import time
from datetime import timedelta

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from articles.models import ShareLink
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import DraftFactory, ScheduledFactory, ShareLinkFactory, editor, writer

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


def test_staff_preview_shows_the_article_as_readers_will_with_a_banner(client):
    article = DraftFactory(title="A draft about rotas", body="<p>Rota details.</p>")
    client.force_login(editor())
    response = client.get(preview_url(article))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="article__title">A draft about rotas</h1>' in page
    assert "Rota details." in page
    assert "Preview: draft." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_preview_of_a_scheduled_article_says_when_it_goes_live(client):
    article = ScheduledFactory()
    client.force_login(editor())
    page = client.get(preview_url(article)).content.decode()
    local = timezone.localtime(article.publish_at)
    assert f"it goes live on {local:%d/%m/%Y %H:%M}" in page


def test_writer_previews_only_their_own_articles(client):
    person = writer()
    own = DraftFactory(created_by=person)
    client.force_login(person)
    assert client.get(preview_url(own)).status_code == 200
    assert client.get(preview_url(DraftFactory())).status_code == 404


def test_preview_needs_a_login(client):
    response = client.get(preview_url(DraftFactory()))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_share_link_shows_the_unpublished_article_without_a_login(client):
    link = ShareLinkFactory(article__title="Quotes to check")
    response = client.get(link.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Quotes to check" in page
    assert "Not for publication." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_opening_a_share_link_is_logged(client):
    link = ShareLinkFactory()
    client.get(link.get_absolute_url(), HTTP_USER_AGENT="Press office browser")
    client.get(link.get_absolute_url())
    assert link.openings.count() == 2
    assert link.openings.filter(user_agent="Press office browser").exists()


def test_expired_share_link_is_not_found(client):
    link = ShareLinkFactory(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link.get_absolute_url())
    assert response.status_code == 404
    assert not link.openings.exists()


def test_revoked_share_link_is_not_found(client):
    link = ShareLinkFactory()
    link.revoke()
    assert client.get(link.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps("00000000-0000-0000-0000-000000000000", salt=ShareLink.SALT),
        signing.dumps("anything", salt="another-salt"),
        signing.Signer(salt="another-salt").sign_object("anything"),
        # Tokens are read as timestamped or not by their number of colons: junk of each shape.
        ":",
        "a:b",
        "a:b:c",
        "a:b:c:d",
    ],
)
def test_forged_share_link_is_not_found(client, token):
    ShareLinkFactory()
    response = client.get(reverse("articles:shared", args=[token]))
    assert response.status_code == 404


def test_a_share_link_keeps_its_address_from_one_second_to_the_next(monkeypatch):
    link = ShareLinkFactory()
    first = link.get_absolute_url()
    later = time.time() + 5
    monkeypatch.setattr(time, "time", lambda: later)
    assert link.get_absolute_url() == first


def test_a_share_link_given_out_with_a_timestamped_token_still_opens(client):
    link = ShareLinkFactory()
    older = signing.dumps(str(link.key), salt=ShareLink.SALT)
    response = client.get(reverse("articles:shared", args=[older]))
    assert response.status_code == 200
    assert link.article.title in response.content.decode()


def test_a_share_link_token_cannot_be_edited_to_reach_another(client):
    link = ShareLinkFactory()
    token = link.token
    tampered = ("A" if token[0] != "A" else "B") + token[1:]
    assert client.get(reverse("articles:shared", args=[tampered])).status_code == 404


def test_editor_makes_and_revokes_a_share_link_in_admin(client):
    article = DraftFactory()
    person = editor()
    client.force_login(person)
    expires = timezone.localtime() + timedelta(days=3)
    data = article_form_data(
        article,
        **{
            "share_links-TOTAL_FORMS": "1",
            "share_links-0-recipient": "NHS England press office",
            "share_links-0-expires_at_0": f"{expires:%Y-%m-%d}",
            "share_links-0-expires_at_1": f"{expires:%H:%M:%S}",
        },
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    link = article.share_links.get()
    assert link.created_by == person
    assert client.get(link.get_absolute_url()).status_code == 200
    page = client.get(change_url(article)).content.decode()
    assert link.get_absolute_url() in page
    assert "1 time, last" in page

    article.refresh_from_db()
    data = article_form_data(
        article,
        **{
            "share_links-TOTAL_FORMS": "1",
            "share_links-INITIAL_FORMS": "1",
            "share_links-0-id": str(link.pk),
            "share_links-0-article": str(article.pk),
            "share_links-0-recipient": link.recipient,
            "share_links-0-expires_at_0": f"{expires:%Y-%m-%d}",
            "share_links-0-expires_at_1": f"{expires:%H:%M:%S}",
            "share_links-0-revoke": "on",
        },
    )
    assert client.post(change_url(article), data).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert client.get(link.get_absolute_url()).status_code == 404
