"""Inviting a colleague: the account, the email, and each step of the link it carries."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.models import Author
from tests.factories import UserFactory, writer
from tests.nhe.staff import (
    PASSWORD,
    code_for,
    email_to,
    link_in_email,
    superuser,
    wrong_code_for,
)

pytestmark = pytest.mark.django_db

INVITE_URL = "/admin/auth/user/invite/"
NEW_PASSWORD = "a fresh kettle of fish 42"


@pytest.fixture
def desk(client):
    user = superuser()
    client.force_login(user)
    return user


def roles(*names):
    return [str(pk) for pk in Group.objects.filter(name__in=names).values_list("pk", flat=True)]


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Post the invitation form; the email goes once the request's changes commit."""

    def post(client, name="Amira Patel", email="amira.patel@example.org", role_names=("Writer",)):
        data = {"name": name, "email": email, "roles": roles(*role_names)}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(INVITE_URL, data)

    return post


def invitation_link(email="amira.patel@example.org"):
    return link_in_email(email_to(email), r"^/admin/invitation/[^/]+/$")


def accept(client, link, password=NEW_PASSWORD):
    """Open the link and set a password; return the enrolment page."""
    client.get(link)
    return client.post(
        "/admin/invitation/password/",
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def confirm_enrolment(client, user):
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post("/admin/two-factor/enrol/", {"code": code_for(device)}, follow=True)


def test_the_users_list_offers_to_invite_a_colleague(client, desk):
    response = client.get("/admin/auth/user/")
    assert b"Invite a colleague" in response.content
    page = client.get(INVITE_URL)
    assert page.status_code == 200
    assert b"<h1>Invite a colleague</h1>" in page.content
    assert b"Writer" in page.content and b"Editor" in page.content


def test_an_invitation_makes_a_staff_account_without_a_password_in_the_roles(client, desk, invite):
    response = invite(client, role_names=("Writer", "Moderator"))
    assert response.status_code == 302
    user = get_user_model().objects.get(email="amira.patel@example.org")
    assert user.is_active and user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    assert user.get_full_name() == "Amira Patel"
    assert sorted(user.groups.values_list("name", flat=True)) == ["Moderator", "Writer"]
    assert Author.objects.get(user=user).name == "Amira Patel"
    messages = [str(m) for m in client.get("/admin/auth/user/").context["messages"]]
    assert messages == [
        "Invitation sent to Amira Patel at amira.patel@example.org. "
        "The link works once, for 7 days."
    ]


def test_an_invited_editor_gets_no_byline(client, desk, invite):
    invite(client, role_names=("Editor",))
    user = get_user_model().objects.get(email="amira.patel@example.org")
    assert not Author.objects.filter(user=user).exists()


def test_the_invitation_email_carries_the_link_and_who_sent_it(client, desk, invite):
    invite(client)
    message = email_to("amira.patel@example.org")
    assert message.subject == "You are invited to the National Health Executive newsroom"
    assert "Dana Desk has invited you" in message.body
    assert "within 7 days" in message.body
    assert invitation_link().startswith("/admin/invitation/")


def test_opening_the_link_asks_for_a_password_and_hides_the_token(client, desk, invite):
    invite(client)
    client.logout()
    response = client.get(invitation_link())
    assert response.status_code == 302
    assert response["Location"] == "/admin/invitation/password/"
    page = client.get("/admin/invitation/password/")
    assert b"Choose your password" in page.content
    assert b"amira.patel@example.org" in page.content
    assert b"Step 1 of 3" in page.content


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("", b"This field is required."),
        ("short1", b"This password is too short."),
        ("password123", b"This password is too common."),
        ("83749201938475", b"This password is entirely numeric."),
        ("amira.patel@example.org", b"The password is too similar to the"),
    ],
)
def test_a_weak_password_is_refused_with_the_validators_reasons(
    client, desk, password, message, invite
):
    invite(client)
    client.logout()
    client.get(invitation_link())
    response = client.post(
        "/admin/invitation/password/", {"new_password1": password, "new_password2": password}
    )
    assert response.status_code == 200
    assert message in response.content
    assert not get_user_model().objects.get(email="amira.patel@example.org").has_usable_password()


def test_two_passwords_that_differ_are_refused(client, desk, invite):
    invite(client)
    client.logout()
    client.get(invitation_link())
    response = client.post(
        "/admin/invitation/password/",
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"},
    )
    assert b"The two password fields didn" in response.content


