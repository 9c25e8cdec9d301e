from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser and "bestuur" in form.base_fields:
            form.base_fields["bestuur"].disabled = True
        return form
