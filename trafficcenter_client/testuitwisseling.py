"""The test exchange ("testuitwisseling") a school runs before it joins OSO, on the demo schools.

Every step uses the same services as the screens, over real HTTPS with client certificates:
klaarzetten at the school of origin, asking and importing at the receiving school, the error
results, a wrong certificate, afmelding and the refusal of a finished session, a notificatie of a
newer version. Two ways to run it (``manage.py oso_testuitwisseling``):

- one LAS installation (:func:`een_las`): the demo schools of this database, with the reference
  Traffic Center and this LAS's endpoint in threads (the ``make run`` set-up);
- two LAS installations (:mod:`trafficcenter_client.tweelas`): each step runs in the
  installation of its school, as its own process with its own database.

The transfers (demo data, :mod:`leerlingen.demo`): POPO Het Kompas (15TT) → De Regenboog (14SS),
POVO Het Kompas → Wilgendaal College (16UU), VOVO Essenwoude Lyceum (17VV) → Wilgendaal College,
binnen-brin De Regenboog locatie Zuid → De Regenboog.

A step raises :class:`Mislukt` with a Dutch message; the runner prints ``[OK]`` or ``[FOUT]`` per
step and goes on, and the command exits non-zero when any step failed. Numbers are never
printed: a step names a pupil by leerlingnummer.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from dossiers import importeren
from dossiers import services as dossier_services
from dossiers.models import InzageKeuze, Klaarzetting, Overstapdossier
from dossiers.profielen import PROFIELEN, Profiel
from leerlingen.models import Leerling, pgn_hash
from scholen.models import Aanleverpunt, School

from . import berichten as b
from . import pki
from .berichten import Resultaatcode
from .client import TcClient, TcFout, TcNietBereikbaar
from .models import Berichtlog, OpvraagStatus, Opvraging, TcVerbinding
from .services import dossier_opvragen, opvraging_importeren

logger = logging.getLogger(__name__)


class Mislukt(Exception):  # noqa: N818 - the domain's own word
    """A step of the test exchange did not do what it should; the message says what."""


@dataclass(frozen=True)
class Overstap:
    naam: str
    profiel: Profiel
    bron_brin: str
    doel_brin: str

    @property
    def binnen_brin(self) -> bool:
        return PROFIELEN[self.profiel].binnen_brin

    def __str__(self) -> str:
        return f"{self.naam} {self.bron_brin} → {self.doel_brin}"


OVERSTAPPEN = (
    Overstap("POPO", Profiel.POPO, "15TT", "14SS"),
    Overstap("POVO", Profiel.POVO, "15TT", "16UU"),
    Overstap("VOVO", Profiel.VOVO, "17VV", "16UU"),
    Overstap("binnen-brin", Profiel.BINNEN_BRIN_POPO, "14SS", "14SS"),
)
# a valid BSN (11-proef) that is no demo pupil's (those are 9999xxxxx)
ONBEKEND_BSN = "111222333"


@dataclass
class Verslag:
    """Prints every step and remembers the failures."""

    schrijf: Callable[[str], None]
    fouten: list[str] = field(default_factory=list)
    regels: list[str] = field(default_factory=list)

    def _regel(self, tekst: str) -> None:
        self.regels.append(tekst)
        self.schrijf(tekst)

    def ok(self, tekst: str) -> None:
        self._regel(f"[OK]   {tekst}")

    def fout(self, tekst: str) -> None:
        self.fouten.append(tekst)
        self._regel(f"[FOUT] {tekst}")

    def stap(self, titel: str, functie: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run one step; its return value, or None when it failed (and was reported)."""
        try:
            return functie(*args, **kwargs)
        except Mislukt as fout:
            self.fout(f"{titel}: {fout}")
        except Exception as fout:  # a test run reports every failure and goes on
            logger.exception("testuitwisseling: %s", titel)
            self.fout(f"{titel}: onverwachte fout ({type(fout).__name__}: {fout})")
        return None

    @property
    def geslaagd(self) -> bool:
        return not self.fouten


def _school(brin: str) -> School:
    school = School.objects.filter(brincode=brin).first()
    if school is None:
        raise Mislukt(f"school {brin} ontbreekt; draai eerst 'manage.py demo_data'.")
    return school