def test_after_the_password_the_enrolment_shows_a_qr_code_and_the_key(client, desk, invite):
    invite(client)
    client.logout()
    page = accept(client, invitation_link())
    assert page.redirect_chain[-1][0] == "/admin/two-factor/enrol/"
    content = page.content.decode()
    assert "Set up two-factor sign-in" in content
    assert '<svg class="qr-code"' in content
    assert "<script" not in content.split('id="content"')[1]
    device = TOTPDevice.objects.get(user__email="amira.patel@example.org", confirmed=False)
    assert page.context["secret"].replace(" ", "") in device.config_url
    assert "Step 2 of 3" in content


def test_a_wrong_code_is_refused_and_a_right_one_confirms_the_app(client, desk, settings, invite):
    invite(client)
    client.logout()
    settings.ADMIN_REQUIRE_OTP = True
    accept(client, invitation_link())
    user = get_user_model().objects.get(email="amira.patel@example.org")
    device = TOTPDevice.objects.get(user=user)
    for bad, message in [
        ("", "Type the six-digit code your app shows."),
        ("12ab56", "The code is the six digits your app shows."),
        ("<script>alert(1)</script>", "Ensure this value has at most 20 characters"),
        ("<b>12</b>", "The code is the six digits your app shows."),
        (wrong_code_for(device), "That code is not right."),
    ]:
        response = client.post("/admin/two-factor/enrol/", {"code": bad})
        assert message in response.content.decode()
        assert "<b>12</b>" not in response.content.decode()
        assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    device.throttle_reset()
    response = confirm_enrolment(client, user)
    assert response.redirect_chain[-1][0] == "/admin/two-factor/recovery-codes/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed


def test_recovery_codes_are_shown_once_and_the_newcomer_is_signed_in(
    client, desk, settings, invite
):
    invite(client)
    client.logout()
    settings.ADMIN_REQUIRE_OTP = True
    accept(client, invitation_link())
    user = get_user_model().objects.get(email="amira.patel@example.org")
    page = confirm_enrolment(client, user)
    codes = page.context["codes"]
    assert len(codes) == 10
    stored = set(StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True))
    assert set(codes) == stored
    for code in codes:
        assert code.encode() in page.content
    assert b"go to the newsroom" in page.content

    again = client.get("/admin/two-factor/recovery-codes/")
    assert b"were shown once and are not shown again" in again.content
    assert codes[0].encode() not in again.content

    index = client.get("/admin/")
    assert index.status_code == 200, "signed in and verified by the enrolment"
    assert index.context["user"] == user


def test_the_newcomer_signs_in_later_with_password_and_code(client, desk, settings, invite):
    invite(client)
    client.logout()
    settings.ADMIN_REQUIRE_OTP = True
    accept(client, invitation_link())
    user = get_user_model().objects.get(email="amira.patel@example.org")
    codes = confirm_enrolment(client, user).context["codes"]
    client.logout()
    data = {"username": "amira.patel@example.org", "password": NEW_PASSWORD, "next": "/admin/"}
    assert client.post("/admin/login/", data).status_code == 200, "a code is needed"
    response = client.post("/admin/login/", {**data, "otp_token": codes[0]})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_link_works_once(client, desk, invite):
    invite(client)
    client.logout()
    link = invitation_link()
    accept(client, link)
    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    assert b"This invitation has already been used" in response.content
    assert b"ask an editor to invite you again" in response.content


