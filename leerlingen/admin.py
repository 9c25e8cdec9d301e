from django.contrib import admin

from core.admin import TenantAdmin

from . import models as m


class VerzorgerInline(admin.StackedInline):
    model = m.Verzorger
    extra = 0


class CommunicatieInline(admin.TabularInline):
    model = m.LeerlingCommunicatie
    extra = 0


@admin.register(m.Leerling)
class LeerlingAdmin(TenantAdmin):
    list_display = ("achternaam", "roepnaam", "school", "groep", "jaargroep", "pgn_type")
    list_filter = ("school", "jaargroep")
    search_fields = ("achternaam", "roepnaam", "voornamen")
    exclude = ("pgn",)  # the number is changed on the pupil card, where it is checked
    readonly_fields = ("pgn_type",)
    inlines = [CommunicatieInline, VerzorgerInline]

    def has_add_permission(self, request):
        return False  # pupils are enrolled through "Leerling inschrijven"


class ReferentiescoreInline(admin.TabularInline):
    model = m.ToetsReferentiescore
    extra = 0


class EindtoetsOnderdeelInline(admin.TabularInline):
    model = m.EindtoetsOnderdeelResultaat
    extra = 0


class CijferlijstOnderdeelInline(admin.TabularInline):
    model = m.CijferlijstOnderdeel
    extra = 0


@admin.register(m.Toets)
class ToetsAdmin(TenantAdmin):
    list_display = ("leerling", "afnamedatum", "leergebied", "toetsnaam", "toetsversie")
    inlines = [ReferentiescoreInline]
    raw_id_fields = ("leerling",)


@admin.register(m.Eindtoets)
class EindtoetsAdmin(TenantAdmin):
    list_display = ("leerling", "toetssoort", "datum_afname", "standaardscore")
    inlines = [EindtoetsOnderdeelInline]
    raw_id_fields = ("leerling",)


@admin.register(m.Cijferlijst)
class CijferlijstAdmin(TenantAdmin):
    list_display = ("leerling", "naam", "jaargroep", "periode")
    inlines = [CijferlijstOnderdeelInline]
    raw_id_fields = ("leerling",)


for model in (
    m.LeerlingCommunicatie,
    m.Verzorger,
    m.Schoolloopbaan,
    m.VVE,
    m.Overstapadvies,
    m.Onderwijsondersteuning,
    m.Diagnose,
    m.TLV,
    m.Arrangement,
    m.Handelingsplan,
    m.Verzuim,
    m.EindtoetsOnderdeelResultaat,
    m.ToetsReferentiescore,
    m.CijferlijstOnderdeel,
    m.VoMboGegevens,
    m.VakResultaat,
    m.MapItem,
):
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (TenantAdmin,),
            {"raw_id_fields": ("leerling",)}
            if any(f.name == "leerling" for f in model._meta.fields)
            else {},
        ),
    )
