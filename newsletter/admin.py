import smtplib
from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.http import urlencode
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_POST

from articles.admin import position_input
from articles.models import Article, Section

from . import drafting, subscriptions
from .emails import Edition
from .models import Consent, Delivery, Issue, IssueItem, Subscriber

# Subscribers ----------------------------------------------------------------------------------


class ConsentInline(admin.TabularInline):
    """The record of what the reader agreed to: kept as it was, never edited."""

    model = Consent
    fields = ["action", "at", "wording_version", "source"]
    readonly_fields = fields
    list_per_page = 100
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "frequency", "created_at", "confirmed_at"]
    list_filter = ["status", "frequency", "sections"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "status",
        "frequency",
        "sections",
        "created_at",
        "confirmed_at",
        "stopped_at",
        "stop_reason",
    ]
    # What a reader chose changes only through their own links or the action below, so that
    # every change leaves its Consent record.
    readonly_fields = fields
    list_per_page = 100
    inlines = [ConsentInline]
    actions = ["unsubscribe_selected"]
    show_full_result_count = False

    def has_add_permission(self, request):
        # Readers subscribe themselves (double opt-in); staff cannot consent for them.
        return False

    @admin.action(description="Unsubscribe selected", permissions=["change"])
    def unsubscribe_selected(self, request, queryset):
        who = request.user.get_username()
        changed = subscriptions.unsubscribe_all(
            list(queryset.values_list("pk", flat=True)), source=f"admin: unsubscribed by {who}"
        )
        self.message_user(
            request,
            f"Unsubscribed {changed} subscriber{'s' if changed != 1 else ''}.",
            messages.SUCCESS,
        )


# Issues -----------------------------------------------------------------------------------------

# The email as a reader gets it, framed in the preview page: its own inline styles and remote
# pictures, and nothing that runs (the frame is sandboxed as well).
EMAIL_PREVIEW_CSP = {
    "default-src": [CSP.NONE],
    "style-src": [CSP.UNSAFE_INLINE],
    "img-src": ["https:", "http:", "data:"],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
}
# The preview page frames the email from this site.
PREVIEW_PAGE_CSP = {
    **settings.SECURE_CSP,
    "frame-src": [*settings.SECURE_CSP.get("frame-src", []), CSP.SELF],
}
LOCKED = {Issue.Status.SENDING, Issue.Status.SENT}
TEST_PREFIX = "[Test] "


def is_locked(issue):
    """A sending or sent issue is a record of what readers got: nobody edits it."""
    return issue is not None and issue.status in LOCKED