def test_an_expired_link_says_so(client, desk, settings, monkeypatch, invite):
    invite(client)
    client.logout()
    link = invitation_link()
    later = timezone.now() + timedelta(days=settings.INVITATION_DAYS, minutes=1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    response = client.get(link)
    assert b"This invitation has expired. Ask an editor to invite you again." in response.content
    assert client.get("/admin/invitation/password/").context["error"]


@pytest.mark.parametrize(
    "token",
    ["nonsense", "eyJ1c2VyIjoxfQ:1vQ:forged", "a" * 300, "%3Cscript%3Ealert(1)%3C"],
)
def test_a_forged_or_broken_link_is_refused(client, desk, token, invite):
    invite(client)
    client.logout()
    response = client.get(f"/admin/invitation/{token}/")
    assert response.status_code == 200
    assert b"This invitation link is not valid" in response.content
    assert b"<script>alert" not in response.content


def test_the_password_step_without_a_link_is_refused(client, db):
    response = client.get("/admin/invitation/password/")
    assert b"This invitation link is not valid" in response.content


def test_the_enrolment_page_without_an_invitation_or_reset_sets_nothing_up(client, db):
    response = client.get("/admin/two-factor/enrol/")
    assert b"This page has nothing to set up now." in response.content
    assert not TOTPDevice.objects.exists()


def test_an_account_that_already_has_a_password_cannot_use_a_link(client, desk, invite):
    invite(client)
    client.logout()
    link = invitation_link()
    user = get_user_model().objects.get(email="amira.patel@example.org")
    user.set_password(PASSWORD)
    user.save()
    assert b"This invitation has already been used" in client.get(link).content


def test_sending_the_invitation_again_replaces_the_old_link(
    client, desk, invite, django_capture_on_commit_callbacks
):
    invite(client)
    old_link = invitation_link()
    user = get_user_model().objects.get(email="amira.patel@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/auth/user/",
            {"action": "send_invitation_again", "_selected_action": [user.pk]},
            follow=True,
        )
    assert b"1 new invitation sent; earlier links no longer work." in response.content
    new_link = invitation_link()
    client.logout()
    assert b"already been used, or a newer one replaced it" in client.get(old_link).content
    assert client.get(new_link).status_code == 302


def test_an_account_in_use_is_not_sent_an_invitation(client, desk):
    response = client.post(
        "/admin/auth/user/",
        {"action": "send_invitation_again", "_selected_action": [desk.pk]},
        follow=True,
    )
    assert b"1 account has already been set up" in response.content
    assert mail.outbox == []
    assert client.session  # the desk's own session is untouched


def test_inviting_an_address_that_has_an_account_is_refused(client, desk, invite):
    get_user_model().objects.create_user("sam@example.org", email="")
    for email in ["desk@nhe.example", "DESK@nhe.example", "Sam@Example.org"]:
        response = invite(client, email=email)
        assert response.status_code == 200
        assert b"There is already an account with this email address." in response.content
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "", "roles": []}, b"This field is required."),
        ({"name": "A" * 151}, b"Ensure this value has at most 150 characters (it has 151)."),
        ({"email": "x" * 140 + "@example.org"}, b"at most 150 characters"),
        ({"email": "not an address"}, b"Enter a valid email address."),
        ({"email": "a@example.org\nBcc: victim@example.org"}, b"Enter a valid email address."),
        ({"name": "Amira\nBcc: victim@example.org"}, b"no line breaks or angle brackets"),
        ({"name": "<script>alert(1)</script>"}, b"no line breaks or angle brackets"),
        ({"name": "javascript:alert(1)", "roles": []}, b"Choose at least one role."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_kept(client, desk, data, message):
    fields = {"name": "Amira Patel", "email": "amira.patel@example.org", "roles": roles("Writer")}
    fields.update(data)
    response = client.post(INVITE_URL, fields)
    assert response.status_code == 200
    assert message in response.content
    assert b"<script>alert(1)</script>" not in response.content
    if fields["name"] and len(fields["name"]) <= 150 and "\n" not in fields["name"]:
        assert response.context["form"]["name"].value() == fields["name"]
    assert not get_user_model().objects.filter(is_superuser=False).exists()
    assert mail.outbox == []


def test_a_writer_cannot_invite(client, default_roles, invite):
    client.force_login(writer())
    assert client.get(INVITE_URL).status_code == 403
    response = invite(client)
    assert response.status_code == 403
    assert not get_user_model().objects.filter(email="amira.patel@example.org").exists()


def test_a_writer_does_not_see_the_invite_link(client, default_roles):
    user = writer()
    user.user_permissions.add(*user_view_permission())
    client.force_login(user)
    response = client.get("/admin/auth/user/")
    assert response.status_code == 200
    assert b"Invite a colleague" not in response.content


def user_view_permission():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="auth", codename="view_user")


def test_someone_not_allowed_to_invite_gets_a_page_saying_so(client, default_roles):
    client.force_login(UserFactory(username="wanda", roles=["Writer"]))

    response = client.get("/admin/auth/user/invite/")

    assert response.status_code == 403
    page = response.content.decode()
    assert "You can’t open this page" in page
    assert 'href="/admin/"' in page and "the newsroom desk" in page
