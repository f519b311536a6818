"""Pages of a staff account's own: accepting an invitation, enrolling two-factor sign-in,
resetting a forgotten password. They look like the admin, whose sign-in they lead to."""

from itertools import groupby

import segno
from axes.utils import reset as reset_sign_in_failures
from django.contrib import admin
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from . import staff
from .staff_forms import EnrolmentForm, SetPasswordWithCodeForm, StaffPasswordResetForm

INVITATION_SESSION_KEY = "staff_invitation"
ENROLMENT_SESSION_KEY = "staff_enrolment"
RECOVERY_CODES_SESSION_KEY = "staff_recovery_codes"


def admin_context(request):
    """The admin's header and title, without its navigation: these pages come before
    sign-in, where the sidebar would only say there is nothing to see."""
    return {**admin.site.each_context(request), "is_nav_sidebar_enabled": False}


def render(request, template, context):
    return TemplateResponse(request, template, {**admin_context(request), **context})


def invitation_refused(request, error):
    return render(
        request, "admin/staff/invitation_refused.html", {"title": "Invitation", "error": error}
    )


@never_cache
def invitation(request, token):
    """Check the emailed link, then carry on without it in the address bar, as Django's
    password reset does, so it cannot leak through the Referer header or the history."""
    try:
        staff.user_for_invitation(token)
    except staff.InvitationError as error:
        return invitation_refused(request, error)
    request.session[INVITATION_SESSION_KEY] = token
    return redirect("staff_invitation_password")


@never_cache
@csrf_protect
@sensitive_post_parameters()
def invitation_password(request):
    try:
        user = staff.user_for_invitation(request.session.get(INVITATION_SESSION_KEY, ""))
    except staff.InvitationError as error:
        return invitation_refused(request, error)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        del request.session[INVITATION_SESSION_KEY]
        start_enrolment(request, user, sign_in=True)
        return redirect("staff_enrol")
    return render(
        request,
        "admin/staff/invitation_password.html",
        {"title": "Choose your password", "form": form, "invited_user": user, "step": 1},
    )


def start_enrolment(request, user, *, sign_in):
    request.session[ENROLMENT_SESSION_KEY] = {"user": user.pk, "sign_in": sign_in}


def enrolling_user(request):
    enrolment = request.session.get(ENROLMENT_SESSION_KEY) or {}
    user = get_user_model().objects.filter(pk=enrolment.get("user"), is_active=True).first()
    return user, bool(enrolment.get("sign_in"))


@never_cache
@csrf_protect
def enrol(request):
    user, sign_in = enrolling_user(request)
    if user is None:
        return render(
            request,
            "admin/staff/enrolment_refused.html",
            {"title": "Set up two-factor sign-in"},
        )
    device = staff.pending_authenticator(user)
    form = EnrolmentForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        codes = staff.confirm_authenticator(device)
        del request.session[ENROLMENT_SESSION_KEY]
        if sign_in:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
        request.session[RECOVERY_CODES_SESSION_KEY] = codes
        return redirect("staff_recovery_codes")
    return render(
        request,
        "admin/staff/enrol.html",
        {
            "title": "Set up two-factor sign-in",
            "form": form,
            "qr_code": qr_code_svg(device.config_url),
            "secret": staff.secret_in_groups(device),
            "account": user.get_username(),
            "step": 2 if sign_in else 1,
            "steps": 3 if sign_in else 2,
        },
    )


def qr_code_svg(text):
    """A QR code as inline SVG: one path of dark squares, drawn here, loaded from nowhere."""
    qr = segno.make(text, error="m")
    path = []
    for y, row in enumerate(qr.matrix_iter(border=4)):
        x = 0
        for dark, run in groupby(row):
            length = len(list(run))
            if dark:
                path.append(f"M{x} {y}h{length}v1h-{length}z")
            x += length
    width, height = qr.symbol_size(border=4)
    return format_html(
        '<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" '
        'role="img" aria-label="QR code for your authenticator app" '
        'shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/>'
        '<path fill="#000" d="{}"/></svg>',
        width,
        height,
        "".join(path),
    )


@never_cache
def recovery_codes(request):
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    return render(
        request,
        "admin/staff/recovery_codes.html",
        {
            "title": "Your recovery codes",
            "codes": codes,
            "signed_in": request.user.is_authenticated and request.user.is_verified(),
        },
    )


class AdminPageMixin:
    """Django's password reset pages, with the admin's header and title."""

    def get_context_data(self, **kwargs):
        return {**admin_context(self.request), **super().get_context_data(**kwargs)}


class PasswordResetView(AdminPageMixin, auth_views.PasswordResetView):
    form_class = StaffPasswordResetForm
    subject_template_name = "admin/staff/email/password_reset_subject.txt"
    email_template_name = "admin/staff/email/password_reset.txt"


class PasswordResetDoneView(AdminPageMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminPageMixin, auth_views.PasswordResetConfirmView):
    """A new password, and the second factor when the account has one. Never signs in: the
    sign-in page asks for the code as always."""

    form_class = SetPasswordWithCodeForm
    template_name = "admin/staff/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever proved the email and the second factor is the account's owner: failed
        # sign-ins before the reset no longer lock them out.
        reset_sign_in_failures(username=form.user.get_username())
        if not form.asks_for_code:
            start_enrolment(self.request, form.user, sign_in=False)
            return redirect("staff_enrol")
        return response


class PasswordResetCompleteView(AdminPageMixin, auth_views.PasswordResetCompleteView):
    pass