def delivery_count(status):
    """How many of an issue's deliveries are in this state, as a subquery on the (issue,
    status) index."""
    counted = (
        Delivery.objects.filter(issue=OuterRef("pk"), status=status)
        .order_by()
        .values("issue")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def suggested_send_time():
    """Today's sending time while it is still to come, else a few minutes from now."""
    now = timezone.now()
    send_at = drafting.send_time_today(now)
    if send_at > now:
        return send_at
    return (now + timedelta(minutes=10)).replace(second=0, microsecond=0)


def state_label(article):
    """What readers can see of a piece now: Live, Scheduled, Embargoed, In review, Draft."""
    return Article.State(article.state).label


def refuse_control_characters(value):
    if any(ord(character) < 32 for character in value):
        raise ValidationError("Use one line of text, without line breaks or control characters.")


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = ["subject", "intro", "edition", "send_at"]
        widgets = {"subject": forms.TextInput(attrs={"class": "vTextField issue-subject"})}

    def clean_subject(self):
        subject = self.cleaned_data["subject"]
        refuse_control_characters(subject)
        return subject

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at and "send_at" in self.changed_data and send_at < timezone.now():
            raise ValidationError("That time has passed: choose a sending time to come.")
        if send_at is None and self.instance.status == Issue.Status.SCHEDULED:
            raise ValidationError(
                "A scheduled issue needs a sending time. To stop it, use Unschedule."
            )
        return send_at


class IssueItemForm(forms.ModelForm):
    class Meta:
        model = IssueItem
        fields = ["position", "article", "slot"]
        widgets = {"position": position_input()}
        labels = {"position": "Order"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The article's own choices hold every piece, so that a row whose piece has since
        # been unpublished still saves (readers never see it); a new choice must be public.
        self.fields["article"].queryset = Article.objects.all()
        # Pieces are written in Articles; here they are only chosen (and opened to read).
        widget = self.fields["article"].widget
        widget.can_add_related = widget.can_change_related = False

    def clean_article(self):
        article = self.cleaned_data["article"]
        if "article" in self.changed_data and not article.is_public():
            raise ValidationError(
                f"“{article.title}” is not public ({state_label(article)}), so it "
                "cannot go in the bulletin. Only published pieces can be added."
            )
        return article


class IssueItemInline(admin.TabularInline):
    model = IssueItem
    form = IssueItemForm
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["position", "article", "slot", "public"]
    readonly_fields = ["public"]
    verbose_name = "piece"
    verbose_name_plural = "Pieces (drag or use Up/Down to reorder; tick Delete to drop)"

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["articles/reorder.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="Readers see it?")
    def public(self, item):
        if item.pk is None:
            return ""
        if item.article.is_public():
            return "Yes"
        return f"No: {state_label(item.article).lower()}, left out"

    def has_add_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_delete_permission(request, obj)


class PreviewForm(forms.Form):
    """Whose email to preview or test: a subscriber's, or a reader of the chosen sections."""

    email = forms.EmailField(
        label="Subscriber's email address",
        required=False,
        help_text="Shows the issue with this subscriber's sections. Leave empty to choose.",
    )
    sections = forms.ModelMultipleChoiceField(
        Section.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Without a subscriber: the sections a reader chose (none ticked: all).",
    )

    subscriber = None

    def clean(self):
        cleaned = super().clean()
        email = cleaned.get("email")
        if email:
            self.subscriber = (
                Subscriber.objects.by_email(email).prefetch_related("sections").first()
            )
            if self.subscriber is None:
                self.add_error("email", "No subscriber has this address.")
        return cleaned

    def section_ids(self):
        """The sections of the chosen subscriber or reader; none (every one) if unclear."""
        if not (self.is_bound and self.is_valid()):
            return []
        if self.subscriber is not None:
            return [section.pk for section in self.subscriber.sections.all()]
        return [section.pk for section in self.cleaned_data["sections"]]

    def reader(self):
        if self.subscriber is not None:
            return f"{self.subscriber.email} ({self.subscriber.get_status_display().lower()})"
        return "a reader"

    def section_names(self):
        ids = self.section_ids()
        if not ids:
            return "every section"
        return ", ".join(section.name for section in Section.objects.filter(pk__in=ids))


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label="Send at",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="London time.",
    )

    def __init__(self, *args, issue, **kwargs):
        self.issue = issue
        super().__init__(*args, **kwargs)

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        # A minute's grace for the time it took to press the button.
        if send_at < timezone.now() - timedelta(minutes=1):
            raise ValidationError("That time has passed: choose a sending time to come.")
        return send_at

    def clean(self):
        public = Article.objects.published().values("pk")
        if not self.issue.items.filter(article__in=public).exists():
            raise ValidationError("The issue has no public pieces: add one before scheduling.")
        return super().clean()


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    form = IssueForm
    inlines = [IssueItemInline]
    list_display = [
        "subject",
        "edition",
        "status",
        "covers",
        "send_at",
        "sent_at",
        "deliveries_summary",
    ]
    list_filter = ["edition", "status"]
    date_hierarchy = "covers_until"
    search_fields = ["subject"]
    fields = ["subject", "intro", "edition", "send_at", "status", "covers"]
    readonly_fields = ["status", "covers"]
    change_form_template = "admin/newsletter/issue/change_form.html"
    change_list_template = "admin/newsletter/issue/change_list.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                **{
                    f"deliveries_{status}": delivery_count(status)
                    for status in Delivery.Status.values
                }
            )
        )

    @admin.display(description="Covers", ordering="covers_until")
    def covers(self, issue):
        if issue.covers_from is None:
            return ""
        return "{} to {}".format(
            date_format(timezone.localtime(issue.covers_from), "d/m/Y H:i"),
            date_format(timezone.localtime(issue.covers_until), "d/m/Y H:i"),
        )

    @admin.display(description="Deliveries")
    def deliveries_summary(self, issue):
        counts = [
            (label.lower(), getattr(issue, f"deliveries_{status}", 0))
            for status, label in Delivery.Status.choices
        ]
        counts = [(label, count) for label, count in counts if count]
        if not counts:
            return "–"
        return format_html_join(", ", "{}: {}", ((label, count) for label, count in counts))

    def has_change_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not is_locked(obj) and super().has_delete_permission(request, obj)

    def view_on_site(self, issue):
        """Only a sent issue has a page in the public archive."""
        return issue.get_absolute_url() if issue.status == Issue.Status.SENT else None

    def save_model(self, request, obj, form, change):
        if not change:
            # An issue made by hand covers no window; editors add its pieces themselves.
            obj.created_by = request.user
            obj.covers_from = obj.covers_until = timezone.now()
        super().save_model(request, obj, form, change)

    # The desk's buttons: draft now, preview, test, schedule.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("draft/", view(self.draft_view), name="newsletter_issue_draft"),
            path("<int:pk>/preview/", view(self.preview_view), name="newsletter_issue_preview"),
            path(
                "<int:pk>/preview/email/",
                view(self.preview_email_view),
                name="newsletter_issue_preview_email",
            ),
            path("<int:pk>/test/", view(self.test_view), name="newsletter_issue_test"),
            path("<int:pk>/schedule/", view(self.schedule_view), name="newsletter_issue_schedule"),
            path(
                "<int:pk>/unschedule/",
                view(self.unschedule_view),
                name="newsletter_issue_unschedule",
            ),
            *super().get_urls(),
        ]

    def issue_or_404(self, request, pk, *, change=False):
        issue = get_object_or_404(Issue, pk=pk)
        allowed = (
            self.has_change_permission(request, issue)
            if change
            else self.has_view_or_change_permission(request, issue)
        )
        if not allowed:
            raise PermissionDenied
        return issue

    def change_url(self, issue):
        return reverse("admin:newsletter_issue_change", args=[issue.pk])

    @method_decorator(require_POST)
    def draft_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        drafted = drafting.todays_issue(Issue.Edition.DAILY)
        if drafted is not None:
            self.message_user(request, f"Today's issue was already drafted: “{drafted}”.")
            return redirect(self.change_url(drafted))
        issue = drafting.draft_issue(Issue.Edition.DAILY)
        if issue is None:
            self.message_user(
                request,
                "Nothing went public since the last daily issue, so there is nothing to draft.",
                messages.WARNING,
            )
            return redirect("admin:newsletter_issue_changelist")
        Issue.objects.filter(pk=issue.pk, created_by=None).update(created_by=request.user)
        pieces = issue.items.count()
        self.message_user(
            request,
            f"Drafted “{issue}” with {pieces} piece{pluralize(pieces)}: "
            "edit, preview and schedule it.",
            messages.SUCCESS,
        )
        return redirect(self.change_url(issue))

    @method_decorator(csp_override(PREVIEW_PAGE_CSP))
    def preview_view(self, request, pk):
        issue = self.issue_or_404(request, pk)
        form = PreviewForm(request.GET or None)
        if form.is_bound:
            form.is_valid()
        query = urlencode(request.GET, doseq=True)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "title": f"Preview of “{issue}”",
            "form": form,
            "reader": form.reader() if form.is_bound else "a reader",
            "section_names": form.section_names() if form.is_bound else "every section",
            "email_url": reverse("admin:newsletter_issue_preview_email", args=[issue.pk])
            + (f"?{query}" if query else ""),
            "can_change": self.has_change_permission(request, issue),
        }
        return TemplateResponse(request, "admin/newsletter/issue/preview.html", context)

    @method_decorator(xframe_options_sameorigin)
    @method_decorator(csp_override(EMAIL_PREVIEW_CSP))
    def preview_email_view(self, request, pk):
        """The email's HTML alone, as the preview page frames it."""
        issue = self.issue_or_404(request, pk)
        form = PreviewForm(request.GET or None)
        html, _text = Edition(issue).variant(form.section_ids())
        response = HttpResponse(html)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    @method_decorator(require_POST)
    def test_view(self, request, pk):
        issue = self.issue_or_404(request, pk)
        form = PreviewForm(request.POST)
        back = reverse("admin:newsletter_issue_preview", args=[issue.pk])
        if not request.user.email:
            self.message_user(
                request, "Your account has no email address to send a test to.", messages.ERROR
            )
            return redirect(back)
        if not form.is_valid():
            self.message_user(request, "Choose a subscriber who exists.", messages.ERROR)
            return redirect(back)
        # The editor's own links: a click on Unsubscribe in a test must not stop a reader's mail.
        reader = Subscriber.objects.by_email(request.user.email).first() or Subscriber(
            email=request.user.email
        )
        message = Edition(issue).message_for(reader, form.section_ids(), to=request.user.email)
        message.subject = TEST_PREFIX + message.subject
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as error:
            self.message_user(
                request,
                f"The mail server did not take the test ({error}); nothing was sent. "
                "Try again in a moment.",
                messages.ERROR,
            )
            return redirect(back)
        self.message_user(
            request,
            f"A test of “{issue}” as {form.reader()} would get it went to {request.user.email}.",
            messages.SUCCESS,
        )
        query = urlencode({key: request.POST.getlist(key) for key in ("email", "sections")}, True)
        return redirect(f"{back}?{query}")

    def schedule_view(self, request, pk):
        issue = self.issue_or_404(request, pk, change=True)
        suggested = issue.send_at or suggested_send_time()
        initial = {"send_at": timezone.localtime(suggested)}
        form = ScheduleForm(request.POST or None, issue=issue, initial=initial)
        if request.method == "POST" and form.is_valid():
            drafting.schedule(issue, form.cleaned_data["send_at"])
            self.message_user(
                request,
                "“{}” will be sent at {}.".format(
                    issue, date_format(timezone.localtime(issue.send_at), "d/m/Y H:i")
                ),
                messages.SUCCESS,
            )
            return redirect(self.change_url(issue))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "title": f"Schedule “{issue}”",
            "form": form,
        }
        return TemplateResponse(request, "admin/newsletter/issue/schedule.html", context)

    @method_decorator(require_POST)
    def unschedule_view(self, request, pk):
        issue = self.issue_or_404(request, pk, change=True)
        drafting.unschedule(issue)
        self.message_user(request, f"“{issue}” is a draft again: it will not be sent.")
        return redirect(self.change_url(issue))


# Deliveries ------------------------------------------------------------------------------------
# Each issue's per-recipient status, for editors to read: the sending task alone writes them.


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["subscriber", "issue", "status", "attempted_at", "error"]
    list_filter = ["status", "issue"]
    search_fields = ["subscriber__email"]
    list_select_related = ["subscriber", "issue"]
    readonly_fields = ["issue", "subscriber", "status", "attempted_at", "error"]
    date_hierarchy = "attempted_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
