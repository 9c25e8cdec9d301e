"""Our side of the Doorstroomtoetsketen: send the deelnemerslijst and the voorlopig
schooladviezen, take in a Leerlingresultaat, turn it into the pupil's eindtoets data, fetch the
leerlingrapport into the leerlingmap. Views, tasks and commands call only these functions."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from cryptography import x509
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit import events
from leerlingen import models as lm
from leerlingen.codelijsten import SoortMapItem
from trafficcenter_client import pki

from . import berichten, eindtoets, schema, selectors
from .client import DoorstroomClient, NietBereikbaar
from .models import (
    Berichtlog,
    Deelnemer,
    Koppeling,
    Leerlingresultaat,
    RapportStatus,
    ResultaatStatus,
    Richting,
)

logger = logging.getLogger(__name__)

MAX_RAPPORT = 20 * 1024 * 1024


class DoorstroomFout(Exception):
    """Something a user or a command can read: Dutch, without a pupil number."""


# --- sending ---------------------------------------------------------------------------------

STATUS_MELDINGEN = {
    202: "De toetsaanbieder heeft het bericht ontvangen en verwerkt het.",
    401: "De toetsaanbieder weigert: deze administratie is niet door de school gemachtigd (401).",
    403: "De toetsaanbieder weigert: de inschrijving of aanlevering is gesloten (403).",
    405: "De school is (nog) niet bekend bij de toetsaanbieder (405).",
    422: "De toetsaanbieder vond de berichtinhoud ongeldig (422).",
}


@dataclass
class Verzending:
    geslaagd: bool
    melding: str
    verstuurd: int = 0
    nieuw: int = 0
    gewijzigd: int = 0
    ongewijzigd: int = 0
    overgeslagen: list[str] = field(default_factory=list)


def _koppeling(school) -> Koppeling:
    koppeling = Koppeling.objects.filter(school=school, actief=True).first()
    if koppeling is None:
        raise DoorstroomFout(
            "Voor deze school is geen toetsaanbieder ingesteld (Beheer > Doorstroomtoets-"
            "koppelingen)."
        )
    return koppeling


def _groepsgegevens(k: Koppeling) -> berichten.Groepsgegevens:
    return berichten.Groepsgegevens(
        instellingscode=k.school.brincode,
        vestigingscode=k.vestigingscode,
        onderwijsaanbiedercode=k.onderwijsaanbiedercode,
        onderwijslocatiecode=k.onderwijslocatiecode,
        administratienr=k.administratienr,
    )


def deelnemer_gegevens(leerling: lm.Leerling, deelnemer: Deelnemer) -> berichten.DeelnemerGegevens:
    return berichten.DeelnemerGegevens(
        las_key=deelnemer.las_key,
        achternaam=leerling.achternaam,
        voorvoegsel=leerling.voorvoegsel,
        roepnaam=leerling.roepnaam or leerling.voornamen.split(" ")[0],
        groep_id=berichten.groep_id(leerling.school.brincode, leerling.groep or "8"),
        voorletters=berichten.voorletters(leerling.voornamen, leerling.voorletters),
        geboortedatum=leerling.geboortedatum,
        geslacht=berichten.GESLACHT.get(leerling.geslacht, 9),
    )


def _deelnemers_van(school) -> list[tuple[lm.Leerling, Deelnemer]]:
    """The school's groep-8 pupils, each with its Deelnemer (made here, before anything is
    sent, so a result that arrives before the answer finds its pupil)."""
    paren = []
    with transaction.atomic():
        for leerling in selectors.groep8_leerlingen(school):
            deelnemer, _ = Deelnemer.objects.get_or_create(leerling=leerling)
            paren.append((leerling, deelnemer))
    return paren


def deelnemerslijst_versturen(*, school, user=None, alles: bool = False) -> Verzending:
    """POST /registreren as a mutatielevering: pupils not sent before, and those whose data
    changed since (``alles``: every groep-8 pupil)."""
    koppeling = _koppeling(school)
    paren = _deelnemers_van(school)
    te_sturen: list[tuple[Deelnemer, berichten.DeelnemerGegevens]] = []
    uitslag = Verzending(False, "")
    for leerling, deelnemer in paren:
        gegevens = deelnemer_gegevens(leerling, deelnemer)
        if not deelnemer.verstuurd_op:
            uitslag.nieuw += 1
        elif deelnemer.verstuurd_hash != gegevens.vingerafdruk():
            uitslag.gewijzigd += 1
        elif not alles:
            uitslag.ongewijzigd += 1
            continue
        te_sturen.append((deelnemer, gegevens))
    if not te_sturen:
        uitslag.geslaagd = True
        uitslag.melding = "Er zijn geen nieuwe of gewijzigde deelnemers om te versturen."
        return uitslag
    groepen = {g.groep_id: _groepnaam(paren, g.groep_id) for _, g in te_sturen}
    body = berichten.deelnemerslijst(_groepsgegevens(koppeling), groepen, [g for _, g in te_sturen])
    antwoord = _stuur(lambda c: c.registreren(body, aantal=len(te_sturen)), koppeling)
    uitslag.melding = _melding(antwoord)
    if antwoord.status != 202:
        return uitslag
    nu = timezone.now()
    with transaction.atomic():
        for deelnemer, gegevens in te_sturen:
            Deelnemer.objects.filter(pk=deelnemer.pk).update(
                verstuurd_op=nu, verstuurd_hash=gegevens.vingerafdruk()
            )
        events.doorstroomtoets_verstuurd(
            user=user,
            school=school,
            omschrijving=f"Deelnemerslijst ({len(te_sturen)} leerlingen) naar "
            f"{koppeling.aanbieder_naam}",
            details={"operatie": "registreren", "aantal": len(te_sturen)},
        )
    uitslag.geslaagd, uitslag.verstuurd = True, len(te_sturen)
    return uitslag


def _groepnaam(paren, gid: str) -> str:
    for leerling, _ in paren:
        if berichten.groep_id(leerling.school.brincode, leerling.groep or "8") == gid:
            return leerling.groep or "8"
    return "8"


def schooladviezen_versturen(*, school, user=None, alles: bool = False) -> Verzending:
    """POST /registreren-schooladviezen: the voorlopig schooladvies of every registered pupil
    that has one, when new or changed."""
    koppeling = _koppeling(school)
    uitslag = Verzending(False, "")
    te_sturen: list[tuple[Deelnemer, str]] = []
    for leerling, deelnemer in _deelnemers_van(school):
        advies = getattr(getattr(leerling, "overstapadvies", None), "voorlopig_advies", "") or ""
        if not advies:
            continue
        soort = berichten.ADVIES_NAAR_SCHOOLADVIESTYPE.get(advies)
        if soort is None:
            uitslag.overgeslagen.append(leerling.volledige_naam)
            continue
        if not deelnemer.verstuurd_op:
            uitslag.overgeslagen.append(leerling.volledige_naam)
            continue
        if deelnemer.advies_hash == soort and not alles:
            uitslag.ongewijzigd += 1
            continue
        uitslag.nieuw += int(not deelnemer.advies_hash)
        uitslag.gewijzigd += int(bool(deelnemer.advies_hash))
        te_sturen.append((deelnemer, soort))
    if not te_sturen:
        uitslag.geslaagd = True
        uitslag.melding = "Er zijn geen nieuwe of gewijzigde voorlopige schooladviezen."
        return uitslag
    body = berichten.schooladviezenlijst(
        _groepsgegevens(koppeling), [(d.las_key, s) for d, s in te_sturen]
    )
    antwoord = _stuur(
        lambda c: c.registreren_schooladviezen(body, aantal=len(te_sturen)), koppeling
    )
    uitslag.melding = _melding(antwoord)
    if antwoord.status != 202:
        return uitslag
    nu = timezone.now()
    with transaction.atomic():
        for deelnemer, soort in te_sturen:
            Deelnemer.objects.filter(pk=deelnemer.pk).update(
                advies_verstuurd_op=nu, advies_hash=soort
            )
        events.doorstroomtoets_verstuurd(
            user=user,
            school=school,
            omschrijving=f"Voorlopige schooladviezen ({len(te_sturen)}) naar "
            f"{koppeling.aanbieder_naam}",
            details={"operatie": "registreren-schooladviezen", "aantal": len(te_sturen)},
        )
    uitslag.geslaagd, uitslag.verstuurd = True, len(te_sturen)
    return uitslag


def _stuur(actie, koppeling: Koppeling):
    try:
        return actie(DoorstroomClient(koppeling))
    except NietBereikbaar as e:
        raise DoorstroomFout(str(e)) from e


def _melding(antwoord) -> str:
    basis = STATUS_MELDINGEN.get(
        antwoord.status, f"De toetsaanbieder antwoordde onverwacht (HTTP {antwoord.status})."
    )
    return f"{basis} {antwoord.melding}".strip() if antwoord.status != 202 else basis


# --- receiving -------------------------------------------------------------------------------


class Geweigerd(Exception):  # noqa: N818 - the answer's own word
    """A refused delivery: ``status`` and the Ontvangstmelding text; nothing is stored."""

    def __init__(self, status: int, melding: str) -> None:
        super().__init__(melding)
        self.status = status
        self.melding = melding


MELDING_202 = "Bericht succesvol ontvangen en wordt asynchroon verwerkt."
MELDING_401 = (
    "Verzender en/of ontvanger van bericht is niet geautoriseerd door de betreffende school."
)
MELDING_405 = "School is niet bekend bij ontvanger."
MELDING_422 = "Bericht ontvangen maar heeft ongeldige berichtinhoud."


def afzender_controleren(
    certificaat: x509.Certificate | None, edu_to: str, edu_from: str
) -> Koppeling:
    """The school relation a delivery claims, checked: a known routeringskenmerk (else 405),
    the school's own OIN as ``edu-from`` and a certificate of the supplier the school chose
    (else 401)."""
    if certificaat is None:
        raise Geweigerd(401, MELDING_401)
    koppeling = (
        Koppeling.objects.select_related("school").filter(las_kenmerk=edu_to, actief=True).first()
        if isinstance(edu_to, str) and pki.OIN_RE.match(edu_to)
        else None
    )
    if koppeling is None:
        raise Geweigerd(405, MELDING_405)
    if edu_from != koppeling.school_oin or pki.oin_uit_certificaat(certificaat) != (
        koppeling.aanbieder_oin
    ):
        raise Geweigerd(401, MELDING_401)
    return koppeling


def leerlingresultaat_ontvangen(*, koppeling: Koppeling, data: bytes) -> Leerlingresultaat:
    """Check a delivery and store it for processing (the task starts after commit). Raises
    Geweigerd(422) for content against the agreement or a pupil this school did not register
    with this supplier; then nothing is stored."""
    try:
        inhoud = berichten.lees_json(data, schema.LEERLINGRESULTAAT)
        resultaat = berichten.leerlingresultaat(inhoud)
    except berichten.OngeldigeInhoud as e:
        raise Geweigerd(422, f"{MELDING_422} {e}") from None
    deelnemer = (
        Deelnemer.objects.select_related("leerling")
        .filter(las_key__in=resultaat.las_keys[:2], leerling__school_id=koppeling.school_id)
        .first()
        if resultaat.las_keys
        else None
    )
    if deelnemer is None:
        raise Geweigerd(422, f"{MELDING_422} De leerling is niet als deelnemer aangemeld.")
    from .tasks import verwerk_leerlingresultaat

    with transaction.atomic():
        rij = Leerlingresultaat.objects.create(
            deelnemer=deelnemer,
            koppeling=koppeling,
            samengesteld_op=resultaat.samengesteld_op,
            toetssoort=resultaat.toetssoort,
            inhoud=inhoud,
            rapportid=resultaat.rapportid,
        )
        transaction.on_commit(lambda: verwerk_leerlingresultaat.delay(rij.pk))
    return rij


def bericht_ontvangen_loggen(*, koppeling, edu_to: str, edu_from: str, status: int, melding: str):
    Berichtlog.objects.create(
        richting=Richting.IN,
        operatie="leerlingresultaat",
        school=koppeling.school if koppeling else None,
        edu_to=(edu_to or "")[:20] if pki.OIN_RE.match(edu_to or "") else "",
        edu_from=(edu_from or "")[:20] if pki.OIN_RE.match(edu_from or "") else "",
        http_status=status,
        melding=melding[:300],
        aantal=1 if status == 202 else 0,
    )


# --- processing ------------------------------------------------------------------------------


def leerlingresultaat_verwerken(resultaat_id: int) -> str:
    """Standlevering: the newest delivery per pupil is the truth. Idempotent: a delivery is
    processed once; an older one than the one processed is ignored and changes nothing."""
    with transaction.atomic():
        rij = (
            Leerlingresultaat.objects.select_for_update()
            .select_related("deelnemer__leerling__school")
            .filter(pk=resultaat_id)
            .first()
        )
        if rij is None or rij.status != ResultaatStatus.ONTVANGEN:
            return rij.status if rij else "onbekend"
        nieuwer = (
            Leerlingresultaat.objects.filter(
                deelnemer=rij.deelnemer,
                status=ResultaatStatus.VERWERKT,
                samengesteld_op__gte=rij.samengesteld_op,
            )
            .exclude(pk=rij.pk)
            .exists()
        )
        if nieuwer:
            rij.status = ResultaatStatus.GENEGEERD
            rij.save(update_fields=["status"])
            return rij.status
        resultaat = berichten.leerlingresultaat(rij.inhoud)
        leerling = rij.deelnemer.leerling
        _eindtoets_bijwerken(leerling, resultaat)
        Leerlingresultaat.objects.filter(
            deelnemer=rij.deelnemer, status=ResultaatStatus.VERWERKT
        ).update(status=ResultaatStatus.VERVANGEN)
        rij.status = ResultaatStatus.VERWERKT
        rij.verwerkt_op = timezone.now()
        if rij.rapportid:
            rij.rapport_status = RapportStatus.TE_HALEN
        rij.save(update_fields=["status", "verwerkt_op", "rapport_status"])
        events.doorstroomtoets_resultaat(
            leerling=leerling,
            obj=rij,
            omschrijving=f"Resultaat {resultaat.toetsnaam} verwerkt",
            details={"toetssoort": resultaat.toetssoort},
        )
        if rij.rapportid:
            from .tasks import haal_rapport_op

            transaction.on_commit(lambda: haal_rapport_op.delay(rij.pk))
    return ResultaatStatus.VERWERKT


def _eindtoets_bijwerken(leerling: lm.Leerling, r: berichten.Toetsresultaat) -> None:
    et, _ = lm.Eindtoets.objects.get_or_create(leerling=leerling)
    et.deelgenomen = True
    et.toetssoort = eindtoets.codelijst_42(r.toetssoort)
    et.toetsniveau = "G"
    et.toetsomschrijving = r.toetsnaam
    et.datum_afname = r.afgenomen_op.date()
    et.standaardscore = eindtoets.standaardscore(r.toetsscore)
    et.toets_advies = r.toetsadvies[:1024]
    et.save()
    et.onderdelen.all().delete()
    for onderdeel, (niveau, domeinen) in eindtoets.niveaus_per_onderdeel(
        r.referentieniveaus()
    ).items():
        o = lm.EindtoetsOnderdeelResultaat.objects.create(
            eindtoets=et, onderdeel=onderdeel, referentieniveau=niveau
        )
        for domein, dniveau in domeinen.items():
            lm.EindtoetsDomeinResultaat.objects.create(
                onderdeel=o, domein=domein, referentieniveau=dniveau
            )


def rapport_ophalen(resultaat_id: int) -> str:
    """GET /leerlingrapport/{rapportid} into the leerlingmap. Idempotent: once filed, done."""
    rij = (
        Leerlingresultaat.objects.select_related("deelnemer__leerling", "koppeling__school")
        .filter(pk=resultaat_id)
        .first()
    )
    if rij is None or not rij.rapportid or rij.rapport_id:
        return "klaar"
    if rij.status not in (ResultaatStatus.VERWERKT,):
        return "niet nodig"
    try:
        antwoord = DoorstroomClient(rij.koppeling).leerlingrapport(rij.rapportid)
    except NietBereikbaar:
        Leerlingresultaat.objects.filter(pk=rij.pk).update(rapport_status=RapportStatus.MISLUKT)
        return RapportStatus.MISLUKT
    if antwoord.status == 204:
        Leerlingresultaat.objects.filter(pk=rij.pk).update(
            rapport_status=RapportStatus.NIET_BESCHIKBAAR
        )
        return RapportStatus.NIET_BESCHIKBAAR
    if (
        antwoord.status != 200
        or not antwoord.inhoud.startswith(b"%PDF-")
        or len(antwoord.inhoud) > MAX_RAPPORT
    ):
        Leerlingresultaat.objects.filter(pk=rij.pk).update(rapport_status=RapportStatus.MISLUKT)
        return RapportStatus.MISLUKT
    leerling = rij.deelnemer.leerling
    with transaction.atomic():
        vast = Leerlingresultaat.objects.select_for_update().get(pk=rij.pk)
        if vast.rapport_id:
            return "klaar"
        item = lm.MapItem(
            leerling=leerling,
            soort=SoortMapItem.DOCUMENT,
            titel="Leerlingrapport doorstroomtoets",
            omschrijving=f"{_toetsnaam(vast)}, ontvangen van {rij.koppeling.aanbieder_naam}"[:300],
            bestandsnaam="leerlingrapport-doorstroomtoets.pdf",
            mime_type="application/pdf",
        )
        item.bestand.save("leerlingrapport.pdf", ContentFile(antwoord.inhoud), save=False)
        item.save()
        vast.rapport = item
        vast.rapport_status = RapportStatus.OPGEHAALD
        vast.save(update_fields=["rapport", "rapport_status"])
    return RapportStatus.OPGEHAALD


def _toetsnaam(rij: Leerlingresultaat) -> str:
    return str(rij.inhoud.get("toets", {}).get("naam", "Doorstroomtoets"))[:120]
