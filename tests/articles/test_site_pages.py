"""The site's own pages: written in the admin, linked from every page's footer, with the
privacy notice's retention periods and the contact addresses taken from settings."""

import importlib

import pytest
from django.apps import apps
from django.contrib.flatpages.models import FlatPage
from django.urls import reverse

from tests.factories import ArticleFactory, editor

pytestmark = pytest.mark.django_db

site_pages = importlib.import_module("articles.migrations.0015_site_pages")

PAGES = [
    ("/about/", "About us", "independent news service for the people who run the health"),
    ("/contact/", "Contact us", "Write to the newsroom with stories"),
    ("/advertise/", "Advertise with us", "Advertising never buys coverage"),
    ("/privacy/", "Privacy notice", "Information Commissioner"),
    ("/terms/", "Terms of use", "law of England and Wales"),
    ("/cookies/", "Cookies", "strictly necessary"),
    ("/accessibility/", "Accessibility statement", "partially compliant with the WCAG"),
]


def text_of(response):
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize(("url", "heading", "phrase"), PAGES)
def test_each_site_page_answers_with_its_heading_and_text(client, url, heading, phrase):
    response = client.get(url)
    assert response.status_code == 200
    page = text_of(response)
    assert f"<h1>{heading}</h1>" in page
    assert f"<title>{heading} | National Health Executive</title>" in page
    assert phrase in page


def test_every_page_links_the_site_pages_in_its_footer(client):
    page = client.get(reverse("articles:home")).content.decode()
    footer = page.split('<footer class="site-footer">')[1]
    for url, _heading, _phrase in PAGES:
        assert f'href="{url}"' in footer, url
    assert "Privacy notice" in footer
    assert "Accessibility statement" in footer


def test_an_address_that_is_not_a_site_page_is_the_sites_404(client):
    assert client.get("/about-us/").status_code == 404


def test_the_privacy_notice_shows_the_retention_periods_the_site_runs_with(client, settings):
    page = text_of(client.get("/privacy/"))
    assert "How long we keep your data" in page
    assert f"Deleted after {settings.COMMENTS_PURGE_AFTER_DAYS} days" in page
    assert f"deleted {settings.PITCH_RETENTION_MONTHS} months after the decision" in page
    assert f"Daily backups for {settings.BACKUP_KEEP_DAYS} days" in page
    assert f"weekly backups for {settings.BACKUP_KEEP_WEEKS} weeks" in page

    settings.COMMENTS_PURGE_AFTER_DAYS = 45
    settings.PITCH_RETENTION_MONTHS = 6
    settings.BACKUP_KEEP_WEEKS = 1
    page = text_of(client.get("/privacy/"))
    assert "Deleted after 45 days" in page
    assert "deleted 6 months after the decision" in page
    assert "weekly backups for 1 week;" in page


def test_addresses_on_the_site_pages_come_from_settings(client, settings):
    settings.NEWSROOM_EMAIL = "desk@health-news.example"
    settings.ADVERTISING_EMAIL = "sales@health-news.example"
    settings.PRIVACY_EMAIL = "dpo@health-news.example"
    for url in ("/contact/", "/advertise/", "/accessibility/"):
        page = client.get(url).content.decode()
        assert 'href="mailto:desk@health-news.example"' in page, url
        assert 'href="mailto:sales@health-news.example"' in page, url
    assert 'href="mailto:dpo@health-news.example"' in client.get("/privacy/").content.decode()


def test_the_cookie_notice_names_the_cookies_the_site_sets(client, settings):
    settings.SESSION_COOKIE_AGE = 3 * 24 * 3600
    page = text_of(client.get("/cookies/"))
    assert f"<code>{settings.CSRF_COOKIE_NAME}</code>" in page
    assert f"<code>{settings.SESSION_COOKIE_NAME}</code>" in page
    assert "<code>messages</code>" in page
    assert "3 days" in page


def test_the_cookie_notice_names_the_own_comments_cookie_and_its_lifetime(client, settings):
    """The cookie the comments app sets for a reader's own comments is listed, with its age."""
    settings.COMMENTS_OWN_COOKIE_SECONDS = 6 * 3600
    page = text_of(client.get("/cookies/"))
    assert "<code>own_comments</code>" in page
    assert "6 hours" in page


def test_reading_a_site_page_sets_no_cookie(client):
    assert not client.get("/privacy/").cookies


def test_the_comment_privacy_note_gives_a_real_address_and_links_the_notice(client):
    page = client.get(ArticleFactory().get_absolute_url()).content.decode()
    note = page.split('class="comment-form__privacy"')[1].split("</div>")[0]
    assert "localhost" not in note
    assert 'href="mailto:privacy@nhe.example"' in note
    assert 'href="/privacy/"' in note


def test_an_editor_edits_a_site_page_in_the_admin_and_readers_see_it(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    about = FlatPage.objects.get(url="/about/")
    assert "Monthly print edition" not in client.get("/about/").content.decode()
    assert client.get("/about/")["X-Page-Cache"] == "hit"

    client.force_login(editor())
    change = reverse("admin:flatpages_flatpage_change", args=[about.pk])
    assert client.get(change).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change,
            {
                "url": "/about/",
                "title": "About us",
                "content": "<p>Monthly print edition for NHS leaders.</p>",
                "sites": [settings.SITE_ID],
                "template_name": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    page = client.get("/about/").content.decode()
    assert "Monthly print edition for NHS leaders." in page


def test_the_data_migration_makes_missing_pages_and_leaves_edited_ones(db):
    FlatPage.objects.filter(url="/about/").update(content="<p>Our own words.</p>")
    FlatPage.objects.filter(url="/terms/").delete()
    site_pages.create_site_pages(apps, None)
    assert FlatPage.objects.get(url="/about/").content == "<p>Our own words.</p>"
    assert "England and Wales" in FlatPage.objects.get(url="/terms/").content
    assert FlatPage.objects.count() == len(PAGES)


def test_site_pages_are_cached_for_readers_like_other_public_pages(client, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get("/cookies/")
    second = client.get("/cookies/")
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    assert "public" in second["Cache-Control"]
    assert f"s-maxage={settings.PAGE_CACHE_SECONDS}" in second["Cache-Control"]


def test_site_pages_are_in_the_sitemap(client):
    index = client.get(reverse("articles:sitemap-index")).content.decode()
    assert reverse("articles:sitemap", args=["site"]) in index
    sitemap = client.get(reverse("articles:sitemap", args=["site"])).content.decode()
    for url, _heading, _phrase in PAGES:
        assert f"{url}</loc>" in sitemap, url