def medewerker(school: School) -> User | None:
    """The school's administrator in the demo data (who does what a user would do)."""
    return (
        User.objects.filter(aanstellingen__school=school, is_active=True)
        .order_by("aanstellingen__rol", "pk")
        .first()
    )


# --- the school of origin ---------------------------------------------------------------------


def kies_leerling(overstap: Overstap) -> Leerling:
    """The demo pupil of a transfer: who left the school of origin for the receiving school, or
    for binnen-brin the first pupil of locatie Zuid."""
    school = _school(overstap.bron_brin)
    leerlingen = Leerling.objects.filter(school=school).order_by("leerlingid")
    if overstap.binnen_brin:
        leerling = leerlingen.filter(
            vestiging__vestigingscode="01", datum_uitschrijving__isnull=True
        ).first()
    else:
        leerling = leerlingen.filter(
            vervolgschool_brin=overstap.doel_brin, datum_uitschrijving__isnull=False
        ).first()
    if leerling is None:
        raise Mislukt(f"geen demoleerling voor {overstap}; draai 'manage.py demo_data'.")
    return leerling


def zet_klaar(overstap: Overstap) -> Klaarzetting:
    """Collect the pupil's dossier with every optional block, register inzage for this
    version, and klaarzetten: as the school of origin does on the dossier page."""
    leerling = kies_leerling(overstap)
    user = medewerker(leerling.school)
    dossier = dossier_services.dossier_van(leerling)
    if dossier.binnen_brin != overstap.binnen_brin:
        Overstapdossier.objects.filter(pk=dossier.pk).update(binnen_brin=overstap.binnen_brin)
        dossier.binnen_brin = overstap.binnen_brin
    keuzes = dossier_services.standaard_keuzes(dossier, overstap.profiel)
    try:
        opdracht = dossier_services.verzamelen_aanvragen(
            dossier=dossier, keuzes=keuzes, user=user, direct=True
        )
    except dossier_services.DossierFout as fout:
        raise Mislukt(f"verzamelen kan niet: {'; '.join(map(str, fout.args[0]))}") from fout
    versie = dossier_services.verzamel(opdracht.pk)
    if versie is None:
        opdracht.refresh_from_db()
        raise Mislukt(f"het dossier is afgekeurd: {opdracht.melding}")
    dossier.refresh_from_db()
    with transaction.atomic():
        dossier.inzage = InzageKeuze.JA
        dossier.inzage_datum = timezone.localdate()
        dossier.inzage_versie = dossier.huidige_versie
        dossier.save(update_fields=["inzage", "inzage_datum", "inzage_versie"])
        from audit import events

        events.log(
            "dossier_inzage",
            user=user,
            leerling=leerling,
            obj=dossier,
            omschrijving=dossier.get_inzage_display(),
            details={"versie": versie.nummer, "testuitwisseling": True},
        )
    try:
        return dossier_services.klaarzetten(dossier=dossier, user=user)
    except dossier_services.DossierFout as fout:
        raise Mislukt(f"klaarzetten kan niet: {'; '.join(map(str, fout.args[0]))}") from fout


# --- the receiving school ---------------------------------------------------------------------


def vraag_op(
    *,
    doel_brin: str,
    herkomst_brin: str,
    pgn_type: str,
    pgn: str,
    client: TcClient,
    nieuwer: bool = False,
) -> Opvraging:
    """Ask for the dossier as Leerling importeren (OSO) does, or for an existing pupil as
    Overstapdossier opvragen does (``nieuwer``: only a dossier newer than the imported one)."""
    school = _school(doel_brin)
    leerling = Leerling.objects.filter(school=school, pgn_hash=pgn_hash(pgn_type, pgn)).first()
    verzameldatum = None
    if leerling is not None and nieuwer:
        laatst = (
            Opvraging.objects.filter(leerling=leerling, geimporteerd_op__isnull=False)
            .order_by("-geimporteerd_op")
            .first()
        )
        verzameldatum = laatst.verzameldatum if laatst else None
    opvraging = dossier_opvragen(
        school=school,
        herkomst_brin=herkomst_brin,
        pgn_type=pgn_type,
        pgn=pgn,
        user=medewerker(school),
        leerling=leerling,
        verzameldatum=verzameldatum,
        client=client,
    )
    opvraging.refresh_from_db()
    if opvraging.status != OpvraagStatus.KLAAR:
        raise Mislukt(f"de opvraging mislukte: {opvraging.melding}")
    return opvraging


