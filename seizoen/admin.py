from django.contrib import admin

from core.admin import TenantAdmin, beheer_school_ids

from .models import Herinnering, LandelijkeKalender, RegionaleAfspraak


@admin.register(LandelijkeKalender)
class LandelijkeKalenderAdmin(TenantAdmin):
    """The national dates belong to no school: every beheerder keeps them (audited)."""

    list_display = [
        "schooljaar",
        "voorlopig_advies_uiterlijk",
        "toetsuitslag_op",
        "definitief_advies_uiterlijk",
        "aanmeldweek_vanaf",
        "plaatsing_uiterlijk",
    ]

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        return qs if self._allowed(request) else qs.none()

    def _allowed(self, request) -> bool:
        user = request.user
        if user.is_superuser:
            return True
        return bool(user.is_active and user.is_staff and beheer_school_ids(user))


@admin.register(RegionaleAfspraak)
class RegionaleAfspraakAdmin(TenantAdmin):
    list_display = ["school", "schooljaar", "regio", "klaarzetten_vanaf", "klaarzetten_voor"]
    list_filter = ["schooljaar"]


@admin.register(Herinnering)
class HerinneringAdmin(TenantAdmin):
    list_display = ["school", "soort", "aangemaakt_op", "gelezen_op"]
    list_filter = ["soort"]
    readonly_fields = ["sleutel"]
