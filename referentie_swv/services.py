"""What the reference SWV system does, each step over the protocol only:

- :func:`registreren`: register its aanleverpunt at the TC with its own certificate and URL;
- :func:`notificatie_ontvangen`: a school's LAS says a zorgvraag is ready (stored once per
  koppelsleutel: a repeated notificatie changes nothing), and the pull is queued;
- :func:`dossier_ophalen`: open a session at the TC with the koppelsleutel, ask the school's
  aanleverpunt for the SWV dossier, check it (XSD, rules, no PGN) and close the session;
- :func:`terugkoppeling_sturen`: ask the TC where to, then send status and message to the LAS.

No network call runs inside a database transaction.
"""

from __future__ import annotations

import logging
import time

from django.db import IntegrityError, transaction
from django.utils import timezone

from dossiers.xmlsafe import OngeldigeXml, parse_dossier
from trafficcenter_client import berichten as b
from trafficcenter_client.berichten import Resultaatcode, TerugkoppelingStatus
from trafficcenter_client.client import TcClient, TcFout, TcNietBereikbaar
from trafficcenter_client.models import Berichtlog, Richting

from .models import Aanvraag, AanvraagStatus, SwvSysteem, VerstuurdeTerugkoppeling

logger = logging.getLogger(__name__)

NS = {"d": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}


class SwvWeigering(Exception):  # noqa: N818 - the domain's own word
    """An incoming message is refused as a whole: the view answers with a SOAP Fault."""

    def __init__(self, melding: str, code: str) -> None:
        super().__init__(melding)
        self.code = code


def client_voor(systeem: SwvSysteem, **opties) -> TcClient:
    return TcClient(systeem.verbinding(), **opties)


def registreren(systeem: SwvSysteem, *, client: TcClient | None = None) -> bool:
    """Register the SWV aanleverpunt at the TC, bound to this system's certificate."""
    verzoek = b.RegistreerAanleverpuntRequest(
        brin=systeem.swv_code,
        routerings_kenmerk=systeem.routeringskenmerk,
        naam=systeem.naam[:500],
        soort=b.SoortAanleverpunt.SWV,
        sector=b.Sector.SWV,
        url=systeem.url,
        actief=systeem.actief,
    )
    try:
        antwoord = (client or client_voor(systeem)).tc(verzoek)
    except (TcNietBereikbaar, TcFout) as fout:
        logger.warning("Referentie-SWV: registreren mislukt: %s", fout)
        return False
    return getattr(antwoord, "resultaat", None) == Resultaatcode.AANLEVERPUNT_GEREGISTREERD


def _log_in(bericht, resultaat: str, begin: float) -> None:
    Berichtlog.objects.create(
        richting=Richting.IN,
        operatie=type(bericht).ELEMENT,
        bron_brin=bericht.bron_brin,
        bron_routeringskenmerk=bericht.bron_routerings_kenmerk,
        doel_brin=bericht.doel_brin,
        doel_routeringskenmerk=bericht.doel_routerings_kenmerk,
        resultaat=resultaat,
        duur_ms=max(0, round((time.monotonic() - begin) * 1000)),
    )


def notificatie_ontvangen(verzoek: b.NotificatieRequest) -> b.NotificatieResponse:
    begin = time.monotonic()
    systeem = SwvSysteem.objects.filter(
        routeringskenmerk=verzoek.doel_routerings_kenmerk, swv_code=verzoek.doel_brin, actief=True
    ).first()
    if systeem is None:
        _log_in(verzoek, Resultaatcode.ONBEKEND_AANLEVERPUNT.value, begin)
        return b.NotificatieResponse(
            resultaat=Resultaatcode.ONBEKEND_AANLEVERPUNT,
            toelichting="Dit aanleverpunt is bij dit SWV-systeem niet bekend.",
        )
    if verzoek.overdrachtsoort != b.Overdrachtsoort.SWV_DOSSIER:
        _log_in(verzoek, Resultaatcode.ONGELDIG_BERICHT.value, begin)
        return b.NotificatieResponse(
            resultaat=Resultaatcode.ONGELDIG_BERICHT,
            toelichting="Een samenwerkingsverband ontvangt alleen SWV-dossiers.",
        )
    try:
        with transaction.atomic():
            aanvraag, nieuw = Aanvraag.objects.get_or_create(
                systeem=systeem,
                koppelsleutel=verzoek.koppelsleutel,
                defaults={
                    "bron_brin": verzoek.bron_brin,
                    "bron_routeringskenmerk": verzoek.bron_routerings_kenmerk,
                },
            )
            _log_in(verzoek, Resultaatcode.NOTIFICATIE_ONTVANGEN.value, begin)
            if systeem.automatisch_ophalen and aanvraag.status != AanvraagStatus.OPGEHAALD:
                from .tasks import swv_dossier_ophalen

                transaction.on_commit(lambda: swv_dossier_ophalen.delay(aanvraag.pk))
    except IntegrityError:  # the same notificatie at the same moment: already stored
        pass
    return b.NotificatieResponse(resultaat=Resultaatcode.NOTIFICATIE_ONTVANGEN)