def importeer(opvraging: Opvraging) -> str:
    """Dossier importeren: a new pupil, or the existing one completed (nothing overwritten)."""
    if not opvraging.xml:
        raise Mislukt("er is geen dossier ontvangen om te importeren")
    ontvangen = importeren.lees_ontvangen(bytes(opvraging.xml))
    bestaand = bool(opvraging.leerling_id)
    try:
        resultaat = opvraging_importeren(
            opvraging, ontvangen, keuzes={}, user=medewerker(opvraging.school)
        )
    except importeren.ImportFout as fout:
        raise Mislukt(f"importeren mislukte: {' '.join(fout.meldingen)}") from fout
    if bestaand:
        return f"bestaande leerling {_naam(resultaat.leerling)} aangevuld"
    return f"nieuwe leerling {_naam(resultaat.leerling)}"


def _naam(leerling: Leerling) -> str:
    return leerling.leerlingid or f"(nr. {leerling.pk} in de administratie)"


def afgemeld(opvraging: Opvraging) -> str:
    """The Traffic Center's answer to the afmelding of the request's session."""
    log = (
        Berichtlog.objects.filter(operatie="afmeldingRequest", sessie_id=opvraging.sessie_id)
        .order_by("pk")
        .first()
    )
    if log is None or log.resultaat != Resultaatcode.SESSIE_AFGEMELD:
        raise Mislukt(f"de sessie is niet afgemeld ({log.resultaat if log else 'geen bericht'})")
    return log.resultaat


def opnieuw_afmelden(opvraging: Opvraging, client: TcClient) -> Resultaatcode:
    """A replay of the finished session's afmelding must be refused."""
    eigen = Aanleverpunt.objects.filter(
        school=opvraging.school, registratiestatus="geregistreerd"
    ).order_by("nummer")
    antwoord = client.tc(
        b.AfmeldingRequest(
            sessie_id=opvraging.sessie_id,
            doel_brin=opvraging.school.brincode,
            doel_routerings_kenmerk=eigen.first().routeringskenmerk,
            resultaat=Resultaatcode.OVERDRACHT_GESLAAGD,
        ),
        school=opvraging.school,
    )
    if antwoord.resultaat != Resultaatcode.SESSIE_REEDS_AFGEMELD:
        raise Mislukt(f"een afgemelde sessie werd opnieuw aanvaard ({antwoord.resultaat})")
    return antwoord.resultaat


def verwacht(opvraging: Opvraging, *codes: Resultaatcode) -> str:
    if opvraging.resultaat not in codes:
        verwacht_ = " of ".join(c.gebruikerscode for c in codes)
        gekregen = Resultaatcode(opvraging.resultaat).gebruikerscode if opvraging.resultaat else "-"
        raise Mislukt(f"verwacht {verwacht_}, gekregen {gekregen} ({opvraging.melding})")
    return Resultaatcode(opvraging.resultaat).gebruikerscode


# --- certificates -----------------------------------------------------------------------------


def vreemde_ca_geweigerd(verbinding: TcVerbinding, werkmap) -> str:
    """A client certificate from another CA: the TLS handshake is refused, nothing is sent."""
    ca = pki.maak_ca("Vreemde CA")
    paar = pki.maak_clientcertificaat(ca, "00000001999999999000", "Indringer")
    pki.schrijf_sleutelpaar(werkmap / "vreemd.pem", werkmap / "vreemd-key.pem", paar)
    vreemd = TcVerbinding(
        tc_url=verbinding.tc_url,
        client_certificaat=str(werkmap / "vreemd.pem"),
        client_sleutel=str(werkmap / "vreemd-key.pem"),
        ca_certificaat=verbinding.ca_certificaat,
        timeout=5,
        pogingen=1,
    )
    try:
        TcClient(vreemd, backoff=0.01).tc(b.OverzichtAanleverpuntRequest())
    except TcNietBereikbaar:
        return "TLS-verbinding geweigerd"
    raise Mislukt("het Traffic Center aanvaardde een certificaat van een vreemde CA")


