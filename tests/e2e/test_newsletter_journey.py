"""A reader signs up from the footer, confirms from the email, picks sections, then leaves."""

import re

import pytest

from newsletter import links
from newsletter.models import Subscriber
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADDRESS = "morgan.ellis@example.org"


def path_in(body, kind):
    return re.search(rf"https?://[^/\s]+(/newsletter/{kind}/[^/\s]+/)", body).group(1)


def test_subscribe_confirm_choose_and_unsubscribe(live_server, page, default_sections):
    from django.core import mail
    from playwright.sync_api import expect

    ArticleFactory(title="Surgical hub cuts waits by a third")
    page.goto(live_server.url + "/")
    footer = page.locator(".signup--footer")
    footer.get_by_label("Email for the daily bulletin").fill(ADDRESS)
    footer.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    expect(page.get_by_text(ADDRESS)).to_be_visible()
    (confirmation,) = [m for m in mail.outbox if ADDRESS in m.to]
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    page.goto(live_server.url + path_in(confirmation.body, "confirm"))
    expect(page.get_by_role("heading", name="You're subscribed")).to_be_visible()
    assert page.context.cookies() == []

    page.get_by_role("link", name="Choose your sections").click()
    expect(page.get_by_role("heading", name="Your bulletin preferences")).to_be_visible()
    page.get_by_label("Once a week").check()
    page.get_by_label("NHE TV").check()
    page.get_by_label("The Scalpel").check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_text("Your preferences are saved.")).to_be_visible()
    expect(page.get_by_label("Once a week")).to_be_checked()
    expect(page.get_by_label("NHE TV")).to_be_checked()
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly"
    assert sorted(s.name for s in subscriber.sections.all()) == ["NHE TV", "The Scalpel"]

    # The unsubscribe link every bulletin email carries.
    unsubscribe = re.sub(r"^https?://[^/]+", "", links.unsubscribe_url(subscriber))
    page.goto(live_server.url + unsubscribe)
    expect(page.get_by_role("heading", name="You're unsubscribed")).to_be_visible()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    page.get_by_role("button", name="Subscribe again").click()
    expect(page.get_by_text("You're subscribed again.")).to_be_visible()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.frequency == "weekly"
    assert subscriber.sections.count() == 2
    assert page.context.cookies() == []
    assert len([m for m in mail.outbox if ADDRESS in m.to]) == 1
