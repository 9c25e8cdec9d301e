"""The LAS's inbound side of a zorgvraag: the SWV pulls the SWV dossier with the koppelsleutel,
and later sends its terugkoppeling. Called from ``trafficcenter_client.services.verwerk`` and
``document_verstrekken``; the wire format stays in ``trafficcenter_client.berichten``.

A pull is answered only after the Traffic Center confirmed the session (sessiecontrole with the
koppelsleutel), only for the SWV aanleverpunt the zorgvraag was sent to, and only while the
zorgvraag exists: a deleted zorgvraag's dossier is gone and the answer is
``LeerlinginfoNietOpvraagbaar``. The stored document is served as it was sent: no collecting
here. A terugkoppeling is accepted for a zorgvraag whose koppelsleutel, school aanleverpunt and
SWV aanleverpunt all match; the koppelsleutel (known only to the school, the TC and that SWV)
is what proves the sender, as the protocol has no sessiecontrole for it.
"""

from __future__ import annotations

import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit import events
from scholen.models import School
from trafficcenter_client import berichten as b
from trafficcenter_client.berichten import Overdrachtsoort, Resultaatcode
from trafficcenter_client.client import TcClient
from trafficcenter_client.models import Dossieraanvraag

from .models import Terugkoppeling, Zorgvraag

MAX_BERICHT = 20_000


def _log_in(bericht, school, resultaat: str, begin: float, fout: str = "") -> None:
    from trafficcenter_client.services import _log_in as log_in

    log_in(bericht, school, resultaat, begin, fout)


def _aanvraag(verzoek: b.DocumentRequest, school: School, resultaat, *, zorgvraag=None) -> None:
    Dossieraanvraag.objects.create(
        school=school,
        leerling=zorgvraag.leerling if zorgvraag else None,
        pgn_type="",  # an SWV dossier is asked for without a PGN
        bron_routeringskenmerk=verzoek.bron_routerings_kenmerk,
        aanvrager_brin=verzoek.doel_brin,
        aanvrager_routeringskenmerk=verzoek.doel_routerings_kenmerk,
        aanvrager_naam=(zorgvraag.swv_naam if zorgvraag else "")[:200],
        overdrachtsoort=verzoek.overdrachtsoort.value,
        sessie_id=verzoek.sessie_id,
        resultaat=resultaat.value,
        verzamelmoment=zorgvraag.verzameld_op if zorgvraag else None,
    )


def _antwoord(
    verzoek: b.DocumentRequest,
    school: School,
    begin: float,
    resultaat: Resultaatcode,
    toelichting: str | None = None,
    *,
    zorgvraag: Zorgvraag | None = None,
) -> b.DocumentResponse:
    _aanvraag(verzoek, school, resultaat, zorgvraag=zorgvraag)
    _log_in(verzoek, school, resultaat.value, begin)
    return b.DocumentResponse(resultaat=resultaat, toelichting=toelichting)


def swv_dossier_verstrekken(
    verzoek: b.DocumentRequest,
    *,
    school: School,
    client: TcClient | None = None,
    beller=None,
) -> b.DocumentResponse:
    """Answer a documentRequest that carries a koppelsleutel: the zorgvraag's SWV dossier, only
    to the certificate the TC names for the session's doel, at most once per sessieId."""
    from trafficcenter_client.services import (
        ANDER_CERTIFICAAT,
        REEDS_VERSTREKT,
        doel_certificaat_past,
        sessie_al_verstrekt,
        sessie_controleren,
    )

    begin = time.monotonic()
    if verzoek.overdrachtsoort != Overdrachtsoort.SWV_DOSSIER:
        antwoord = b.DocumentResponse(
            resultaat=Resultaatcode.ONGELDIG_BERICHT,
            toelichting="Met een koppelsleutel wordt hier alleen een SWV-dossier opgevraagd.",
        )
        _log_in(verzoek, school, antwoord.resultaat.value, begin)
        return antwoord
    client = client or TcClient()
    controle = sessie_controleren(verzoek, school, client, begin)
    if getattr(controle, "resultaat", None) != Resultaatcode.SESSIE_GELDIG:
        return _antwoord(
            verzoek,
            school,
            begin,
            getattr(controle, "resultaat", Resultaatcode.ONGELDIG_BERICHT),
            getattr(controle, "toelichting", None),
        )
    if not doel_certificaat_past(controle, beller):
        return _antwoord(
            verzoek, school, begin, Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR, ANDER_CERTIFICAAT
        )
    if sessie_al_verstrekt(verzoek.sessie_id):
        return _antwoord(
            verzoek, school, begin, Resultaatcode.SESSIE_REEDS_AFGEMELD, REEDS_VERSTREKT
        )
    zorgvraag = (
        Zorgvraag.objects.select_related("leerling")
        .filter(
            koppelsleutel=verzoek.koppelsleutel,
            leerling__school=school,
            bron_routeringskenmerk=verzoek.bron_routerings_kenmerk,
        )
        .first()
    )
    if (
        zorgvraag is None
        or zorgvraag.swv_routeringskenmerk != verzoek.doel_routerings_kenmerk
        or zorgvraag.swv_code != verzoek.doel_brin
    ):
        return _antwoord(verzoek, school, begin, Resultaatcode.LEERLING_NIET_BEKEND)
    if zorgvraag.verwijderd_op is not None or not zorgvraag.xml:
        return _antwoord(
            verzoek,
            school,
            begin,
            Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR,
            "De school heeft deze zorgvraag verwijderd.",
            zorgvraag=zorgvraag,
        )
    with transaction.atomic():
        Zorgvraag.objects.filter(pk=zorgvraag.pk).update(opgehaald_op=timezone.now())
        events.zorgvraag_opgehaald(
            zorgvraag=zorgvraag,
            doel_brin=verzoek.doel_brin,
            details={
                "doel_routeringskenmerk": verzoek.doel_routerings_kenmerk,
                "sessie_id": str(verzoek.sessie_id),
            },
        )
        _aanvraag(verzoek, school, Resultaatcode.OVERDRACHT_GESLAAGD, zorgvraag=zorgvraag)
        _log_in(verzoek, school, Resultaatcode.OVERDRACHT_GESLAAGD.value, begin)
    return b.DocumentResponse(
        resultaat=Resultaatcode.OVERDRACHT_GESLAAGD,
        document=bytes(zorgvraag.xml),
        dossier_verzameldatum=zorgvraag.verzameld_op,
    )


