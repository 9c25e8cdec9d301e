"""One function per audited event. Callers pass objects; no BSN or onderwijsnummer is stored."""

from __future__ import annotations

from typing import Any

from core.logging import redact_pgn

from .models import Actie, AuditEvent


def _ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _user(request, user):
    if user is not None:
        return user
    if request is not None and getattr(request, "user", None) and request.user.is_authenticated:
        return request.user
    return None


def log(
    actie: str,
    *,
    request=None,
    user=None,
    school=None,
    leerling=None,
    obj=None,
    omschrijving: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    user = _user(request, user)
    if leerling is not None and school is None:
        school = leerling.school
    return AuditEvent.objects.create(
        actie=actie,
        user=user,
        gebruiker=(user.get_username() if user else ""),
        school=school,
        leerling=leerling,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        omschrijving=redact_pgn(omschrijving)[:300],
        details=details or {},
        ip_adres=_ip(request),
    )


def ingelogd(*, request, user):
    return log(Actie.INGELOGD, request=request, user=user)


def inloggen_mislukt(*, request, username: str):
    return log(
        Actie.INLOGGEN_MISLUKT, request=request, omschrijving=f"gebruikersnaam {username[:100]}"
    )


def leerling_bekeken(*, request, leerling, tab: str):
    return log(Actie.LEERLING_BEKEKEN, request=request, leerling=leerling, details={"tab": tab})


def leerling_aangemaakt(*, request, leerling):
    return log(Actie.LEERLING_AANGEMAAKT, request=request, leerling=leerling, obj=leerling)


def leerling_gewijzigd(*, request, leerling, velden: list[str]):
    return log(
        Actie.LEERLING_GEWIJZIGD,
        request=request,
        leerling=leerling,
        obj=leerling,
        details={"velden": sorted(velden)},
    )


def leerling_gezocht_op_pgn(*, request, school, gevonden: bool):
    return log(
        Actie.LEERLING_GEZOCHT_OP_PGN,
        request=request,
        school=school,
        details={"gevonden": gevonden},
    )


def gegevens_toegevoegd(*, request, leerling, obj, onderdeel: str):
    return log(
        Actie.GEGEVENS_TOEGEVOEGD,
        request=request,
        leerling=leerling,
        obj=obj,
        omschrijving=onderdeel,
    )


def gegevens_gewijzigd(*, request, leerling, obj, onderdeel: str, velden: list[str]):
    return log(
        Actie.GEGEVENS_GEWIJZIGD,
        request=request,
        leerling=leerling,
        obj=obj,
        omschrijving=onderdeel,
        details={"velden": sorted(velden)},
    )


def gegevens_verwijderd(*, request, leerling, obj, onderdeel: str):
    return log(
        Actie.GEGEVENS_VERWIJDERD,
        request=request,
        leerling=leerling,
        obj=obj,
        omschrijving=onderdeel,
    )


def document_gedownload(*, request, leerling, obj):
    return log(Actie.DOCUMENT_GEDOWNLOAD, request=request, leerling=leerling, obj=obj)


def beheer_gewijzigd(*, request, obj, school=None, leerling=None, omschrijving: str = ""):
    return log(
        Actie.BEHEER_GEWIJZIGD,
        request=request,
        obj=obj,
        school=school,
        leerling=leerling,
        omschrijving=omschrijving,
    )


def pgn_herversleuteld(*, aantal: int):
    return log(Actie.PGN_HERVERSLEUTELD, details={"aantal": aantal})


def dossier_verstrekt(*, klaarzetting, leerling, school, doel_brin: str, details: dict):
    """A klaargezet dossier was served to the receiving school (through the Traffic Center)."""
    return log(
        Actie.DOSSIER_VERSTREKT,
        school=school,
        leerling=leerling,
        obj=klaarzetting,
        omschrijving=f"aan {doel_brin}",
        details=details,
    )
