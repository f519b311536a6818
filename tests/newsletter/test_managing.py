"""Managing a subscription from the links in our emails: preferences and unsubscribing."""

import pytest
from django.core import mail
from django.urls import reverse

from newsletter import links
from newsletter.models import Consent, Subscriber
from tests.factories import SectionFactory

from .conftest import path_of
from .factories import SubscriberFactory

pytestmark = pytest.mark.django_db

ONE_CLICK = "List-Unsubscribe=One-Click"


@pytest.fixture
def reader(db):
    return SubscriberFactory(email="sam.okoro@example.org", frequency="daily")


def preferences_path(subscriber):
    return path_of(links.preferences_url(subscriber))


def unsubscribe_path(subscriber):
    return path_of(links.unsubscribe_url(subscriber))


def test_the_preferences_page_shows_the_readers_choices_without_signing_in(client, reader):
    workforce = SectionFactory(name="Workforce", slug="workforce")
    reader.sections.add(workforce)
    response = client.get(preferences_path(reader))
    page = response.content.decode()
    assert response.status_code == 200
    assert "sam.okoro@example.org" in page
    assert f'value="{workforce.pk}"' in page and "checked" in page
    assert "Unsubscribe" in page
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_changing_preferences_saves_them_and_records_the_change(client, reader):
    workforce = SectionFactory(name="Workforce", slug="workforce")
    response = client.post(
        preferences_path(reader), {"frequency": "weekly", "sections": [workforce.pk]}
    )
    assert response.status_code == 200
    assert "Your preferences are saved." in response.content.decode()
    reader.refresh_from_db()
    assert reader.frequency == "weekly"
    assert list(reader.sections.all()) == [workforce]
    assert reader.status == Subscriber.Status.CONFIRMED
    change = reader.consents.get()
    assert change.action == Consent.Action.CHANGED
    assert not response.cookies


def test_a_bad_choice_on_the_preferences_page_changes_nothing(client, reader):
    response = client.post(preferences_path(reader), {"frequency": "hourly", "sections": [999]})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please choose daily or weekly." in page
    assert "no longer exists" in page
    reader.refresh_from_db()
    assert reader.frequency == "daily"
    assert not reader.consents.exists()


def test_the_unsubscribe_link_unsubscribes_at_once(client, reader):
    response = client.get(unsubscribe_path(reader))
    page = response.content.decode()
    assert response.status_code == 200
    assert "You're unsubscribed" in page
    assert "Subscribe again" in page
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    assert reader.stopped_at is not None
    assert reader.consents.get().action == Consent.Action.WITHDRAWN
    assert not Subscriber.objects.receiving("daily").exists()


def test_unsubscribing_twice_changes_nothing_the_second_time(client, reader):
    client.get(unsubscribe_path(reader))
    again = client.get(unsubscribe_path(reader))
    assert again.status_code == 200
    assert "You're unsubscribed" in again.content.decode()
    assert reader.consents.count() == 1