def terugkoppeling_ontvangen(
    verzoek: b.TerugkoppelingRequest, *, client: TcClient | None = None
) -> b.TerugkoppelingResponse:
    """Store the SWV's terugkoppeling on its zorgvraag (appended: a later status is a new
    row)."""
    begin = time.monotonic()
    zorgvraag = (
        Zorgvraag.objects.select_related("leerling__school")
        .filter(
            koppelsleutel=verzoek.koppelsleutel,
            leerling__school__brincode=verzoek.bron_brin,
            bron_routeringskenmerk=verzoek.bron_routerings_kenmerk,
            swv_code=verzoek.doel_brin,
            swv_routeringskenmerk=verzoek.doel_routerings_kenmerk,
        )
        .first()
    )
    if zorgvraag is None or zorgvraag.verwijderd_op is not None:
        if zorgvraag is not None:
            school = zorgvraag.leerling.school
        else:
            school = School.objects.filter(brincode=verzoek.bron_brin).first()
        _log_in(verzoek, school, Resultaatcode.GEEN_RELATIE_MET_DOEL.value, begin)
        return _geen_relatie()
    school = zorgvraag.leerling.school
    terugkoppeling = Terugkoppeling(
        zorgvraag=zorgvraag,
        status=verzoek.status.value,
        bericht=(verzoek.bericht or "")[:MAX_BERICHT],
        swv_routeringskenmerk=verzoek.doel_routerings_kenmerk,
    )
    # the document is written to the storage first, and deleted again when its row is not
    # stored: no file without a row
    if verzoek.document:
        terugkoppeling.document.save("document.pdf", ContentFile(verzoek.document), save=False)
    try:
        with transaction.atomic():
            # the row locked against a deletion meanwhile: a deleted zorgvraag keeps no document
            verwijderd = (
                Zorgvraag.objects.select_for_update()
                .values_list("verwijderd_op", flat=True)
                .get(pk=zorgvraag.pk)
                is not None
            )
            if not verwijderd:
                terugkoppeling.save()
                events.zorgvraag_terugkoppeling(zorgvraag=zorgvraag, terugkoppeling=terugkoppeling)
                _log_in(verzoek, school, Resultaatcode.TERUGKOPPELING_ONTVANGEN.value, begin)
    except BaseException:
        _document_wissen(terugkoppeling)
        raise
    if verwijderd:
        _document_wissen(terugkoppeling)
        _log_in(verzoek, school, Resultaatcode.GEEN_RELATIE_MET_DOEL.value, begin)
        return _geen_relatie()
    return b.TerugkoppelingResponse(resultaat=Resultaatcode.TERUGKOPPELING_ONTVANGEN)


def _document_wissen(terugkoppeling: Terugkoppeling) -> None:
    if terugkoppeling.document:
        terugkoppeling.document.storage.delete(terugkoppeling.document.name)


def _geen_relatie() -> b.TerugkoppelingResponse:
    return b.TerugkoppelingResponse(
        resultaat=Resultaatcode.GEEN_RELATIE_MET_DOEL,
        toelichting="Er is hier geen zorgvraag met deze koppelsleutel voor dit "
        "samenwerkingsverband.",
    )
