# Subscribers ----------------------------------------------------------------------------------

from django.contrib import admin, messages

from . import subscriptions
from .models import Consent, Subscriber


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
