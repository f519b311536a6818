"""A mailing provider's bounce, complaint and unsubscribe reports stop mail to the address,
through django-anymail's webhooks (here Postmark's) behind basic auth."""

import base64
import json

import pytest
from anymail.exceptions import AnymailInsecureWebhookWarning
from anymail.signals import AnymailTrackingEvent, tracking
from anymail.webhooks.postmark import PostmarkTrackingWebhookView

from newsletter import urls as newsletter_urls
from newsletter.models import Subscriber

from .factories import SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bulletin_site")]

URL = "/newsletter/webhooks/postmark/tracking/"
SECRET = "postmark:a-long-webhook-secret"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}


def basic_auth(credentials):
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(credentials.encode()).decode()}


def hard_bounce(email):
    """Postmark's bounce webhook, as its documentation shows it."""
    return {
        "RecordType": "Bounce",
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": "HardBounce",
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "bulletin",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message (ex: unknown user, "
        "mailbox not found).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "bulletin@nhe.example",
        "BouncedAt": "2026-12-05T06:33:54.9070259Z",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Waiting lists fall",
    }


def spam_complaint(email):
    return {
        **hard_bounce(email),
        "RecordType": "SpamComplaint",
        "Type": "SpamComplaint",
        "TypeCode": 512,
        "Name": "Spam complaint",
        "Description": "The subscriber explicitly marked this message as spam.",
        "Details": "",
    }


def unsubscribed(email):
    return {
        "RecordType": "SubscriptionChange",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "ServerID": 23,
        "MessageStream": "outbound",
        "ChangedAt": "2026-12-05T06:40:00Z",
        "Recipient": email,
        "Origin": "Recipient",
        "SuppressSending": True,
        "SuppressionReason": "ManualSuppression",
        "Tag": "bulletin",
        "Metadata": {},
    }


def post(client, payload, **headers):
    return client.post(URL, json.dumps(payload), content_type="application/json", **headers)


@pytest.mark.parametrize(
    ("payload", "status", "said"),
    [
        (hard_bounce, Subscriber.Status.BOUNCED, "does not exist"),
        (spam_complaint, Subscriber.Status.COMPLAINED, "marked this message as spam"),
        (unsubscribed, Subscriber.Status.UNSUBSCRIBED, "Postmark reported unsubscribed"),
    ],
)
def test_a_providers_report_stops_mail_to_the_address(client, payload, status, said):
    reader = SubscriberFactory(email="Gone.Reader@example.org")
    other = SubscriberFactory(email="still.here@example.org")

    response = post(client, payload("gone.reader@example.org"), **basic_auth(SECRET))

    assert response.status_code == 200
    reader.refresh_from_db()
    assert reader.status == status and reader.stopped_at
    assert said in reader.stop_reason
    other.refresh_from_db()
    assert other.status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize("credentials", [None, "postmark:wrong", "", "postmark:" + "x" * 5000])
def test_a_report_without_the_secret_is_refused_and_changes_nothing(client, credentials):
    reader = SubscriberFactory(email="reader@example.org")
    headers = basic_auth(credentials) if credentials is not None else {}

    response = post(client, hard_bounce("reader@example.org"), **headers)

    assert response.status_code in (400, 403)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_with_no_webhook_secret_configured_nobody_can_stop_a_readers_mail(client, settings):
    settings.ANYMAIL = {}
    reader = SubscriberFactory(email="reader@example.org")

    with pytest.warns(AnymailInsecureWebhookWarning):
        response = post(client, hard_bounce("reader@example.org"))

    assert response.status_code == 200  # anymail's answer; the report is not acted on
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_only_the_providers_own_webhook_is_routed_and_only_when_authenticated(settings):
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "token"}
    assert newsletter_urls.provider_webhooks() == []

    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    webhooks = newsletter_urls.provider_webhooks()
    assert [p.name for p in webhooks] == ["postmark_tracking_webhook"]

    settings.NEWSLETTER_WEBHOOK_PROVIDER = ""  # plain SMTP: bounces come at send time
    assert newsletter_urls.provider_webhooks() == []


def test_no_other_providers_webhook_or_inbound_mail_is_routed(client):
    for path in ["mailgun/tracking/", "postmark/inbound/", "amazon_ses/inbound/"]:
        assert client.post(f"/newsletter/webhooks/{path}").status_code == 404


@pytest.mark.parametrize(
    "body",
    ["", "not json", "[]", '{"RecordType": "Bounce", "Email": 5}'],
)
def test_a_report_that_cannot_be_read_is_refused_clearly(client, body):
    reader = SubscriberFactory(email="reader@example.org")

    response = client.post(URL, body, content_type="application/json", **basic_auth(SECRET))

    assert response.status_code == 400
    assert b"could not be read" in response.content
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED


def test_a_soft_report_or_an_unknown_address_changes_nothing(client):
    reader = SubscriberFactory(email="reader@example.org")
    delayed = {**hard_bounce("reader@example.org"), "Type": "Transient", "TypeCode": 2}
    assert post(client, delayed, **basic_auth(SECRET)).status_code == 200
    assert (
        post(client, hard_bounce("stranger@example.org"), **basic_auth(SECRET)).status_code == 200
    )
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.CONFIRMED
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize("hostile", ["", "not an address", "a@b.c\r\nBcc: x@y.z", "<script>"])
def test_a_hostile_recipient_in_a_report_is_harmless(client, hostile):
    SubscriberFactory(email="reader@example.org")
    assert post(client, hard_bounce(hostile), **basic_auth(SECRET)).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


def test_the_tracking_signal_from_any_provider_stops_a_complainer():
    reader = SubscriberFactory(email="reader@example.org")
    event = AnymailTrackingEvent(
        event_type="complained", recipient="reader@example.org", description="Marked as spam"
    )

    tracking.send(sender=PostmarkTrackingWebhookView, event=event, esp_name="Mailgun")

    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.COMPLAINED
    assert reader.stop_reason == "Mailgun reported complained: Marked as spam"
