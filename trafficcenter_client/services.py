"""The LAS's part of the OSO exchange, as plain functions the views, the UI and tasks call.

Receiving school (flow 3): :func:`dossier_opvragen` opens a session at the Traffic Center, asks
each aanleverpunt of the school of origin for the dossier and closes the session with the best
result. Sending school: :func:`document_verstrekken` answers a documentRequest only after the TC
confirmed the session, and serves the stored klaarzetting (no collecting, no PDF work here);
:func:`notificatie_ontvangen` stores a notificatie. :func:`aanleverpunt_registreren` registers
one of our aanleverpunten with the URL where we answer.

No network call runs inside a database transaction: the other side may be this very process
(tests, a demonstration), and a transaction must never wait for the network.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import logging
import os
import time
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from audit import events
from core.validators import validate_brincode, validate_pgn
from dossiers import importeren
from dossiers.models import Overstapdossier, zonder_inhoud
from dossiers.profielen import PROFIELEN, Profiel
from dossiers.xmlsafe import OngeldigeXml, parse_dossier
from leerlingen.models import Leerling, pgn_hash
from scholen.models import Aanleverpunt, Registratiestatus, School

from . import berichten as b
from . import pki
from .berichten import Overdrachtsoort, Resultaatcode
from .client import TcClient, TcFout, TcNietBereikbaar, partijen
from .models import (
    Berichtlog,
    Dossieraanvraag,
    Notificatie,
    OpvraagStatus,
    Opvraging,
    Richting,
    TcVerbinding,
)
from .zoeksleutel import OngeldigeZoeksleutel, ontsleutel, versleutel

logger = logging.getLogger(__name__)


class OsoWeigering(Exception):  # noqa: N818 - the domain's own word
    """An incoming message is refused as a whole: the view answers with a SOAP Fault."""

    def __init__(self, melding: str, code: str, *, faultcode: str = "Client") -> None:
        super().__init__(melding)
        self.code = code
        self.faultcode = faultcode


# --- our own key -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def _laad_sleutel(pad: str, _versie: int) -> pki.PrivateKey:
    return pki.laad_sleutel(pad)


def eigen_sleutel(verbinding: TcVerbinding) -> pki.PrivateKey:
    pad = verbinding.client_sleutel
    return _laad_sleutel(pad, os.stat(pad).st_mtime_ns)


def _tc_certificaat(verbinding: TcVerbinding) -> x509.Certificate | None:
    if not verbinding.tc_certificaat:
        return None
    return pki.laad_certificaat(verbinding.tc_certificaat)


# --- receiving school: asking for a dossier --------------------------------------------------


def _eigen_aanleverpunt(school: School) -> Aanleverpunt:
    # a registered aanleverpunt first: with two LAS for one BRIN (a vestiging, a change of LAS)
    # each installation asks from the aanleverpunt it registered itself
    aanleverpunt = (
        Aanleverpunt.objects.filter(school=school)
        .exclude(routeringskenmerk="")
        .annotate(
            geregistreerd=Case(
                When(registratiestatus=Registratiestatus.GEREGISTREERD, then=Value(0)),
                default=Value(1),
            )
        )
        .order_by("geregistreerd", "nummer")
    ).first()
    if aanleverpunt is None:
        raise ValidationError(
            "Deze school heeft geen aanleverpunt; leg het aanleverpunt eerst vast onder School."
        )
    return aanleverpunt


@dataclass(frozen=True)
class _Antwoord:
    routeringskenmerk: str
    resultaat: Resultaatcode
    document: bytes | None = None
    verzameldatum: dt.datetime | None = None
    toelichting: str = ""


def dossier_opvragen(
    *,
    school: School,
    herkomst_brin: str,
    pgn_type: str,
    pgn: str,
    user: Any,
    leerling: Leerling | None = None,
    verzameldatum: dt.datetime | None = None,
    client: TcClient | None = None,
) -> Opvraging:
    """Ask the school of origin for a pupil's dossier through the Traffic Center.

    Raises :class:`ValidationError` (nothing sent, nothing stored) for an invalid number or
    BRIN. Otherwise returns the stored :class:`Opvraging`: ``klaar`` with the best result (and
    the dossier on success), or ``mislukt`` with a Dutch ``melding``. The screens do the two
    halves apart: :func:`opvraging_aanmaken` in the request, :func:`opvraging_uitvoeren` as a
    task (``tasks.opvraging_uitvoeren_taak``).
    """
    client = client or TcClient()  # no connection configured: refused before anything is stored
    opvraging = opvraging_aanmaken(
        school=school,
        herkomst_brin=herkomst_brin,
        pgn_type=pgn_type,
        pgn=pgn,
        user=user,
        leerling=leerling,
        client=client,
    )
    return opvraging_uitvoeren(opvraging, verzameldatum=verzameldatum, client=client)


def opvraging_aanmaken(
    *,
    school: School,
    herkomst_brin: str,
    pgn_type: str,
    pgn: str,
    user: Any,
    leerling: Leerling | None = None,
    client: TcClient | None = None,
) -> Opvraging:
    """Check and store the request (status bezig, the number encrypted until it is done);
    nothing is sent. Raises :class:`ValidationError` or ``ImproperlyConfigured`` (no
    connection) before anything is stored."""
    pgn = validate_pgn(pgn_type, pgn)
    validate_brincode(herkomst_brin)
    _eigen_aanleverpunt(school)
    binnen_brin = herkomst_brin == school.brincode
    soort = Overdrachtsoort.BINNEN_BRIN if binnen_brin else Overdrachtsoort.OVERSTAPDOSSIER
    client or TcClient()  # no connection configured: refused before anything is stored
    return Opvraging.objects.create(
        school=school,
        leerling=leerling,
        herkomst_brin=herkomst_brin,
        overdrachtsoort=soort.value,
        pgn_type=pgn_type,
        pgn_hash=pgn_hash(pgn_type, pgn),
        pgn=pgn,
        aangevraagd_door=user if getattr(user, "pk", None) else None,
    )


def opvraging_uitvoeren(
    opvraging: Opvraging,
    *,
    verzameldatum: dt.datetime | None = None,
    client: TcClient | None = None,
) -> Opvraging:
    """The network half: session at the TC, documentRequest to the school of origin's
    aanleverpunten, afmelding; the stored request ends ``klaar`` or ``mislukt``."""
    school, herkomst_brin = opvraging.school, opvraging.herkomst_brin
    pgn_type, pgn = opvraging.pgn_type, opvraging.pgn
    eigen = _eigen_aanleverpunt(school)
    soort = Overdrachtsoort(opvraging.overdrachtsoort)
    client = client or TcClient()
    try:
        tc_cert = _tc_certificaat(client.verbinding)
        if tc_cert is None:
            return _mislukt(
                opvraging, "Het certificaat van het Traffic Center is niet ingesteld in het beheer."
            )
        zoeksleutel = versleutel(pgn_type, pgn, tc_cert)
        geopend = client.tc(
            b.OverdrachtRequest(
                bron_brin=herkomst_brin,
                doel_brin=school.brincode,
                doel_routerings_kenmerk=eigen.routeringskenmerk,
                overdrachtsoort=soort,
                zoeksleutel=zoeksleutel,
            ),
            school=school,
        )
        assert isinstance(geopend, b.OverdrachtResponse)
        if geopend.resultaat != Resultaatcode.SESSIE_GESTART or geopend.sessie_id is None:
            return _mislukt(
                opvraging,
                geopend.toelichting or "Het Traffic Center startte geen uitwisseling.",
                resultaat=geopend.resultaat,
            )
        opvraging.sessie_id = geopend.sessie_id
        Opvraging.objects.filter(pk=opvraging.pk).update(sessie_id=geopend.sessie_id)

        antwoorden = _vraag_aanleverpunten(
            client,
            school,
            geopend,
            soort=soort,
            zoeksleutel=zoeksleutel,
            eigen=eigen,
            verzameldatum=verzameldatum,
        )
        beste = min(reversed(antwoorden), key=lambda a: b.rang(a.resultaat)) if antwoorden else None
        afgemeld = _afmelden(client, school, eigen, geopend.sessie_id, beste)
    except (TcNietBereikbaar, TcFout) as fout:
        return _mislukt(opvraging, str(fout))
    except (OSError, ValueError, b.OngeldigBericht) as fout:  # e.g. a certificate unreadable
        logger.warning("OSO opvragen: configuratiefout %s", type(fout).__name__)
        return _mislukt(
            opvraging,
            "De OSO-verbinding is niet goed ingesteld (certificaat of sleutel onleesbaar).",
        )
    except Exception as fout:  # never leave the request "bezig": it failed, and says so
        logger.exception("OSO opvragen mislukt: %s", type(fout).__name__)
        return _mislukt(opvraging, "Het opvragen is onverwacht mislukt; probeer het opnieuw.")

    if beste is None:
        return _mislukt(
            opvraging,
            "De school van herkomst heeft geen bereikbaar aanleverpunt.",
            resultaat=Resultaatcode.AANLEVERPUNT_NIET_BEREIKBAAR,
        )
    melding = beste.toelichting
    if not afgemeld:
        melding = (melding + " " if melding else "") + (
            "Afmelden bij het Traffic Center mislukte; dat wordt later opnieuw geprobeerd."
        )
    with transaction.atomic():
        opvraging.afgemeld_op = timezone.now() if afgemeld else None
        opvraging.resultaat = beste.resultaat.value
        opvraging.status = OpvraagStatus.KLAAR
        opvraging.bron_routeringskenmerk = beste.routeringskenmerk
        opvraging.xml = beste.document
        opvraging.verzameldatum = beste.verzameldatum
        opvraging.melding = melding[:500]
        opvraging.pgn = ""  # done: the number is no longer needed
        opvraging.save()
    if afgemeld:  # the TC is reachable again: close what an earlier failure left open
        for open_ in open_afmeldingen(school).exclude(pk=opvraging.pk)[:20]:
            afmelding_herhalen(open_, client=client)
    return opvraging


def opvraging_importeren(
    opvraging: Opvraging,
    ontvangen: importeren.Ontvangen,
    *,
    keuzes: dict[str, str],
    user: Any,
) -> importeren.ImportResultaat:
    """Dossier importeren: the received dossier completes the pupil it was asked for (a choice
    per field in ``keuzes``), or becomes a new pupil; the request remembers when. Raises
    :class:`importeren.ImportFout` with Dutch messages, and then nothing is stored."""
    from dossiers.importcontrole import eis_gevraagd_nummer

    eis_gevraagd_nummer(ontvangen, opvraging.pgn_hash)  # the pupil that was asked for, only
    xml = bytes(opvraging.xml)
    if opvraging.leerling_id:
        resultaat = importeren.importeer_bestaand(
            ontvangen, opvraging.leerling, keuzes=keuzes, user=user, xml=xml
        )
    else:
        resultaat = importeren.importeer_nieuw(ontvangen, opvraging.school, user=user, xml=xml)
    # the imported version is kept (encrypted) in the pupil's map; the request forgets it
    Opvraging.objects.filter(pk=opvraging.pk).update(
        leerling=resultaat.leerling, geimporteerd_op=timezone.now(), xml=None
    )
    return resultaat


def _vraag_aanleverpunten(
    client: TcClient,
    school: School,
    geopend: b.OverdrachtResponse,
    *,
    soort: Overdrachtsoort,
    zoeksleutel: str,
    eigen: Aanleverpunt,
    verzameldatum: dt.datetime | None,
) -> list[_Antwoord]:
    antwoorden: list[_Antwoord] = []
    assert geopend.sessie_id is not None
    for ap in geopend.aanleverpunten:
        if not ap.url:
            antwoorden.append(
                _Antwoord(ap.routerings_kenmerk, Resultaatcode.AANLEVERPUNT_NIET_BEREIKBAAR)
            )
            continue
        verzoek = b.DocumentRequest(
            sessie_id=geopend.sessie_id,
            bron_brin=ap.brin,
            bron_routerings_kenmerk=ap.routerings_kenmerk,
            doel_brin=school.brincode,
            doel_routerings_kenmerk=eigen.routeringskenmerk,
            overdrachtsoort=soort,
            zoeksleutel=zoeksleutel,
            dossier_verzameldatum=verzameldatum,
        )
        try:
            antwoord = client.stuur(ap.url, verzoek, school=school)
        except TcNietBereikbaar as fout:
            antwoorden.append(
                _Antwoord(
                    ap.routerings_kenmerk,
                    Resultaatcode.AANLEVERPUNT_NIET_BEREIKBAAR,
                    None,
                    None,
                    str(fout),
                )
            )
            continue
        except TcFout as fout:
            antwoorden.append(
                _Antwoord(
                    ap.routerings_kenmerk, Resultaatcode.ONGELDIG_BERICHT, None, None, str(fout)
                )
            )
            continue
        if not isinstance(antwoord, b.DocumentResponse):
            antwoorden.append(_Antwoord(ap.routerings_kenmerk, Resultaatcode.ONGELDIG_BERICHT))
            continue
        resultaat = antwoord.resultaat
        if resultaat not in b.AFMELDING_RANGORDE:
            resultaat = Resultaatcode.ONGELDIG_BERICHT
        document = antwoord.document
        toelichting = antwoord.toelichting or ""
        if resultaat == Resultaatcode.OVERDRACHT_GESLAAGD:
            try:
                parse_dossier(document or b"")
            except OngeldigeXml as fout:
                resultaat, document = Resultaatcode.ONGELDIG_BERICHT, None
                toelichting = f"Het ontvangen dossier is geweigerd: {fout}"
        antwoorden.append(
            _Antwoord(
                ap.routerings_kenmerk,
                resultaat,
                document if resultaat == Resultaatcode.OVERDRACHT_GESLAAGD else None,
                antwoord.dossier_verzameldatum,
                toelichting,
            )
        )
        if resultaat == Resultaatcode.OVERDRACHT_GESLAAGD:
            break  # one dossier is enough
    return antwoorden


def _afmelden(
    client: TcClient, school: School, eigen: Aanleverpunt, sessie_id, beste: _Antwoord | None
) -> bool:
    resultaat = beste.resultaat if beste else Resultaatcode.AANLEVERPUNT_NIET_BEREIKBAAR
    try:
        antwoord = client.tc(
            b.AfmeldingRequest(
                sessie_id=sessie_id,
                doel_brin=school.brincode,
                doel_routerings_kenmerk=eigen.routeringskenmerk,
                resultaat=resultaat,
                bron_routerings_kenmerk=beste.routeringskenmerk if beste else None,
            ),
            school=school,
        )
    except (TcNietBereikbaar, TcFout):
        return False
    return getattr(antwoord, "resultaat", None) in (
        Resultaatcode.SESSIE_AFGEMELD,
        Resultaatcode.SESSIE_REEDS_AFGEMELD,
    )


def afmelding_herhalen(opvraging: Opvraging, *, client: TcClient | None = None) -> bool:
    """Close the session of ``opvraging`` at the TC when an earlier afmelding failed (the TC
    was down between document and afmelding): a session left open could be replayed. True when
    the session is closed now (also when the TC says it already was)."""
    if opvraging.afgemeld_op is not None or opvraging.sessie_id is None:
        return True
    if opvraging.status != OpvraagStatus.KLAAR or not opvraging.resultaat:
        return False
    client = client or TcClient()
    eigen = _eigen_aanleverpunt(opvraging.school)
    beste = _Antwoord(opvraging.bron_routeringskenmerk, Resultaatcode(opvraging.resultaat))
    if not _afmelden(
        client,
        opvraging.school,
        eigen,
        opvraging.sessie_id,
        beste if opvraging.bron_routeringskenmerk else None,
    ):
        return False
    Opvraging.objects.filter(pk=opvraging.pk).update(afgemeld_op=timezone.now())
    opvraging.afgemeld_op = timezone.now()
    return True


def open_afmeldingen(school: School | None = None):
    """Opvragingen whose afmelding failed and must be retried (oldest first)."""
    rijen = Opvraging.objects.filter(
        status=OpvraagStatus.KLAAR, sessie_id__isnull=False, afgemeld_op__isnull=True
    ).exclude(resultaat="")
    if school is not None:
        rijen = rijen.filter(school=school)
    return rijen.select_related("school").order_by("pk")


def _mislukt(
    opvraging: Opvraging, melding: str, *, resultaat: Resultaatcode | None = None
) -> Opvraging:
    opvraging.status = OpvraagStatus.MISLUKT
    opvraging.melding = melding[:500]
    opvraging.resultaat = resultaat.value if resultaat else ""
    opvraging.xml = None
    opvraging.save(update_fields=["status", "melding", "resultaat", "xml"])
    return opvraging


# --- registering an aanleverpunt -------------------------------------------------------------


def aanleverpunt_registreren(
    aanleverpunt: Aanleverpunt, url: str, *, client: TcClient | None = None, actief: bool = True
) -> b.RegistreerAanleverpuntResponse | None:
    """Register ``aanleverpunt`` at the TC with the URL where this LAS answers; the outcome is
    kept in ``registratiestatus``. Returns the TC's answer, or None when it was not reached."""
    if aanleverpunt.school_id:
        brin, naam = aanleverpunt.school.brincode, aanleverpunt.school.naam
        sector = b.Sector(aanleverpunt.school.sector)
    else:
        swv = aanleverpunt.samenwerkingsverband
        brin, naam, sector = swv.code, swv.naam, b.Sector.SWV
    verzoek = b.RegistreerAanleverpuntRequest(
        brin=brin,
        routerings_kenmerk=aanleverpunt.routeringskenmerk,
        naam=(aanleverpunt.omschrijving or naam)[:500],
        soort=b.SoortAanleverpunt(aanleverpunt.soort),
        sector=sector,
        url=url,
        actief=actief,
    )
    antwoord: b.Bericht | None
    try:
        antwoord = (client or TcClient()).tc(verzoek, school=aanleverpunt.school)
    except (TcNietBereikbaar, TcFout):
        antwoord = None
    gelukt = getattr(antwoord, "resultaat", None) == Resultaatcode.AANLEVERPUNT_GEREGISTREERD
    aanleverpunt.registratiestatus = (
        Registratiestatus.GEREGISTREERD if gelukt else Registratiestatus.MISLUKT
    )
    if gelukt:
        aanleverpunt.geregistreerd_op = timezone.now()
    aanleverpunt.save(update_fields=["registratiestatus", "geregistreerd_op"])
    return antwoord if isinstance(antwoord, b.RegistreerAanleverpuntResponse) else None


