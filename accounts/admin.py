from axes.utils import reset as axes_reset
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from audit import events
from core.admin import TenantAdmin

from .models import Aanstelling, User


class AanstellingInline(admin.TabularInline):
    model = Aanstelling
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [AanstellingInline]

    # Accounts are managed by system administrators only.
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


@admin.register(Aanstelling)
class AanstellingAdmin(TenantAdmin):
    tenant_path = "school"
    list_display = ("user", "rol", "school", "bestuur")
    list_filter = ("rol",)
    actions = ["blokkade_opheffen"]

    @admin.action(description="Inlogblokkade opheffen")
    def blokkade_opheffen(self, request, queryset):
        """A beheerder lifts the lockout of the accounts of their own schools (audited)."""
        namen = sorted({a.user.get_username() for a in queryset.select_related("user")})
        for naam in namen:
            aantal = axes_reset(username=naam)
            events.blokkade_opgeheven(request=request, gebruikersnaam=naam, aantal=aantal)
        self.message_user(
            request,
            f"Inlogblokkade opgeheven voor {len(namen)} account(s).",
            messages.SUCCESS,
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser and "bestuur" in form.base_fields:
            form.base_fields["bestuur"].disabled = True
        return form
