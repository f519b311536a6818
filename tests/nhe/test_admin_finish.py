"""The desk's finish: apps named as editors know them, an icon in every tab, share links an
editor can paste into an email."""

import pytest
from django.test import override_settings

from tests.articles.admin_forms import change_url
from tests.factories import ShareLinkFactory, UserFactory, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_admin_index_names_apps_in_plain_words(superuser_client):
    page = superuser_client.get("/admin/").content.decode()
    for label in (
        "Sign-in attempts and lockouts",
        "Two-factor sign-in: authenticator apps",
        "Two-factor sign-in: recovery codes",
        "Topics",
        "Redirects from old addresses",
        "Site pages (about, contact, terms)",
        "Background tasks",
    ):
        assert label in page, label
    for raw in ("Axes", "Otp_Totp", "Otp_Static", "Taggit", "Tasks Database Backend"):
        assert f">{raw}<" not in page, raw


def test_an_apps_own_page_carries_its_plain_name(superuser_client):
    page = superuser_client.get("/admin/otp_totp/").content.decode()
    assert "Two-factor sign-in: authenticator apps" in page


def test_favicon_ico_answers_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_public_pages_and_the_admin_link_their_icons(client):
    for url in ("/", "/admin/login/"):
        page = client.get(url).content.decode()
        assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in page, url
        assert 'href="/static/img/favicon-32.png" type="image/png"' in page, url
        assert "apple-touch-icon" in page, url


@override_settings(SITE_URL="https://www.example-nhe.co.uk")
def test_share_links_are_shown_as_full_addresses(client):
    link = ShareLinkFactory()
    client.force_login(editor())
    page = client.get(change_url(link.article)).content.decode()
    address = f"https://www.example-nhe.co.uk{link.get_absolute_url()}"
    assert f'<a href="{address}" rel="noreferrer" target="_blank">{address}</a>' in page
