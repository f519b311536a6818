from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core import validators
from django_otp.admin import OTPAdminAuthenticationForm
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.pickers import PictureAutocompleteJsonView

from . import desk


class SignInForm(AdminAuthenticationForm):
    """Django's admin sign-in form, refusing a username longer than any account can have.

    Django's form only tells the browser the limit; a longer name went on to django-axes,
    whose record of the failed attempt could not store it (a 500 instead of a form error).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(validators.MaxLengthValidator(username.max_length))


class TwoFactorLoginForm(SignInForm, OTPAdminAuthenticationForm):
    """Password, then the six-digit code from the editor's authenticator app."""

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        required=False,
        label="Code from your authenticator app",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 8}
        ),
    )

    def clean_otp(self, user):
        """Check the code against the device it belongs to, told by its shape: six digits
        come from the authenticator app, anything else is a recovery code. Only that device
        is tried, so a typo never counts against (and throttles) the other."""
        if user is not None:
            token = (self.cleaned_data.get("otp_token") or "").strip()
            kind = TOTPDevice if len(token) == 6 and token.isdigit() else StaticDevice
            device = kind.objects.devices_for_user(user, confirmed=True).first()
            # What a submitted otp_device said is never trusted: the code's shape decides.
            self.cleaned_data["otp_device"] = device.persistent_id if device else ""
        super().clean_otp(user)


class NewsroomAdminSite(admin.AdminSite):
    """The editors' desk. With ADMIN_REQUIRE_OTP, a session counts only once a TOTP or
    recovery code has verified it, exactly as django-otp's OTPAdminSite does."""

    site_header = "NHE newsroom"
    site_title = "NHE newsroom"
    index_title = "The newsroom desk"

    @property
    def login_form(self):
        return TwoFactorLoginForm if settings.ADMIN_REQUIRE_OTP else SignInForm

    @property
    def login_template(self):
        return "admin/two_factor_login.html" if settings.ADMIN_REQUIRE_OTP else None

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return not settings.ADMIN_REQUIRE_OTP or request.user.is_verified()

    def index(self, request, extra_context=None):
        """The desk: what waits for this person, above the list of everything they may edit."""
        context = {"desk_panels": desk.panels_for(request.user), **(extra_context or {})}
        return super().index(request, context)

    def autocomplete_view(self, request):
        return PictureAutocompleteJsonView.as_view(admin_site=self)(request)
