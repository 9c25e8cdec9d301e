"""The API's scopes: the one map of what a client may do, and which rights of
``accounts.roles`` each scope gives at a school the client has a mandate for.

A client never gets more at a school than a staff role there could have: the rights are the
same ``Recht`` values the screens check, read by the same tenancy code
(``accounts.tenancy.rechten_per_school``).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.roles import Recht

DOSSIERS_LEZEN = "dossiers.lezen"
DOSSIERS_KLAARZETTEN = "dossiers.klaarzetten"
DOSSIERS_IMPORTEREN = "dossiers.importeren"
ZORGVRAGEN_SCHRIJVEN = "zorgvragen.schrijven"
WEBHOOKS_BEHEREN = "webhooks.beheren"

SCOPES: dict[str, str] = {
    DOSSIERS_LEZEN: _(
        "Overstapdossiers, versies (XML en PDF), dossieraanvragen en gebeurtenissen lezen"
    ),
    DOSSIERS_KLAARZETTEN: _("Overstapdossiers verzamelen en klaarzetten"),
    DOSSIERS_IMPORTEREN: _("Ontvangen dossiers importeren en leerlingen zoeken op nummer"),
    ZORGVRAGEN_SCHRIJVEN: _("Zorgvragen aanmaken, versturen, lezen en verwijderen"),
    WEBHOOKS_BEHEREN: _("Webhooks aanmelden en afmelden"),
}

# scope -> the rights it gives at each school of the client's mandate
RECHTEN_PER_SCOPE: dict[str, frozenset[str]] = {
    DOSSIERS_LEZEN: frozenset({Recht.BEKIJKEN}),
    DOSSIERS_KLAARZETTEN: frozenset({Recht.BEKIJKEN, Recht.ONDERWIJS_BEWERKEN}),
    DOSSIERS_IMPORTEREN: frozenset(
        {Recht.BEKIJKEN, Recht.LEERLING_AANMAKEN, Recht.ONDERWIJS_BEWERKEN}
    ),
    ZORGVRAGEN_SCHRIJVEN: frozenset({Recht.BEKIJKEN, Recht.BEGELEIDING_BEWERKEN}),
    WEBHOOKS_BEHEREN: frozenset({Recht.BEKIJKEN}),
}


def rechten(scopes) -> frozenset[str]:
    result: set[str] = set()
    for scope in scopes:
        result |= RECHTEN_PER_SCOPE.get(scope, frozenset())
    return frozenset(result)