# --- sending school: answering requests ------------------------------------------------------


def _log_in(
    bericht: Any, school: School | None, resultaat: str, begin: float, fout: str = ""
) -> None:
    duur_ms = max(0, round((time.monotonic() - begin) * 1000))
    operatie = getattr(type(bericht), "ELEMENT", type(bericht).__name__)
    Berichtlog.objects.create(
        richting=Richting.IN,
        operatie=operatie,
        school=school,
        sessie_id=getattr(bericht, "sessie_id", None),
        resultaat=resultaat[:80],
        duur_ms=duur_ms,
        fout=fout[:300],
        **partijen(bericht),
    )
    logger.info("OSO %s ontvangen: %s (%d ms)", operatie, resultaat or fout, duur_ms)


def _eigen_school_aanleverpunt(brin: str, kenmerk: str) -> Aanleverpunt | None:
    return (
        Aanleverpunt.objects.select_related("school")
        .filter(routeringskenmerk=kenmerk, school__brincode=brin)
        .first()
    )


def doel_certificaat_past(
    controle: b.SessiecontroleResponse, beller: x509.Certificate | None
) -> bool:
    """Whether the documentRequest came with the certificate the TC names for the session's doel
    (fail closed: no certificate, or no fingerprint from the TC, is no match)."""
    verwacht = controle.doel_certificaat_fingerprint
    if beller is None or not verwacht:
        return False
    return hmac.compare_digest(pki.fingerprint(beller), verwacht)


