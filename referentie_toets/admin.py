from __future__ import annotations

from django.contrib import admin

from . import models as m


class _Superuser(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(m.ToetsSchool)
class ToetsSchoolAdmin(_Superuser):
    list_display = ["naam", "toetsnaam", "school_oin", "las_kenmerk", "inschrijving_open"]


@admin.register(m.Levering)
class LeveringAdmin(_Superuser):
    list_display = ["geleverd_op", "deelnemer", "http_status", "melding"]