def ander_certificaat_geweigerd(verbinding: TcVerbinding, ca_map, werkmap, doel_brin: str) -> str:
    """A certificate of the OSO PKI that is not bound to the aanleverpunt it claims: refused."""
    ca = (pki.laad_certificaat(ca_map / "ca.pem"), pki.laad_sleutel(ca_map / "ca-key.pem"))
    paar = pki.maak_clientcertificaat(ca, "00000001888888888000", "Andere leverancier")
    pki.schrijf_sleutelpaar(werkmap / "ander.pem", werkmap / "ander-key.pem", paar)
    ander = TcVerbinding(
        tc_url=verbinding.tc_url,
        client_certificaat=str(werkmap / "ander.pem"),
        client_sleutel=str(werkmap / "ander-key.pem"),
        ca_certificaat=verbinding.ca_certificaat,
        timeout=5,
        pogingen=1,
    )
    doel = Aanleverpunt.objects.filter(school__brincode=doel_brin).order_by("nummer").first()
    from .zoeksleutel import versleutel

    zoeksleutel = versleutel("bsn", ONBEKEND_BSN, pki.laad_certificaat(verbinding.tc_certificaat))
    try:
        antwoord = TcClient(ander, backoff=0.01).tc(
            b.OverdrachtRequest(
                bron_brin="15TT",
                doel_brin=doel_brin,
                doel_routerings_kenmerk=doel.routeringskenmerk,
                overdrachtsoort=b.Overdrachtsoort.OVERSTAPDOSSIER,
                zoeksleutel=zoeksleutel,
            )
        )
    except TcFout as fout:
        return f"geweigerd ({fout})"
    if antwoord.resultaat == Resultaatcode.SESSIE_GESTART:
        raise Mislukt("het Traffic Center opende een sessie voor een vreemd certificaat")
    return f"geweigerd ({antwoord.resultaat})"


def zonder_mandaat_geweigerd(verbinding: TcVerbinding, werkmap, brin: str) -> str:
    """A supplier's certificate of the OSO PKI without the school's mandate registers an unused
    aanleverpunt of the school: refused (issue 11: it could then have opened sessions as that
    school). Uses the certificate :func:`ander_certificaat_geweigerd` made."""
    ander = TcVerbinding(
        tc_url=verbinding.tc_url,
        client_certificaat=str(werkmap / "ander.pem"),
        client_sleutel=str(werkmap / "ander-key.pem"),
        ca_certificaat=verbinding.ca_certificaat,
        timeout=5,
        pogingen=1,
    )
    try:
        antwoord = TcClient(ander, backoff=0.01).tc(
            b.RegistreerAanleverpuntRequest(
                brin=brin,
                routerings_kenmerk=pki.oin_voor_school(brin, 99999),
                naam="Zonder mandaat",
                soort=b.SoortAanleverpunt.SCHOOL,
                sector=b.Sector.VO,
                url="https://127.0.0.1:9/oso/soap/",
            )
        )
    except TcFout as fout:
        if "mandaat" not in str(fout):
            raise Mislukt(f"geweigerd, maar niet om het mandaat ({fout})") from None
        return "geweigerd"
    raise Mislukt(f"het Traffic Center registreerde een aanleverpunt zonder mandaat ({antwoord})")


# --- privacy ----------------------------------------------------------------------------------


def geen_pgn(pgns: Iterable[str], teksten: dict[str, str]) -> str:
    """No BSN or onderwijsnummer in clear in any of ``teksten`` (name → text)."""
    for naam, tekst in teksten.items():
        for pgn in pgns:
            if pgn and pgn in tekst:
                raise Mislukt(f"een BSN of onderwijsnummer staat leesbaar in {naam}")
    return f"geen BSN of onderwijsnummer in {', '.join(teksten)}"


@contextlib.contextmanager
def logregels(*, stil: bool = True) -> Iterator[io.StringIO]:
    """Every log line of this process while the exchange runs (unfiltered, to check that none
    holds a number); with ``stil`` the console shows warnings and errors only."""
    opvang = io.StringIO()
    handler = logging.StreamHandler(opvang)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    consoles = [h for h in root.handlers if stil and isinstance(h, logging.StreamHandler)]
    niveaus = [h.level for h in consoles]
    for h in consoles:
        h.setLevel(logging.WARNING)
    root.addHandler(handler)
    try:
        yield opvang
    finally:
        root.removeHandler(handler)
        for h, niveau in zip(consoles, niveaus, strict=True):
            h.setLevel(niveau)


