"""Admin sign-in: lockout per (username, IP) that a forged header cannot dodge, and TOTP."""

import re
from base64 import b32decode
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "desk", password=PASSWORD, is_staff=True, is_superuser=True
    )


@pytest.fixture
def lockout_after_three(settings):
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_REQUIRE_OTP = True


def sign_in(client, password=PASSWORD, ip="203.0.113.7", forwarded_for=None, otp_token=None):
    data = {"username": "desk", "password": password, "next": "/admin/"}
    if otp_token is not None:
        data["otp_token"] = otp_token
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    return client.post("/admin/login/?next=/admin/", data, headers=headers, REMOTE_ADDR=ip)


def token_for(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_correct_password_signs_in(client, editor):
    response = sign_in(client)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_failures_lock_out_the_username_from_that_address(
    client, editor, lockout_after_three
):
    for _ in range(2):
        assert sign_in(client, password="wrong").status_code == 200
    assert sign_in(client, password="wrong").status_code == 429
    response = sign_in(client)
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert client.get("/admin/").status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_lockout(
    client, editor, lockout_after_three
):
    for n in range(3):
        sign_in(client, password="wrong", forwarded_for=f"198.51.100.{n}")
    response = sign_in(client, forwarded_for="198.51.100.99")
    assert response.status_code == 429


def test_the_lockout_does_not_shut_the_editor_out_from_another_address(
    client, editor, lockout_after_three
):
    for _ in range(3):
        sign_in(client, password="wrong", ip="203.0.113.66")
    assert sign_in(client, ip="192.0.2.10").status_code == 302


def test_behind_trusted_proxies_the_address_they_saw_is_counted(
    client, editor, lockout_after_three, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(3):
        # The client prepends a forged entry each time; our proxy appends the real one.
        sign_in(client, password="wrong", ip="10.0.0.2", forwarded_for=f"1.2.3.{n}, 203.0.113.7")
    locked = sign_in(client, ip="10.0.0.2", forwarded_for="9.9.9.9, 203.0.113.7")
    assert locked.status_code == 429
    other = sign_in(client, ip="10.0.0.2", forwarded_for="192.0.2.10")
    assert other.status_code == 302


def test_with_two_factor_a_password_alone_is_not_enough(client, editor, two_factor):
    TOTPDevice.objects.create(user=editor, name="phone")
    response = sign_in(client)
    assert response.status_code == 200
    assert b"Code from your authenticator app" in response.content
    assert client.get("/admin/").status_code == 302


def test_with_two_factor_a_session_without_a_verified_device_is_refused(
    client, editor, two_factor
):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_with_two_factor_a_valid_code_signs_in(client, editor, two_factor):
    device = TOTPDevice.objects.create(user=editor, name="phone")
    response = sign_in(client, otp_token=token_for(device))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_with_two_factor_a_wrong_or_replayed_code_is_refused(client, editor, two_factor):
    device = TOTPDevice.objects.create(user=editor, name="phone")
    code = token_for(device)
    assert sign_in(client, otp_token=f"{(int(code) + 1) % 1_000_000:06d}").status_code == 200
    device.throttle_reset()
    assert sign_in(client, otp_token=code).status_code == 302
    client.logout()
    assert sign_in(client, otp_token=code).status_code == 200


def test_two_factor_is_off_for_the_local_demo(client, editor, settings):
    settings.ADMIN_REQUIRE_OTP = False
    assert sign_in(client).status_code == 302


def test_setup_two_factor_gives_a_new_authenticator_and_recovery_codes(
    client, editor, two_factor, capsys
):
    old = TOTPDevice.objects.create(user=editor, name="lost phone")
    call_command("setup_two_factor", "desk", "--recovery-codes", "2")
    output = capsys.readouterr().out
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    url = re.search(r"otpauth://\S+", output).group()
    secret = parse_qs(urlparse(url).query)["secret"][0]
    new = TOTPDevice.objects.get(user=editor)
    assert b32decode(secret + "=" * (-len(secret) % 8)) == new.bin_key
    codes = output.strip().splitlines()[-2:]
    assert sign_in(client, otp_token=codes[0]).status_code == 302
    client.logout()
    assert sign_in(client, otp_token=codes[0]).status_code == 200, "recovery codes are single-use"
    assert sign_in(client, otp_token=token_for(new)).status_code == 302
