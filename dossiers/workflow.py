"""The dossier's business status as a state machine: one map of allowed transitions, one
function that checks, audits and saves. Technical processing (queued, busy, failed) lives on
``Verzamelopdracht`` and never mixes with this."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit import events

from .models import Overstapdossier, Status


class OngeldigeOvergang(Exception):
    """The transition is not allowed from the dossier's current status."""


VERZAMELEN = "verzamelen"
KLAARZETTEN = "klaarzetten"
INTREKKEN = "intrekken"

TRANSITIES: dict[tuple[str, str], str] = {
    (Status.NIET_KLAAR, VERZAMELEN): Status.VERZAMELD,
    (Status.VERZAMELD, VERZAMELEN): Status.VERZAMELD,
    (Status.KLAARGEZET, VERZAMELEN): Status.VERZAMELD,
    (Status.VERZAMELD, KLAARZETTEN): Status.KLAARGEZET,
    (Status.KLAARGEZET, INTREKKEN): Status.VERZAMELD,
}


def toegestaan(dossier: Overstapdossier, actie: str) -> bool:
    return (dossier.status, actie) in TRANSITIES


def overgang(dossier: Overstapdossier, actie: str, *, user=None, request=None, details=None):
    """Apply one transition: check it, audit it, save the dossier. Call inside a transaction."""
    nieuw = TRANSITIES.get((dossier.status, actie))
    if nieuw is None:
        raise OngeldigeOvergang(f"{actie} is not allowed from {dossier.status}")
    oud = dossier.status
    dossier.status = nieuw
    if actie == VERZAMELEN:
        dossier.laatst_verzameld_op = timezone.now()
        dossier.klaarzetting = None
    elif actie == INTREKKEN:
        dossier.klaarzetting = None
    elif actie == KLAARZETTEN and dossier.klaarzetting_id is None:
        raise OngeldigeOvergang("klaarzetten needs the Klaarzetting it makes available")
    with transaction.atomic():
        dossier.save()
        events.log(
            f"dossier_{actie}",
            request=request,
            user=user,
            leerling=dossier.leerling,
            obj=dossier,
            omschrijving=f"{oud} -> {nieuw}",
            details=details or {},
        )
    return dossier
