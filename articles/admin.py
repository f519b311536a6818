from datetime import timedelta
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.module_loading import import_string
from django.views.decorators.csp import csp_override
from django_prose_editor.fields import ProseEditorFormField
from simple_history.admin import SimpleHistoryAdmin
from taggit.models import Tag
from taggit.utils import parse_tags

from . import autosave, calendar, popularity, workflow, writing
from .diff import changes_between, related_changes, related_changes_of, related_snapshot
from .models import (
    NOTE_MAX_LENGTH,
    Article,
    Author,
    Byline,
    Correction,
    EditConflict,
    FrontPageArticle,
    Image,
    InterviewQuestion,
    Notice,
    Section,
    ShareLink,
    display_name,
)
from .paginators import EstimatedCountPaginator
from .seo import absolute_url
from .views import render_article


def primary_key_or_404(model, value):
    """`value` as a primary key of `model`, or 404 when it cannot be one."""
    try:
        return model._meta.pk.to_python(value)
    except ValidationError:
        raise Http404("No such object.") from None


# What the body editor offers; articles/sanitise.py decides what is kept, whatever is sent.
BODY_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "NodeClass": {
            "cssClasses": {"blockquote": [{"className": "pull-quote", "title": "Pull quote"}]}
        },
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "HardBreak": True,
        "HorizontalRule": True,
        "Subscript": True,
        "Superscript": True,
        "BodyImage": {"listUrl": reverse_lazy("admin:articles_article_body_images")},
        "BodyVideo": True,
    }
}
SHARE_LINK_DAYS = 7
# How many pictures the body editor's image dialog offers at once; searching finds the rest.
BODY_IMAGE_CHOICES = 24
# The editor injects its small base stylesheet as a <style> element; the desk's pages allow
# exactly that stylesheet by its hash rather than loosening the policy with 'unsafe-inline'.
# The browser test fails if a new version of the editor changes it.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
EDITOR_CSP = {
    **settings.SECURE_CSP,
    "style-src": [*settings.SECURE_CSP.get("style-src", []), EDITOR_STYLE_HASH],
}


# The name of the workflow buttons in the change form's submit row; the value is the step.
STEP_FIELD = "_workflow"


def _can(request, codename):
    return request.user.has_perm(f"articles.{codename}")


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "focal_x", "focal_y", "alt_text", "caption", "credit"]
        error_messages = {
            "alt_text": {
                "required": "Describe what the picture shows: readers who cannot see it "
                "rely on these words, so an image cannot be saved without them."
            },
        }
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["file"].help_text = (
                "Upload a new file to replace this picture everywhere it is used; "
                "its words, focal point and uses stay."
            )


class UsageFilter(admin.SimpleListFilter):
    title = "use"
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("used", "Used"), ("unused", "Not used anywhere")]

    def queryset(self, request, queryset):
        if self.value() == "used":
            return queryset.filter(use_count__gt=0)
        if self.value() == "unused":
            return queryset.filter(use_count=0)
        return queryset


