"""The Django admin, for beheerders: every model, narrowed to the beheerder's own schools.

Superusers (system administrators) see everything; a user with the beheerder role sees and
changes only the records of the schools where they are beheerder. Every change is audited.
"""

from __future__ import annotations

from django.contrib import admin

from accounts.roles import Recht
from accounts.tenancy import rechten_per_school
from audit import events


def beheer_school_ids(user) -> list[int]:
    return [sid for sid, rechten in rechten_per_school(user).items() if Recht.BEHEER in rechten]


class TenantAdmin(admin.ModelAdmin):
    """``tenant_path`` names the path from the model to its school ("pk" for School itself)."""

    tenant_path: str | None = None
    superuser_only = False

    def _path(self) -> str | None:
        return self.tenant_path or getattr(self.model, "tenant_path", None)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        path = self._path()
        if self.superuser_only or path is None:
            return qs.none()
        return qs.filter(**{f"{path}__in": beheer_school_ids(request.user)})

    def _allowed(self, request) -> bool:
        if request.user.is_superuser:
            return True
        return bool(
            request.user.is_active
            and request.user.is_staff
            and not self.superuser_only
            and self._path() is not None
            and beheer_school_ids(request.user)
        )

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if request.user.is_superuser or field is None:
            return field
        related = db_field.related_model
        allowed = beheer_school_ids(request.user)
        if related._meta.label == "scholen.School":
            field.queryset = field.queryset.filter(pk__in=allowed)
        elif getattr(related, "tenant_path", None):
            field.queryset = field.queryset.filter(**{f"{related.tenant_path}__in": allowed})
        return field

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        events.beheer_gewijzigd(
            request=request,
            obj=obj,
            omschrijving=("gewijzigd" if change else "toegevoegd") + f": {obj._meta.verbose_name}",
        )

    def delete_model(self, request, obj):
        events.beheer_gewijzigd(
            request=request, obj=obj, omschrijving=f"verwijderd: {obj._meta.verbose_name}"
        )
        super().delete_model(request, obj)
