"""Helpers for the season tests: a groep-8 pupil of this school year, collecting without the
PDF task, and moving a pupil through the stages with the real services."""

from __future__ import annotations

import datetime

from dossiers import services
from dossiers.models import InzageKeuze
from dossiers.profielen import Profiel
from seizoen.kalender import huidig_schooljaar

from . import factories as f


def dit_jaar() -> int:
    """The calendar year in which this school year's season (January to May) falls."""
    return int(huidig_schooljaar()[:4]) + 1


def groep8(school, *, compleet: bool = True, **velden):
    """A pupil of groep 8 leaving for Het College (16UU) at the end of this school year."""
    velden.setdefault("datum_inschrijving", datetime.date(2018, 8, 20))
    leerling = f.LeerlingFactory(
        school=school,
        uitgeschreven=True,
        datum_uitschrijving=datetime.date(dit_jaar(), 7, 17),
        **velden,
    )
    if compleet:
        f.vul_alle_blokken(leerling)
    return leerling


def verzamel(leerling, profiel: str = "POVO", user=None):
    dossier = services.dossier_van(leerling)
    keuzes = services.standaard_keuzes(dossier, Profiel(profiel))
    opdracht = services.verzamelen_aanvragen(dossier=dossier, keuzes=keuzes, user=user, direct=True)
    versie = services.verzamel(opdracht.pk)
    assert versie is not None, opdracht.meldingen
    dossier.refresh_from_db()
    return dossier


def inzage(dossier, keuze=InzageKeuze.JA, zienswijze=""):
    dossier.inzage = keuze
    dossier.inzage_datum = datetime.date.today()
    dossier.zienswijze = zienswijze
    dossier.inzage_versie = dossier.huidige_versie
    dossier.save()


def klaargezet(leerling, keuze=InzageKeuze.JA, user=None):
    dossier = verzamel(leerling, user=user)
    inzage(dossier, keuze, "Wij willen havo/vwo." if keuze != InzageKeuze.JA else "")
    k = services.klaarzetten(dossier=dossier, user=user)
    dossier.refresh_from_db()
    return dossier, k