def berichtenlog_tekst() -> str:
    return "\n".join(
        repr(rij)
        for rij in Berichtlog.objects.values_list(
            "operatie", "url", "resultaat", "fout", "bron_brin", "doel_brin"
        )
    )


# --- the parts of the exchange -----------------------------------------------------------------
# Each part runs in the installation of its schools and hands the next part plain data: in one
# installation directly (:func:`een_las`), between two as JSON (:mod:`.tweelas`).


def bron_klaarzetten(verslag: Verslag) -> dict[str, dict[str, str]]:
    """At the schools of origin: klaarzetten for every transfer. Per transfer what the
    receiving school knows (the number the parents give) and, to compare, the document's hash;
    under ``"niet_klaargezet"`` a pupil of 15TT whose dossier is not klaargezet for 16UU."""
    klaargezet: dict[str, dict[str, str]] = {}
    for overstap in OVERSTAPPEN:
        klaarzetting = verslag.stap(f"{overstap} klaarzetten", zet_klaar, overstap)
        if klaarzetting is None:
            continue
        leerling = klaarzetting.dossier.leerling
        verslag.ok(
            f"{overstap} klaargezet: leerling {leerling.leerlingid}, versie "
            f"{klaarzetting.versie.nummer}, voor {klaarzetting.voor_brin}"
        )
        klaargezet[overstap.naam] = {
            "pgn_type": leerling.pgn_type,
            "pgn": leerling.pgn,
            "sha256": klaarzetting.sha256,
        }
    leerling = (
        Leerling.objects.filter(school__brincode="15TT", datum_uitschrijving__isnull=True)
        .exclude(overstapdossier__klaarzetting__voor_brin="16UU")
        .order_by("leerlingid")
        .first()
    )
    if leerling is None:
        verslag.fout("geen leerling van 15TT zonder klaarzetting voor 16UU")
    else:
        klaargezet["niet_klaargezet"] = {"pgn_type": leerling.pgn_type, "pgn": leerling.pgn}
    return klaargezet


def _ophalen(overstap: Overstap, gegeven: dict[str, str], client: TcClient) -> Opvraging:
    opvraging = vraag_op(
        doel_brin=overstap.doel_brin,
        herkomst_brin=overstap.bron_brin,
        pgn_type=gegeven["pgn_type"],
        pgn=gegeven["pgn"],
        client=client,
    )
    verwacht(opvraging, Resultaatcode.OVERDRACHT_GESLAAGD)
    if hashlib.sha256(bytes(opvraging.xml)).hexdigest() != gegeven["sha256"]:
        raise Mislukt("het ontvangen dossier is niet het klaargezette")
    return opvraging


