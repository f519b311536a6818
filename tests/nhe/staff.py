"""Helpers for the staff account tests: reading links from emails, making codes."""

import re
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a fresh kettle of fish 42"


def link_in_email(message, pattern):
    """The path of the first link in an email whose path matches the pattern."""
    for url in re.findall(r"https?://\S+", message.body):
        path = urlsplit(url).path
        if re.search(pattern, path):
            return path
    raise AssertionError(f"no link matching {pattern!r} in:\n{message.body}")


def email_to(address):
    (message,) = [m for m in mail.outbox if address in m.to]
    return message


def code_for(device, offset=0):
    """The code an authenticator app shows now (offset steps away)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return f"{code:06d}"


def wrong_code_for(device):
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def enrolled(user, recovery_codes=("rcv1code",)):
    """Give an account a confirmed authenticator and recovery codes, as enrolment does."""
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    for code in recovery_codes:
        static.token_set.create(token=code)
    return device


def superuser(username="desk", **kwargs):
    return get_user_model().objects.create_user(
        username,
        email=f"{username}@nhe.example",
        password=PASSWORD,
        is_staff=True,
        is_superuser=True,
        first_name="Dana",
        last_name="Desk",
        **kwargs,
    )
