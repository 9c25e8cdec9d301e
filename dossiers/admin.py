from django.contrib import admin

from core.admin import TenantAdmin

from . import models as m


class ReadOnlyTenantAdmin(TenantAdmin):
    """Versions, klaarzettingen and jobs are written by the workflow only, never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.Overstapdossier)
class OverstapdossierAdmin(ReadOnlyTenantAdmin):
    list_display = (
        "leerling",
        "status",
        "binnen_brin",
        "laatst_verzameld_op",
        "laatst_verzonden_op",
    )
    list_filter = ("status", "binnen_brin")
    exclude = ("gekozen_toetsen", "gekozen_handelingsplannen", "bijlagen")


@admin.register(m.DossierVersie)
class DossierVersieAdmin(ReadOnlyTenantAdmin):
    list_display = ("dossier", "nummer", "profiel", "verzameld_op", "verzameld_door")
    exclude = ("xml",)


@admin.register(m.Klaarzetting)
class KlaarzettingAdmin(ReadOnlyTenantAdmin):
    list_display = ("dossier", "versie", "voor_brin", "voor_naam", "klaargezet_op")
    exclude = ("xml",)


@admin.register(m.Verzamelopdracht)
class VerzamelopdrachtAdmin(ReadOnlyTenantAdmin):
    list_display = ("dossier", "profiel", "status", "aangemaakt_op", "pogingen")
    list_filter = ("status",)