def doel_opvragen(
    verslag: Verslag,
    klaargezet: dict[str, dict[str, str]],
    client: TcClient,
    *,
    ca_map: Path,
    werkmap: Path,
) -> None:
    """At the receiving schools: ask, check and import every transfer; then the error results,
    the replay of a finished session and the wrong certificates."""
    eerste: Opvraging | None = None
    for overstap in OVERSTAPPEN:
        if overstap.naam not in klaargezet:
            continue
        opvraging = verslag.stap(
            f"{overstap} opvragen", _ophalen, overstap, klaargezet[overstap.naam], client
        )
        if opvraging is None:
            continue
        eerste = eerste or opvraging
        verslag.ok(
            f"{overstap} opgevraagd door {overstap.doel_brin}: "
            f"{Resultaatcode(opvraging.resultaat).gebruikerscode} "
            f"(profiel {PROFIELEN[overstap.profiel].label})"
        )
        wat = verslag.stap(f"{overstap} importeren", importeer, opvraging)
        if wat:
            verslag.ok(f"{overstap} geïmporteerd: {wat}")
        afmelding = verslag.stap(f"{overstap} afmelding", afgemeld, opvraging)
        if afmelding:
            verslag.ok(f"{overstap} afmelding bij het Traffic Center: {afmelding}")

    def fout_resultaat(gegeven: dict[str, str], code: Resultaatcode) -> str:
        opvraging = vraag_op(
            doel_brin="16UU",
            herkomst_brin="15TT",
            pgn_type=gegeven["pgn_type"],
            pgn=gegeven["pgn"],
            client=client,
        )
        return verwacht(opvraging, code)

    for titel, gegeven, code in (
        (
            "onbekende leerling opvragen (16UU bij 15TT)",
            {"pgn_type": "bsn", "pgn": ONBEKEND_BSN},
            Resultaatcode.LEERLING_NIET_BEKEND,
        ),
        (
            "niet klaargezette leerling opvragen (16UU bij 15TT)",
            klaargezet.get("niet_klaargezet"),
            Resultaatcode.LEERLINGINFO_NIET_OPVRAAGBAAR,
        ),
    ):
        if gegeven is None:
            continue
        uitkomst = verslag.stap(titel, fout_resultaat, gegeven, code)
        if uitkomst:
            verslag.ok(f"{titel}: {uitkomst}")

    if eerste is not None:
        code = verslag.stap("afgemelde sessie opnieuw", opnieuw_afmelden, eerste, client)
        if code:
            verslag.ok(f"afgemelde sessie opnieuw afmelden: geweigerd met {code}")
    uitkomst = verslag.stap(
        "certificaat van een vreemde CA", vreemde_ca_geweigerd, client.verbinding, werkmap
    )
    if uitkomst:
        verslag.ok(f"certificaat van een vreemde CA: {uitkomst}")
    uitkomst = verslag.stap(
        "certificaat niet van het aanleverpunt",
        ander_certificaat_geweigerd,
        client.verbinding,
        ca_map,
        werkmap,
        "14SS",
    )
    if uitkomst:
        verslag.ok(f"certificaat dat niet bij het aanleverpunt hoort: {uitkomst}")
        uitkomst = verslag.stap(
            "leverancier zonder mandaat",
            zonder_mandaat_geweigerd,
            client.verbinding,
            werkmap,
            "16UU",
        )
        if uitkomst:
            verslag.ok(f"aanleverpunt registreren zonder mandaat van de school: {uitkomst}")


POPO = OVERSTAPPEN[0]


def bron_nieuwe_versie(verslag: Verslag, client: TcClient) -> dict[str, str] | None:
    """At the school of origin: the POPO dossier collected and klaargezet again, and the
    receiving school notified. Returns the new document's hash."""
    klaarzetting = verslag.stap(f"{POPO} opnieuw klaarzetten", zet_klaar, POPO)
    if klaarzetting is None:
        return None
    verslag.ok(f"{POPO} opnieuw verzameld en klaargezet: versie {klaarzetting.versie.nummer}")
    notificatie_versturen(verslag, klaarzetting, client)
    return {"sha256": klaarzetting.sha256}


def doel_nieuwe_versie(
    verslag: Verslag, gegeven: dict[str, str], nieuw: dict[str, str], client: TcClient
) -> None:
    """At the receiving school: the notificatie is there; the newer version is fetched through
    the existing pupil's request; asked again, there is nothing newer."""
    notificatie_ontvangen(verslag, gegeven)

    def nieuwer() -> str:
        vraag = {"pgn_type": gegeven["pgn_type"], "pgn": gegeven["pgn"]}
        opvraging = vraag_op(
            doel_brin=POPO.doel_brin,
            herkomst_brin=POPO.bron_brin,
            client=client,
            nieuwer=True,
            **vraag,
        )
        code = verwacht(opvraging, Resultaatcode.OVERDRACHT_GESLAAGD)
        if hashlib.sha256(bytes(opvraging.xml)).hexdigest() != nieuw["sha256"]:
            raise Mislukt("het ontvangen dossier is niet de nieuwe versie")
        importeer(opvraging)
        nog_eens = vraag_op(
            doel_brin=POPO.doel_brin,
            herkomst_brin=POPO.bron_brin,
            client=client,
            nieuwer=True,
            **vraag,
        )
        niet_gewijzigd = verwacht(nog_eens, Resultaatcode.LEERLING_INFO_NIET_GEWIJZIGD)
        return f"{code}, geïmporteerd; nog eens gevraagd: {niet_gewijzigd}"

    uitkomst = verslag.stap(f"{POPO} nieuwere versie opvragen", nieuwer)
    if uitkomst:
        verslag.ok(f"{POPO} nieuwere versie opgevraagd: {uitkomst}")


