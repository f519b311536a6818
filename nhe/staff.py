"""Staff accounts: inviting a colleague, enrolling a second factor, handing over a leaver's work.

An invitation is a signed link that names the account and a fingerprint of its password
and last sign-in, so it stops working as soon as a password is set (or a new invitation
replaces the password placeholder), and after INVITATION_DAYS in any case.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.background import enqueue_after_commit
from articles.models import Article, Author
from columnists.models import Pitch

from . import tasks

INVITATION_SALT = "nhe.staff.invitation"
WRITER_GROUP = "Writer"
RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"


class InvitationError(Exception):
    """An invitation link that cannot be used; its message says why and what to do."""


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def split_name(name):
    """First and last name from a full name, so that get_full_name() gives it back."""
    first, _, last = " ".join(name.split()).rpartition(" ")
    return (first, last) if first else (last, "")


def account_fingerprint(user):
    """Changes when the account's password is set or replaced, or when it signs in."""
    last_login = user.last_login.replace(microsecond=0, tzinfo=None) if user.last_login else ""
    state = f"{user.pk}{user.password}{last_login}"
    return salted_hmac(INVITATION_SALT, state, algorithm="sha256").hexdigest()[:32]


def invitation_token(user):
    return signing.dumps(
        {"user": user.pk, "state": account_fingerprint(user)}, salt=INVITATION_SALT
    )


def user_for_invitation(token):
    """The account an invitation link is for, or InvitationError saying why it cannot be used."""
    try:
        value = signing.loads(
            token, salt=INVITATION_SALT, max_age=timedelta(days=settings.INVITATION_DAYS)
        )
    except signing.SignatureExpired:
        raise InvitationError(
            "This invitation has expired. Ask an editor to invite you again."
        ) from None
    except signing.BadSignature:
        raise InvitationError(
            "This invitation link is not valid. Check that you copied the whole link from "
            "the email, or ask an editor to invite you again."
        ) from None
    user = get_user_model().objects.filter(pk=value.get("user"), is_active=True).first()
    if user is None:
        raise InvitationError(
            "This invitation is for an account that has been closed or removed. Ask an "
            "editor to invite you again."
        )
    if user.has_usable_password() or not constant_time_compare(
        value.get("state", ""), account_fingerprint(user)
    ):
        raise InvitationError(
            "This invitation has already been used, or a newer one replaced it. If you set "
            "your password, sign in; otherwise ask an editor to invite you again."
        )
    return user


def email_taken(email):
    users = get_user_model().objects
    return users.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()


@transaction.atomic
def invite(*, name, email, groups, invited_by):
    """Make an active staff account with no password yet in these groups, and email the link."""
    first_name, last_name = split_name(name)
    user = get_user_model().objects.create_user(
        username=email.lower(),
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
    )
    user.groups.set(groups)
    if any(group.name == WRITER_GROUP for group in groups):
        Author.objects.for_writer(user)
    send_invitation(user, invited_by=invited_by)
    return user


def can_be_invited_again(user):
    return user.is_active and not user.has_usable_password() and user.last_login is None


def send_invitation(user, *, invited_by):
    """Email a fresh invitation link; any earlier link to this account stops working."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
    context = {
        "user": user,
        "invited_by": invited_by.get_full_name() or invited_by.get_username(),
        "link": absolute(reverse("staff_invitation", args=[invitation_token(user)])),
        "days": settings.INVITATION_DAYS,
        "site_name": settings.SITE_NAME,
    }
    subject = render_to_string("admin/staff/email/invitation_subject.txt", context)
    body = render_to_string("admin/staff/email/invitation.txt", context)
    enqueue_after_commit(tasks.send_staff_email, " ".join(subject.split()), body, [user.email])


def has_second_factor(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def device_for_code(user, code):
    """The confirmed device a code is meant for, told by its shape, as at sign-in: six digits
    come from the authenticator app, anything else is a recovery code."""
    kind = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    return kind.objects.devices_for_user(user, confirmed=True).first()


def check_second_factor(user, code):
    """True if the code is right for this account; each wrong try counts towards throttling."""
    code = "".join(code.split())
    device = device_for_code(user, code)
    if device is None or not device.verify_is_allowed()[0]:
        return False
    return device.verify_token(code)


def pending_authenticator(user):
    """The authenticator being enrolled: a new unconfirmed device, kept across page loads."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


@transaction.atomic
def confirm_authenticator(device):
    """Make the enrolled authenticator the account's only one, with new recovery codes.

    Returns the recovery codes, which are never shown again.
    """
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    recovery = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    recovery.token_set.bulk_create([StaticToken(device=recovery, token=code) for code in codes])
    return codes


def secret_in_groups(device):
    """The authenticator key in base32, in groups of four, for typing by hand."""
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def check_successor(leaver, successor):
    if successor is None or not successor.is_active or successor.pk == leaver.pk:
        raise ValidationError(
            "Choose an active colleague other than the person who is leaving.",
            code="invalid_successor",
        )


def end_sessions(user):
    """Sign the account out everywhere. An inactive account's sessions are refused anyway
    (ModelBackend); deleting them ends them at once and leaves nothing to revive."""
    live = Session.objects.filter(expire_date__gt=timezone.now())
    ended = [s.pk for s in live.iterator() if s.get_decoded().get(SESSION_KEY) == str(user.pk)]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@transaction.atomic
def deactivate_and_hand_over(*, leaver, successor):
    """Close a leaver's account and give their unfinished work to a colleague.

    Bylines stay as they are: published pieces keep the name they went out under.
    Returns how many drafts, assignments and pitches moved.
    """
    leaver = get_user_model().objects.select_for_update().get(pk=leaver.pk)
    check_successor(leaver, successor)
    drafts, assignments = Article.objects.hand_over(leaver, successor)
    pitches = Pitch.objects.hand_over(leaver, successor)
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    end_sessions(leaver)
    return {"drafts": drafts, "assignments": assignments, "pitches": pitches}


def work_to_hand_over(leaver):
    """What deactivate_and_hand_over would move, for the confirmation page."""
    return {
        "drafts": Article.objects.unpublished_by(leaver).count(),
        "assignments": Article.objects.filter(assignee=leaver).count(),
        "pitches": Pitch.objects.open().filter(assigned_to=leaver).count(),
    }
