"""Preconditions of collecting and klaarzetten, each with the Dutch message the page shows.

One function per moment returns every unmet precondition (the checklist), so the page can list
all that is still missing before the user presses a button, and the services refuse with the
same messages.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from leerlingen.models import Leerling
from scholen.models import SoortSchool

from .models import InzageKeuze, Overstapdossier, Status
from .profielen import PROFIELEN, Profiel


def profielen_voor(leerling: Leerling, binnen_brin: bool) -> list[Profiel]:
    """The profiles a user may choose for this pupil, as the manual's buttons offer them."""
    if leerling.school.sector == "VO":
        return [] if binnen_brin else [Profiel.VOVO]
    if binnen_brin:
        return [Profiel.BINNEN_BRIN_POPO, Profiel.BINNEN_BRIN_POVO]
    return [Profiel.POPO, Profiel.POVO]


def oudste_toetsdatum(profiel: Profiel, op: datetime.date | None = None) -> datetime.date | None:
    """In a POVO overstap only tests of this school year and the two before may go along
    (OVa.TR04); a school year starts on 1 August. None: no limit for this profile."""
    if profiel != Profiel.POVO:
        return None
    op = op or timezone.localdate()
    jaar = op.year - (3 if op < datetime.date(op.year, 8, 1) else 2)
    return datetime.date(jaar, 8, 1)


def _uitschrijving(leerling: Leerling, profiel: Profiel) -> list[str]:
    problemen = []
    if not leerling.datum_uitschrijving:
        problemen.append(_("Datum uitschrijving ontbreekt: schrijf de leerling eerst uit."))
    if not leerling.vervolgschool_brin:
        problemen.append(_("Vervolgschool ontbreekt: vul de vervolgschool (BRIN en naam) in."))
    if profiel == Profiel.POVO and leerling.school.soort != SoortSchool.SO:
        advies = getattr(leerling, "overstapadvies", None)
        if advies is None or not advies.advies:
            problemen.append(_("Advies VO ontbreekt: verplicht bij een overstap PO-VO (OVa.OA02)."))
    return problemen


def voor_verzamelen(dossier: Overstapdossier, profiel: Profiel) -> list[str]:
    leerling = dossier.leerling
    school = leerling.school
    info = PROFIELEN[profiel]
    problemen = []
    if info.swv:
        if info.sector_van != school.sector:
            problemen.append(
                _("Het profiel %(profiel)s past niet bij een %(soort)s-school.")
                % {"profiel": info.label, "soort": school.get_soort_display().lower()}
            )
    elif profiel not in profielen_voor(leerling, dossier.binnen_brin):
        if info.binnen_brin != dossier.binnen_brin:
            problemen.append(
                _(
                    "Kies bij 'Binnen brin' Ja voor een binnen-brin dossier, "
                    "en Nee voor een overstap."
                )
            )
        else:
            problemen.append(
                _("Het profiel %(profiel)s past niet bij een %(soort)s-school.")
                % {"profiel": info.label, "soort": school.get_soort_display().lower()}
            )
    if not info.binnen_brin and not info.swv:
        problemen += _uitschrijving(leerling, profiel)
    if dossier.contact_nodig and not (school.naam_directeur and school.telefoon_directeur):
        problemen.append(
            _(
                "Contact nodig staat op Ja: vul bij de school de naam en het telefoonnummer van "
                "de directeur in (OVa.OA04, OVa.OA05)."
            )
        )
    if not leerling.datum_inschrijving:
        problemen.append(_("Datum inschrijving ontbreekt (OVa.LL14)."))
    if not school.adressen.exists():
        problemen.append(_("De school heeft nog geen adres (OVa.SL01)."))
    if not school.communicatie.exists():
        problemen.append(_("De school heeft nog geen telefoonnummer of e-mailadres (OVa.SL02)."))
    if not school.aanleverpunten.exists():
        problemen.append(
            _("De school heeft nog geen aanleverpunt (School > OSO > OSO-registratie).")
        )
    if not leerling.schoolloopbaan.exists():
        problemen.append(_("De schoolloopbaan van de leerling is leeg (OVa.SL01)."))
    return problemen


def voor_klaarzetten(dossier: Overstapdossier, *, regionaal_platform: bool = False) -> list[str]:
    problemen = []
    if dossier.status != Status.VERZAMELD or not dossier.huidige_versie_id:
        problemen.append(_("Verzamel eerst het dossier."))
        return problemen
    profiel = Profiel(dossier.profiel)
    info = PROFIELEN[profiel]
    if info.binnen_brin:
        if regionaal_platform and not dossier.leerling.school.aangesloten_regionaal_initiatief:
            problemen.append(
                _(
                    "Klaarzetten voor een regionaal platform kan alleen als de school is "
                    "aangesloten op een regionaal initiatief (School > Info)."
                )
            )
        return problemen
    problemen += _uitschrijving(dossier.leerling, profiel)
    if not dossier.inzage_geldig:
        problemen.append(
            _("Geen inzage verleend in de huidige versie: vul 'Inzage verzorgers' in.")
        )
    elif dossier.inzage == InzageKeuze.NEE:
        problemen.append(
            _("De verzorgers moeten inzage hebben gehad voordat het dossier klaargezet wordt.")
        )
    else:
        if not dossier.inzage_datum:
            problemen.append(_("Vul de datum van de inzage door de verzorgers in."))
        if dossier.inzage == InzageKeuze.JA_NIET_AKKOORD and not dossier.zienswijze.strip():
            problemen.append(
                _(
                    "Ouders zijn niet akkoord: leg hun zienswijze vast; "
                    "die gaat mee met het dossier."
                )
            )
    return problemen


def vervangt_klaarzetting(dossier: Overstapdossier, voor_brin: str) -> str | None:
    """Why a new klaarzetting for ``voor_brin`` may not silently replace the current one: it is
    klaargezet for another school, which would lose it ("LEERLINGINFO_NIET_OPVRAAGBAAR" on its
    next request). None when nothing would be undone. Every path that replaces a klaarzetting
    without the user choosing this pupil's dossier (bulk binnen-brin) refuses with this text."""
    klaarzetting = dossier.klaarzetting if dossier.klaarzetting_id else None
    if klaarzetting is None or dossier.status != Status.KLAARGEZET:
        return None
    if klaarzetting.voor_brin.upper() == (voor_brin or "").upper():
        return None
    return _(
        "Het dossier staat klaar voor (%(brin)s) %(naam)s; binnen-brin klaarzetten zou dat "
        "ongedaan maken. Trek het klaarzetten eerst in als dat de bedoeling is."
    ) % {"brin": klaarzetting.voor_brin, "naam": klaarzetting.voor_naam}