ANDER_CERTIFICAAT = (
    "Het verzoek kwam niet met het certificaat van het aanleverpunt dat de sessie opende."
)
REEDS_VERSTREKT = "Het dossier van deze sessie is al verstrekt; vraag het opnieuw op."


def document_verstrekken(
    verzoek: b.DocumentRequest,
    *,
    client: TcClient | None = None,
    beller: x509.Certificate | None = None,
) -> b.DocumentResponse:
    """Answer a documentRequest for one of our aanleverpunten (see the module docstring): only
    to the certificate the TC names for the session's doel, and at most once per sessieId."""
    begin = time.monotonic()
    ap = _eigen_school_aanleverpunt(verzoek.bron_brin, verzoek.bron_routerings_kenmerk)
    if ap is None or ap.school is None:
        antwoord = b.DocumentResponse(
            resultaat=Resultaatcode.ONBEKEND_AANLEVERPUNT,
            toelichting="Dit aanleverpunt is hier niet bekend.",
        )
        _log_in(verzoek, None, antwoord.resultaat.value, begin)
        return antwoord
    school = ap.school
    if verzoek.overdrachtsoort == Overdrachtsoort.SWV_DOSSIER:
        from zorgvraag.uitwisseling import swv_dossier_verstrekken  # a zorgvraag's SWV dossier

        return swv_dossier_verstrekken(verzoek, school=school, client=client, beller=beller)
    if verzoek.zoeksleutel is None:
        antwoord = b.DocumentResponse(
            resultaat=Resultaatcode.ONGELDIG_BERICHT,
            toelichting="Een dossier wordt hier alleen met een zoeksleutel opgevraagd.",
        )
        _log_in(verzoek, school, antwoord.resultaat.value, begin)
        return antwoord

    # first the TC: is this request part of a session it opened?
    client = client or TcClient()
    controle = sessie_controleren(verzoek, school, client, begin)
    if controle.resultaat != Resultaatcode.SESSIE_GELDIG:
        return _aanvraag_beantwoord(
            verzoek, school, begin, controle.resultaat, toelichting=controle.toelichting
        )
    if not doel_certificaat_past(controle, beller):
        logger.warning("OSO documentRequest van een ander certificaat dan het doel geweigerd")
        return _aanvraag_beantwoord(
            verzoek,
            school,
            begin,
            Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR,
            toelichting=ANDER_CERTIFICAAT,
        )
    if sessie_al_verstrekt(verzoek.sessie_id):
        return _aanvraag_beantwoord(
            verzoek,
            school,
            begin,
            Resultaatcode.SESSIE_REEDS_AFGEMELD,
            toelichting=REEDS_VERSTREKT,
        )

    gevonden = _ontsleutel(controle.zoeksleutel, verzoek.zoeksleutel, client.verbinding)
    if gevonden is None:
        return _aanvraag_beantwoord(
            verzoek,
            school,
            begin,
            Resultaatcode.ONGELDIG_BERICHT,
            toelichting="De zoeksleutel is voor dit systeem niet leesbaar.",
        )
    pgn_type, pgn = gevonden
    leerling = Leerling.objects.filter(school=school, pgn_hash=pgn_hash(pgn_type, pgn)).first()
    del pgn
    if leerling is None:
        return _aanvraag_beantwoord(
            verzoek, school, begin, Resultaatcode.LEERLING_NIET_BEKEND, pgn_type=pgn_type
        )
    dossier = dossier_met_klaarzetting(leerling)
    klaarzetting = dossier.klaarzetting if dossier else None
    if klaarzetting is None or not _klaargezet_voor(klaarzetting, verzoek, school):
        return _aanvraag_beantwoord(
            verzoek,
            school,
            begin,
            Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR,
            leerling=leerling,
            pgn_type=pgn_type,
        )
    verzameld_op = klaarzetting.versie.verzameld_op
    if verzoek.dossier_verzameldatum is not None and verzoek.dossier_verzameldatum >= verzameld_op:
        return _aanvraag_beantwoord(
            verzoek,
            school,
            begin,
            Resultaatcode.LEERLING_INFO_NIET_GEWIJZIGD,
            leerling=leerling,
            pgn_type=pgn_type,
            verzameld_op=verzameld_op,
        )
    try:
        return _verstrek(verzoek, school, begin, dossier, klaarzetting, leerling, pgn_type)
    except IntegrityError:  # the same session served at this very moment: once only
        return _aanvraag_beantwoord(
            verzoek,
            school,
            begin,
            Resultaatcode.SESSIE_REEDS_AFGEMELD,
            toelichting=REEDS_VERSTREKT,
        )


