"""Reading the doorstroomtoets data for screens, the pupil card and the dossier page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from leerlingen.models import Leerling

from . import berichten
from .models import Berichtlog, Deelnemer, Leerlingresultaat, ResultaatStatus


def groep8_leerlingen(school) -> QuerySet[Leerling]:
    """The school's pupils in groep 8 who have not left yet: the deelnemers of the toets."""
    nog_hier = Q(datum_uitschrijving__isnull=True) | Q(
        datum_uitschrijving__gte=timezone.localdate()
    )
    return (
        Leerling.objects.filter(nog_hier, school=school, jaargroep="8")
        .select_related("school", "overstapadvies", "eindtoets")
        .order_by("groep", "achternaam", "pk")
    )


def laatste_resultaat(leerling: Leerling) -> Leerlingresultaat | None:
    return (
        Leerlingresultaat.objects.filter(
            deelnemer__leerling=leerling, status=ResultaatStatus.VERWERKT
        )
        .select_related("rapport")
        .first()
    )


@dataclass(frozen=True)
class Regel:
    leerling: Leerling
    deelnemer: Deelnemer | None
    resultaat: Leerlingresultaat | None
    gewijzigd: bool


def overzicht(school) -> list[Regel]:
    """Per groep-8 pupil: registered?, changed since?, the result processed."""
    from .services import deelnemer_gegevens

    leerlingen = list(groep8_leerlingen(school))
    deelnemers = {d.leerling_id: d for d in Deelnemer.objects.filter(leerling__in=leerlingen)}
    resultaten: dict[int, Leerlingresultaat] = {}
    for r in Leerlingresultaat.objects.filter(
        deelnemer__leerling__in=leerlingen, status=ResultaatStatus.VERWERKT
    ).select_related("deelnemer"):
        resultaten.setdefault(r.deelnemer.leerling_id, r)
    regels = []
    for ll in leerlingen:
        d = deelnemers.get(ll.pk)
        gewijzigd = bool(
            d and d.verstuurd_op and d.verstuurd_hash != deelnemer_gegevens(ll, d).vingerafdruk()
        )
        regels.append(Regel(ll, d, resultaten.get(ll.pk), gewijzigd))
    return regels


def berichten_van(school, aantal: int = 20) -> QuerySet[Berichtlog]:
    return Berichtlog.objects.filter(school=school)[:aantal]


@dataclass(frozen=True)
class Kaart:
    resultaat: Leerlingresultaat
    gelezen: berichten.Toetsresultaat


def kaart(leerling: Leerling) -> Kaart | None:
    r = laatste_resultaat(leerling)
    if r is None:
        return None
    return Kaart(r, berichten.leerlingresultaat(r.inhoud))


def nieuwere_versie_nodig(leerling: Leerling) -> Leerlingresultaat | None:
    """A result processed after the dossier's klaargezet version was collected: the receiving
    school would get the old data, so the dossier must be collected and klaargezet again."""
    dossier = getattr(leerling, "overstapdossier", None)
    if dossier is None or dossier.status != "klaargezet" or dossier.huidige_versie is None:
        return None
    r = laatste_resultaat(leerling)
    if r is None or r.verwerkt_op is None:
        return None
    return r if r.verwerkt_op > dossier.huidige_versie.verzameld_op else None


def seizoen_aanmeldingen(leerling_ids: list[int]) -> dict[int, dict] | None:
    """For the season board (``seizoen.bronnen``): per pupil registered with the toets supplier,
    when the deelnemer and the voorlopig advies were sent; ``None`` when the pupils' school has
    no toets supplier configured (the board then says there is no connection). Two queries."""
    from .models import Koppeling

    if not Koppeling.objects.filter(school__leerlingen__id__in=leerling_ids).exists():
        return None
    return {
        d["leerling_id"]: {
            "aangemeld_op": timezone.localdate(d["verstuurd_op"]) if d["verstuurd_op"] else None,
            "advies_verzonden_op": (
                timezone.localdate(d["advies_verstuurd_op"]) if d["advies_verstuurd_op"] else None
            ),
        }
        for d in Deelnemer.objects.filter(leerling_id__in=leerling_ids).values(
            "leerling_id", "verstuurd_op", "advies_verstuurd_op"
        )
    }
