"""Roles and what each may do: the one map the whole application reads."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    SCHOOLADMINISTRATIE = "schooladministratie", _("Schooladministratie")
    ZORGCOORDINATOR = "zorgcoordinator", _("Zorgcoördinator")
    LEERKRACHT = "leerkracht", _("Leerkracht")
    BESTUUR = "bestuur", _("Bestuur")
    BEHEERDER = "beheerder", _("Beheerder")


class Recht(models.TextChoices):
    BEKIJKEN = "bekijken", _("Leerlinggegevens bekijken")
    PERSONALIA_BEWERKEN = "personalia", _("Personalia bewerken")
    ONDERWIJS_BEWERKEN = "onderwijs", _("Onderwijsgegevens bewerken")
    TOETSEN_BEWERKEN = "toetsen", _("Toetsen bewerken")
    BEGELEIDING_BEWERKEN = "begeleiding", _("Begeleiding bewerken")
    MAP_BEWERKEN = "map", _("Leerlingmap bewerken")
    LEERLING_AANMAKEN = "leerling_aanmaken", _("Leerlingen inschrijven")
    BEHEER = "beheer", _("Beheer")


ALLES = frozenset(Recht)

RECHTEN: dict[str, frozenset[str]] = {
    Rol.SCHOOLADMINISTRATIE: frozenset(
        {
            Recht.BEKIJKEN,
            Recht.PERSONALIA_BEWERKEN,
            Recht.ONDERWIJS_BEWERKEN,
            Recht.TOETSEN_BEWERKEN,
            Recht.MAP_BEWERKEN,
            Recht.LEERLING_AANMAKEN,
        }
    ),
    Rol.ZORGCOORDINATOR: frozenset(
        {Recht.BEKIJKEN, Recht.BEGELEIDING_BEWERKEN, Recht.TOETSEN_BEWERKEN, Recht.MAP_BEWERKEN}
    ),
    Rol.LEERKRACHT: frozenset({Recht.BEKIJKEN}),
    Rol.BESTUUR: frozenset({Recht.BEKIJKEN}),
    Rol.BEHEERDER: ALLES,
}
