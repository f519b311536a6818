from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from articles.models import Article

from . import moderation
from .discussion import thread
from .forms import BlockCommenterForm, RedactionForm, StaffReplyForm
from .models import (
    ArticleCommentSettings,
    BlockedPhrase,
    Comment,
    CommenterBlock,
    Report,
    ReportedComment,
)


def masked_email(email):
    """Enough of an address to tell two readers apart, never the address itself."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


class ReportInline(admin.TabularInline):
    model = Report
    fields = ["reason", "note", "created_at", "resolved"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CommentModerationForm(forms.ModelForm):
    confirm_safe = forms.BooleanField(
        required=False,
        label="I have read it again and it is safe to publish",
        help_text="Needed to approve a comment held for patient information or defamation.",
    )

    class Meta:
        model = Comment
        fields = ["status"]

    def clean(self):
        cleaned = super().clean()
        hold = self.instance.safety_hold
        if (
            hold
            and cleaned.get("status") == Comment.Status.APPROVED
            and not cleaned.get("confirm_safe")
        ):
            label = Comment.SafetyHold(hold).label
            self.add_error(
                "confirm_safe",
                f"This comment is held for {label}. Read it again, then tick the box to "
                "confirm that it is safe to publish.",
            )
        return cleaned


class ReportedFilter(admin.SimpleListFilter):
    title = "reader reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", "Reported, not yet reviewed")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.reported()
        return queryset


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    form = CommentModerationForm
    list_display = [
        "excerpt",
        "name",
        "article_link",
        "status",
        "hold_reason",
        "report_count",
        "created_at",
    ]
    list_display_links = ["excerpt"]
    list_filter = ["status", ReportedFilter, "safety_hold", "created_at"]
    list_select_related = ["article__section"]
    show_facets = admin.ShowFacets.ALWAYS
    # "=email" finds a reader's comments by exact address without ever listing addresses.
    search_fields = ["name", "body", "=email"]
    search_help_text = "Search names and words; an exact email address finds its comments."
    # Pending first, so the queue is what a moderator sees on arrival.
    ordering = [
        Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ).asc(),
        "-created_at",
    ]
    actions = ["approve", "reject", "mark_spam"]
    inlines = [ReportInline]
    fields = [
        "article_link",
        "parent_link",
        "name",
        "email_masked",
        "rendered_body",
        "status",
        "hold_reason",
        "safety_hold",
        "report_count",
        "notify_replies",
        "created_at",
        "moderated_at",
        "moderated_by",
        "ip_hash",
        "is_staff_reply",
    ]
    readonly_fields = [field for field in fields if field != "status"]

    def get_fields(self, request, obj=None):
        fields = list(self.fields)
        if obj and obj.safety_hold and self.has_moderate_permission(request):
            fields.insert(fields.index("status") + 1, "confirm_safe")
        if obj and self.has_moderate_permission(request):
            fields.insert(0, "moderator_tools")
            fields.insert(fields.index("rendered_body") + 1, "redaction_history")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if self.has_moderate_permission(request):
            return [*self.readonly_fields, "moderator_tools", "redaction_history"]
        return [*self.readonly_fields, "status"]

    def get_urls(self):
        view = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path(
                "<int:pk>/staff-reply/",
                view(self.staff_reply_view),
                name=f"{name}_staff_reply",
            ),
            path("<int:pk>/block/", view(self.block_view), name=f"{name}_block"),
            path("<int:pk>/redact/", view(self.redact_view), name=f"{name}_redact"),
            path(
                "article/<int:article_id>/thread/",
                view(self.thread_view),
                name=f"{name}_thread",
            ),
            *super().get_urls(),
        ]

    @admin.display(description="Moderator tools")
    def moderator_tools(self, obj):
        tools = [
            (
                reverse("admin:comments_comment_thread", args=[obj.article_id])
                + f"#{obj.anchor()}",
                "See the whole thread",
            )
        ]
        if obj.status == Comment.Status.APPROVED:
            tools.append(
                (
                    reverse("admin:comments_comment_staff_reply", args=[obj.pk]),
                    "Reply as NHE staff",
                )
            )
        if not obj.is_removed:
            tools.append(
                (reverse("admin:comments_comment_redact", args=[obj.pk]), "Redact part of it")
            )
        if not obj.is_staff_reply:
            tools.append(
                (reverse("admin:comments_comment_block", args=[obj.pk]), "Block this commenter")
            )
        return format_html_join(" · ", '<a href="{}">{}</a>', tools)

    @admin.display(description="Redactions (moderators only)")
    def redaction_history(self, obj):
        redactions = obj.redactions.select_related("redacted_by")
        if not redactions:
            return "None"
        return render_to_string(
            "admin/comments/comment/redactions.html", {"redactions": redactions}
        )

    def moderator_form_page(self, request, comment, form, *, title, intro, submit_label):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "intro": intro,
            "comment": comment,
            "form": form,
            "submit_label": submit_label,
        }
        return TemplateResponse(request, "admin/comments/comment/moderator_form.html", context)

    def moderated_comment(self, request, pk):
        if not self.has_moderate_permission(request):
            raise PermissionDenied
        return get_object_or_404(Comment.objects.select_related("article__section"), pk=pk)

    def thread_view(self, request, article_id):
        """Every comment on an article, whatever its status, threaded as readers would see
        them, so a moderator judges a comment in its conversation."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article.objects.select_related("section"), pk=article_id)
        comments = list(
            Comment.objects.filter(article=article)
            .select_related("moderated_by")
            .order_by("created_at", "pk")
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Comments on “{article.title}”",
            "article": article,
            "threads": thread(comments),
            "total": len(comments),
        }
        return TemplateResponse(request, "admin/comments/comment/thread.html", context)

    def redact_view(self, request, pk):
        comment = self.moderated_comment(request, pk)
        form = RedactionForm(request.POST or None, comment=comment)
        if request.method == "POST" and form.is_valid():
            try:
                moderation.redact(
                    comment,
                    form.cleaned_data["passage"],
                    moderator=request.user,
                    note=form.cleaned_data["note"],
                )
            except moderation.PassageNotFound:
                form.add_error("passage", "The comment changed meanwhile. Check it again.")
            else:
                self.message_user(
                    request,
                    "The passage is removed; readers see “[removed by a moderator]” in its "
                    "place. The original is kept below, for moderators only.",
                    messages.SUCCESS,
                )
                return redirect("admin:comments_comment_change", comment.pk)
        return self.moderator_form_page(
            request,
            comment,
            form,
            title="Redact part of this comment",
            intro=(
                "Remove a passage (a name, a detail that could identify a patient, an insult) "
                "and leave the rest of the comment as it is."
            ),
            submit_label="Remove passage",
        )

    def block_view(self, request, pk):
        comment = self.moderated_comment(request, pk)
        form = BlockCommenterForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            block = moderation.block_commenter(
                comment,
                moderator=request.user,
                days=form.cleaned_data["days"],
                note=form.cleaned_data["note"],
                by_network=form.cleaned_data["by_network"],
            )
            until = date_format(timezone.localtime(block.blocked_until), "j F Y, H:i")
            self.message_user(
                request,
                f"{comment.name} ({masked_email(comment.email)}) cannot comment until {until}.",
                messages.SUCCESS,
            )
            return redirect("admin:comments_comment_change", comment.pk)
        return self.moderator_form_page(
            request,
            comment,
            form,
            title="Block this commenter",
            intro=(
                "New comments from this email address (and, if you choose, from the same "
                "network address) are refused with a polite message until the block ends. "
                "What they have already posted stays as it is: reject it separately if it "
                "should go."
            ),
            submit_label="Block commenter",
        )

    def staff_reply_view(self, request, pk):
        comment = self.moderated_comment(request, pk)
        if comment.status != Comment.Status.APPROVED:
            self.message_user(
                request, "Only a published comment can have a staff reply.", messages.ERROR
            )
            return redirect("admin:comments_comment_change", comment.pk)
        user = request.user
        form = StaffReplyForm(
            request.POST or None, initial={"name": user.get_full_name() or user.get_username()}
        )
        if request.method == "POST" and form.is_valid():
            reply = moderation.post_staff_reply(
                comment,
                moderator=user,
                name=form.cleaned_data["name"],
                body=form.cleaned_data["body"],
            )
            self.message_user(
                request,
                format_html(
                    'Your reply is published, marked as NHE staff. <a href="{}">See it on the '
                    "page</a>.",
                    reply.get_absolute_url(),
                ),
                messages.SUCCESS,
            )
            return redirect("admin:comments_comment_change", reply.pk)
        return self.moderator_form_page(
            request,
            comment,
            form,
            title="Reply as NHE staff",
            intro=(
                "Your reply is published at once under this comment's thread and marked "
                "“NHE staff” on the article page."
            ),
            submit_label="Publish staff reply",
        )

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.can_moderate")

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            moderation.moderate(
                Comment.objects.filter(pk=obj.pk),
                obj.status,
                moderator=request.user,
                release_safety_hold=form.cleaned_data.get("confirm_safe", False),
            )
        # Nothing else on the page is editable.

    @admin.display(description="Held reason", ordering="held_reason")
    def hold_reason(self, obj):
        return obj.hold_reason or "—"

    @admin.display(description="Comment")
    def excerpt(self, obj):
        return truncatechars(obj.body, 90)

    @admin.display(description="Comment")
    def rendered_body(self, obj):
        return render_to_string("comments/includes/comment_body.html", {"body": obj.body})

    @admin.display(description="Email")
    def email_masked(self, obj):
        return masked_email(obj.email)

    @admin.display(description="Article", ordering="article__title")
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', obj.article.get_absolute_url(), obj.article.title
        )

    @admin.display(description="In reply to")
    def parent_link(self, obj):
        if not obj.parent_id:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_change", args=[obj.parent_id]),
            truncatechars(obj.parent.body, 60),
        )

    def _moderate(self, request, queryset, status, verb):
        changed = moderation.moderate(queryset, status, moderator=request.user)
        self.message_user(
            request, f"{changed} comment{'s' if changed != 1 else ''} {verb}.", messages.SUCCESS
        )

    @admin.action(description="Approve selected comments", permissions=["moderate"])
    def approve(self, request, queryset):
        held = dict(
            queryset.exclude(status=Comment.Status.APPROVED)
            .under_safety_hold()
            .order_by()
            .values_list("safety_hold")
            .annotate(total=Count("pk"))
        )
        if not held:
            self._moderate(request, queryset, Comment.Status.APPROVED, "approved")
            return
        approved = moderation.moderate(queryset, Comment.Status.APPROVED, moderator=request.user)
        left = " and ".join(
            f"{held[hold]} held for {hold.label}" for hold in Comment.SafetyHold if hold in held
        )
        self.message_user(
            request,
            f"{approved} approved; {left} left for you to review one by one.",
            messages.WARNING,
        )

    @admin.action(description="Reject selected comments", permissions=["moderate"])
    def reject(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.REJECTED, "rejected")

    @admin.action(description="Mark selected comments as spam", permissions=["moderate"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, Comment.Status.SPAM, "marked as spam")


@admin.register(ReportedComment)
class ReportedCommentAdmin(CommentAdmin):
    """A queue of its own for comments readers reported, with their reasons and notes, so
    that reports do not wait unseen among everything pre-moderation holds."""

    list_display = [
        "excerpt",
        "name",
        "article_link",
        "status",
        "reader_reports",
        "created_at",
    ]
    list_filter = ["status", "safety_hold"]
    # Most reported first: the comments most readers are worried about.
    ordering = ["-report_count", "-created_at"]
    actions = ["keep", *CommentAdmin.actions]

    @admin.action(
        description="Keep selected comments as they are and dismiss the reports",
        permissions=["moderate"],
    )
    def keep(self, request, queryset):
        kept = moderation.dismiss_reports(queryset, moderator=request.user)
        self.message_user(
            request,
            f"Reports dismissed on {kept} comment{'s' if kept != 1 else ''}.",
            messages.SUCCESS,
        )

    def get_queryset(self, request):
        unresolved = Report.objects.filter(resolved=False).order_by("created_at", "pk")
        return (
            super()
            .get_queryset(request)
            .reported()
            .prefetch_related(Prefetch("reports", queryset=unresolved, to_attr="open_reports"))
        )

    @admin.display(description="Readers' reports and notes")
    def reader_reports(self, obj):
        reports = getattr(obj, "open_reports", None)
        if reports is None:
            reports = obj.reports.filter(resolved=False)
        return format_html(
            '<ul class="reader-reports">{}</ul>',
            format_html_join(
                "",
                "<li>{}{}</li>",
                (
                    (
                        report.get_reason_display(),
                        format_html(": “{}”", report.note) if report.note else "",
                    )
                    for report in reports
                ),
            ),
        )

    # The queue is part of the comment desk: whoever may see and moderate comments may work
    # it, without permissions of its own.
    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("comments.view_comment")

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("comments.change_comment")

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm("comments.delete_comment")

    def has_module_permission(self, request):
        return self.has_view_permission(request)


@admin.register(CommenterBlock)
class CommenterBlockAdmin(admin.ModelAdmin):
    """Blocks are made from a comment's page; here moderators see them and end them early."""

    list_display = ["masked", "blocked_until", "in_force", "note", "created_by", "created_at"]
    fields = ["masked", "ip_hash", "blocked_until", "note", "comment", "created_by", "created_at"]
    readonly_fields = fields
    list_select_related = ["created_by"]
    actions = ["lift"]

    @admin.display(description="Email")
    def masked(self, obj):
        return masked_email(obj.email)

    @admin.display(description="In force", boolean=True)
    def in_force(self, obj):
        return obj.blocked_until > timezone.now()

    @admin.action(description="End the selected blocks now", permissions=["moderate"])
    def lift(self, request, queryset):
        ended = queryset.in_force().update(blocked_until=timezone.now())
        self.message_user(request, f"{ended} block{'s' if ended != 1 else ''} ended.")

    # Blocking is part of moderating comments, so the moderation permission governs it.
    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.can_moderate")

    def has_view_permission(self, request, obj=None):
        return self.has_moderate_permission(request)

    def has_module_permission(self, request):
        return self.has_moderate_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BlockedPhrase)
class BlockedPhraseAdmin(admin.ModelAdmin):
    list_display = ["phrase", "note", "created_at"]
    search_fields = ["phrase", "note"]


class CommentSettingsInline(admin.StackedInline):
    model = ArticleCommentSettings
    can_delete = False
    max_num = 1
    verbose_name = "Comment closing and legal hold"


@admin.display(description="Pending comments", ordering="pending_comments")
def pending_comments(article):
    """The article's place in the moderation queue, linked to its pending comments."""
    if not article.pending_comments:
        return 0
    return format_html(
        '<a href="{}?article__id__exact={}&amp;status__exact=pending">{}</a>',
        reverse("admin:comments_comment_changelist"),
        article.pk,
        article.pending_comments,
    )


class ArticleComments:
    """What the article desk shows of comments (settings.ARTICLE_ADMIN_EXTENSIONS): the
    pending comments in the article list, and the comment settings on the article form."""

    inlines = [CommentSettingsInline]
    list_display = [pending_comments]

    @staticmethod
    def annotate(articles):
        pending = (
            Comment.objects.pending()
            .filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return articles.annotate(pending_comments=Coalesce(Subquery(pending), 0))
