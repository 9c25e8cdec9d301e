"""What the user chose for one collection, and the dossier-level facts that travel with it.

The collector (``verzamelen.py``) takes a ``Keuzes`` and builds the XML from the pupil's data;
the dossier workflow fills it from the "Overstapdossier klaarzetten" page and the block
selection page, the bulk binnen-brin job and ``dossier_export`` with defaults.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .profielen import Profiel


@dataclass(frozen=True)
class Inzage:
    """Ouderinzage for the version being collected (OSO inzageType)."""

    voorlopig: bool = False
    inzage: bool | None = None  # None: not registered (yet)
    datum: datetime.date | None = None
    akkoord: str | None = None  # codelijst 37: "Ja", "Nee", "Onbekend"
    reden_niet_akkoord: str = ""  # the parents' zienswijze with "Ja, maar niet akkoord"
    toestemming: str | None = None  # codelijst 37


@dataclass(frozen=True)
class Keuzes:
    profiel: Profiel
    # optional blocks the user ticked; required blocks are always in, forbidden never
    blokken: frozenset[str] = frozenset()
    # ids of the pupil's Toets rows to include; None means all (bulk binnen-brin, export)
    toets_ids: frozenset[int] | None = None
    handelingsplan_ids: frozenset[int] | None = None
    # MapItem ids: documents (Base64 in the XML) and notes (sent as a text document)
    bijlage_ids: frozenset[int] = frozenset()
    toelichting_onderwijsbehoeften_id: int | None = None
    contact_nodig: bool = False
    aandachtspunten: str = ""
    inzage: Inzage = field(default_factory=Inzage)
    aanleverpunt: int = 0  # of the sending school, from its registered aanleverpunt


def naar_json(keuzes: Keuzes) -> dict:
    """For the collection job row: plain JSON, no PGN, nothing but choices."""

    def ids(value):
        return None if value is None else sorted(value)

    return {
        "profiel": str(keuzes.profiel),
        "blokken": sorted(keuzes.blokken),
        "toets_ids": ids(keuzes.toets_ids),
        "handelingsplan_ids": ids(keuzes.handelingsplan_ids),
        "bijlage_ids": sorted(keuzes.bijlage_ids),
        "toelichting_onderwijsbehoeften_id": keuzes.toelichting_onderwijsbehoeften_id,
        "contact_nodig": keuzes.contact_nodig,
        "aandachtspunten": keuzes.aandachtspunten,
        "aanleverpunt": keuzes.aanleverpunt,
    }


def uit_json(data: dict) -> Keuzes:
    def ids(value):
        return None if value is None else frozenset(value)

    return Keuzes(
        profiel=Profiel(data["profiel"]),
        blokken=frozenset(data.get("blokken", [])),
        toets_ids=ids(data.get("toets_ids")),
        handelingsplan_ids=ids(data.get("handelingsplan_ids")),
        bijlage_ids=frozenset(data.get("bijlage_ids", [])),
        toelichting_onderwijsbehoeften_id=data.get("toelichting_onderwijsbehoeften_id"),
        contact_nodig=data.get("contact_nodig", False),
        aandachtspunten=data.get("aandachtspunten", ""),
        inzage=Inzage(voorlopig=True),
        aanleverpunt=data.get("aanleverpunt", 0),
    )
