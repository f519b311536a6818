"""A forgotten password: reset by email, and still the second factor before the new one counts."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.nhe.staff import (
    NEW_PASSWORD,
    PASSWORD,
    code_for,
    email_to,
    enrolled,
    link_in_email,
    wrong_code_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return get_user_model().objects.create_user(
        "rosa", email="rosa@nhe.example", password=PASSWORD, is_staff=True, is_superuser=True
    )


@pytest.fixture
def two_factor(settings):
    settings.ADMIN_REQUIRE_OTP = True


@pytest.fixture
def ask_for_reset(client, django_capture_on_commit_callbacks):
    def post(email="rosa@nhe.example"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/admin/password_reset/", {"email": email}, follow=True)

    return post


def open_reset_link(client):
    link = link_in_email(email_to("rosa@nhe.example"), r"^/admin/reset/[^/]+/[^/]+/$")
    response = client.get(link)
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, password=NEW_PASSWORD, otp_token=None, ip="203.0.113.7"):
    data = {"username": "rosa", "password": password, "next": "/admin/"}
    if otp_token is not None:
        data["otp_token"] = otp_token
    return client.post("/admin/login/?next=/admin/", data, REMOTE_ADDR=ip)


def password_is(user, password):
    user.refresh_from_db()
    return user.check_password(password)


def test_the_sign_in_page_offers_a_reset(client, two_factor):
    response = client.get("/admin/login/")
    assert b"Forgotten your password?" in response.content
    assert b'href="/admin/password_reset/"' in response.content


def test_the_reset_pages_look_like_the_admin(client, db):
    page = client.get("/admin/password_reset/")
    assert page.status_code == 200
    assert b"NHE newsroom" in page.content
    assert b"Forgotten your password? Enter your email address below" in page.content


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(
    client, editor, ask_for_reset
):
    known = ask_for_reset("rosa@nhe.example")
    unknown = ask_for_reset("nobody@nhe.example")
    assert known.redirect_chain == unknown.redirect_chain == [("/admin/password_reset/done/", 302)]
    assert b"We\xe2\x80\x99ve emailed you instructions" in known.content
    assert [m.to for m in mail.outbox] == [["rosa@nhe.example"]]
    message = mail.outbox[0]
    assert message.subject == "Reset your National Health Executive newsroom password"
    assert "rosa" in message.body


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", b"This field is required."),
        ("not an address", b"Enter a valid email address."),
        ("<script>alert(1)</script>@x.org", b"Enter a valid email address."),
        ("a" * 250 + "@nhe.example", b"Ensure this value has at most 254 characters"),
    ],
)
def test_bad_addresses_are_refused_with_a_clear_message(client, db, email, message):
    response = client.post("/admin/password_reset/", {"email": email})
    assert response.status_code == 200
    assert message in response.content
    assert b"<script>alert(1)" not in response.content
    assert mail.outbox == []


def test_an_invited_account_without_a_password_gets_no_reset_email(client, ask_for_reset):
    user = get_user_model().objects.create_user("new", email="new@nhe.example", is_staff=True)
    assert not user.has_usable_password()
    ask_for_reset("new@nhe.example")
    assert mail.outbox == []


def test_with_a_device_the_reset_page_asks_for_a_code(client, editor, ask_for_reset):
    enrolled(editor)
    ask_for_reset()
    page = client.get(open_reset_link(client))
    assert b"Code from your authenticator app, or a recovery code" in page.content


@pytest.mark.parametrize("code", ["", "000000x", "<script>alert(1)</script>"])
def test_without_a_right_code_the_password_is_not_changed(client, editor, ask_for_reset, code):
    device = enrolled(editor)
    ask_for_reset()
    url = open_reset_link(client)
    for attempt in [code, wrong_code_for(device)]:
        response = client.post(
            url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "code": attempt}
        )
        assert response.status_code == 200
        assert b"Please correct the error below." in response.content
        assert b"<script>alert(1)" not in response.content
        assert password_is(editor, PASSWORD)


def test_a_weak_password_is_refused_before_the_code_is_spent(client, editor, ask_for_reset):
    device = enrolled(editor)
    ask_for_reset()
    url = open_reset_link(client)
    code = code_for(device)
    weak = client.post(url, {"new_password1": "abc", "new_password2": "abc", "code": code})
    assert b"This password is too short." in weak.content
    good = client.post(
        url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "code": code}
    )
    assert good.status_code == 302
    assert password_is(editor, NEW_PASSWORD)


def test_a_right_code_changes_the_password_without_signing_in(
    client, editor, ask_for_reset, two_factor
):
    device = enrolled(editor)
    ask_for_reset()
    url = open_reset_link(client)
    response = client.post(
        url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "code": code_for(device)},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/admin/reset/done/"
    assert b"Your password has been set." in response.content
    assert password_is(editor, NEW_PASSWORD)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302

    assert sign_in(client).status_code == 200, "the sign-in still asks for a code"
    device.refresh_from_db()
    device.throttle_reset()
    assert sign_in(client, otp_token=code_for(device, offset=1)).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once_for_a_reset(client, editor, ask_for_reset, two_factor):
    enrolled(editor, recovery_codes=["abcd1234"])
    ask_for_reset()
    url = open_reset_link(client)
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "code": "abcd 1234"}
    assert client.post(url, data).status_code == 302
    assert password_is(editor, NEW_PASSWORD)
    assert sign_in(client, otp_token="abcd1234").status_code == 200, "used up by the reset"


def test_the_reset_link_works_once(client, editor, ask_for_reset):
    device = enrolled(editor)
    ask_for_reset()
    link = link_in_email(email_to("rosa@nhe.example"), r"^/admin/reset/")
    url = client.get(link)["Location"]
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    client.post(url, {**data, "code": code_for(device)})
    again = client.get(link, follow=True)
    assert b"This password reset link has been used already" in again.content


def test_without_a_device_the_reset_leads_to_enrolment_and_not_in(
    client, editor, ask_for_reset, two_factor
):
    ask_for_reset()
    url = open_reset_link(client)
    page = client.get(url)
    assert b"Code from your authenticator app" not in page.content
    assert b"Next you will set up an authenticator app" in page.content
    response = client.post(
        url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/two-factor/enrol/"
    assert b"Step 1 of 2" in response.content
    assert password_is(editor, NEW_PASSWORD)

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    codes_page = client.post("/admin/two-factor/enrol/", {"code": code_for(device)}, follow=True)
    assert len(codes_page.context["codes"]) == 10
    assert b"I have kept them: sign in" in codes_page.content
    assert "_auth_user_id" not in client.session, "a reset never signs in"

    assert sign_in(client).status_code == 200
    response = sign_in(client, otp_token=codes_page.context["codes"][0])
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_reset_attempts_are_not_counted_as_failed_sign_ins(
    client, editor, ask_for_reset, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    device = enrolled(editor)
    ask_for_reset()
    url = open_reset_link(client)
    for _ in range(3):
        client.post(
            url,
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "code": "99999999"},
            REMOTE_ADDR="203.0.113.7",
        )
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, password=PASSWORD, otp_token=code_for(device)).status_code == 302


def test_a_reset_lifts_a_lockout_on_the_username(client, editor, ask_for_reset, settings):
    settings.AXES_FAILURE_LIMIT = 2
    device = enrolled(editor)
    for _ in range(2):
        sign_in(client, password="wrong guess")
    assert sign_in(client, password=PASSWORD).status_code == 429
    ask_for_reset()
    url = open_reset_link(client)
    client.post(
        url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "code": code_for(device)},
    )
    assert password_is(editor, NEW_PASSWORD)
    assert sign_in(client, password="wrong guess").status_code == 200, "counted afresh"
    assert sign_in(client, password=NEW_PASSWORD).status_code == 302
