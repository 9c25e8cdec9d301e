"""The reference SWV system is managed and followed in the admin, by superusers only: its
connection, the zorgvragen it received (with the result of its checks) and the terugkoppeling
it sent. Sending a terugkoppeling: ``manage.py swv_terugkoppeling`` (or the admin action for a
quick "In behandeling")."""

from __future__ import annotations

from django.contrib import admin, messages

from trafficcenter_client.berichten import TerugkoppelingStatus

from . import models as m
from . import services


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


@admin.register(m.SwvSysteem)
class SwvSysteemAdmin(_Superuser):
    list_display = ["naam", "swv_code", "routeringskenmerk", "url", "actief"]
    actions = ["registreren"]

    @admin.action(description="Aanleverpunt registreren bij het Traffic Center")
    def registreren(self, request, queryset):
        for systeem in queryset:
            if services.registreren(systeem):
                self.message_user(request, f"{systeem} is geregistreerd.")
            else:
                self.message_user(request, f"{systeem}: registreren mislukt.", messages.ERROR)


class TerugkoppelingInline(admin.TabularInline):
    model = m.VerstuurdeTerugkoppeling
    extra = 0
    can_delete = False
    readonly_fields = ["status", "bericht", "resultaat", "melding", "verstuurd_op"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(m.Aanvraag)
class AanvraagAdmin(_Superuser):
    list_display = [
        "leerling_naam",
        "school_naam",
        "bron_brin",
        "overstap",
        "status",
        "genotificeerd_op",
        "opgehaald_op",
        "controle_ok",
    ]
    list_filter = ["status", "systeem"]
    readonly_fields = [
        "systeem",
        "koppelsleutel",
        "bron_brin",
        "bron_routeringskenmerk",
        "status",
        "melding",
        "leerling_naam",
        "school_naam",
        "overstap",
        "controle",
        "genotificeerd_op",
        "opgehaald_op",
    ]
    exclude = ["xml"]
    inlines = [TerugkoppelingInline]
    actions = ["ophalen", "in_behandeling"]

    def has_add_permission(self, request):
        return False

    @admin.display(boolean=True, description="controle in orde")
    def controle_ok(self, obj):
        return obj.status == m.AanvraagStatus.OPGEHAALD and not obj.controle

    @admin.action(description="Dossier (opnieuw) ophalen")
    def ophalen(self, request, queryset):
        for aanvraag in queryset:
            aanvraag = services.dossier_ophalen(aanvraag)
            self.message_user(request, f"{aanvraag}: {aanvraag.get_status_display()}")

    @admin.action(description="Terugkoppeling sturen: in behandeling")
    def in_behandeling(self, request, queryset):
        for aanvraag in queryset:
            verstuurd = services.terugkoppeling_sturen(
                aanvraag,
                status=TerugkoppelingStatus.IN_BEHANDELING,
                bericht="De aanvraag is in behandeling genomen.",
            )
            niveau = messages.INFO if services.afgeleverd(verstuurd) else messages.ERROR
            self.message_user(request, f"{aanvraag}: {verstuurd}", niveau)
