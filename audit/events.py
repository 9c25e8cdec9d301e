"""One function per audited event. Callers pass objects; no BSN or onderwijsnummer is stored."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone

from core.logging import redact_pgn

from .models import Actie, AuditEvent

logger = logging.getLogger(__name__)

# a page that refreshes itself (a collection in progress) is one viewing, not one per refresh
BEKEKEN_VENSTER = dt.timedelta(minutes=10)


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
    logger.info(
        "audit %s", actie, extra={"oso_event": actie, "school": getattr(school, "pk", None)}
    )
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


def bekeken(actie: str, *, request, leerling, obj) -> AuditEvent | None:
    """A viewing, written once per user and object within :data:`BEKEKEN_VENSTER`: the first
    load of a page is audited, its automatic refreshes are not."""
    user = _user(request, None)
    recent = AuditEvent.objects.filter(
        actie=actie,
        user=user,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        tijdstip__gte=timezone.now() - BEKEKEN_VENSTER,
    )
    if user is not None and recent.exists():
        return None
    return log(actie, request=request, leerling=leerling, obj=obj)


def ingelogd(*, request, user):
    return log(Actie.INGELOGD, request=request, user=user)


def inloggen_mislukt(*, request, username: str):
    return log(
        Actie.INLOGGEN_MISLUKT, request=request, omschrijving=f"gebruikersnaam {username[:100]}"
    )


def inloggen_geblokkeerd(*, request, username: str):
    """Too many wrong passwords for an account or from an address: logins refused for a while."""
    return log(
        Actie.INLOGGEN_GEBLOKKEERD,
        request=request,
        omschrijving=f"gebruikersnaam {username[:100]}",
    )


def blokkade_opgeheven(*, request, gebruikersnaam: str, aantal: int):
    return log(
        Actie.BLOKKADE_OPGEHEVEN,
        request=request,
        omschrijving=f"gebruikersnaam {gebruikersnaam[:100]}",
        details={"pogingen_gewist": aantal},
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


def dossier_notificatie(
    *, request=None, user=None, klaarzetting, leerling, doel_brin: str, uitkomst: str, details: dict
):
    """The sending school answered "laten weten dat er een nieuwe versie klaarstaat?": a
    notificatie sent, failed, or deliberately not sent (``uitkomst``)."""
    return log(
        Actie.DOSSIER_NOTIFICATIE,
        request=request,
        user=user,
        leerling=leerling,
        obj=klaarzetting,
        omschrijving=f"{uitkomst} aan {doel_brin}",
        details=details,
    )


# --- zorgvraag (OSO) to a samenwerkingsverband -------------------------------------------------


def _zorgvraag(actie: str, zorgvraag, *, request=None, user=None, omschrijving="", details=None):
    return log(
        actie,
        request=request,
        user=user,
        leerling=zorgvraag.leerling,
        obj=zorgvraag,
        omschrijving=omschrijving,
        details=details,
    )


def zorgvraag_aangemaakt(*, zorgvraag, request=None, user=None):
    return _zorgvraag(
        Actie.ZORGVRAAG_AANGEMAAKT,
        zorgvraag,
        request=request,
        user=user,
        omschrijving=f"aan {zorgvraag.swv_code}",
        details={
            "profiel": zorgvraag.profiel,
            "aanleverpunt": zorgvraag.swv_routeringskenmerk,
            "blokken": sorted(zorgvraag.gekozen_blokken),
        },
    )


def zorgvraag_verzonden(*, zorgvraag, pogingen: int):
    """The SWV's system acknowledged the notificatie."""
    return _zorgvraag(
        Actie.ZORGVRAAG_VERZONDEN,
        zorgvraag,
        omschrijving=f"notificatie aan {zorgvraag.swv_code}",
        details={"aanleverpunt": zorgvraag.swv_routeringskenmerk, "pogingen": pogingen},
    )


def zorgvraag_niet_afgeleverd(*, zorgvraag, reden: str):
    return _zorgvraag(
        Actie.ZORGVRAAG_NIET_AFGELEVERD, zorgvraag, omschrijving=reden, details={"reden": reden}
    )


def zorgvraag_opgehaald(*, zorgvraag, doel_brin: str, details: dict):
    """The SWV pulled the SWV dossier with the koppelsleutel (through the Traffic Center)."""
    return _zorgvraag(
        Actie.ZORGVRAAG_OPGEHAALD, zorgvraag, omschrijving=f"door {doel_brin}", details=details
    )


def zorgvraag_terugkoppeling(*, zorgvraag, terugkoppeling):
    return _zorgvraag(
        Actie.ZORGVRAAG_TERUGKOPPELING,
        zorgvraag,
        omschrijving=terugkoppeling.get_status_display(),
        details={"status": terugkoppeling.status, "terugkoppeling": terugkoppeling.pk},
    )


def zorgvraag_bekeken(*, request, zorgvraag):
    return _zorgvraag(Actie.ZORGVRAAG_BEKEKEN, zorgvraag, request=request)


def zorgvraag_geexporteerd(*, request, zorgvraag, wat: str):
    return _zorgvraag(Actie.ZORGVRAAG_GEEXPORTEERD, zorgvraag, request=request, omschrijving=wat)


def zorgvraag_verwijderd(*, request=None, user=None, zorgvraag):
    return _zorgvraag(
        Actie.ZORGVRAAG_VERWIJDERD,
        zorgvraag,
        request=request,
        user=user,
        details={"koppelsleutel_ingetrokken": zorgvraag.koppelsleutel is not None},
    )


# --- the REST API (koppelingen) ----------------------------------------------------------------


def api_aanroep(*, request, wat: str, school=None, leerling=None, obj=None, details=None):
    """One call of an API client: which client, for which school, on which object."""
    client = getattr(request.user, "oso_api_client", None)
    return log(
        Actie.API_AANROEP,
        request=request,
        school=school,
        leerling=leerling,
        obj=obj,
        omschrijving=f"{request.method} {wat}",
        details={
            "client": client.pk if client else None,
            "client_naam": client.naam if client else "",
            **(details or {}),
        },
    )


def api_client_gewijzigd(*, request, client, wat: str):
    """A beheerder registered, rotated or revoked an API client (never its secret)."""
    return log(
        Actie.API_CLIENT_GEWIJZIGD,
        request=request,
        obj=client,
        omschrijving=f"{wat}: {client.naam}",
        details={"client": client.pk},
    )


def doorstroomtoets_verstuurd(*, school, user=None, omschrijving: str, details: dict):
    """A deelnemerslijst or voorlopig schooladviezen sent to the school's toets supplier."""
    return log(
        Actie.DOORSTROOMTOETS_VERSTUURD,
        user=user,
        school=school,
        omschrijving=omschrijving,
        details=details,
    )


def doorstroomtoets_resultaat(*, leerling, obj, omschrijving: str, details: dict):
    """A doorstroomtoets result taken into the pupil's data."""
    return log(
        Actie.DOORSTROOMTOETS_RESULTAAT,
        leerling=leerling,
        obj=obj,
        omschrijving=omschrijving,
        details=details,
    )