class OrientationFilter(admin.SimpleListFilter):
    title = "orientation"
    parameter_name = "orientation"

    def lookups(self, request, model_admin):
        return [("landscape", "Landscape"), ("portrait", "Portrait"), ("square", "Square")]

    def queryset(self, request, queryset):
        if self.value() in {"landscape", "portrait", "square"}:
            return getattr(queryset, self.value())()
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The media library: every picture as a thumbnail, findable by its words, with where
    it is used."""

    form = ImageForm
    change_list_template = "admin/articles/image/change_list.html"
    list_display = ["preview", "alt_text", "credit", "dimensions", "uses", "created_at"]
    list_filter = [
        UsageFilter,
        OrientationFilter,
        ("created_at", admin.DateFieldListFilter),
    ]
    list_per_page = 48
    search_fields = ["alt_text", "caption", "credit"]
    search_help_text = "Search by alt text, caption or credit."
    actions = None  # the grid has no row checkboxes; delete from an image's own page
    readonly_fields = ["preview", "focal_point_picker", "dimensions", "usage"]
    fieldsets = [
        (None, {"fields": ["file", "alt_text", "caption", "credit"]}),
        ("Focal point", {"fields": ["focal_point_picker", "focal_x", "focal_y"]}),
        ("About this picture", {"fields": ["dimensions", "usage"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["articles/focal_point.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_use_count()

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {"title": "Media library", **(extra_context or {})}
        )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["file", "alt_text", "caption", "credit"]})]
        return self.fieldsets

    @admin.display(description="Preview")
    def preview(self, obj):
        return image_preview(obj)

    @admin.display(description="Size")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height} px"

    @admin.display(description="Uses", ordering="use_count")
    def uses(self, obj):
        return obj.use_count

    @admin.display(description="Picture")
    def focal_point_picker(self, obj):
        picture = obj.rendition("medium")
        crops = format_html_join(
            "",
            '<figure><img src="{}" width="{}" height="{}" alt=""><figcaption>{}</figcaption>'
            "</figure>",
            (
                (crop["url"], crop["width"] // 2, crop["height"] // 2, label)
                for crop, label in (
                    (obj.rendition("thumb"), "Square thumbnail"),
                    (obj.rendition("social"), "Social card"),
                )
            ),
        )
        return format_html(
            '<div class="focal-picker" data-focal-picker>'
            '<img src="{}" width="{}" height="{}" alt="Click to set the focal point">'
            '<span class="focal-picker__mark" hidden></span></div>'
            '<p class="help">Click the part of the picture that must stay in view when it is '
            "cropped, then save. Crops as saved:</p>"
            '<div class="focal-picker__crops">{}</div>',
            picture["url"],
            picture["width"],
            picture["height"],
            crops,
        )

    @admin.display(description="Used")
    def usage(self, obj):
        uses = obj.usage()
        if not uses:
            return "Not used anywhere yet."
        return format_html(
            '<ul class="image-usage">{}</ul>',
            format_html_join(
                "",
                '<li>{} <a href="{}">{}</a></li>',
                (
                    (label, admin_change_url(thing), thing)
                    for label, things in uses
                    for thing in things
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "file" in form.changed_data:
            messages.info(
                request, "The picture was replaced: everywhere it is used now shows the new file."
            )


def admin_change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def image_preview(image):
    if not image or not image.pk or not image.file:
        return "—"
    thumb = image.rendition("thumb")
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="">',
        thumb["url"],
        thumb["width"] // 2,
        thumb["height"] // 2,
    )


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "front_page_position", "front_page_count"]
    list_editable = ["front_page_position", "front_page_count"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role_line", "organisation", "is_columnist"]
    list_filter = ["is_columnist"]
    search_fields = ["name", "organisation", "role_line"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["headshot", "user"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["articles/image_picker.js"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["position", "author"]
    verbose_name_plural = "Bylines (in the order readers see them)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "article")


# What a Q&A answer's editor offers; sanitise.clean_answer_html keeps no more than this.
ANSWER_EDITOR = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
        "HardBreak": True,
    }
}


def position_input():
    """A number box that reorder.js turns into drag and drop with Move up/Move down buttons."""
    return forms.NumberInput(attrs={"data-position": "", "class": "reorder__position"})


class InterviewQuestionForm(forms.ModelForm):
    answer = ProseEditorFormField(config=ANSWER_EDITOR)

    class Meta:
        model = InterviewQuestion
        fields = ["position", "question", "answer"]
        widgets = {"position": position_input()}
        labels = {"position": "Order"}


class InterviewQuestionInline(admin.StackedInline):
    model = InterviewQuestion
    form = InterviewQuestionForm
    extra = 0
    verbose_name = "Q&A turn"
    verbose_name_plural = "Q&A turns (for interviews such as Last word; drag to reorder)"

    class Media:
        js = ["articles/reorder.js"]


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["kind", "published_on", "text"]


class ShareLinkForm(forms.ModelForm):
    revoke = forms.BooleanField(required=False, help_text="Stop this link working at once.")

    class Meta:
        model = ShareLink
        fields = ["recipient", "expires_at"]

    def save(self, commit=True):
        link = super().save(commit=False)
        if self.cleaned_data.get("revoke") and link.revoked_at is None:
            link.revoked_at = timezone.now()
        if commit:
            link.save()
        return link


class ShareLinkInline(admin.TabularInline):
    """Links for an outsider (a press officer checking quotes) to read an unpublished piece."""

    model = ShareLink
    form = ShareLinkForm
    extra = 0
    can_delete = False
    fields = ["recipient", "expires_at", "address", "created_by", "opened", "revoked_at", "revoke"]
    readonly_fields = ["address", "created_by", "opened", "revoked_at"]
    verbose_name_plural = "Share links for outside readers (not for publication, no login)"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .annotate(times_opened=Count("openings"), last_opened=Max("openings__opened_at"))
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["expires_at"].initial = lambda: (
            timezone.now() + timedelta(days=SHARE_LINK_DAYS)
        )
        return formset

    def has_view_permission(self, request, obj=None):
        return _can(request, "share_article")

    def has_add_permission(self, request, obj=None):
        return _can(request, "share_article")

    def has_change_permission(self, request, obj=None):
        return _can(request, "share_article")

    @admin.display(description="Address")
    def address(self, link):
        if not link.pk:
            return "Made when you save"
        if not link.is_usable():
            return "No longer works"
        # In full, on the public site's address: it is copied into an email to an outsider.
        url = absolute_url(link.get_absolute_url())
        return format_html('<a href="{}" rel="noreferrer" target="_blank">{}</a>', url, url)

    @admin.display(description="Opened")
    def opened(self, link):
        count = getattr(link, "times_opened", 0)
        if not count:
            return "Not yet"
        last = timezone.localtime(link.last_opened)
        return f"{count} time{'s' if count != 1 else ''}, last {last:%d/%m/%Y %H:%M}"


class ArticleAdminForm(forms.ModelForm):
    body = ProseEditorFormField(config=BODY_EDITOR, required=False)
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Article._meta.get_field("tags"), admin.site),
        help_text="Start typing to find a topic.",
    )
    new_tags = forms.CharField(
        required=False,
        max_length=500,
        help_text="Topics not in the list yet, separated by commas.",
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_to = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Any editor",
        label="Ask for review by",
        help_text="Who is told when you submit it for review.",
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Add a note",
        help_text="For the desk only, never shown to readers. Needed to return a piece to "
        "its writer.",
        error_messages={
            "max_length": "A note can be at most %(limit_value)d characters; this one has "
            "%(show_value)d. Shorten it and try again."
        },
    )

    class Media:
        js = ["articles/autosave.js", "articles/writing_aids.js"]

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "section",
            "standfirst",
            "body",
            "tags",
            "lead_image",
            "video_url",
            "status",
            "assignee",
            "publish_at",
            "backdate",
            "embargo_until",
            "updated_at",
            "planned_for",
            "is_featured",
            "featured_order",
            "interviewee_name",
            "interviewee_role",
            "seo_title",
            "seo_description",
            "related",
        ]

    # Set by the admin: whether this editor may publish, schedule and embargo.
    can_publish = True
    # Set by the admin while restoring an old version: the stored version is the base.
    restoring = False
    # Set by the admin: who is filling in the form, for the workflow's rules.
    user = None
    # The workflow step the pressed button asks for, once the form is valid.
    step = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            stored = self.instance.version
            if self.restoring:
                stored = (
                    Article.objects.filter(pk=self.instance.pk)
                    .values_list("version", flat=True)
                    .first()
                )
            self.fields["base_version"].initial = stored
        if "submit_to" in self.fields:
            self.fields["submit_to"].queryset = workflow.editors()
            self.fields["submit_to"].label_from_instance = display_name
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .order_by("first_name", "last_name", "username")
            )
            self.fields["assignee"].label_from_instance = display_name
        self.add_search_limits()
        status = self.fields.get("status")
        if status and not self.can_publish:
            status.choices = [
                choice for choice in status.choices if choice[0] != Article.Status.PUBLISHED
            ]

    def add_search_limits(self):
        """Counters for what search results show (writing_aids.js reads the limit), with
        the same advice in words for when scripts do not run."""
        limits = {
            "title": (
                writing.SEARCH_TITLE_LIMIT,
                "of a title; a longer headline needs an SEO title",
            ),
            "standfirst": (
                writing.SEARCH_DESCRIPTION_LIMIT,
                "of the standfirst when there is no SEO description",
            ),
            "seo_title": (writing.SEARCH_TITLE_LIMIT, "of a title"),
            "seo_description": (writing.SEARCH_DESCRIPTION_LIMIT, "of a description"),
        }
        for name, replaced_by in (("title", "seo_title"), ("standfirst", "seo_description")):
            if name in self.fields and replaced_by in self.fields:
                self.fields[name].widget.attrs["data-search-replaced-by"] = replaced_by
        for name, (limit, what) in limits.items():
            field = self.fields.get(name)
            if field is None:
                continue
            field.widget.attrs["data-search-limit"] = limit
            field.widget.attrs["data-search-label"] = field.label or name
            advice = f"Search results show about {limit} characters {what}."
            field.help_text = f"{field.help_text} {advice}".strip()

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == Article.Status.PUBLISHED and not self.can_publish:
            raise ValidationError("Only an editor can publish. Submit it for review instead.")
        return status

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and not self.instance._state.adding:
            self._check_nobody_else_saved(cleaned.get("base_version"))
        step = self.data.get(STEP_FIELD, "")
        if step and self.user is not None and "note" not in self.errors:
            reason = workflow.refusal(
                step,
                self.instance,
                self.user,
                note=cleaned.get("note", ""),
                publish_at=cleaned.get("publish_at", self.instance.publish_at),
            )
            if reason == workflow.NOTE_NEEDED:
                self.add_error("note", reason)
            elif reason:
                raise ValidationError(reason, code="workflow")
            else:
                self.step = step
        return cleaned

    def _check_nobody_else_saved(self, base_version):
        try:
            self.instance.check_version(base_version)
        except EditConflict as conflict:
            stored = conflict.args[0]
            their = Article.history.filter(id=self.instance.pk, version=stored).first()
            raise ValidationError(
                format_html(
                    "Someone else saved this article (version {}{}) after you opened it "
                    "(version {}). Nothing has been saved. Your changes are still in the form "
                    "below; <a href='{}'>see what they changed</a>, then copy across what "
                    "you need and save again.",
                    stored,
                    f", by {their.history_user}" if their and their.history_user else "",
                    base_version,
                    reverse(
                        "admin:articles_article_compare",
                        args=[self.instance.pk],
                        query={"from": base_version, "to": stored},
                    ),
                ),
                code="edit_conflict",
            ) from conflict


def backdated_warning(articles):
    times = "; ".join(
        f"“{article.title}”, {timezone.localtime(article.publish_at):%d/%m/%Y %H:%M}"
        for article in articles
    )
    return (
        f"Back-dated: {times}. A back-dated piece is listed below newer ones, and feeds and "
        "news sitemaps carry its earlier time. To publish it as new, set its publish time to "
        "now."
    )


class AssigneeFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Assigned to me"), ("nobody", "Nobody")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Article.State.choices

    def queryset(self, request, queryset):
        by_state = {
            Article.State.LIVE: queryset.published,
            Article.State.SCHEDULED: queryset.scheduled,
            Article.State.EMBARGOED: lambda: queryset.embargoed().filter(
                status=Article.Status.PUBLISHED
            ),
            Article.State.REVIEW: queryset.in_review,
            Article.State.DRAFT: queryset.drafts,
        }
        chosen = by_state.get(self.value())
        return chosen() if chosen else queryset


class MyWorkFilter(admin.SimpleListFilter):
    """The desk's "My drafts": pieces the editor started or has the next step on."""

    title = "my pieces"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [
            ("in_progress", "Mine, not yet published"),
            ("all", "All mine"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "in_progress":
            return queryset.belonging_to(request.user).in_progress()
        if self.value() == "all":
            return queryset.belonging_to(request.user)
        return queryset


def article_admin_extensions():
    """The extensions that settings.ARTICLE_ADMIN_EXTENSIONS names, as ArticleAdmin uses them."""
    return [import_string(path) for path in getattr(settings, "ARTICLE_ADMIN_EXTENSIONS", [])]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    """The article desk.

    Other apps add to it without this app importing them: ARTICLE_ADMIN_EXTENSIONS in the
    settings lists dotted paths of extension classes, each with any of
    - `inlines`: inline admin classes added to the article form;
    - `list_display`: columns added to the article list (callables taking an article,
      decorated with @admin.display as usual);
    - `annotate(articles)`: a function returning the admin's queryset with what those
      columns read added to it, so the list costs no query per row.
    """

    form = ArticleAdminForm
    # The headline carries its section and bylines, so that it has the room to read on
    # one or two lines beside the filters at a laptop's width.
    list_display = [
        "headline",
        "state_badge",
        "assigned_to",
        "publish_at",
        "recent_reads",
        "is_featured",
    ]
    list_filter = [
        StateFilter,
        AssigneeFilter,
        MyWorkFilter,
        "section",
        "is_featured",
        "authors",
        ("publish_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["section", "assignee"]
    list_per_page = 50
    search_fields = ["title", "standfirst", "slug"]
    date_hierarchy = "publish_at"
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_image", "related"]
    readonly_fields = [
        "lead_image_preview",
        "state_badge",
        "earlier_notes",
        "length",
        "writing_preview",
        "reads_chart",
    ]
    inlines = [BylineInline, InterviewQuestionInline, CorrectionInline, ShareLinkInline]
    actions = ["publish_selected", "unpublish_selected", "feature_selected", "unfeature_selected"]
    object_history_template = "admin/articles/article/object_history.html"
    object_history_list_template = "admin/articles/article/history_list.html"
    object_history_form_template = "admin/articles/article/object_history_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    change_form_template = "admin/articles/article/change_form.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "section",
                    "standfirst",
                    "body",
                    "length",
                    "tags",
                    "new_tags",
                ]
            },
        ),
        ("Search and sharing", {"fields": ["seo_title", "seo_description", "writing_preview"]}),
        ("Picture and video", {"fields": ["lead_image", "lead_image_preview", "video_url"]}),
        (
            "Publishing",
            {
                "fields": [
                    "state_badge",
                    "status",
                    "planned_for",
                    "publish_at",
                    "backdate",
                    "embargo_until",
                    "updated_at",
                    ("is_featured", "featured_order"),
                    "base_version",
                ]
            },
        ),
        (
            "Interview",
            {
                "classes": ["collapse"],
                "fields": ["interviewee_name", "interviewee_role"],
                "description": "For Q&A pieces such as Last word: shown as “Last word with "
                "name, role” and told to search engines.",
            },
        ),
        (
            "Workflow",
            {
                "classes": ["workflow"],
                "fields": ["assignee", "submit_to", "earlier_notes", "note"],
                "description": "Notes here are for the desk only; readers never see them.",
            },
        ),
        ("Readers", {"fields": ["reads_chart"]}),
        (
            "Advanced",
            {"classes": ["collapse"], "fields": ["related"]},
        ),
    ]
    # What a writer may not touch: when and whether a piece goes out, and the front page.
    editor_only_fields = [
        "publish_at",
        "backdate",
        "embargo_until",
        "updated_at",
        "is_featured",
        "featured_order",
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["articles/image_picker.js"]

    # Permissions: writers see and edit the pieces they started or were handed, until an
    # editor publishes them.

    def get_queryset(self, request):
        articles = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author"))
            )
        )
        for extension in article_admin_extensions():
            if hasattr(extension, "annotate"):
                articles = extension.annotate(articles)
        articles = popularity.with_recent_reads(articles)
        return articles.on_desk_of(request.user)

    def get_list_display(self, request):
        columns = list(super().get_list_display(request))
        for extension in article_admin_extensions():
            columns += getattr(extension, "list_display", [])
        return columns

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        for extension in article_admin_extensions():
            inlines += getattr(extension, "inlines", [])
        return inlines

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or _can(request, "publish_article") or self._owns(request, obj)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or _can(request, "publish_article"):
            return True
        return self._owns(request, obj) and obj.status != Article.Status.PUBLISHED

    @staticmethod
    def _owns(request, obj):
        return obj.belongs_to(request.user)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or _can(request, "publish_article")

    def has_publish_permission(self, request):
        return _can(request, "publish_article")

    def has_feature_permission(self, request):
        return _can(request, "feature_article")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not _can(request, "publish_article"):
            # Writers move a piece on with the workflow buttons, not the status list.
            fields += [*self.editor_only_fields, "status", "assignee"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if workflow.SUBMIT in workflow.next_steps(obj or Article(), request.user):
            return fieldsets
        # Choosing who reviews a piece belongs with submitting it.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "submit_to"]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = _can(request, "publish_article")
        form.user = request.user
        # simple-history's "revert to this version" page shows this form too.
        match = request.resolver_match
        form.restoring = bool(match and match.url_name == "articles_article_simple_history")
        return form

    @method_decorator(csp_override(EDITOR_CSP))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "autosave": autosave.form_settings(request)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        # Only on the blank form: a posted row equal to its initial value would not be saved.
        if isinstance(inline, BylineInline) and request.method == "GET" and obj.pk is None:
            author = self.default_byline(request)
            if author is not None:
                kwargs["initial"] = [{"author": author.pk, "position": 0}]
        return kwargs

    @staticmethod
    def default_byline(request):
        """A writer's own byline; an editor's only if they already have one."""
        if _can(request, "publish_article"):
            return Author.objects.filter(user=request.user).first()
        return Author.objects.for_writer(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self.not_yours_redirect(request, object_id) or super().change_view(
            request, object_id, form_url, extra_context
        )

    def not_yours_redirect(self, request, object_id):
        """Send a writer who opened a colleague's piece back to the list, saying whose it is;
        None when the piece is theirs to open or does not exist (Django says so then)."""
        if _can(request, "publish_article") or not self.has_view_or_change_permission(request):
            return None
        try:
            pk = Article._meta.pk.to_python(object_id)
        except ValidationError:
            return None
        if self.get_queryset(request).filter(pk=pk).exists():
            return None
        article = Article.objects.filter(pk=pk).select_related("created_by").first()
        if article is None:
            return None
        if article.created_by:
            owner = display_name(article.created_by)
            whose = f"{owner}’s piece, not yours"
            ask = f"Ask {owner.split()[0]} or an editor."
        else:
            whose, ask = "not one of your pieces", "Ask an editor."
        self.message_user(
            request,
            f"“{article.title}” is {whose}, so you cannot open it. {ask}",
            messages.WARNING,
        )
        return redirect("admin:articles_article_changelist")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("publish_at", timezone.now())
        return initial

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_buttons"] = self.workflow_buttons(request, obj or Article())
        context["step_field"] = STEP_FIELD
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def workflow_buttons(request, article):
        """The next steps this person may take, as (step, label) for the submit row."""
        labels = {
            workflow.SUBMIT: "Submit for review",
            workflow.RETURN: "Return to writer",
            workflow.PUBLISH: "Publish now",
        }
        buttons = []
        for step in workflow.next_steps(article, request.user):
            if step == workflow.SCHEDULE:
                if article.publish_at and article.publish_at > timezone.now():
                    when = timezone.localtime(article.publish_at)
                    buttons.append((step, f"Schedule for {when:%d/%m/%Y %H:%M}"))
            else:
                buttons.append((step, labels[step]))
        return buttons

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        step = form.step
        if not step and "status" in form.changed_data and obj.status == Article.Status.PUBLISHED:
            # The status list is the editors' shortcut for the same step.
            step = workflow.SCHEDULE if obj.publish_at > timezone.now() else workflow.PUBLISH
        note = form.cleaned_data.get("note", "")
        if step:
            obj._history_user = request.user
            done = workflow.take_step(
                step,
                obj,
                by=request.user,
                note=note,
                assignee=form.cleaned_data.get("submit_to"),
            )
            self.message_user(request, done, messages.SUCCESS)
        else:
            super().save_model(request, obj, form, change)
            if workflow.add_note(obj, by=request.user, text=note):
                self.message_user(request, "Your note was added.", messages.SUCCESS)
        autosave.discard_after_save(request, obj, added=not change)
        if obj.is_backdated():
            self.message_user(request, backdated_warning([obj]), messages.WARNING)

    def save_related(self, request, form, formsets, change):
        before = related_snapshot(form.instance)
        super().save_related(request, form, formsets, change)
        new_tags = parse_tags(form.cleaned_data.get("new_tags", ""))
        if new_tags:
            form.instance.tags.add(*new_tags)
        for formset in formsets:
            if formset.model is ShareLink:
                for link in formset.new_objects:
                    link.created_by = request.user
                    link.save(update_fields=["created_by"])
        lines = related_changes(before, related_snapshot(form.instance))
        if lines:
            # The revision this save made, so the history lists these beside its fields.
            form.instance.history.filter(version=form.instance.version).update(
                related_changes="\n".join(lines)
            )

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_public() else obj.get_preview_url()

    # The list: what is live, scheduled, embargoed, in review and draft at a glance.

    @admin.display(description="State")
    def state_badge(self, obj):
        if not obj or not obj.pk:
            return "Draft (not saved yet)"
        state = obj.state
        detail = ""
        if state == Article.State.SCHEDULED:
            detail = f" for {timezone.localtime(obj.publish_at):%d/%m/%Y %H:%M}"
        elif state == Article.State.EMBARGOED:
            detail = f" until {timezone.localtime(obj.embargo_until):%d/%m/%Y %H:%M}"
        return format_html('<span class="state state--{}">{}{}</span>', state, state.label, detail)

    @admin.display(description="Assigned to", ordering="assignee__username")
    def assigned_to(self, obj):
        return display_name(obj.assignee) if obj.assignee else "—"

    @admin.display(description="Earlier notes")
    def earlier_notes(self, obj):
        notes = list(obj.notes.select_related("author")) if obj and obj.pk else []
        if not notes:
            return "No notes yet."
        return format_html(
            '<ol class="notes">{}</ol>',
            format_html_join(
                "",
                '<li class="notes__note"><p class="notes__meta">{}, {}</p>'
                '<p class="notes__text">{}</p></li>',
                (
                    (
                        display_name(note.author) if note.author else "A former colleague",
                        f"{timezone.localtime(note.created_at):%d/%m/%Y %H:%M}",
                        note.text,
                    )
                    for note in notes
                ),
            ),
        )

    @admin.display(description="Headline", ordering="title")
    def headline(self, obj):
        # Django links the first column, keeping the list's filters for the way back.
        return format_html(
            '{}<span class="article-row__meta">{}{}</span>',
            obj.title,
            obj.section,
            f" · {self.bylines(obj)}" if obj.bylines.all() else "",
        )

    @admin.display(description="Bylines")
    def bylines(self, obj):
        return ", ".join(byline.author.name for byline in obj.bylines.all())

    @admin.display(description="Lead image")
    def lead_image_preview(self, obj):
        return image_preview(obj.lead_image if obj else None)

    # Audience: reads counted by articles/popularity.py.

    @admin.display(description="Reads (7 days)", ordering="recent_reads")
    def recent_reads(self, obj):
        return f"{obj.recent_reads:,}"

    @admin.display(description="Reads by day")
    def reads_chart(self, obj, days=30, width=300, height=80):
        if not obj or not obj.pk:
            return "Counted once the piece is published."
        reads = popularity.reads_by_day(obj, days=days)
        most = max(count for _day, count in reads)
        step = width / days
        bars = []
        for n, (day, count) in enumerate(reads):
            bar_height = round(count / most * (height - 2), 1) if most else 0
            bars.append(
                {
                    "day": day,
                    "count": count,
                    "x": round(n * step + 1, 1),
                    "width": round(step - 2, 1),
                    "y": round(height - bar_height, 1),
                    "height": bar_height,
                    "weekend": day.weekday() >= 5,
                }
            )
        return render_to_string(
            "admin/articles/article/reads_chart.html",
            {
                "bars": bars,
                "total": sum(count for _day, count in reads),
                "best": max(reads, key=lambda pair: pair[1]) if most else None,
                "days": days,
                "first": reads[0][0],
                "last": reads[-1][0],
                "width": width,
                "height": height,
            },
        )

    # Writing aids (articles/writing.py): the stored piece's figures, which
    # writing_aids.js keeps up to date while the editor types.

    @admin.display(description="Length")
    def length(self, obj):
        return format_html(
            '<span data-aid="length">{}</span>', writing.length_summary(obj.body if obj else "")
        )

    @admin.display(description="Preview")
    def writing_preview(self, obj):
        article = obj or Article()
        return render_to_string(
            "admin/articles/article/writing_aids.html",
            {
                "search": writing.search_preview(article),
                "social": writing.social_preview(article),
                "title_limit": writing.SEARCH_TITLE_LIMIT,
                "description_limit": writing.SEARCH_DESCRIPTION_LIMIT,
            },
        )

    # Bulk actions, each one for the people allowed to do it.

    def _each(self, request, queryset, change, message):
        articles = list(queryset)
        for article in articles:
            change(article)
            article._history_user = request.user
            article.save()
        self.message_user(request, message.format(done=len(articles)), messages.SUCCESS)
        return articles

    @admin.action(permissions=["publish"], description="Publish (now, or at a future time)")
    def publish_selected(self, request, queryset):
        published = list(queryset.exclude(status=Article.Status.PUBLISHED))
        now = timezone.now()
        for article in published:
            article._history_user = request.user
            step = workflow.SCHEDULE if article.publish_at > now else workflow.PUBLISH
            workflow.take_step(step, article, by=request.user, now=now)
        self.message_user(request, f"Published {len(published)} article(s).", messages.SUCCESS)
        backdated = [article for article in published if article.is_backdated()]
        if backdated:
            self.message_user(request, backdated_warning(backdated), messages.WARNING)

    @admin.action(permissions=["publish"], description="Unpublish (back to draft)")
    def unpublish_selected(self, request, queryset):
        self._each(request, queryset, Article.unpublish, "Unpublished {done} article(s).")

    @admin.action(permissions=["feature"], description="Feature on the front page")
    def feature_selected(self, request, queryset):
        self._each(
            request, queryset, lambda a: setattr(a, "is_featured", True), "Featured {done}."
        )

    @admin.action(permissions=["feature"], description="Stop featuring")
    def unfeature_selected(self, request, queryset):
        self._each(
            request, queryset, lambda a: setattr(a, "is_featured", False), "Unfeatured {done}."
        )

    # Extra pages: preview, compare versions, restore, the calendar.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("calendar/", view(self.calendar_view), name="articles_article_calendar"),
            path(
                "calendar/<int:pk>/move/",
                view(self.calendar_move_view),
                name="articles_article_calendar_move",
            ),
            path("<int:pk>/preview/", view(self.preview_view), name="articles_article_preview"),
            path("<int:pk>/compare/", view(self.compare_view), name="articles_article_compare"),
            path("body-images/", view(self.body_images_view), name="articles_article_body_images"),
            *autosave.DraftCopyEndpoints(self).urls(),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, pk):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def body_images_view(self, request):
        """Pictures in the library for the body editor's image dialog, as JSON.

        `?q=words` searches the words that travel with them, `?id=N` asks for one.
        """
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        images = Image.objects.all()
        if request.GET.get("id"):
            images = images.filter(pk=primary_key_or_404(Image, request.GET["id"]))
        # PostgreSQL refuses a NUL in a string; nobody types one into a search.
        elif query := request.GET.get("q", "").replace("\x00", "").strip()[:100]:
            images = images.filter(
                Q(alt_text__icontains=query)
                | Q(caption__icontains=query)
                | Q(credit__icontains=query)
            )
        results = []
        for image in images[:BODY_IMAGE_CHOICES]:
            thumb = image.rendition("thumb")
            results.append(
                {
                    "id": image.pk,
                    "alt": image.alt_text,
                    "caption": image.caption,
                    "credit": image.credit,
                    "thumb": thumb["url"],
                    "width": thumb["width"] // 2,
                    "height": thumb["height"] // 2,
                }
            )
        return JsonResponse({"results": results})

    def preview_view(self, request, pk):
        """The article exactly as readers will see it, with a banner saying it is a preview."""
        article = self._article_or_404(request, pk)
        response = render_article(request, article, preview=article.state)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Cache-Control"] = "private, no-store"
        return response

    def compare_view(self, request, pk):
        article = self._article_or_404(request, pk)
        versions = Article.history.filter(id=article.pk)
        try:
            older = versions.get(version=int(request.GET["from"]))
            newer_number = request.GET.get("to")
            newer = versions.get(version=int(newer_number)) if newer_number else versions.latest()
        except (KeyError, ValueError, Article.history.model.DoesNotExist):
            raise Http404("No such version.") from None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Changes to “{article}”",
            "original": article,
            "older": older,
            "newer": newer,
            "changes": changes_between(older, newer),
            "related_changes": related_changes_of(
                versions.filter(version__gt=older.version, version__lte=newer.version).order_by(
                    "version"
                )
            ),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def history_view(self, request, object_id, extra_context=None):
        # simple-history filters by the address's id as it stands: one that cannot be a
        # key (a NUL byte, letters) must be a 404, not an error from the database.
        primary_key_or_404(Article, object_id)
        return super().history_view(request, object_id, extra_context)

    @method_decorator(csp_override(EDITOR_CSP))
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        article = self.get_object(request, object_id)
        if article is None or not self.has_change_permission(request, article):
            raise PermissionDenied
        primary_key_or_404(Article.history.model, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def set_history_delta_changes(self, request, page_obj, *args, **kwargs):
        records = list(page_obj.object_list)
        for record, older in zip(records, [*records[1:], None], strict=True):
            fields = changes_between(older, record) if older else []
            record.readable_changes = fields + related_changes_of([record])

    def calendar_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        view = request.GET.get("view")
        view = view if view in calendar.VIEWS else calendar.MONTH
        day = calendar.chosen_day(request.GET.get("day", ""))
        return self.calendar_page(request, calendar.period_around(day, view))

    def calendar_page(self, request, period, *, refused=None):
        """The calendar; `refused`, a bound MoveForm, is shown open with what was typed."""
        calendar.fill(period, self.get_queryset(request), user=request.user)
        if refused is not None:
            for day in period.days:
                for piece in day.pieces:
                    if piece.article.pk == refused.article.pk:
                        piece.move_form = refused
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Editorial calendar: {period.title}",
            "period": period,
            "refused": refused,
        }
        return TemplateResponse(request, "admin/articles/article/calendar.html", context)

    def calendar_move_view(self, request, pk):
        """Move a piece to another day from the calendar (a POST from its Move form)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        form = calendar.MoveForm(request.POST, article=article)
        if form.is_valid():
            when = form.moment()
            try:
                calendar.move(article, when, by=request.user, version=form.cleaned_data["version"])
            except calendar.MoveRefused as refusal:
                form.add_error(None, str(refusal))
            except EditConflict:
                form.add_error(
                    None,
                    "Someone saved this piece after you opened the calendar, so nothing was "
                    "moved. Its date may have changed: look again, then move it.",
                )
            else:
                self.message_user(
                    request,
                    f"“{article.title}” moved to {when:%A %d/%m/%Y at %H:%M}.",
                    messages.SUCCESS,
                )
                url = reverse("admin:articles_article_calendar")
                query = {"view": form.cleaned_data["view"], "day": f"{when:%Y-%m-%d}"}
                return redirect(f"{url}?{urlencode(query)}")
        self.message_user(
            request,
            f"“{article.title}” was not moved. {' '.join(form.problems())}",
            messages.ERROR,
        )
        view = form.cleaned_data.get("view") or calendar.MONTH
        period = calendar.period_around(calendar.day_of(article), view)
        response = self.calendar_page(request, period, refused=form)
        response.status_code = 400
        return response


@admin.register(FrontPageArticle)
class FrontPageAdmin(admin.ModelAdmin):
    """The featured strip in the editors' order; the first public one is the top story."""

    list_display = ["featured_order", "title", "state", "section", "publish_at"]
    list_editable = ["featured_order"]
    list_display_links = None
    list_select_related = ["section"]
    ordering = ["featured_order", "-publish_at", "-pk"]
    actions = None

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["articles/reorder.js"]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(is_featured=True, status=Article.Status.PUBLISHED)
        )

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("widgets", {"featured_order": position_input()})
        return super().get_changelist_form(request, **kwargs)

    def has_module_permission(self, request):
        return _can(request, "feature_article")

    def has_view_permission(self, request, obj=None):
        return _can(request, "feature_article")

    def has_change_permission(self, request, obj=None):
        return _can(request, "feature_article")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="State")
    def state(self, obj):
        return obj.state.label

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "title": "Front page: the top story first, then the featured strip",
            "subtitle": "Drag a piece by its ⠿ handle, or use its Up and Down buttons, then save.",
        }
        return super().changelist_view(request, extra_context)


