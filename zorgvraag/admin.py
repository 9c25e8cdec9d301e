"""Zorgvragen in the admin: read only (a sent zorgvraag cannot be changed anywhere), narrowed
to the beheerder's schools. No dossier or PDF is shown."""

from __future__ import annotations

from django.contrib import admin

from core.admin import TenantAdmin

from . import models as m


class _AlleenLezen(TenantAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TerugkoppelingInline(admin.TabularInline):
    model = m.Terugkoppeling
    extra = 0
    can_delete = False
    fields = ["status", "bericht", "ontvangen_op"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(m.Zorgvraag)
class ZorgvraagAdmin(_AlleenLezen):
    list_display = [
        "omschrijving",
        "leerling",
        "swv_code",
        "aflevering",
        "notificatie_verstuurd_op",
        "gemaakt_op",
        "verwijderd_op",
    ]
    list_filter = ["aflevering"]
    fields = [
        "leerling",
        "omschrijving",
        "aandachtspunten",
        "profiel",
        "gekozen_blokken",
        "swv_code",
        "swv_routeringskenmerk",
        "swv_naam",
        "aflevering",
        "melding",
        "pogingen",
        "notificatie_verstuurd_op",
        "opgehaald_op",
        "gemaakt_op",
        "gemaakt_door",
        "verwijderd_op",
        "verwijderd_door",
    ]
    readonly_fields = fields
    inlines = [TerugkoppelingInline]
