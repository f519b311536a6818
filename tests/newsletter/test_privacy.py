"""A reader's copy of what the bulletin holds about them, and erasure."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter import links
from newsletter.models import Consent, Delivery, Issue, Subscriber
from tests.factories import SectionFactory

from .conftest import confirm_link, path_of
from .factories import ConsentFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    reader = SubscriberFactory(email="Sam.Okoro@example.org", frequency="weekly")
    reader.sections.add(SectionFactory(name="Workforce", slug="workforce"))
    ConsentFactory(subscriber=reader, source="/news/", wording_version="v3")
    now = timezone.now()
    issue = Issue.objects.create(
        subject="Monday's bulletin", covers_from=now, covers_until=now, status="sent"
    )
    Delivery.objects.create(issue=issue, subscriber=reader, status=Delivery.Status.SENT)
    return reader


def export(email):
    out = StringIO()
    call_command("newsletter_export", email, stdout=out)
    return json.loads(out.getvalue())


def test_the_export_holds_the_subscription_consents_and_deliveries(reader):
    data = export("sam.okoro@example.org")["subscriber"]
    assert data["email"] == "Sam.Okoro@example.org"
    assert data["status"] == "confirmed"
    assert data["frequency"] == "weekly"
    assert data["sections"] == ["Workforce"]
    (consent,) = data["consents"]
    assert consent["action"] == "requested"
    assert consent["wording_version"] == "v3"
    assert consent["source"] == "/news/"
    assert consent["at"]
    (delivery,) = data["deliveries"]
    assert delivery == {
        "issue": "Monday's bulletin",
        "status": "sent",
        "at": delivery["at"],
    }


def test_the_export_of_an_unknown_address_says_so(db):
    assert export("nobody@example.org") == {"email": "nobody@example.org", "subscriber": None}


def test_erasure_deletes_the_subscriber_consents_and_deliveries(reader):
    other = SubscriberFactory()
    ConsentFactory(subscriber=other)
    out = StringIO()
    call_command("newsletter_erase", "SAM.okoro@example.org", "--noinput", stdout=out)
    assert "Deleted the subscriber, 1 consent record(s) and 1 delivery record(s)." in (
        out.getvalue()
    )
    assert list(Subscriber.objects.all()) == [other]
    assert Consent.objects.get().subscriber == other
    assert not Delivery.objects.exists()
    assert Issue.objects.exists()


def test_erasure_asks_first_and_keeps_everything_on_no(reader, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(Exception, match="Nothing erased"):
        call_command("newsletter_erase", "sam.okoro@example.org")
    assert Subscriber.objects.exists()


def test_erasing_an_unknown_address_says_so(db):
    out = StringIO()
    call_command("newsletter_erase", "nobody@example.org", "--noinput", stdout=out)
    assert "No subscriber" in out.getvalue()


def test_after_erasure_every_old_link_is_a_clear_404(client, reader, subscribe):
    from django.core import mail

    subscribe(email="new.reader@example.org")
    confirm = path_of(confirm_link(mail.outbox[0]))
    pending = Subscriber.objects.get(email="new.reader@example.org")
    old_links = [
        path_of(links.preferences_url(reader)),
        path_of(links.unsubscribe_url(reader)),
    ]
    call_command("newsletter_erase", "sam.okoro@example.org", "--noinput", stdout=StringIO())
    call_command("newsletter_erase", pending.email, "--noinput", stdout=StringIO())
    for path in [*old_links, confirm]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert "does not work" in response.content.decode()
    assert not Subscriber.objects.exists()
