from django.contrib import admin
from django.utils.html import format_html

from .models import Article, Author, Byline, Correction, Image, InterviewQuestion, Section


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["preview", "alt_text", "credit", "width", "height", "created_at"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "width", "height"]
    fields = ["file", "preview", "alt_text", "caption", "credit", "width", "height"]

    @admin.display(description="Preview")
    def preview(self, obj):
        if not obj.pk or not obj.file:
            return "—"
        thumb = obj.rendition("thumb")
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
    autocomplete_fields = ["headshot"]


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]


class InterviewQuestionInline(admin.StackedInline):
    model = InterviewQuestion
    extra = 0
    verbose_name = "Q&A turn"
    verbose_name_plural = "Q&A turns (for interviews such as Last word)"


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "section", "status", "publish_at", "is_featured"]
    list_filter = ["status", "section", "is_featured"]
    list_select_related = ["section"]
    search_fields = ["title", "standfirst"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["lead_image", "related"]
    inlines = [BylineInline, InterviewQuestionInline, CorrectionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "standfirst", "body", "tags"]}),
        ("Picture and video", {"fields": ["lead_image", "video_url"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "publish_at",
                    "updated_at",
                    ("is_featured", "featured_order"),
                    "comments_open",
                ]
            },
        ),
        (
            "Advanced",
            {"classes": ["collapse"], "fields": ["seo_title", "seo_description", "related"]},
        ),
    ]