def dossier_met_klaarzetting(leerling: Leerling) -> Overstapdossier | None:
    """The pupil's dossier with its klaarzetting (the document to serve) and that version's
    number, profile and date; the version's own XML and summary are not read."""
    return (
        Overstapdossier.objects.filter(leerling=leerling)
        .select_related("klaarzetting__versie")
        .defer(*zonder_inhoud(versies=("klaarzetting__versie",)))
        .first()
    )


def sessie_al_verstrekt(sessie_id) -> bool:
    return Dossieraanvraag.objects.filter(
        sessie_id=sessie_id, resultaat=Resultaatcode.OVERDRACHT_GESLAAGD
    ).exists()


def _verstrek(verzoek, school, begin, dossier, klaarzetting, leerling, pgn_type):
    verzameld_op = klaarzetting.versie.verzameld_op
    with transaction.atomic():
        Overstapdossier.objects.filter(pk=dossier.pk).update(laatst_verzonden_op=timezone.now())
        events.dossier_verstrekt(
            klaarzetting=klaarzetting,
            leerling=leerling,
            school=school,
            doel_brin=verzoek.doel_brin,
            details={
                "doel_brin": verzoek.doel_brin,
                "doel_routeringskenmerk": verzoek.doel_routerings_kenmerk,
                "versie": klaarzetting.versie.nummer,
                "sessie_id": str(verzoek.sessie_id),
                "dossier_id": dossier.pk,
            },
        )
        return _aanvraag_beantwoord(
            verzoek,
            school,
            begin,
            Resultaatcode.OVERDRACHT_GESLAAGD,
            leerling=leerling,
            pgn_type=pgn_type,
            verzameld_op=verzameld_op,
            document=bytes(klaarzetting.xml),
            aanvrager_naam=klaarzetting.voor_naam,
        )


