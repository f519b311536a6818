"""The Users list, with the desk's staff tools: invite a colleague, hand over a leaver's work."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from . import staff
from .staff_forms import HandOverForm, InvitationForm, colleague_label

User = get_user_model()

admin.site.unregister(User)


def counted(number, singular, plural):
    return f"{number} {singular if number == 1 else plural}"


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    change_list_template = "admin/staff/user_change_list.html"
    list_display = (*UserAdmin.list_display, "is_active")
    actions = ["hand_over_work", "send_invitation_again"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("invite/", view(self.invite_view), name="auth_user_invite"),
            path(
                "<path:object_id>/hand-over/",
                view(self.hand_over_view),
                name="auth_user_hand_over",
            ),
            *super().get_urls(),
        ]

    def page(self, request, template, **context):
        return TemplateResponse(
            request,
            template,
            {**self.admin_site.each_context(request), "opts": self.opts, **context},
        )

    def invite_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = InvitationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            user = staff.invite(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                groups=list(form.cleaned_data["roles"]),
                invited_by=request.user,
            )
            self.message_user(
                request,
                f"Invitation sent to {user.get_full_name()} at {user.email}. The link works "
                f"once, for {counted(settings.INVITATION_DAYS, 'day', 'days')}.",
                messages.SUCCESS,
            )
            return redirect("admin:auth_user_changelist")
        return self.page(
            request,
            "admin/staff/invite.html",
            title="Invite a colleague",
            form=form,
            invitation_days=settings.INVITATION_DAYS,
        )

    @admin.action(
        permissions=["change"],
        description="Deactivate and hand over their work",
    )
    def hand_over_work(self, request, queryset):
        selected = list(queryset.values_list("pk", flat=True)[:2])
        if len(selected) != 1:
            self.message_user(
                request,
                "Choose one person at a time: their work goes to one colleague.",
                messages.WARNING,
            )
            return None
        return redirect("admin:auth_user_hand_over", selected[0])

    def hand_over_view(self, request, object_id):
        leaver = self.get_object(request, object_id)
        if leaver is None:
            raise Http404("No such user.")
        if not self.has_change_permission(request, leaver):
            raise PermissionDenied
        if leaver == request.user:
            self.message_user(
                request,
                "You cannot deactivate your own account: ask another administrator.",
                messages.WARNING,
            )
            return redirect("admin:auth_user_changelist")
        if not leaver.is_active:
            self.message_user(
                request, f"{colleague_label(leaver)} is already inactive.", messages.WARNING
            )
            return redirect("admin:auth_user_changelist")
        form = HandOverForm(request.POST or None, leaver=leaver)
        if request.method == "POST" and form.is_valid():
            successor = form.cleaned_data["successor"]
            try:
                moved = staff.deactivate_and_hand_over(leaver=leaver, successor=successor)
            except ValidationError as error:
                form.add_error("successor", error)
            else:
                self.message_user(
                    request,
                    f"{colleague_label(leaver)} is deactivated and signed out everywhere. "
                    f"{counted(moved['drafts'], 'draft', 'drafts')}, "
                    f"{counted(moved['assignments'], 'assignment', 'assignments')} and "
                    f"{counted(moved['pitches'], 'open pitch', 'open pitches')} went to "
                    f"{colleague_label(successor)}. Their bylines are unchanged.",
                    messages.SUCCESS,
                )
                return redirect("admin:auth_user_changelist")
        return self.page(
            request,
            "admin/staff/hand_over.html",
            title=f"Deactivate {colleague_label(leaver)} and hand over their work",
            leaver=leaver,
            leaver_label=colleague_label(leaver),
            work=staff.work_to_hand_over(leaver),
            form=form,
            change_url=reverse("admin:auth_user_change", args=[leaver.pk]),
        )

    @admin.action(permissions=["add"], description="Send the invitation again")
    def send_invitation_again(self, request, queryset):
        sent = skipped = 0
        for user in queryset:
            if staff.can_be_invited_again(user) and user.email:
                staff.send_invitation(user, invited_by=request.user)
                sent += 1
            else:
                skipped += 1
        if sent:
            self.message_user(
                request,
                f"{counted(sent, 'new invitation', 'new invitations')} sent; earlier links no "
                "longer work.",
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                f"{counted(skipped, 'account has', 'accounts have')} already been set up (or "
                "closed, or have no email address), so no invitation went to them.",
                messages.WARNING,
            )
