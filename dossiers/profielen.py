"""Profiles and gegevensblokken: the one source of truth for what a dossier may contain.

The matrix is that of the OSO profiles (manual section 6; ``gegevensblokken.csv`` of the
standard study): per profile each block is verplicht (always included, cannot be unticked),
optioneel (the user decides) or verboden (never included, never offered). The collection form,
the collector, the XML's ``categorie_uitlevering``, the PDF's four groups, the rule engine and
the tests all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from leerlingen.codelijsten import CategorieUitlevering

# codelijst 48 "Categorie uitlevering" (OPT_UIT: an optional block the user left out)
Categorie = CategorieUitlevering


class Profiel(StrEnum):
    POPO = "POPO"
    POVO = "POVO"
    VOVO = "VOVO"
    BINNEN_BRIN_POPO = "BINNEN_BRIN_POPO"
    BINNEN_BRIN_POVO = "BINNEN_BRIN_POVO"
    SWV_PO = "SWV_PO"
    SWV_VO = "SWV_VO"


@dataclass(frozen=True)
class Blok:
    slug: str
    naam: str  # as the manual and the PDF name it
    categorie_element: str  # the element under metadata/categorie_uitlevering
    info: str  # what the block carries, for the "i" on the selection page


# in the XSD's order of categorie_uitlevering
BLOKKEN: tuple[Blok, ...] = (
    Blok(
        "metadata",
        "Algemene dossiergegevens",
        "cat_metadata",
        "Soort dossier, pakket, datum en versie van de standaard.",
    ),
    Blok(
        "ouderinzage",
        "Ouderinzage",
        "cat_ouderinzage",
        "Of ouders/verzorgers het dossier hebben ingezien, wanneer, en of zij akkoord zijn.",
    ),
    Blok(
        "school",
        "School",
        "cat_school",
        "Naam, BRIN, vestiging, aanleverpunt, adres, telefoon en directeur van onze school.",
    ),
    Blok(
        "leerling",
        "Leerling",
        "cat_leerling",
        "Naam, geboortedatum, geslacht, adres (niet als het geheim is), BSN of "
        "onderwijsnummer, inschrijving.",
    ),
    Blok(
        "verzorgers",
        "Ouders/Verzorgers",
        "cat_oudersverzorgers",
        "Namen, relatie tot het kind, wettelijk vertegenwoordiger, adres en contactgegevens.",
    ),
    Blok("vve", "VVE", "cat_vve", "Peuterspeelzaal en voor- en vroegschoolse educatie."),
    Blok(
        "schoolloopbaan",
        "Schoolloopbaan",
        "cat_schoolloopbaan",
        "Schooljaren, groepen en scholen van de leerling.",
    ),
    Blok(
        "overstapadvies",
        "Overstapadvies",
        "cat_overstapadvies",
        "Advies VO, herzien advies, wensen van ouders en leerling, contact nodig, aandachtspunten.",
    ),
    Blok(
        "onderwijsondersteuning",
        "Onderwijsondersteuning",
        "cat_onderwijsondersteuning",
        "Toelichting onderwijsbehoeften, diagnoses, medicijngebruik, OPP, TLV, LWOO, "
        "arrangementen.",
    ),
    Blok("verzuim", "Verzuim", "cat_verzuim", "Verzuim in de afgelopen twaalf maanden."),
    Blok(
        "eindtoets",
        "Eindtoets bo",
        "cat_eindtoetsbo",
        "Resultaat van de eindtoets basisonderwijs en referentieniveaus.",
    ),
    Blok(
        "toetsresultaten",
        "Toetsresultaten",
        "cat_toetsresultaten",
        "De gekozen niet-methodetoetsen met scores en referentiescores.",
    ),
    Blok(
        "handelingsplannen",
        "Handelingsplannen",
        "cat_handelingsplannen",
        "De gekozen handelingsplannen met hun document.",
    ),
    Blok("cijferlijsten", "Cijferlijsten", "cat_cijferlijsten", "Rapportcijfers."),
    Blok(
        "vombo",
        "VO-MBO",
        "cat_vombo",
        "Bevordering, examenresultaten en vakresultaten voor een overstap naar het mbo.",
    ),
    Blok(
        "bijlagen",
        "Bijlagedocumenten",
        "cat_bijlagedocs",
        "Bijlagen van de computer of uit de leerlingmap, en notities.",
    ),
)
BLOK: dict[str, Blok] = {b.slug: b for b in BLOKKEN}

_V, _O, _X = Categorie.VERPLICHT, Categorie.OPTIONEEL, Categorie.VERBODEN

# blok: (POPO, POVO, VOVO, BINNEN_BRIN, SWV_PO, SWV_VO)
_MATRIX: dict[str, tuple[Categorie, ...]] = {
    "metadata": (_V, _V, _V, _V, _V, _V),
    "ouderinzage": (_V, _V, _V, _O, _O, _O),
    "school": (_V, _V, _V, _V, _V, _V),
    "leerling": (_V, _V, _V, _V, _V, _V),
    "verzorgers": (_V, _V, _V, _O, _V, _V),
    "vve": (_O, _X, _X, _O, _O, _X),
    "schoolloopbaan": (_V, _V, _V, _O, _V, _V),
    "overstapadvies": (_V, _V, _V, _O, _O, _O),
    "onderwijsondersteuning": (_O, _O, _O, _O, _V, _V),
    "handelingsplannen": (_O, _O, _O, _O, _O, _O),
    "verzuim": (_O, _O, _O, _O, _O, _O),
    "eindtoets": (_O, _O, _O, _O, _X, _O),
    "toetsresultaten": (_O, _O, _O, _O, _O, _O),
    "cijferlijsten": (_O, _O, _O, _O, _O, _O),
    "vombo": (_X, _X, _O, _O, _X, _O),
    "bijlagen": (_O, _O, _O, _O, _O, _O),
}
_COLUMN = {
    Profiel.POPO: 0,
    Profiel.POVO: 1,
    Profiel.VOVO: 2,
    Profiel.BINNEN_BRIN_POPO: 3,
    Profiel.BINNEN_BRIN_POVO: 3,
    Profiel.SWV_PO: 4,
    Profiel.SWV_VO: 5,
}


@dataclass(frozen=True)
class ProfielInfo:
    profiel: Profiel
    label: str  # as the manual's buttons and statuses say it
    overstap: str  # metadata/overstap, codelijst 16
    overdrachtsoort: str  # codelijst 29
    binnen_brin: bool
    swv: bool
    sector_van: str  # the sending school's sector


PROFIELEN: dict[Profiel, ProfielInfo] = {
    Profiel.POPO: ProfielInfo(
        Profiel.POPO, "overstap POPO", "POPO", "overstapdossier", False, False, "PO"
    ),
    Profiel.POVO: ProfielInfo(
        Profiel.POVO, "overstap POVO", "POVO", "overstapdossier", False, False, "PO"
    ),
    Profiel.VOVO: ProfielInfo(
        Profiel.VOVO, "overstap VOVO", "VOVO", "overstapdossier", False, False, "VO"
    ),
    Profiel.BINNEN_BRIN_POPO: ProfielInfo(
        Profiel.BINNEN_BRIN_POPO,
        "binnen brin POPO",
        "POPO",
        "overdrachtbinnenbrin",
        True,
        False,
        "PO",
    ),
    Profiel.BINNEN_BRIN_POVO: ProfielInfo(
        Profiel.BINNEN_BRIN_POVO,
        "binnen brin POVO",
        "POVO",
        "overdrachtbinnenbrin",
        True,
        False,
        "PO",
    ),
    Profiel.SWV_PO: ProfielInfo(
        Profiel.SWV_PO, "SWV PO", "POSWV", "swv-dossier", False, True, "PO"
    ),
    Profiel.SWV_VO: ProfielInfo(
        Profiel.SWV_VO, "SWV VO", "VOSWV", "swv-dossier", False, True, "VO"
    ),
}


def categorie(profiel: Profiel | str, blok: str) -> Categorie:
    profiel = Profiel(profiel)
    if profiel == Profiel.BINNEN_BRIN_POVO and blok == "vve":
        # the matrix has one binnen-brin column, but VVE goes only with a PO-PO overstap
        # (OVa.VV01/VV02): for binnen brin POVO it is never offered nor sent
        return Categorie.VERBODEN
    return _MATRIX[blok][_COLUMN[profiel]]


def verplicht(profiel) -> list[Blok]:
    return [b for b in BLOKKEN if categorie(profiel, b.slug) == Categorie.VERPLICHT]


def optioneel(profiel) -> list[Blok]:
    return [b for b in BLOKKEN if categorie(profiel, b.slug) == Categorie.OPTIONEEL]


def verboden(profiel) -> list[Blok]:
    return [b for b in BLOKKEN if categorie(profiel, b.slug) == Categorie.VERBODEN]


def categorie_uitlevering(profiel, gekozen: set[str]) -> dict[str, Categorie]:
    """The XML's categorie_uitlevering for a profile and the optional blocks the user chose."""
    result = {}
    for blok in BLOKKEN:
        cat = categorie(profiel, blok.slug)
        if cat == Categorie.OPTIONEEL and blok.slug not in gekozen:
            cat = Categorie.OPT_UIT
        result[blok.slug] = cat
    return result


def opgenomen(profiel, gekozen: set[str]) -> set[str]:
    """The blocks that go into the dossier: required ones plus the chosen optional ones."""
    return {
        slug
        for slug, cat in categorie_uitlevering(profiel, gekozen).items()
        if cat in (Categorie.VERPLICHT, Categorie.OPTIONEEL)
    }


def profiel_van_dossier(overdrachtsoort: str, overstap: str | None) -> Profiel | None:
    """The profile a received dossier declares, from overdrachtsoort and metadata/overstap."""
    for info in PROFIELEN.values():
        if info.overdrachtsoort == overdrachtsoort and info.overstap == overstap:
            return info.profiel
    return None
