from django.contrib import admin

from .models import Herinnering, LandelijkeKalender, RegionaleAfspraak


@admin.register(LandelijkeKalender)
class LandelijkeKalenderAdmin(admin.ModelAdmin):
    """The beheerder keeps the national dates of each school year here."""

    list_display = [
        "schooljaar",
        "voorlopig_advies_uiterlijk",
        "toetsuitslag_op",
        "definitief_advies_uiterlijk",
        "aanmeldweek_vanaf",
        "plaatsing_uiterlijk",
    ]


@admin.register(RegionaleAfspraak)
class RegionaleAfspraakAdmin(admin.ModelAdmin):
    list_display = ["school", "schooljaar", "regio", "klaarzetten_vanaf", "klaarzetten_voor"]
    list_filter = ["schooljaar"]


@admin.register(Herinnering)
class HerinneringAdmin(admin.ModelAdmin):
    list_display = ["school", "soort", "aangemaakt_op", "gelezen_op"]
    list_filter = ["soort"]
    readonly_fields = ["sleutel"]
