"""The season's dates and the one enforceable rule: no klaarzetten for a VO school before the
region's date, unless the user records a reason (audited)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import LandelijkeKalender, RegionaleAfspraak


def schooljaar_van(op: datetime.date) -> str:
    """A school year starts on 1 August: 15-03-2026 is in "2025-2026"."""
    begin = op.year if op >= datetime.date(op.year, 8, 1) else op.year - 1
    return f"{begin}-{begin + 1}"


def huidig_schooljaar() -> str:
    return schooljaar_van(timezone.localdate())


def begin_schooljaar(schooljaar: str) -> datetime.date:
    return datetime.date(int(schooljaar[:4]), 8, 1)


def landelijk(schooljaar: str) -> LandelijkeKalender | None:
    return LandelijkeKalender.objects.filter(schooljaar=schooljaar).first()


def regionaal(school_id: int, schooljaar: str) -> RegionaleAfspraak | None:
    return RegionaleAfspraak.objects.filter(school_id=school_id, schooljaar=schooljaar).first()


def datum(d: datetime.date | None) -> str:
    return date_format(d, "j F Y") if d else ""


@dataclass(frozen=True)
class Kalender:
    """Both calendars of one school for one school year, as the board and reminders read it."""

    schooljaar: str
    landelijk: LandelijkeKalender | None
    regionaal: RegionaleAfspraak | None

    def verstreken(self, veld: str, op: datetime.date | None = None) -> bool:
        """Has the date ``veld`` (of either calendar) passed?"""
        d = self.op(veld)
        return bool(d and (op or timezone.localdate()) > d)

    def op(self, veld: str) -> datetime.date | None:
        for bron in (self.regionaal, self.landelijk):
            if bron is not None and hasattr(bron, veld):
                return getattr(bron, veld)
        return None


def kalender_voor(school_id: int, schooljaar: str | None = None) -> Kalender:
    schooljaar = schooljaar or huidig_schooljaar()
    return Kalender(schooljaar, landelijk(schooljaar), regionaal(school_id, schooljaar))


def voor_vo(dossier) -> bool:
    """A PO->VO overstap dossier (the profile the regional dates are about)."""
    from dossiers.profielen import Profiel

    return bool(dossier.huidige_versie_id) and dossier.profiel == Profiel.POVO


def klaarzetten_problemen(dossier, op: datetime.date | None = None) -> list[str]:
    """The region's dates the klaarzetten of this dossier would break, as Dutch messages."""
    if not voor_vo(dossier):
        return []
    op = op or timezone.localdate()
    afspraak = regionaal(dossier.leerling.school_id, schooljaar_van(op))
    if afspraak is None or afspraak.klaarzetten_vanaf is None:
        return []
    if op < afspraak.klaarzetten_vanaf:
        return [
            _(
                "Volgens de regionale afspraken %(regio)s zet u dossiers voor het voortgezet "
                "onderwijs pas klaar vanaf %(datum)s, zodat de VO-school het dossier niet vóór "
                "het besluit over toelating leest. Moet het toch eerder, gebruik dan 'Toch "
                "klaarzetten' bij de leerling op School > OSO > Overstapseizoen en geef de reden "
                "op; die wordt vastgelegd in de mutatielog."
            )
            % {
                "regio": f"({afspraak.regio})" if afspraak.regio else "",
                "datum": datum(afspraak.klaarzetten_vanaf),
            }
        ]
    return []


def afwijking_vastleggen(*, dossier, problemen: list[str], reden: str, request=None, user=None):
    """The audited override: klaarzetten before the region's date, with the user's reason."""
    from audit import events

    return events.log(
        "seizoen_afwijking",
        request=request,
        user=user,
        leerling=dossier.leerling,
        obj=dossier,
        omschrijving=_("Klaargezet vóór de regionale datum: %(reden)s") % {"reden": reden},
        details={"regels": problemen, "reden": reden[:500]},
    )
