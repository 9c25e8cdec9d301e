from django.contrib import admin

from core.admin import TenantAdmin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(TenantAdmin):
    tenant_path = "school"
    list_display = ("tijdstip", "gebruiker", "actie", "school", "leerling_id", "omschrijving")
    list_filter = ("actie",)
    search_fields = ("gebruiker", "omschrijving")
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