def sessie_controleren(
    verzoek: b.DocumentRequest, school: School, client: TcClient, begin: float
) -> b.SessiecontroleResponse:
    """Ask the TC whether ``verzoek`` belongs to a session it opened (zoeksleutel or
    koppelsleutel as the request carries). A TC that cannot be asked refuses the request as a
    whole: :class:`OsoWeigering`, logged."""
    try:
        controle = client.tc(
            b.SessiecontroleRequest(
                sessie_id=verzoek.sessie_id,
                bron_brin=verzoek.bron_brin,
                bron_routerings_kenmerk=verzoek.bron_routerings_kenmerk,
                doel_brin=verzoek.doel_brin,
                doel_routerings_kenmerk=verzoek.doel_routerings_kenmerk,
                overdrachtsoort=verzoek.overdrachtsoort,
                zoeksleutel=verzoek.zoeksleutel,
                pgnfrag=verzoek.pgnfrag,
                koppelsleutel=verzoek.koppelsleutel,
            ),
            school=school,
        )
    except (TcNietBereikbaar, TcFout) as fout:
        _log_in(verzoek, school, "TcNietBereikbaar", begin, str(fout))
        raise OsoWeigering(
            "De sessie kon niet bij het Traffic Center worden gecontroleerd.",
            "sessiecontrole-mislukt",
            faultcode="Server",
        ) from fout
    if not isinstance(controle, b.SessiecontroleResponse):
        raise OsoWeigering(
            "Het Traffic Center gaf geen antwoord op de sessiecontrole.",
            "sessiecontrole-mislukt",
            faultcode="Server",
        )
    return controle


