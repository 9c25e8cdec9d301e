"""Imports of received dossiers posted through the API: the same reading, checks and import
(``importeren``) as the screen "Leerling importeren (OSO)" / "Dossier importeren".

:func:`import_aanmaken` refuses hostile or oversized XML at the door (the safe parser, nothing
stored); :func:`import_verwerken` (a Celery task, idempotent) reads the dossier, keeps the
findings rule by rule, and imports it: a pupil of the school with the same number is
completed (never overwritten: no choices are given), otherwise a new pupil is made.
"""

from __future__ import annotations

import hashlib
import logging

from django.db import transaction
from django.utils import timezone

from leerlingen.models import Leerling, pgn_hash

from .models import Dossierimport, ImportStatus
from .xmlsafe import parse_dossier

logger = logging.getLogger(__name__)


def import_aanmaken(*, school, xml: bytes, user=None) -> Dossierimport:
    """Raises :class:`~.xmlsafe.OngeldigeXml` (Dutch message) and stores nothing when the XML
    is refused; else records the import and queues it after commit."""
    parse_dossier(xml)  # size, DOCTYPE/entities, well-formed, the OSO root
    from .tasks import verwerk_import

    with transaction.atomic():
        opdracht = Dossierimport.objects.create(
            school=school,
            xml=bytes(xml),
            sha256=hashlib.sha256(bytes(xml)).hexdigest(),
            aangemaakt_door=user,
        )
        transaction.on_commit(lambda: verwerk_import.delay(str(opdracht.pk)))
    return opdracht


def _melding(m) -> dict:
    return {"regel": m.regel, "ernst": m.ernst, "bericht": m.bericht, "pad": m.pad}


def import_verwerken(import_id) -> Dossierimport:
    from . import importeren

    with transaction.atomic():
        opdracht = Dossierimport.objects.select_for_update().get(pk=import_id)
        if opdracht.status in (ImportStatus.GEIMPORTEERD, ImportStatus.AFGEKEURD):
            return opdracht
        opdracht.status = ImportStatus.BEZIG
        opdracht.pogingen += 1
        opdracht.save(update_fields=["status", "pogingen"])
    xml = bytes(opdracht.xml)
    try:
        ontvangen = importeren.lees_ontvangen(xml)
        opdracht.profiel = ontvangen.label
        opdracht.xsd_fouten = ontvangen.xsd_fouten
        opdracht.meldingen = [_melding(m) for m in ontvangen.meldingen]
        ll = ontvangen.leerling
        bestaand = None
        if ll.get("pgn") and ll.get("pgn_type"):
            bestaand = Leerling.objects.filter(
                school=opdracht.school, pgn_hash=pgn_hash(ll["pgn_type"], ll["pgn"])
            ).first()
        try:
            if bestaand is not None:
                resultaat = importeren.importeer_bestaand(
                    ontvangen, bestaand, keuzes={}, user=opdracht.aangemaakt_door, xml=xml
                )
            else:
                resultaat = importeren.importeer_nieuw(
                    ontvangen, opdracht.school, user=opdracht.aangemaakt_door, xml=xml
                )
        except importeren.ImportFout as fout:
            opdracht.status = ImportStatus.AFGEKEURD
            opdracht.problemen = fout.meldingen
        else:
            opdracht.status = ImportStatus.GEIMPORTEERD
            opdracht.leerling = resultaat.leerling
            opdracht.nieuwe_leerling = resultaat.nieuw
    except Exception as exc:
        logger.exception("import %s failed", import_id)
        Dossierimport.objects.filter(pk=import_id).update(
            status=ImportStatus.MISLUKT, problemen=[f"Importeren mislukt ({type(exc).__name__})."]
        )
        raise
    opdracht.verwerkt_op = timezone.now()
    with transaction.atomic():
        opdracht.save()
        from koppelingen.gebeurtenissen import publiceer

        publiceer(
            soort="import.verwerkt",
            school=opdracht.school,
            object_type="import",
            object_id=str(opdracht.pk),
            pad=f"imports/{opdracht.pk}",
        )
    return opdracht