def notificatie_versturen(verslag: Verslag, klaarzetting: Klaarzetting, client: TcClient) -> None:
    """ "Notificatie versturen" as the dossier page offers it after klaarzetten again."""
    from .models import NotificatieUitkomst
    from .notificaties import notificatie_versturen as versturen

    def stuur() -> str:
        user = medewerker(klaarzetting.dossier.leerling.school)
        verstuurd = versturen(klaarzetting, user, client)
        if verstuurd.uitkomst != NotificatieUitkomst.VERSTUURD:
            raise Mislukt(f"niet verstuurd: {verstuurd.melding}")
        return f"{verstuurd.get_uitkomst_display()} aan {verstuurd.doel_brin}"

    uitkomst = verslag.stap(f"{POPO} notificatie versturen", stuur)
    if uitkomst:
        verslag.ok(f"{POPO} notificatie: {uitkomst}")


def notificatie_ontvangen(verslag: Verslag, gegeven: dict[str, str]) -> None:
    """The receiving school has the notificatie, matched to its pupil."""
    from .models import Notificatie

    def gevonden() -> str:
        notificatie = (
            Notificatie.objects.filter(school__brincode=POPO.doel_brin, bron_brin=POPO.bron_brin)
            .select_related("leerling")
            .order_by("-ontvangen_op", "-pk")
            .first()
        )
        if notificatie is None:
            raise Mislukt(f"{POPO.doel_brin} ontving geen notificatie")
        verwacht_hash = pgn_hash(gegeven["pgn_type"], gegeven["pgn"])
        if notificatie.leerling is None or notificatie.leerling.pgn_hash != verwacht_hash:
            raise Mislukt("de notificatie is niet aan de leerling gekoppeld")
        return f"ontvangen door {POPO.doel_brin} voor leerling {_naam(notificatie.leerling)}"

    uitkomst = verslag.stap(f"{POPO} notificatie ontvangen", gevonden)
    if uitkomst:
        verslag.ok(f"{POPO} notificatie {uitkomst}")


def privacy(
    verslag: Verslag, pgns: Iterable[str], log: io.StringIO | None, *, database: bool = True
) -> None:
    def controle() -> str:
        teksten = {"de uitvoer": "\n".join(verslag.regels)}
        if database:
            teksten["het berichtenlog"] = berichtenlog_tekst()
        if log is not None:
            teksten["de logregels"] = log.getvalue()
        return geen_pgn(pgns, teksten)

    uitkomst = verslag.stap("privacy", controle)
    if uitkomst:
        verslag.ok(uitkomst)


def een_las(
    verslag: Verslag,
    *,
    verbinding: TcVerbinding,
    pki_map: Path,
    werkmap: Path,
    log: io.StringIO | None = None,
) -> None:
    """The whole test exchange between the demo schools of this one installation."""
    client = TcClient(verbinding, backoff=0.05)
    klaargezet = bron_klaarzetten(verslag)
    doel_opvragen(verslag, klaargezet, client, ca_map=pki_map, werkmap=werkmap)
    if POPO.naam in klaargezet:
        nieuw = bron_nieuwe_versie(verslag, client)
        if nieuw:
            doel_nieuwe_versie(verslag, klaargezet[POPO.naam], nieuw, client)
    pgns = {ONBEKEND_BSN, *(g["pgn"] for g in klaargezet.values())}
    leerling = verslag.stap("zorgvraag", zorgvraag, verslag)
    if leerling is not None:
        pgns.add(leerling.pgn)
    privacy(verslag, pgns, log)


def zorgvraag(verslag: Verslag) -> Leerling:
    """A zorgvraag of a De Regenboog pupil to the reference SWV PO, with terugkoppeling."""
    from zorgvraag.testuitwisseling import ZorgvraagStapMislukt, zorgvraag_stap

    leerling = (
        Leerling.objects.filter(school__brincode="14SS", datum_uitschrijving__isnull=True)
        .order_by("leerlingid")
        .first()
    )
    swv = Aanleverpunt.objects.filter(samenwerkingsverband__code="PO2801").order_by("nummer")
    if leerling is None or not swv.exists():
        raise Mislukt("geen leerling van 14SS of geen aanleverpunt van SWV PO2801")
    try:
        zorgvraag_stap(
            leerling=leerling,
            swv_aanleverpunt=swv.first(),
            user=medewerker(leerling.school),
            meld=lambda tekst: verslag.ok(f"zorgvraag: {tekst}"),
        )
    except ZorgvraagStapMislukt as fout:
        raise Mislukt(str(fout)) from fout
    return leerling
