"""Reads for the zorgvraag screens: the SWV aanleverpunten to choose from, and what was sent."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

from dossiers.bijlagen import OngeldigeBijlage, uitpakken
from dossiers.profielen import Profiel
from dossiers.xmlsafe import OngeldigeXml, parse_dossier
from scholen.models import Aanleverpunt, School, SoortAanleverpunt
from trafficcenter_client import berichten as b
from trafficcenter_client.client import TcClient, TcFout, TcNietBereikbaar

logger = logging.getLogger(__name__)

NS = {"d": "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"}


def profiel_voor(school: School) -> Profiel:
    """SWV PO for a primary school, SWV VO for a secondary school (by the school's sector)."""
    return Profiel.SWV_VO if school.sector == "VO" else Profiel.SWV_PO


@dataclass(frozen=True)
class AanleverpuntKeuze:
    """One SWV aanleverpunt as the form offers it: "950: PO2801 <kenmerk> <naam>"."""

    routeringskenmerk: str
    swv_code: str
    naam: str
    nummer: int | None = None
    lokaal_id: int | None = None

    @property
    def label(self) -> str:
        nummer = f"{self.nummer}: " if self.nummer is not None else ""
        return f"{nummer}{self.swv_code} {self.routeringskenmerk} {self.naam}"


def swv_aanleverpunten(
    school: School, *, client: TcClient | None = None
) -> tuple[list[AanleverpuntKeuze], str]:
    """The active SWV aanleverpunten of the school's sector, from the Traffic Center's
    overview (``overzichtAanleverpuntRequest``, doel SWV). When the TC cannot be asked, the
    SWV aanleverpunten known in this LAS are offered, with a message saying so."""
    lokaal = {
        ap.routeringskenmerk: ap
        for ap in Aanleverpunt.objects.filter(
            soort=SoortAanleverpunt.SWV, samenwerkingsverband__isnull=False
        ).select_related("samenwerkingsverband")
    }
    sector = school.sector
    try:
        antwoord = (client or TcClient()).tc(
            b.OverzichtAanleverpuntRequest(doel=b.Sector.SWV), school=school
        )
    except (TcNietBereikbaar, TcFout, ImproperlyConfigured) as fout:
        logger.info("OSO: overzicht aanleverpunten niet opgehaald: %s", type(fout).__name__)
        keuzes = [
            AanleverpuntKeuze(
                ap.routeringskenmerk,
                ap.samenwerkingsverband.code,
                ap.omschrijving or ap.samenwerkingsverband.naam,
                ap.nummer,
                ap.pk,
            )
            for ap in lokaal.values()
            if ap.samenwerkingsverband.sector == sector
        ]
        return keuzes, (
            "Het overzicht van aanleverpunten kon niet bij het Traffic Center worden opgehaald; "
            "hieronder staan de aanleverpunten die in dit systeem bekend zijn."
        )
    keuzes = []
    for ap in getattr(antwoord, "aanleverpunten", ()):
        if not ap.actief or ap.soort != b.SoortAanleverpunt.SWV or not ap.brin.startswith(sector):
            continue
        bekend = lokaal.get(ap.routerings_kenmerk)
        keuzes.append(
            AanleverpuntKeuze(
                ap.routerings_kenmerk,
                ap.brin,
                ap.naam,
                bekend.nummer if bekend else None,
                bekend.pk if bekend else None,
            )
        )
    keuzes.sort(key=lambda k: (k.swv_code, k.nummer if k.nummer is not None else 0))
    melding = "" if keuzes else "Het Traffic Center kent geen SWV-aanleverpunt voor uw sector."
    return keuzes, melding


@dataclass(frozen=True)
class VerzondenBijlage:
    omschrijving: str
    bestandsnaam: str
    grootte: int


def verzonden_bijlagen(xml: bytes | None) -> list[VerzondenBijlage]:
    """The attachments as they travelled in the SWV dossier (names and sizes)."""
    if not xml:
        return []
    try:
        root = parse_dossier(bytes(xml))
    except OngeldigeXml:
        return []
    bijlagen = []
    for element in root.xpath("//d:bestandsinhoud/..", namespaces=NS):
        try:
            _naam, inhoud = uitpakken(element.findtext("d:bestandsinhoud", namespaces=NS) or "")
        except OngeldigeBijlage:
            inhoud = b""
        bijlagen.append(
            VerzondenBijlage(
                omschrijving=element.findtext("d:omschrijving", namespaces=NS) or "",
                bestandsnaam=element.findtext("d:bestandsnaam", namespaces=NS) or "",
                grootte=len(inhoud),
            )
        )
    return bijlagen