def verwerk(bericht: b.Bericht) -> b.Bericht:
    if isinstance(bericht, b.NotificatieRequest):
        return notificatie_ontvangen(bericht)
    raise SwvWeigering("Dit bericht is niet voor dit SWV-systeem bestemd.", "niet-voor-swv")


# --- pulling the dossier ---------------------------------------------------------------------


def controleer(xml: bytes) -> list[str]:
    """What the SWV checks in a received dossier: the XSD, every rule, and that no BSN or
    onderwijsnummer is in it."""
    from dossiers.regels import FOUT, valideer
    from dossiers.xsd import StandaardNietGevonden, xsd_fouten

    root = parse_dossier(xml)
    try:
        fouten = [f"XSD: {f}" for f in xsd_fouten(root)]
    except StandaardNietGevonden as fout:
        fouten = [f"XSD niet gecontroleerd: {fout}"]
    fouten += [m.bericht for m in valideer(root) if m.ernst == FOUT]
    if root.xpath("//d:bsn | //d:onderwijsnummer", namespaces=NS):
        fouten.append("Het dossier bevat een BSN of onderwijsnummer.")
    return fouten


def _naam(root) -> tuple[str, str, str]:
    leerling = root.find("d:huidigeschool/d:leerling", namespaces=NS)
    delen = []
    if leerling is not None:
        for veld in ("roepnaam", "voorvoegsel", "achternaam"):
            tekst = leerling.findtext(f"d:{veld}", namespaces=NS)
            if tekst:
                delen.append(tekst)
    school = root.findtext("d:huidigeschool/d:naam", namespaces=NS) or ""
    overstap = root.findtext("d:metadata/d:overstap", namespaces=NS) or ""
    return " ".join(delen), school, overstap


def _mislukt(aanvraag: Aanvraag, melding: str) -> Aanvraag:
    Aanvraag.objects.filter(pk=aanvraag.pk).exclude(status=AanvraagStatus.OPGEHAALD).update(
        status=AanvraagStatus.MISLUKT, melding=melding[:500]
    )
    aanvraag.refresh_from_db()
    return aanvraag


