"""The bulletin in the admin."""

from django.contrib import admin

from .models import Delivery

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