class ReadFilter(admin.SimpleListFilter):
    title = "read"
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return [("no", "Unread"), ("yes", "Read")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unread()
        if self.value() == "yes":
            return queryset.filter(read_at__isnull=False)
        return queryset


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Each person's own notices: what came to them, came back or went out."""

    list_display = ["when", "kind", "piece", "text", "is_read"]
    list_display_links = None
    list_filter = [ReadFilter, "kind"]
    list_select_related = ["article"]
    list_per_page = 50
    ordering = ["-created_at", "-pk"]
    actions = ["mark_as_read"]

    def get_queryset(self, request):
        return super().get_queryset(request).for_user(request.user)

    # Everyone on the desk has notices; the queryset keeps each to their own.

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or obj.recipient_id == request.user.pk
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="When", ordering="created_at")
    def when(self, notice):
        return f"{timezone.localtime(notice.created_at):%d/%m/%Y %H:%M}"

    @admin.display(description="Piece")
    def piece(self, notice):
        return format_html('<a href="{}">{}</a>', notice_open_url(notice), notice.article.title)

    @admin.display(description="Read", boolean=True)
    def is_read(self, notice):
        return notice.read_at is not None

    @admin.action(permissions=["view"], description="Mark as read")
    def mark_as_read(self, request, queryset):
        marked = queryset.mark_read()
        self.message_user(request, f"Marked {marked} notice(s) as read.", messages.SUCCESS)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "title": "Your notices, newest first"}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/open/", view(self.open_view), name="articles_notice_open"),
            *super().get_urls(),
        ]

    def open_view(self, request, pk):
        """Follow a notice to its piece; a notice followed has been read."""
        notice = get_object_or_404(Notice.objects.for_user(request.user), pk=pk)
        Notice.objects.filter(pk=notice.pk).mark_read()
        return redirect("admin:articles_article_change", notice.article_id)


def notice_open_url(notice):
    return reverse("admin:articles_notice_open", args=[notice.pk])