def dossier_ophalen(aanvraag: Aanvraag, *, client: TcClient | None = None) -> Aanvraag:
    """Pull the SWV dossier of ``aanvraag`` with its koppelsleutel. Asking again after a
    success changes nothing."""
    aanvraag.refresh_from_db()
    if aanvraag.status == AanvraagStatus.OPGEHAALD:
        return aanvraag
    systeem = aanvraag.systeem
    client = client or client_voor(systeem)
    try:
        geopend = client.tc(
            b.OverdrachtRequest(
                bron_brin=aanvraag.bron_brin,
                bron_routerings_kenmerk=aanvraag.bron_routeringskenmerk,
                doel_brin=systeem.swv_code,
                doel_routerings_kenmerk=systeem.routeringskenmerk,
                overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER,
                koppelsleutel=aanvraag.koppelsleutel,
            )
        )
    except (TcNietBereikbaar, TcFout) as fout:
        return _mislukt(aanvraag, f"Traffic Center: {fout}")
    if geopend.resultaat != Resultaatcode.SESSIE_GESTART or geopend.sessie_id is None:
        return _mislukt(aanvraag, f"Geen sessie: {geopend.toelichting or geopend.resultaat}")
    resultaat = Resultaatcode.AANLEVERPUNT_NIET_BEREIKBAAR
    document, melding, kenmerk = None, "", None
    for ap in geopend.aanleverpunten:
        if not ap.url:
            continue
        kenmerk = ap.routerings_kenmerk
        try:
            antwoord = client.stuur(
                ap.url,
                b.DocumentRequest(
                    sessie_id=geopend.sessie_id,
                    bron_brin=ap.brin,
                    bron_routerings_kenmerk=ap.routerings_kenmerk,
                    doel_brin=systeem.swv_code,
                    doel_routerings_kenmerk=systeem.routeringskenmerk,
                    overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER,
                    koppelsleutel=aanvraag.koppelsleutel,
                ),
            )
        except (TcNietBereikbaar, TcFout) as fout:
            melding = f"School: {fout}"
            continue
        resultaat = antwoord.resultaat
        document = antwoord.document
        melding = antwoord.toelichting or resultaat.value
        if resultaat == Resultaatcode.OVERDRACHT_GESLAAGD:
            break
    try:
        client.tc(
            b.AfmeldingRequest(
                sessie_id=geopend.sessie_id,
                doel_brin=systeem.swv_code,
                doel_routerings_kenmerk=systeem.routeringskenmerk,
                resultaat=resultaat
                if resultaat in b.AFMELDING_RANGORDE
                else Resultaatcode.ONGELDIG_BERICHT,
                bron_routerings_kenmerk=kenmerk,
            )
        )
    except (TcNietBereikbaar, TcFout) as fout:
        logger.info("Referentie-SWV: afmelden mislukt: %s", fout)
    if resultaat != Resultaatcode.OVERDRACHT_GESLAAGD or not document:
        return _mislukt(aanvraag, melding or "Het dossier is niet ontvangen.")
    try:
        root = parse_dossier(document)
    except OngeldigeXml as fout:
        return _mislukt(aanvraag, f"Het ontvangen dossier is onleesbaar: {fout}")
    leerling, school, overstap = _naam(root)
    Aanvraag.objects.filter(pk=aanvraag.pk).update(
        status=AanvraagStatus.OPGEHAALD,
        xml=document,
        leerling_naam=leerling[:200],
        school_naam=school[:200],
        overstap=overstap[:10],
        controle=controleer(document),
        opgehaald_op=timezone.now(),
        melding="",
    )
    aanvraag.refresh_from_db()
    return aanvraag


# --- terugkoppeling --------------------------------------------------------------------------


def terugkoppeling_sturen(
    aanvraag: Aanvraag,
    *,
    status: TerugkoppelingStatus | str,
    bericht: str = "",
    document: bytes | None = None,
    client: TcClient | None = None,
) -> VerstuurdeTerugkoppeling:
    """Send the SWV's terugkoppeling on a zorgvraag to the school, through the TC, with a
    document (a beschikking, say) when given."""
    status = TerugkoppelingStatus(status)
    systeem = aanvraag.systeem
    client = client or client_voor(systeem)
    resultaat, melding = "", ""
    try:
        gemeld = client.tc(
            b.MeldenTerugkoppelingRequest(
                bron_brin=aanvraag.bron_brin,
                bron_routerings_kenmerk=aanvraag.bron_routeringskenmerk,
                doel_brin=systeem.swv_code,
                doel_routerings_kenmerk=systeem.routeringskenmerk,
                koppelsleutel=aanvraag.koppelsleutel,
            )
        )
        if gemeld.resultaat != Resultaatcode.TERUGKOPPELING_GEMELD or not gemeld.aanleverpunt:
            resultaat, melding = gemeld.resultaat.value, gemeld.toelichting or ""
        elif not gemeld.aanleverpunt.url:
            resultaat = Resultaatcode.AANLEVERPUNT_NIET_BEREIKBAAR.value
            melding = "Het aanleverpunt van de school heeft geen adres."
        else:
            antwoord = client.stuur(
                gemeld.aanleverpunt.url,
                b.TerugkoppelingRequest(
                    bron_brin=aanvraag.bron_brin,
                    bron_routerings_kenmerk=aanvraag.bron_routeringskenmerk,
                    doel_brin=systeem.swv_code,
                    doel_routerings_kenmerk=systeem.routeringskenmerk,
                    koppelsleutel=aanvraag.koppelsleutel,
                    status=status,
                    bericht=bericht or None,
                    document=document or None,
                ),
            )
            resultaat, melding = antwoord.resultaat.value, antwoord.toelichting or ""
    except (TcNietBereikbaar, TcFout) as fout:
        resultaat, melding = "NietAfgeleverd", str(fout)
    return VerstuurdeTerugkoppeling.objects.create(
        aanvraag=aanvraag,
        status=status.value,
        bericht=bericht,
        resultaat=resultaat[:60],
        melding=melding[:500],
    )


def afgeleverd(terugkoppeling: VerstuurdeTerugkoppeling) -> bool:
    return terugkoppeling.resultaat == Resultaatcode.TERUGKOPPELING_ONTVANGEN.value