def test_a_mail_programs_one_click_post_unsubscribes(client, reader):
    # RFC 8058: a bare POST, no Origin, no cookies, no CSRF token.
    response = client.post(
        unsubscribe_path(reader), ONE_CLICK, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert len(response.content) < 100
    assert not response.cookies
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED
    withdrawn = reader.consents.get()
    assert withdrawn.source == "mail program: one-click unsubscribe"
    repeat = client.post(
        unsubscribe_path(reader), ONE_CLICK, content_type="application/x-www-form-urlencoded"
    )
    assert repeat.status_code == 200
    assert reader.consents.count() == 1


def test_a_head_request_from_a_link_checker_does_not_unsubscribe(client, reader):
    assert client.head(unsubscribe_path(reader)).status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_subscribing_again_from_the_unsubscribed_page_needs_no_new_confirmation(client, reader):
    workforce = SectionFactory(name="Workforce", slug="workforce")
    reader.sections.add(workforce)
    page = client.get(unsubscribe_path(reader)).content.decode()
    assert f'action="{preferences_path(reader)}"' in page
    # What the "Subscribe again" button sends: the reader's choices as they were.
    response = client.post(
        preferences_path(reader), {"frequency": "daily", "sections": [workforce.pk]}
    )
    assert "You're subscribed again" in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert list(reader.sections.all()) == [workforce]
    assert [c.action for c in reader.consents.all()] == [
        Consent.Action.WITHDRAWN,
        Consent.Action.CONFIRMED,
    ]
    assert not mail.outbox


def test_the_unsubscribe_and_preferences_links_in_an_issue_email_work(client, reader):
    # The links the already-subscribed email carries are the same signed links.
    assert client.get(preferences_path(reader)).status_code == 200
    assert client.get(unsubscribe_path(reader)).status_code == 200


@pytest.mark.parametrize("name", ["newsletter:preferences", "newsletter:unsubscribe"])
@pytest.mark.parametrize(
    "token",
    ["nonsense", "a" * 400, "W1sxLCJ4Il0:forged:signature", "%00", "..", "1:2:3:4"],
)
def test_a_forged_management_link_gets_a_clear_404(client, reader, name, token):
    response = client.get(reverse(name, args=[token]))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_a_tampered_link_for_another_reader_does_not_work(client, reader):
    other = SubscriberFactory()
    signature = links.manage_token(reader).partition(":")[2]
    forged = links.manage_token(other).partition(":")[0] + ":" + signature
    assert client.get(reverse("newsletter:unsubscribe", args=[forged])).status_code == 404
    other.refresh_from_db()
    assert other.status == Subscriber.Status.CONFIRMED


def test_a_forged_one_click_post_is_refused_with_404(client):
    response = client.post(
        reverse("newsletter:unsubscribe", args=["forged"]),
        ONE_CLICK,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 404


def test_a_preferences_form_posted_from_another_site_is_refused(client, reader):
    response = client.post(
        preferences_path(reader),
        {"frequency": "weekly"},
        headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403
    reader.refresh_from_db()
    assert reader.frequency == "daily"


def test_admin_lists_subscribers_and_unsubscribes_the_selected(admin_client, reader):
    other = SubscriberFactory(email="kim@example.org")
    page = admin_client.get(reverse("admin:newsletter_subscriber_changelist") + "?q=sam")
    assert "sam.okoro@example.org" in page.content.decode()
    assert "kim@example.org" not in page.content.decode()
    admin_client.post(
        reverse("admin:newsletter_subscriber_changelist"),
        {"action": "unsubscribe_selected", "_selected_action": [reader.pk, other.pk]},
    )
    for subscriber in (reader, other):
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
        assert subscriber.consents.get().source.startswith("admin:")


def test_admin_shows_the_consent_record_read_only(admin_client, reader):
    Consent.objects.create(
        subscriber=reader, action=Consent.Action.REQUESTED, wording_version="v1", source="/news/"
    )
    page = admin_client.get(reverse("admin:newsletter_subscriber_change", args=[reader.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "/news/" in html and "v1" in html
    assert 'name="consents-0-source"' not in html
    assert admin_client.get(reverse("admin:newsletter_subscriber_add")).status_code == 403


def test_pages_reached_by_a_signed_link_keep_it_from_other_sites(client, reader, subscribe):
    for path in (preferences_path(reader), unsubscribe_path(reader)):
        response = client.get(path)
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Robots-Tag"] == "noindex"


def test_the_forms_and_one_click_work_with_csrf_checks_on(
    reader, django_capture_on_commit_callbacks
):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    same_site = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    with django_capture_on_commit_callbacks(execute=True):
        signed_up = browser.post(
            "/newsletter/", {"email": "new@example.org", "frequency": "daily"}, headers=same_site
        )
    assert "Check your inbox" in signed_up.text
    saved = browser.post(preferences_path(reader), {"frequency": "weekly"}, headers=same_site)
    assert "Your preferences are saved." in saved.text
    one_click = browser.post(
        unsubscribe_path(reader), ONE_CLICK, content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED


@pytest.mark.parametrize("sections", [2, 20])
def test_the_preferences_page_takes_a_bounded_number_of_queries(client, reader, sections):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    made = [SectionFactory(name=f"Area {n}", slug=f"area-{n}") for n in range(sections)]
    reader.sections.set(made[: sections // 2])
    client.get(preferences_path(reader))  # warm the navigation
    with CaptureQueriesContext(connection) as queries:
        assert client.get(preferences_path(reader)).status_code == 200
    assert len(queries) <= 4, [q["sql"] for q in queries]
