"""Signing up: the forms, the double opt-in, the same answer for everyone, and the limits."""

from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsletter.forms import CONSENT_WORDING
from newsletter.models import Consent, Subscriber
from tests.factories import ArticleFactory, SectionFactory

from .conftest import confirm_link, links_in, path_of
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

CHECK_INBOX = "Check your inbox"


def test_the_sign_up_page_offers_frequency_sections_and_the_consent_wording(client):
    SectionFactory(name="Workforce", slug="workforce")
    response = client.get(reverse("newsletter:subscribe"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="email"' in page
    assert 'type="radio" name="frequency" value="weekly"' in page
    assert 'name="sections"' in page and "Workforce" in page
    assert CONSENT_WORDING in page
    assert "csrfmiddlewaretoken" not in page
    assert not response.cookies


def test_a_new_address_is_pending_and_gets_only_a_confirmation_email(subscribe, settings):
    settings.SITE_URL = "https://news.example.org"
    settings.NEWSLETTER_CONSENT_VERSION = "v7"
    article = ArticleFactory()
    response = subscribe(page=article.get_absolute_url(), frequency="weekly")

    assert response.status_code == 200
    assert CHECK_INBOX in response.content.decode()
    assert "jo.rivers@example.org" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.frequency == "weekly"
    assert not Subscriber.objects.receiving("weekly").exists()
    (consent,) = subscriber.consents.all()
    assert consent.action == Consent.Action.REQUESTED
    assert consent.wording_version == "v7"
    assert consent.source == article.get_absolute_url()

    (message,) = mail.outbox
    assert message.to == ["jo.rivers@example.org"]
    assert "confirm" in message.subject.lower()
    assert confirm_link(message).startswith("https://news.example.org/newsletter/confirm/")
    html = message.alternatives[0][0]
    assert confirm_link(message) in html
    for tracking in ("<img", "utm_", "pixel", "open?"):
        assert tracking not in html and tracking not in message.body


def test_the_answer_is_the_same_for_an_address_already_subscribed(subscribe, client):
    SubscriberFactory(email="jo.rivers@example.org", frequency="weekly")
    known = subscribe()
    unknown = subscribe(email="someone.new@example.org")
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().replace("jo.rivers", "X") == unknown.content.decode().replace(
        "someone.new", "X"
    )
    subscriber = Subscriber.objects.get(email="jo.rivers@example.org")
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.frequency == "weekly"  # a stranger cannot change a reader's choices

    already, confirmation = sorted(mail.outbox, key=lambda m: m.to[0])
    assert already.to == ["jo.rivers@example.org"]
    assert "already" in already.subject
    assert any("/newsletter/preferences/" in url for url in links_in(already))
    assert not any("/newsletter/confirm/" in url for url in links_in(already))
    assert confirmation.to == ["someone.new@example.org"]


def test_a_pending_reader_who_asks_again_gets_a_new_link_and_the_old_one_is_used(
    subscribe, client
):
    subscribe(frequency="weekly")
    subscribe(frequency="daily")
    first, second = mail.outbox
    assert Subscriber.objects.get().frequency == "daily"

    old = client.get(path_of(confirm_link(first)))
    assert "This link has already been used" in old.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    new = client.get(path_of(confirm_link(second)))
    assert "You're subscribed" in new.content.decode()


def test_the_honeypot_is_thanked_and_nothing_is_stored(subscribe):
    response = subscribe(website="http://spam.example")
    assert response.status_code == 200
    assert CHECK_INBOX in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not Consent.objects.exists()
    assert not mail.outbox


def test_a_form_posted_from_another_site_is_refused(subscribe):
    response = subscribe(
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    assert "came from elsewhere" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_footer_form_works_without_a_page_of_its_own(client):
    # What a browser sends from the footer's short form: no sections, daily.
    response = client.post(
        "/newsletter/",
        {"email": "short@example.org", "frequency": "daily", "page": "/news/", "website": ""},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert CHECK_INBOX in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "daily"
    assert not subscriber.sections.exists()
    assert subscriber.consents.get().source == "/news/"


@pytest.mark.parametrize(
    "page",
    ["//evil.example/x", "https://evil.example/", "/no-such-page-here/", "/\r\nSet-Cookie: x=1"],
)
def test_a_source_page_that_is_not_ours_falls_back_to_the_referer(subscribe, page):
    subscribe(page=page, headers={"Referer": "http://testserver/columnists/"})
    assert Consent.objects.get().source == "/columnists/"


def test_with_no_page_and_a_foreign_referer_the_source_is_empty(subscribe):
    subscribe(page="", headers={"Referer": "https://evil.example/news/"})
    assert Consent.objects.get().source == ""


def test_chosen_sections_are_kept(subscribe):
    workforce = SectionFactory(name="Workforce", slug="workforce")
    SectionFactory(name="Finance", slug="finance")
    subscribe(sections=[workforce.pk])
    assert list(Subscriber.objects.get().sections.all()) == [workforce]


def test_too_many_sign_ups_from_one_address_get_a_clear_429_keeping_the_address(
    subscribe, settings
):
    settings.NEWSLETTER_RATE_PER_EMAIL = 2
    subscribe()
    subscribe()
    response = subscribe()
    assert response.status_code == 429
    page = response.content.decode()
    assert "Please wait" in page
    assert 'value="jo.rivers@example.org"' in page
    assert len(mail.outbox) == 2


def test_too_many_sign_ups_from_one_connection_get_a_429_keeping_the_choices(subscribe, settings):
    settings.NEWSLETTER_RATE_PER_IP = 2
    subscribe(email="a@example.org")
    subscribe(email="b@example.org")
    response = subscribe(email="c@example.org", frequency="weekly")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'value="c@example.org"' in page
    assert 'value="weekly" id="id_frequency_1" required checked' in page
    assert not Subscriber.objects.filter(email="c@example.org").exists()


def test_the_confirmation_link_confirms_and_keeps_the_requests_wording_and_page(
    subscribe, client, settings
):
    settings.NEWSLETTER_CONSENT_VERSION = "old"
    subscribe(page="/news/")
    settings.NEWSLETTER_CONSENT_VERSION = "new"
    (message,) = mail.outbox
    response = client.get(path_of(confirm_link(message)))

    assert response.status_code == 200
    page = response.content.decode()
    assert "You're subscribed" in page
    assert "/newsletter/preferences/" in page
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    confirmed = subscriber.consents.get(action=Consent.Action.CONFIRMED)
    assert (confirmed.wording_version, confirmed.source) == ("old", "/news/")
    assert len(mail.outbox) == 1  # nothing more is sent for confirming


def test_a_confirmation_link_opened_twice_is_friendly_and_records_once(subscribe, client):
    subscribe()
    link = path_of(confirm_link(mail.outbox[0]))
    client.get(link)
    again = client.get(link)
    assert again.status_code == 200
    assert "You're subscribed" in again.content.decode()
    assert Consent.objects.filter(action=Consent.Action.CONFIRMED).count() == 1


def test_a_confirmation_link_after_unsubscribing_never_resubscribes(subscribe, client):
    subscribe()
    link = path_of(confirm_link(mail.outbox[0]))
    client.get(link)
    subscriber = Subscriber.objects.get()
    from newsletter import links

    client.get(path_of(links.unsubscribe_url(subscriber)))
    response = client.get(link)
    assert "This link has already been used" in response.content.decode()
    assert "Subscribe again" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED


def test_a_reader_who_unsubscribed_can_sign_up_again_and_must_confirm(subscribe, client):
    subscriber = SubscriberFactory(
        email="jo.rivers@example.org", status=Subscriber.Status.UNSUBSCRIBED
    )
    subscribe()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    (message,) = mail.outbox
    assert "/newsletter/confirm/" in message.body


def test_the_front_page_and_an_article_carry_the_sign_up_form_and_no_cookie(
    client, default_sections
):
    article = ArticleFactory()
    for url in ("/", article.get_absolute_url()):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200
        assert 'action="/newsletter/"' in page, url
        assert "Get the daily bulletin" in page
        assert "csrfmiddlewaretoken" not in page
        assert not response.cookies, url
        assert "Set-Cookie" not in response
    article_page = client.get(article.get_absolute_url()).content.decode()
    assert 'id="signup-article-email"' in article_page
    assert 'id="signup-footer-email"' in article_page
    assert f'name="page" value="{article.get_absolute_url()}"' in article_page


def test_the_sign_up_page_is_not_served_with_a_second_footer_form(client):
    page = client.get("/newsletter/").content.decode()
    assert "signup-footer-email" not in page


@pytest.mark.parametrize("sections", [2, 20])
def test_the_sign_up_page_takes_a_bounded_number_of_queries(client, sections):
    for number in range(sections):
        SectionFactory(name=f"Section {number}", slug=f"section-n{number}")
    client.get("/newsletter/")  # warm the navigation
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/newsletter/").status_code == 200
    assert len(queries) <= 3, [q["sql"] for q in queries]


def test_signing_up_takes_a_bounded_number_of_queries(subscribe):
    for number in range(20):
        SectionFactory(name=f"Section {number}", slug=f"section-q{number}")
    with CaptureQueriesContext(connection) as queries:
        subscribe(sections=[s.pk for s in Subscriber.sections.field.related_model.objects.all()])
    assert len(queries) <= 25, len(queries)


@pytest.mark.django_db(transaction=True)
def test_pages_with_the_form_are_cached_whole_and_the_form_still_posts(settings, default_sections):
    settings.PAGE_CACHE_SECONDS = 300
    article = ArticleFactory()
    reader = Client()
    for url in ("/", article.get_absolute_url(), "/newsletter/"):
        reader.get(url)
        cached = reader.get(url)
        assert cached["X-Page-Cache"] == "hit", url
        assert 'action="/newsletter/"' in cached.text
        assert not cached.cookies
    response = reader.post(
        "/newsletter/",
        {"email": "cached@example.org", "frequency": "daily", "page": article.get_absolute_url()},
        headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"},
    )
    assert CHECK_INBOX in response.text
    assert "X-Page-Cache" not in response
    assert not response.cookies
    assert Subscriber.objects.get().email == "cached@example.org"
    assert len(mail.outbox) == 1


def test_a_head_request_on_a_confirmation_link_confirms_nothing(subscribe, client):
    subscribe()
    assert client.head(path_of(confirm_link(mail.outbox[0]))).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_mail_server_that_fails_does_not_fail_the_reader(subscribe, caplog):
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("connection refused")
    ):
        response = subscribe()
    assert response.status_code == 200
    assert CHECK_INBOX in response.text
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
