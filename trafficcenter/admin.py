"""The reference Traffic Center in the admin: for system administrators (superusers) only.

Sessions, koppelingen and the message log are read-only. The one change an administrator makes
besides (de)activating an aanleverpunt is lifting its certificate binding, when the system behind
it changes certificates: its next registration then binds the new one. The zoeksleutel (even
encrypted) is never shown.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit import events

from . import models as m


class _AlleenSuperuser(admin.ModelAdmin):
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


@admin.register(m.TcAanleverpunt)
class TcAanleverpuntAdmin(_AlleenSuperuser):
    list_display = (
        "brin",
        "routeringskenmerk",
        "naam",
        "soort",
        "sector",
        "actief",
        "certificaat_oin",
    )
    list_filter = ("soort", "sector", "actief")
    search_fields = ("brin", "routeringskenmerk", "naam", "certificaat_oin")
    fields = (
        "brin",
        "routeringskenmerk",
        "naam",
        "soort",
        "sector",
        "url",
        "actief",
        "certificaat_oin",
        "certificaat_fingerprint",
        "certificaat",
        "geregistreerd_op",
        "gewijzigd_op",
    )
    readonly_fields = tuple(f for f in fields if f != "actief")
    actions = ("certificaatbinding_opheffen",)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        events.beheer_gewijzigd(
            request=request, obj=obj, omschrijving=f"Traffic Center: actief={obj.actief}"
        )

    @admin.action(description=_("Certificaatbinding opheffen (bij een nieuw certificaat)"))
    def certificaatbinding_opheffen(self, request, queryset):
        aantal = 0
        for aanleverpunt in queryset:
            aanleverpunt.certificaat = ""
            aanleverpunt.certificaat_fingerprint = ""
            aanleverpunt.certificaat_oin = ""
            aanleverpunt.save()
            events.beheer_gewijzigd(
                request=request,
                obj=aanleverpunt,
                omschrijving="Traffic Center: certificaatbinding opgeheven",
            )
            aantal += 1
        self.message_user(
            request,
            ngettext(
                "De certificaatbinding van %(aantal)d aanleverpunt is opgeheven.",
                "De certificaatbinding van %(aantal)d aanleverpunten is opgeheven.",
                aantal,
            )
            % {"aantal": aantal},
            messages.SUCCESS,
        )


@admin.register(m.TcSessie)
class TcSessieAdmin(_AlleenSuperuser):
    list_display = (
        "sessie_id",
        "bron_brin",
        "doel_brin",
        "overdrachtsoort",
        "aangemaakt",
        "resultaat",
    )
    list_filter = ("overdrachtsoort", "resultaat")
    search_fields = ("sessie_id", "bron_brin", "doel_brin")
    exclude = ("zoeksleutel",)


@admin.register(m.TcKoppeling)
class TcKoppelingAdmin(_AlleenSuperuser):
    list_display = ("koppelsleutel", "bron", "doel", "overdrachtsoort", "aangemaakt")
    list_filter = ("overdrachtsoort",)


@admin.register(m.TcBerichtlog)
class TcBerichtlogAdmin(_AlleenSuperuser):
    list_display = (
        "tijdstip",
        "operatie",
        "beller_oin",
        "bron_brin",
        "doel_brin",
        "resultaat",
        "duur_ms",
    )
    list_filter = ("operatie", "resultaat")
    search_fields = ("beller_oin", "bron_brin", "doel_brin", "sessie_id")
    date_hierarchy = "tijdstip"


@admin.register(m.TcMandaat)
class TcMandaatAdmin(_AlleenSuperuser):
    """A school grants (adds) or withdraws (deletes) a supplier's mandate here."""

    list_display = ("brin", "oin", "omschrijving", "verleend_op")
    search_fields = ("brin", "oin", "omschrijving")
    fields = ("brin", "oin", "omschrijving")

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
