"""Bad and hostile input: clear messages, what was typed kept, never a 500, nothing half-stored."""

from unittest import mock
from urllib.parse import quote_plus

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletter import links
from newsletter.models import Consent, Subscriber

from .conftest import confirm_link, path_of

pytestmark = pytest.mark.django_db

INVALID = "Please enter an email address like name@example.org."
HOSTILE_ADDRESSES = [
    "not an address",
    "@example.org",
    "jo@",
    "jo@@example.org",
    "<script>alert(1)</script>@example.org",
    "jo@example.org<script>alert(1)</script>",
    '"a\r\nBcc: x@y"@example.org',
    "a@b.c\r\nBcc: evil@example.org",
    "a@b.c\nBcc: evil@example.org",
    "jo@example.org\x00",
    "jo\u200b@example.org",  # zero-width space
    "jo@exam\u202eple.org",  # right-to-left override
    "jo@exam\u2028ple.org",  # line separator
    "javascript:alert(1)//@example.org",
    "jo@example.org,evil@example.org",
    "jo@example.org; evil@example.org",
]


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
def test_a_bad_address_is_refused_clearly_and_nothing_is_stored(subscribe, address):
    response = subscribe(email=address)
    assert response.status_code == 200
    page = response.content.decode("utf-8", errors="replace")
    assert "There is a problem" in page
    assert "Email address:" in page
    assert "<script>alert" not in page
    assert not Subscriber.objects.exists()
    assert not Consent.objects.exists()
    assert not mail.outbox


def test_an_over_long_address_is_refused_saying_how_long(subscribe):
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".org"
    assert len(address) > 254
    response = subscribe(email=address)
    assert "at most 254 characters" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_an_empty_address_asks_for_one(subscribe):
    assert "Please enter your email address." in subscribe(email="").content.decode()


def test_the_address_typed_is_kept_and_escaped(subscribe):
    response = subscribe(email='"><b>jo</b>@example')
    page = response.content.decode()
    assert "&quot;&gt;&lt;b&gt;jo&lt;/b&gt;@example" in page
    assert "<b>jo</b>" not in page


def test_full_width_letters_are_read_as_the_address_they_look_like(subscribe):
    subscribe(email="ｊｏ＠ｅｘａｍｐｌｅ．ｏｒｇ")
    assert Subscriber.objects.get().email == "jo@example.org"


def test_the_same_address_in_other_case_is_one_subscriber(subscribe):
    subscribe(email="Jo.Rivers@Example.org")
    subscribe(email="jo.rivers@example.org")
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize(
    "frequency", ["hourly", "", "daily\r\nBcc: evil@example.org", "<script>", "x" * 5000]
)
def test_a_frequency_not_offered_is_refused(subscribe, frequency):
    response = subscribe(frequency=frequency)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please choose" in page
    assert 'value="jo.rivers@example.org"' in page
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("section", ["999999", "abc", "-1", "1\r\nBcc: x@y", "<script>", "1e9"])
def test_a_section_that_does_not_exist_is_refused(subscribe, section):
    response = subscribe(sections=[section])
    assert response.status_code == 200
    assert "no longer exists" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "page", ["/news/\r\nBcc: evil@example.org", "javascript:alert(1)", "<script>", "/" * 600]
)
def test_a_hostile_source_page_is_dropped_not_stored(subscribe, page):
    response = subscribe(page=page)
    assert response.status_code == 200
    assert Consent.objects.get().source == ""


def test_a_hostile_honeypot_value_is_thanked_and_ignored(subscribe):
    subscribe(website="a@b.c\r\nBcc: evil@example.org")
    assert not Subscriber.objects.exists()


def test_a_failure_half_way_leaves_nothing_stored(subscribe):
    failing = mock.patch("newsletter.subscriptions._record", side_effect=RuntimeError("disk"))
    with failing, pytest.raises(RuntimeError):
        subscribe()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_the_email_headers_cannot_be_injected(subscribe):
    subscribe(email="jo.rivers@example.org")
    (message,) = mail.outbox
    raw = message.message().as_string()
    assert "Bcc" not in raw
    assert message.to == ["jo.rivers@example.org"]


