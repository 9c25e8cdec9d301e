from django.contrib import admin

from core.admin import TenantAdmin

from . import models as m


class SchoolAdresInline(admin.TabularInline):
    model = m.SchoolAdres
    extra = 0


class SchoolCommunicatieInline(admin.TabularInline):
    model = m.SchoolCommunicatie
    extra = 0


class VestigingInline(admin.TabularInline):
    model = m.Vestiging
    extra = 0


@admin.register(m.School)
class SchoolAdmin(TenantAdmin):
    tenant_path = "pk"
    list_display = ("brincode", "naam", "soort", "bestuur", "aangesloten_regionaal_initiatief")
    search_fields = ("brincode", "naam")
    list_filter = ("soort",)
    inlines = [SchoolAdresInline, SchoolCommunicatieInline, VestigingInline]

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(m.Bestuur)
class BestuurAdmin(TenantAdmin):
    superuser_only = True
    list_display = ("naam", "bevoegd_gezag_nummer")


@admin.register(m.Samenwerkingsverband)
class SamenwerkingsverbandAdmin(TenantAdmin):
    superuser_only = True
    list_display = ("naam", "code", "sector")


@admin.register(m.Aanleverpunt)
class AanleverpuntAdmin(TenantAdmin):
    tenant_path = "school"
    list_display = ("nummer", "school", "samenwerkingsverband", "soort", "registratiestatus")
    list_filter = ("soort", "registratiestatus")
    readonly_fields = ("registratiestatus", "geregistreerd_op")
