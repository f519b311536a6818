"""An editor invites a colleague, who follows the emailed link to their first sign-in."""

from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import totp

from tests.nhe.staff import PASSWORD, enrolled, link_in_email, superuser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "a fresh kettle of fish 42"


def code_from_key(key):
    """What an authenticator app shows for a key typed by hand."""
    secret = key.replace(" ", "")
    return f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}"


def test_an_invitation_leads_to_a_first_two_factor_sign_in(
    live_server, page, browser, default_roles, settings
):
    from playwright.sync_api import expect

    settings.ADMIN_REQUIRE_OTP = True
    csp_violations = []
    desk = superuser()
    device = enrolled(desk, recovery_codes=["deskcod1"])

    # The editor signs in with a recovery code and invites a writer.
    page.goto(live_server.url + "/admin/login/")
    expect(page.get_by_role("link", name="Forgotten your password?")).to_be_visible()
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Code from your authenticator app").fill("deskcod1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    assert device.user == desk
    page.goto(live_server.url + "/admin/auth/user/")
    page.get_by_role("link", name="Invite a colleague").click()
    page.get_by_label("Full name").fill("Amira Patel")
    page.get_by_label("Email address").fill("amira.patel@example.org")
    page.get_by_label("Writer").check()
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url(live_server.url + "/admin/auth/user/")
    expect(page.get_by_text("Invitation sent to Amira Patel")).to_be_visible()

    # The colleague opens the link from the email in their own browser.
    (invitation,) = [m for m in mail.outbox if "amira.patel@example.org" in m.to]
    link = link_in_email(invitation, r"^/admin/invitation/")
    newcomer = browser.new_context().new_page()
    newcomer.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and csp_violations.append(message.text)
        ),
    )
    newcomer.goto(live_server.url + link)
    expect(newcomer.get_by_role("heading", name="Choose your password")).to_be_visible()
    newcomer.get_by_label("New password:", exact=True).fill("short")
    newcomer.get_by_label("New password confirmation").fill("short")
    newcomer.get_by_role("button", name="Set my password").click()
    expect(newcomer.get_by_text("This password is too short.")).to_be_visible()
    newcomer.get_by_label("New password:", exact=True).fill(NEW_PASSWORD)
    newcomer.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Set my password").click()

    # They add the key to their app by hand and confirm with its first code.
    expect(newcomer.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(newcomer.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    key = newcomer.locator(".staff-key").inner_text()
    newcomer.get_by_label("Six-digit code from the app").fill(code_from_key(key))
    newcomer.get_by_role("button", name="Confirm and continue").click()

    expect(newcomer.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = newcomer.locator(".staff-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    newcomer.get_by_role("link", name="I have kept them: go to the newsroom").click()
    newcomer.wait_for_url(live_server.url + "/admin/")
    expect(newcomer.get_by_role("heading", name="The newsroom desk")).to_be_visible()

    # The link is spent; a later sign-in asks for a code, and a recovery code will do.
    newcomer.goto(live_server.url + link)
    expect(newcomer.get_by_text("This invitation has already been used")).to_be_visible()
    newcomer.context.clear_cookies()
    newcomer.goto(live_server.url + "/admin/login/")
    newcomer.get_by_label("Username").fill("amira.patel@example.org")
    newcomer.get_by_label("Password").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Log in").click()
    expect(newcomer.locator(".errornote")).to_be_visible()
    newcomer.get_by_label("Password").fill(NEW_PASSWORD)
    newcomer.get_by_label("Code from your authenticator app").fill(codes[0])
    newcomer.get_by_role("button", name="Log in").click()
    newcomer.wait_for_url(live_server.url + "/admin/")
    assert csp_violations == []
    newcomer.context.close()
