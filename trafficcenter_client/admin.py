"""The Traffic Center connection is managed here; the logs are read-only. No zoeksleutel, PGN or
document is ever shown (the models hold none, except an opvraging's received dossier)."""

from __future__ import annotations

from django.contrib import admin

from . import models as m


@admin.register(m.TcVerbinding)
class TcVerbindingAdmin(admin.ModelAdmin):
    list_display = ["naam", "tc_url", "actief", "timeout", "pogingen"]

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


class _AlleenLezen(admin.ModelAdmin):
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.Berichtlog)
class BerichtlogAdmin(_AlleenLezen):
    list_display = ["tijdstip", "richting", "operatie", "school", "resultaat", "duur_ms", "fout"]
    list_filter = ["richting", "operatie", "resultaat"]


@admin.register(m.Dossieraanvraag)
class DossieraanvraagAdmin(_AlleenLezen):
    list_display = ["tijdstip", "school", "aanvrager_brin", "leerling", "resultaat"]
    list_filter = ["resultaat", "overdrachtsoort"]


@admin.register(m.Opvraging)
class OpvragingAdmin(_AlleenLezen):
    list_display = ["tijdstip", "school", "herkomst_brin", "leerling", "status", "resultaat"]
    list_filter = ["status", "resultaat"]
    exclude = ["pgn", "pgn_hash", "xml"]


@admin.register(m.Notificatie)
class NotificatieAdmin(_AlleenLezen):
    list_display = ["ontvangen_op", "school", "bron_brin", "overdrachtsoort", "leerling"]