def _ontsleutel(
    van_tc: str | None, van_doel: str | None, verbinding: TcVerbinding
) -> tuple[str, str] | None:
    """The PGN: from the zoeksleutel the TC handed us, or (a doel that encrypted to us
    directly) from the request's own."""
    sleutel = eigen_sleutel(verbinding)
    for kandidaat in (van_tc, van_doel):
        if not kandidaat:
            continue
        try:
            return ontsleutel(kandidaat, sleutel)
        except OngeldigeZoeksleutel:
            continue
    return None


def _klaargezet_voor(klaarzetting, verzoek: b.DocumentRequest, school: School) -> bool:
    binnen_brin = PROFIELEN[Profiel(klaarzetting.versie.profiel)].binnen_brin
    if verzoek.overdrachtsoort == Overdrachtsoort.BINNEN_BRIN:
        return (
            binnen_brin
            and verzoek.doel_brin == school.brincode
            and klaarzetting.voor_brin == school.brincode
        )
    return not binnen_brin and klaarzetting.voor_brin == verzoek.doel_brin


def _aanvraag_beantwoord(
    verzoek: b.DocumentRequest,
    school: School,
    begin: float,
    resultaat: Resultaatcode,
    *,
    toelichting: str | None = None,
    leerling: Leerling | None = None,
    pgn_type: str = "",
    verzameld_op: dt.datetime | None = None,
    document: bytes | None = None,
    aanvrager_naam: str = "",
) -> b.DocumentResponse:
    Dossieraanvraag.objects.create(
        school=school,
        leerling=leerling,
        pgn_type=pgn_type,
        bron_routeringskenmerk=verzoek.bron_routerings_kenmerk,
        aanvrager_brin=verzoek.doel_brin,
        aanvrager_routeringskenmerk=verzoek.doel_routerings_kenmerk,
        aanvrager_naam=aanvrager_naam[:200],
        overdrachtsoort=verzoek.overdrachtsoort.value,
        sessie_id=verzoek.sessie_id,
        resultaat=resultaat.value,
        verzamelmoment=verzameld_op,
    )
    _log_in(verzoek, school, resultaat.value, begin)
    return b.DocumentResponse(
        resultaat=resultaat,
        document=document,
        dossier_verzameldatum=verzameld_op,
        toelichting=toelichting,
    )


