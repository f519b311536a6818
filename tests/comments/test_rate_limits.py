"""Rate limits per IP address and per email, which a forged X-Forwarded-For cannot reset."""

import pytest
from django.test import Client

from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.COMMENTS_RATE_PER_IP = 2
    settings.COMMENTS_RATE_PER_EMAIL = 100
    # Windows run by the clock; a day-long one keeps each test's few posts inside one.
    settings.COMMENTS_RATE_WINDOW = 24 * 3600


def test_the_address_limit_refuses_with_429_and_keeps_the_words(post_comment):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(2):
        assert post_comment(client=client, body=f"Point {n}").status_code == 302
    response = post_comment(client=client, body="One point too many")
    assert response.status_code == 429
    assert "Too many comments from here for now" in response.text
    assert "One point too many" in response.text
    assert Comment.objects.count() == 2


def test_a_forged_forwarded_for_header_does_not_reset_the_limit(post_comment):
    client = Client(REMOTE_ADDR="198.51.100.7")
    for n in range(3):
        forged = {"X-Forwarded-For": f"10.0.0.{n}"}
        response = post_comment(client=client, body=f"Point {n}", headers=forged)
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_another_address_has_its_own_allowance(post_comment):
    for n in range(2):
        post_comment(client=Client(REMOTE_ADDR="198.51.100.7"), body=f"Point {n}")
    assert post_comment(client=Client(REMOTE_ADDR="198.51.100.8")).status_code == 302


def test_behind_a_trusted_proxy_the_client_address_comes_from_the_header(post_comment, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for n in range(2):
        post_comment(client=proxy, body=f"A {n}", headers={"X-Forwarded-For": "198.51.100.7"})
    blocked = post_comment(client=proxy, body="A 3", headers={"X-Forwarded-For": "198.51.100.7"})
    assert blocked.status_code == 429
    other = post_comment(client=proxy, body="B", headers={"X-Forwarded-For": "198.51.100.8"})
    assert other.status_code == 302


def test_behind_a_trusted_proxy_addresses_the_client_wrote_are_ignored(post_comment, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for n in range(3):
        # The proxy appends the real address; whatever the client sent stands to its left.
        header = {"X-Forwarded-For": f"10.9.9.{n}, 198.51.100.7"}
        response = post_comment(client=proxy, body=f"Point {n}", headers=header)
    assert response.status_code == 429


def test_behind_two_trusted_proxies_the_address_the_outer_one_saw_counts(post_comment, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    inner = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(3):
        # The client writes an entry, the outer proxy appends the client's address, and the
        # inner proxy appends the outer one's.
        header = {"X-Forwarded-For": f"203.0.113.{n}, 198.51.100.7, 10.0.0.1"}
        response = post_comment(client=inner, body=f"Point {n}", headers=header)
    assert response.status_code == 429
    other = {"X-Forwarded-For": "198.51.100.8, 10.0.0.1"}
    assert post_comment(client=inner, body="Another", headers=other).status_code == 302


def test_behind_a_trusted_proxy_a_header_without_an_address_still_posts(post_comment, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    header = {"X-Forwarded-For": "unknown, not-an-address"}
    assert post_comment(client=proxy, headers=header).status_code == 302


def test_ipv6_addresses_in_one_64_share_an_allowance(post_comment):
    for n in range(2):
        post_comment(client=Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1}"), body=f"Point {n}")
    same_network = Client(REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert post_comment(client=same_network, body="Three").status_code == 429
    next_network = Client(REMOTE_ADDR="2001:db8:1:3::1")
    assert post_comment(client=next_network, body="Four").status_code == 302


def test_the_email_limit_holds_across_addresses(post_comment, settings):
    settings.COMMENTS_RATE_PER_IP = 100
    settings.COMMENTS_RATE_PER_EMAIL = 2
    for n in range(2):
        client = Client(REMOTE_ADDR=f"198.51.100.{n}")
        assert post_comment(client=client, body=f"Point {n}").status_code == 302
    response = post_comment(client=Client(REMOTE_ADDR="198.51.100.50"), body="Point 3")
    assert response.status_code == 429
    assert Comment.objects.count() == 2


def test_requests_without_an_address_share_one_allowance(post_comment):
    # A proxy on a Unix socket, with TRUSTED_PROXY_COUNT left at 0, passes no address at all.
    for n in range(2):
        assert post_comment(client=Client(REMOTE_ADDR=""), body=f"Point {n}").status_code == 302
    assert post_comment(client=Client(REMOTE_ADDR=""), body="Three").status_code == 429
