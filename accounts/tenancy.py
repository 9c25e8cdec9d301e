"""Tenancy in one place: which schools a user works for and what they may do there.

Every query for school data goes through ``TenantQuerySet.for_user`` (models name the path to
their school in ``tenant_path``); every object a view works on is fetched that way, so a user of
another school gets a 404, never the object. Views never filter by school by hand.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models

from .roles import RECHTEN, Recht, Rol

_CACHE_ATTR = "_oso_rechten_per_school"
# set by koppelingen.authentication on an API client's technical user: (client id, scopes)
API_ATTR = "_oso_api_client"


def rechten_per_school(user) -> dict[int, frozenset[str]]:
    """{school_id: rights} for an authenticated user; cached on the user object per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    api = getattr(user, API_ATTR, None)
    if api is not None:
        frozen = _rechten_api_client(*api)
        setattr(user, _CACHE_ATTR, frozen)
        return frozen
    from scholen.models import School

    from .models import Aanstelling

    result: dict[int, set[str]] = {}
    for rol, school_id, bestuur_id in Aanstelling.objects.filter(user=user).values_list(
        "rol", "school_id", "bestuur_id"
    ):
        if rol == Rol.BESTUUR:
            school_ids = School.objects.filter(bestuur_id=bestuur_id).values_list("pk", flat=True)
        else:
            school_ids = [school_id]
        for sid in school_ids:
            result.setdefault(sid, set()).update(RECHTEN[rol])
    frozen = {sid: frozenset(rechten) for sid, rechten in result.items()}
    setattr(user, _CACHE_ATTR, frozen)
    return frozen


def _rechten_api_client(client_id: int, scopes: frozenset[str]) -> dict[int, frozenset[str]]:
    """An API client (koppelingen): at each school of its mandate, the rights its token's
    scopes give (``koppelingen.scopes``); nowhere else."""
    from koppelingen.models import Mandaat
    from koppelingen.scopes import rechten

    per_school = rechten(scopes)
    ids = Mandaat.objects.filter(client_id=client_id, client__actief=True).values_list(
        "school_id", flat=True
    )
    return dict.fromkeys(ids, per_school)


def school_ids(user) -> frozenset[int]:
    return frozenset(rechten_per_school(user))


def heeft_recht(user, school_id: int | None, recht: str) -> bool:
    if school_id is None:
        return False
    return recht in rechten_per_school(user).get(school_id, frozenset())


def vereis_recht(user, school_id: int | None, recht: str) -> None:
    if not heeft_recht(user, school_id, recht):
        raise PermissionDenied


def forget(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


class TenantQuerySet(models.QuerySet):
    def for_user(self, user, recht: str = Recht.BEKIJKEN):
        path = self.model.tenant_path
        allowed = [sid for sid, rechten in rechten_per_school(user).items() if recht in rechten]
        return self.filter(**{f"{path}__in": allowed})

    def for_school(self, school):
        return self.filter(**{self.model.tenant_path: school})


TenantManager = models.Manager.from_queryset(TenantQuerySet)
