"""The Django admin, for beheerders: every model, narrowed to the beheerder's own schools.

Superusers (system administrators) see everything; a user with the beheerder role sees and
changes only the records of the schools where they are beheerder. Every change is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin

from accounts.roles import Recht
from accounts.tenancy import rechten_per_school
from audit import events


def beheer_school_ids(user) -> list[int]:
    return [sid for sid, rechten in rechten_per_school(user).items() if Recht.BEHEER in rechten]


def smal_in(queryset, user):
    """``queryset`` (of any model) narrowed to what the beheerder ``user`` may see: their
    schools, the records of their schools, the users appointed at their schools; nothing of a
    model that belongs to no school. Superusers see all."""
    if user.is_superuser:
        return queryset
    model = queryset.model
    allowed = beheer_school_ids(user)
    if model._meta.label == "scholen.School":
        return queryset.filter(pk__in=allowed)
    if model._meta.label == "scholen.Bestuur":
        return queryset.filter(scholen__pk__in=allowed).distinct()
    if model._meta.label == settings.AUTH_USER_MODEL:
        return queryset.filter(aanstellingen__school__in=allowed).distinct()
    path = getattr(model, "tenant_path", None)
    if path:
        return queryset.filter(**{f"{path}__in": allowed})
    return queryset


class TenantRelatedFilter(admin.RelatedFieldListFilter):
    """The admin's filter on a relation, offering only what the beheerder may see (by default it
    lists every school, every user ...)."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        qs = smal_in(field.related_model._default_manager.all(), request.user)
        if ordering:
            qs = qs.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in qs]


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
        field.queryset = smal_in(field.queryset, request.user)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if request.user.is_superuser or field is None:
            return field
        field.queryset = smal_in(field.queryset, request.user)
        return field

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        smal = []
        for item in filters:
            if isinstance(item, str) and "__" not in item:
                veld = self.model._meta.get_field(item)
                if veld.is_relation:
                    item = (item, TenantRelatedFilter)
            smal.append(item)
        return smal

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
