"""Forms for staff accounts: inviting, enrolling the second factor, resetting, handing over."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.template.loader import render_to_string

from articles.background import enqueue_after_commit

from . import staff, tasks

plain_name = RegexValidator(
    r"[\x00-\x1f\x7f<>]",
    inverse_match=True,
    message="Use letters, spaces and punctuation only (no line breaks or angle brackets).",
)

CODE_WIDGET_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 8}


class InvitationForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=150,
        validators=[plain_name],
        help_text="As it should appear on their byline, e.g. “Amira Patel”.",
    )
    email = forms.EmailField(label="Email address", max_length=150)
    roles = forms.ModelMultipleChoiceField(
        queryset=Group.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one role."},
        help_text="What they may do on the desk. A Writer also gets a byline of their own.",
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self):
        email = self.cleaned_data["email"]
        if staff.email_taken(email):
            raise forms.ValidationError(
                "There is already an account with this email address. Find it in the Users "
                "list: if they never accepted their invitation, select it and choose “Send "
                "the invitation again”."
            )
        return email


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(widget=forms.TextInput(attrs=CODE_WIDGET_ATTRS), **kwargs)

    def to_python(self, value):
        return "".join((super().to_python(value) or "").split())


class EnrolmentForm(forms.Form):
    """The first code from the newly scanned authenticator, which proves the scan worked."""

    code = CodeField(
        label="Six-digit code from the app",
        error_messages={"required": "Type the six-digit code your app shows."},
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError("The code is the six digits your app shows.")
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                "That code is not right. Check the app's clock is set automatically, and "
                "type the code it shows now."
            )
        return code


class StaffPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending its email through the task queue."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        context = {
            **context,
            "site_name": settings.SITE_NAME,
            "site_url": settings.SITE_URL.rstrip("/"),
        }
        subject = " ".join(render_to_string(subject_template_name, context).split())
        body = render_to_string(email_template_name, context)
        enqueue_after_commit(tasks.send_staff_email, subject, body, [to_email])


class SetPasswordWithCodeForm(SetPasswordForm):
    """A new password; for an account with two-factor sign-in, also a code from its
    authenticator app or a recovery code, so that the email alone cannot take it over."""

    code = CodeField(
        label="Code from your authenticator app, or a recovery code",
        required=False,
        help_text="Your account has two-factor sign-in, so resetting the password needs it.",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.asks_for_code = staff.has_second_factor(user)
        if self.asks_for_code:
            self.fields["code"].required = True
            self.fields["code"].error_messages["required"] = (
                "Type the code from your authenticator app, or a recovery code."
            )
        else:
            del self.fields["code"]

    def clean(self):
        cleaned_data = super().clean()
        # The code is checked last, once the passwords are fine: a right code is used up
        # by the check, and must not be spent on a form that is sent back anyway.
        if (
            self.asks_for_code
            and not self.errors
            and not staff.check_second_factor(self.user, cleaned_data["code"])
        ):
            self.add_error(
                "code",
                "That code is not right. Type the code your authenticator app shows now, "
                "or one of your recovery codes. Lost both? Ask a site administrator.",
            )
        return cleaned_data


class HandOverForm(forms.Form):
    successor = forms.ModelChoiceField(
        label="Hand their work to",
        queryset=get_user_model().objects.none(),
        empty_label="Choose a colleague",
        error_messages={
            "required": "Choose the colleague who takes over their work.",
            "invalid_choice": "Choose an active colleague other than the person who is leaving.",
        },
    )

    def __init__(self, *args, leaver, **kwargs):
        super().__init__(*args, **kwargs)
        self.leaver = leaver
        field = self.fields["successor"]
        field.queryset = (
            get_user_model()
            .objects.filter(is_active=True, is_staff=True)
            .exclude(pk=leaver.pk)
            .order_by("first_name", "last_name", "username")
        )
        field.label_from_instance = colleague_label


def colleague_label(user):
    name = user.get_full_name()
    return f"{name} ({user.get_username()})" if name else user.get_username()