@pytest.mark.parametrize(
    "token",
    ["nonsense", "x" * 1000, "..%2F..%2Fetc", "W3sxLDJd:AAAA:BBBB", ":", "1:2"],
)
def test_a_forged_confirmation_link_gets_a_clear_404(client, token):
    response = client.get(reverse("newsletter:confirm", args=[token]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "This confirmation link does not work" in page
    assert "Subscribe again" in page


def test_a_tampered_confirmation_link_does_not_confirm(subscribe, client):
    subscribe()
    link = path_of(confirm_link(mail.outbox[0]))
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    assert client.get(tampered).status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_confirmation_link_signed_for_another_purpose_does_not_confirm(subscribe, client):
    subscribe()
    subscriber = Subscriber.objects.get()
    manage = links.manage_token(subscriber)
    assert client.get(reverse("newsletter:confirm", args=[manage])).status_code == 404
    consent = subscriber.consents.get()
    wrong_key = signing.dumps([subscriber.pk, "guessed", consent.pk], salt=links.CONFIRM_SALT)
    assert client.get(reverse("newsletter:confirm", args=[wrong_key])).status_code == 404
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_an_expired_confirmation_link_gets_a_clear_page_and_confirms_nothing(
    subscribe, client, settings
):
    settings.NEWSLETTER_CONFIRM_DAYS = 7
    eight_days_ago = signing.time.time() - 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        subscribe()
    link = path_of(confirm_link(mail.outbox[0]))
    response = client.get(link)
    assert response.status_code == 404
    assert "Subscribe again" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_confirmation_link_within_its_days_still_works(subscribe, client, settings):
    settings.NEWSLETTER_CONFIRM_DAYS = 7
    six_days_ago = signing.time.time() - 6 * 86400
    with mock.patch("django.core.signing.time.time", return_value=six_days_ago):
        subscribe()
    response = client.get(path_of(confirm_link(mail.outbox[0])))
    assert "You're subscribed" in response.content.decode()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused_not_crashed(client, method):
    for url in ("/newsletter/", "/newsletter/confirm/x/", "/newsletter/unsubscribe/x/"):
        assert getattr(client, method)(url).status_code == 405


def test_a_post_with_a_body_that_is_not_a_form_is_refused_clearly(client):
    response = client.post("/newsletter/", b"\xff\xfe\x00garbage", content_type="text/plain")
    assert response.status_code == 200
    assert "Please enter your email address." in response.content.decode()


# Generated input: every field of the sign-up and preferences forms ---------------------------

HOSTILE_VALUES = [
    "'", '"', "\x00", "%00", "<script>alert(1)</script>", "javascript:alert(1)",
    "//evil.example", "a@b.c\r\nBcc: evil@example.org", '"a\r\nBcc: x@y"@example.org',
    "\u202egpj.exe", "😀" * 50, "x" * 5000, "%ED%A0%80", "-1", "1e9", "[]",
]  # fmt: skip
FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hostile = st.one_of(st.sampled_from(HOSTILE_VALUES), st.text(max_size=40))
FIELDS = ["email", "frequency", "sections", "page", "website"]


def urlencoded(data):
    """A form body that can carry whatever a hostile client sends, lone surrogates too."""
    return "&".join(
        f"{quote_plus(key)}={quote_plus(value.encode('utf-8', 'surrogatepass'))}"
        for key, value in data.items()
    )


@FUZZ
@given(
    changed=st.dictionaries(st.sampled_from(FIELDS), hostile, max_size=3),
    same_site=st.booleans(),
)
def test_generated_sign_ups_never_fail_and_store_whole_or_nothing(changed, same_site, settings):
    settings.NEWSLETTER_RATE_PER_IP = settings.NEWSLETTER_RATE_PER_EMAIL = 10**6
    data = {"email": "fuzz@example.org", "frequency": "daily", "page": "/"} | changed
    headers = {"Origin": "http://testserver"} if same_site else {"Origin": "https://evil.example"}
    client = Client(raise_request_exception=False)
    response = client.post(
        "/newsletter/",
        urlencoded(data),
        content_type="application/x-www-form-urlencoded",
        headers=headers,
    )
    assert response.status_code in (200, 403), response.status_code
    for subscriber in Subscriber.objects.all():
        assert subscriber.consents.exists()  # never a subscriber without their request


@FUZZ
@given(changed=st.dictionaries(st.sampled_from(["frequency", "sections"]), hostile, max_size=2))
def test_generated_preferences_never_fail(changed):
    subscriber, _ = Subscriber.objects.get_or_create(email="kept@example.org")
    client = Client(raise_request_exception=False)
    response = client.post(
        reverse("newsletter:preferences", args=[links.manage_token(subscriber)]),
        urlencoded({"frequency": "weekly"} | changed),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200


@FUZZ
@given(token=hostile)
def test_generated_tokens_never_fail(token):
    client = Client(raise_request_exception=False)
    for name in ("confirm", "preferences", "unsubscribe"):
        path = f"/newsletter/{name}/{quote_plus(token.encode('utf-8', 'surrogatepass'))}/"
        assert client.get(path).status_code in (404, 301), path
