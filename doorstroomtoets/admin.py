"""A school's toets supplier is set by a beheerder of that school (tenant-aware admin)."""

from __future__ import annotations

from django.contrib import admin

from core.admin import TenantAdmin

from . import models as m


@admin.register(m.Koppeling)
class KoppelingAdmin(TenantAdmin):
    list_display = ["school", "aanbieder_naam", "toetssoort", "url", "actief"]
    list_filter = ["toetssoort", "actief"]


@admin.register(m.Berichtlog)
class BerichtlogAdmin(TenantAdmin):
    list_display = ["tijdstip", "richting", "operatie", "school", "http_status", "aantal"]
    list_filter = ["richting", "operatie", "http_status"]
    readonly_fields = [f.name for f in m.Berichtlog._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
