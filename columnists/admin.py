import csv

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles.desk import end_of_day

from . import emails, pipeline, samples
from .forms import AcceptForm, LetterForm
from .models import Pitch, PitchEmail, PitchEvent

BOTH = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Each pipeline action and the step of Pitch.STEPS it takes, in the order they are offered.
ACTION_STEPS = {
    "assign_to_me": Pitch.Step.ASSIGN,
    "mark_in_review": Pitch.Step.START_REVIEW,
    "shortlist": Pitch.Step.SHORTLIST,
    "accept": Pitch.Step.ACCEPT,
    "decline": Pitch.Step.DECLINE,
}


def _pitches(count):
    return f"{count} pitch" if count == 1 else f"{count} pitches"


class OverdueFilter(admin.SimpleListFilter):
    title = "reply time"
    parameter_name = "reply"

    def lookups(self, request, model_admin):
        return [
            ("overdue", f"Waiting over {settings.PITCH_RESPONSE_DAYS} days"),
            ("due", "Reply due today or overdue"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "due":
            return queryset.reply_due_by(end_of_day())
        return queryset


class UndeliveredEmailFilter(admin.SimpleListFilter):
    title = "email"
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [("undelivered", "An email not delivered")]

    def queryset(self, request, queryset):
        if self.value() == "undelivered":
            return queryset.filter(emails__sent_at__isnull=True).distinct()
        return queryset


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PitchEventInline(ReadOnlyInline):
    model = PitchEvent
    fields = ["at", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields


class PitchEmailInline(ReadOnlyInline):
    model = PitchEmail
    fields = ["created_at", "kind", "subject", "sent_at", "attempts", "last_error"]
    readonly_fields = fields
    verbose_name_plural = "emails"


@admin.register(Pitch)
class PitchAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "pitch_title",
        "name",
        "status",
        "received_at",
        "assigned_to",
        "overdue",
    ]
    list_display_links = ["reference", "pitch_title"]
    list_filter = [
        "status",
        OverdueFilter,
        "assigned_to",
        "received_at",
        UndeliveredEmailFilter,
    ]
    search_fields = ["reference", "name", "email", "organisation", "pitch_title"]
    list_select_related = ["assigned_to"]
    date_hierarchy = "received_at"
    list_per_page = 50
    readonly_fields = [
        "reference",
        "status",
        "received_at",
        "response_due_display",
        "decided_at",
        "columnist",
        "name",
        "email",
        "job_title",
        "organisation",
        "links_display",
        "conflicts",
        "pitch_title",
        "synopsis",
        "sample_text",
        "sample_download",
        "headshot_download",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("reference", "status"),
                    ("received_at", "response_due_display"),
                    ("assigned_to", "decided_at"),
                    "columnist",
                ]
            },
        ),
        (
            "Applicant",
            {"fields": ["name", "email", "job_title", "organisation", "links_display"]},
        ),
        (
            "Pitch",
            {
                "fields": [
                    "pitch_title",
                    "synopsis",
                    "sample_text",
                    "sample_download",
                    "headshot_download",
                    "conflicts",
                ]
            },
        ),
        ("Desk", {"fields": ["internal_notes"]}),
    ]
    inlines = [PitchEventInline, PitchEmailInline]
    actions = ["assign_to_me", "mark_in_review", "shortlist", "decline", "accept", "export_csv"]

    def has_add_permission(self, request):
        return False  # pitches arrive through the public form only

    def has_review_permission(self, request):
        return request.user.has_perm("columnists.review_pitch")

    def has_accept_permission(self, request):
        return request.user.has_perm("columnists.accept_pitch")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "assigned_to" in form.changed_data:
            who = obj.assigned_to
            note = (
                f"Assigned to {who.get_full_name() or who.get_username()}" if who else "Unassigned"
            )
            obj.events.create(
                from_status=obj.status, to_status=obj.status, actor=request.user, note=note
            )

    # Columns and read-only fields

    @admin.display(boolean=True, description="Overdue")
    def overdue(self, pitch):
        return pitch.is_overdue()

    @admin.display(description="Reply due")
    def response_due_display(self, pitch):
        due = timezone.localtime(pitch.response_due).strftime("%d/%m/%Y")
        if pitch.is_overdue():
            return format_html('<strong class="errornote">{} (overdue)</strong>', due)
        return due

    @admin.display(description="Columnist")
    def columnist(self, pitch):
        if pitch.author is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_author_change", args=[pitch.author.pk]),
            pitch.author.name,
        )

    @admin.display(description="Links")
    def links_display(self, pitch):
        links = pitch.link_list()
        if not links:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}" rel="noopener noreferrer nofollow">{}</a></li>',
                ((link, link) for link in links),
            ),
        )

    @admin.display(description="Writing sample file")
    def sample_download(self, pitch):
        return self._download_link(pitch, "sample", pitch.sample_file, pitch.sample_file_name)

    @admin.display(description="Headshot")
    def headshot_download(self, pitch):
        return self._download_link(pitch, "headshot", pitch.headshot, "Download the headshot")

    def _download_link(self, pitch, which, file, label):
        if not file:
            return "—"
        url = reverse("admin:columnists_pitch_file", args=[pitch.pk, which])
        return format_html('<a href="{}" download>{}</a>', url, label or "Download")

    # Private files

    def get_urls(self):
        return [
            path(
                "<path:object_id>/files/<str:which>/",
                self.admin_site.admin_view(self.file_view),
                name="columnists_pitch_file",
            ),
            *super().get_urls(),
        ]

    def file_view(self, request, object_id, which):
        """Hand a private upload to staff as a download, never as a page."""
        pitch = self.get_object(request, object_id)
        if pitch is None:
            raise Http404
        if not self.has_view_permission(request, pitch):
            raise PermissionDenied
        if which == "sample" and pitch.sample_file:
            file = pitch.sample_file
            kind = samples.KINDS[file.name.rsplit(".", 1)[-1]]
            filename, content_type = (
                pitch.sample_file_name or f"sample.{kind.extension}",
                (kind.content_type),
            )
        elif which == "headshot" and pitch.headshot:
            file = pitch.headshot
            extension = file.name.rsplit(".", 1)[-1]
            filename = f"headshot-{pitch.reference}.{extension}"
            content_type = "image/png" if extension == "png" else "image/jpeg"
        else:
            raise Http404
        response = FileResponse(
            file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response

    # Pipeline actions: offered, on the list and on the pitch page, only where Pitch.STEPS
    # allows them.

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # A list filtered to one status offers only that status's steps.
        status = request.GET.get("status__exact")
        if action_location == admin.ActionLocation.CHANGE_LIST and status in Pitch.STEPS:
            allowed = Pitch.STEPS[status]
            actions = {
                name: action
                for name, action in actions.items()
                if name not in ACTION_STEPS or ACTION_STEPS[name] in allowed
            }
        return actions

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        action_form = context.get("action_form")
        if obj is not None and action_form is not None:
            # The pitch page shows a button for each step its status allows, and no others.
            offered = dict(action_form.fields["action"].choices)
            # Assigning a pitch to the editor who already has it would do nothing.
            already_mine = obj.assigned_to_id == request.user.pk
            context["pitch_steps"] = [
                (name, offered[name])
                for name, step in ACTION_STEPS.items()
                if name in offered
                and obj.allows(step)
                and not (step == Pitch.Step.ASSIGN and already_mine)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _split(self, queryset, step):
        """The selected pitches whose status allows the step, and those it does not."""
        valid, skipped = [], []
        for pitch in queryset:
            (valid if pitch.allows(step) else skipped).append(pitch)
        return valid, skipped

    def _report_skipped(self, request, step, skipped, refusals=()):
        """Say which selected pitches were left alone, and why."""
        reasons = [pitch.status_clause() for pitch in skipped]
        if reasons:
            reasons = ["; ".join(reasons) + ". " + Pitch.step_rule(step)]
        reasons.extend(refusals)
        count = len(skipped) + len(refusals)
        if count:
            self.message_user(
                request, f"Skipped {_pitches(count)}: {' '.join(reasons)}", messages.WARNING
            )

    def _each(self, request, queryset, step, run, done):
        valid, skipped = self._split(queryset, step)
        changed, refusals = [], []
        for pitch in valid:
            try:
                run(pitch)
            except pipeline.PitchStateError as exc:  # changed meanwhile, or already done
                refusals.append(str(exc))
            else:
                changed.append(pitch.reference)
        if changed:
            summary = f"{_pitches(len(changed))} ({', '.join(changed)})"
            self.message_user(request, done.format(pitches=summary), messages.SUCCESS)
        self._report_skipped(request, step, skipped, refusals)

    @admin.action(permissions=["review"], description=Pitch.Step.ASSIGN.label, location=BOTH)
    def assign_to_me(self, request, queryset):
        self._each(
            request,
            queryset,
            Pitch.Step.ASSIGN,
            lambda pitch: pipeline.assign(pitch, to=request.user, by=request.user),
            "Assigned {pitches} to you. Status unchanged.",
        )

    @admin.action(permissions=["review"], description=Pitch.Step.START_REVIEW.label, location=BOTH)
    def mark_in_review(self, request, queryset):
        self._each(
            request,
            queryset,
            Pitch.Step.START_REVIEW,
            lambda pitch: pipeline.start_review(pitch, by=request.user),
            "Marked {pitches} as in review.",
        )

    @admin.action(permissions=["review"], description=Pitch.Step.SHORTLIST.label, location=BOTH)
    def shortlist(self, request, queryset):
        self._each(
            request,
            queryset,
            Pitch.Step.SHORTLIST,
            lambda pitch: pipeline.shortlist(pitch, by=request.user),
            "Shortlisted {pitches}.",
        )

    @admin.action(permissions=["review"], description=Pitch.Step.DECLINE.label, location=BOTH)
    def decline(self, request, queryset):
        valid, skipped = self._split(queryset, Pitch.Step.DECLINE)
        self._report_skipped(request, Pitch.Step.DECLINE, skipped)
        if not valid:
            return None
        chosen = queryset.filter(pk__in=[pitch.pk for pitch in valid])
        if "confirm" in request.POST:
            form = LetterForm(request.POST)
            if form.is_valid():
                self._each(
                    request,
                    chosen,
                    Pitch.Step.DECLINE,
                    lambda pitch: pipeline.decline(pitch, by=request.user, **form.cleaned_data),
                    "Declined {pitches} and emailed the applicants.",
                )
                return self._back(chosen)
        else:
            subject, body = emails.letter("decline")
            form = LetterForm(initial={"subject": subject, "body": body})
        return self._letter_page(request, chosen, form, "decline", "Decline pitches")

    @admin.action(permissions=["accept"], description=Pitch.Step.ACCEPT.label, location=BOTH)
    def accept(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, "Accept one pitch at a time, to check its columnist.", messages.WARNING
            )
            return None
        pitch = queryset.get()
        if not pitch.allows(Pitch.Step.ACCEPT):
            self._report_skipped(request, Pitch.Step.ACCEPT, [pitch])
            return None
        if "confirm" in request.POST:
            form = AcceptForm(request.POST)
            if form.is_valid():
                try:
                    author = pipeline.accept(
                        pitch,
                        by=request.user,
                        author=form.cleaned_data["existing_author"],
                        subject=form.cleaned_data["subject"],
                        body=form.cleaned_data["body"],
                    )
                except pipeline.PitchStateError as exc:
                    self.message_user(request, str(exc), messages.WARNING)
                else:
                    self.message_user(
                        request,
                        f"Accepted {pitch.reference}: {author.name} is now a columnist. "
                        "They appear on the columnists page once a piece of theirs is published.",
                        messages.SUCCESS,
                    )
                return self._back(queryset)
        else:
            subject, body = emails.letter("acceptance")
            match = pipeline.matching_author(pitch)
            form = AcceptForm(initial={"subject": subject, "body": body, "existing_author": match})
        return self._letter_page(request, queryset, form, "accept", "Accept pitch")

    def _letter_page(self, request, queryset, form, action, title):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "pitches": queryset,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "changelist_url": reverse("admin:columnists_pitch_changelist"),
        }
        return TemplateResponse(request, "admin/columnists/pitch/letter.html", context)

    def _back(self, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        if len(pks) == 1:
            return HttpResponseRedirect(reverse("admin:columnists_pitch_change", args=pks))
        return HttpResponseRedirect(reverse("admin:columnists_pitch_changelist"))

    @admin.action(permissions=["review"], description="Export as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="pitches-{stamp}.csv"'
        writer = csv.writer(response)
        writer.writerow(
            [
                "reference",
                "received",
                "status",
                "applicant sees",
                "name",
                "email",
                "job title",
                "organisation",
                "working title",
                "assigned editor",
                "reply due",
                "overdue",
            ]
        )
        for pitch in queryset.select_related("assigned_to"):
            writer.writerow(
                _csv_safe(value)
                for value in [
                    pitch.reference,
                    timezone.localtime(pitch.received_at).strftime("%d/%m/%Y %H:%M"),
                    pitch.get_status_display(),
                    pitch.applicant_status,
                    pitch.name,
                    pitch.email,
                    pitch.job_title,
                    pitch.organisation,
                    pitch.pitch_title,
                    pitch.assigned_to.get_username() if pitch.assigned_to else "",
                    timezone.localtime(pitch.response_due).strftime("%d/%m/%Y"),
                    "yes" if pitch.is_overdue() else "no",
                ]
            )
        return response


def _csv_safe(value):
    """Spreadsheets run cells that start like a formula; make such text plain text."""
    text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text