def notificatie_ontvangen(
    verzoek: b.NotificatieRequest, *, client: TcClient | None = None
) -> b.NotificatieResponse:
    """Store a notificatie for one of our aanleverpunten; match the pupil when we can."""
    begin = time.monotonic()
    ap = _eigen_school_aanleverpunt(verzoek.doel_brin, verzoek.doel_routerings_kenmerk)
    if ap is None or ap.school is None:
        _log_in(verzoek, None, Resultaatcode.ONBEKEND_AANLEVERPUNT.value, begin)
        return b.NotificatieResponse(
            resultaat=Resultaatcode.ONBEKEND_AANLEVERPUNT,
            toelichting="Dit aanleverpunt is hier niet bekend.",
        )
    leerling = None
    if verzoek.zoeksleutel:
        try:
            verbinding = client.verbinding if client else TcVerbinding.huidige()
            gevonden = _ontsleutel(None, verzoek.zoeksleutel, verbinding)
        except (OSError, ValueError):
            gevonden = None
        if gevonden:
            leerling = Leerling.objects.filter(
                school=ap.school, pgn_hash=pgn_hash(*gevonden)
            ).first()
    with transaction.atomic():
        Notificatie.objects.create(
            school=ap.school,
            leerling=leerling,
            doel_routeringskenmerk=verzoek.doel_routerings_kenmerk,
            bron_brin=verzoek.bron_brin,
            bron_routeringskenmerk=verzoek.bron_routerings_kenmerk,
            overdrachtsoort=verzoek.overdrachtsoort.value,
            koppelsleutel=verzoek.koppelsleutel,
            dossier_verzameldatum=verzoek.dossier_verzameldatum,
        )
        _log_in(verzoek, ap.school, Resultaatcode.NOTIFICATIE_ONTVANGEN.value, begin)
    return b.NotificatieResponse(resultaat=Resultaatcode.NOTIFICATIE_ONTVANGEN)


def verwerk(
    bericht: b.Bericht,
    *,
    client: TcClient | None = None,
    beller: x509.Certificate | None = None,
) -> b.Bericht:
    """Our answer to an incoming message; anything not meant for a LAS is refused. ``beller``
    is the TLS client certificate the message came with."""
    if isinstance(bericht, b.DocumentRequest):
        return document_verstrekken(bericht, client=client, beller=beller)
    if isinstance(bericht, b.NotificatieRequest):
        return notificatie_ontvangen(bericht, client=client)
    if isinstance(bericht, b.TerugkoppelingRequest):
        from zorgvraag.uitwisseling import terugkoppeling_ontvangen

        return terugkoppeling_ontvangen(bericht, client=client)
    raise OsoWeigering("Dit bericht is niet voor dit systeem bestemd.", "niet-voor-las")
