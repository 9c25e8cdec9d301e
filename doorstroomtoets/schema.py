"""The message bodies of the Doorstroomtoetsketen 1.1.0 as JSON Schema, written from the facts of
the sector's OpenAPI document (paths, required fields, lengths, code lists). The product checks
incoming bodies with these; the conformance tests check our outgoing bodies against the official
document itself, so a drift between the two shows up there.
"""

from __future__ import annotations

from typing import Any

AFSPRAAKVERSIE = "Doorstroomtoetsketen_v1.1"

TOETSSOORTEN = ("ROUTE_8", "ICE", "DIA", "AMN", "LEERLING_IN_BEELD", "DOE", "OCW_DOORSTROOMTOETS")
SCHOOLADVIESTYPEN = (
    "VSO",
    "PRAKTIJKONDERWIJS",
    "VMBO_BB",
    "VMBO_BB_MET_LWOO",
    "VMBO_BB_TM_VMBO_KB",
    "VMBO_BB_TM_VMBO_KB_MET_LWOO",
    "VMBO_KB",
    "VMBO_KB_MET_LWOO",
    "VMBO_KB_TM_VMBO_GL/TL",
    "VMBO_KB_TM_VMBO_GL/TL_MET_LWOO",
    "VMBO_GL/TL",
    "VMBO_GL/TL_MET_LWOO",
    "VMBO_GL/TL_TM_HAVO",
    "HAVO",
    "HAVO_TM_VWO",
    "VWO",
    "GEEN_SPECIFIEK_ADVIES_MOGELIJK",
)
ONDERDEELCODES = ("NEDERLANDSE_TAAL", "REKENEN", "8002", "8003")
DOMEINCODES = (
    "LEZEN",
    "TAALVERZORGING",
    "8052",
    "8053",
    "8054",
    "8055",
    "8060",
    "8061",
    "8062",
    "8063",
    "8064",
    "8065",
    "8080",
    "8081",
)
SUBDOMEINCODES = ("9000", "9001", "9003", "9010", "9011", "9012", "9013", "9014")
SCORESOORTEN = ("Aantal opgaven", "Aantal goed", "Detailscore", "Toetsscore")
RESULTAATSOORTEN = ("Referentieniveau", "Toetsadvies", "Percentielscore")


def _tekst(**extra: Any) -> dict[str, Any]:
    return {"type": "string", **extra}


def _enum(*waarden: Any, soort: str = "string") -> dict[str, Any]:
    return {"type": soort, "enum": list(waarden)}


def _object(verplicht: list[str], **velden: Any) -> dict[str, Any]:
    return {"type": "object", "required": verplicht, "properties": velden}


def _lijst(items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "array", "items": items, **extra}


IDENTITEIT = _object(
    ["label", "onderwijsdeelnemerID"],
    label=_enum("ECK-iD", "LAS-key"),
    onderwijsdeelnemerID=_tekst(),
)
DEELNEMERSGROEP = _object(
    [
        "administratienr",
        "instellingscode",
        "onderwijsaanbiedercode",
        "onderwijslocatiecode",
        "vestigingscode",
    ],
    instellingscode=_tekst(),
    vestigingscode=_tekst(),
    onderwijsaanbiedercode=_tekst(),
    onderwijslocatiecode=_tekst(),
    administratienr=_tekst(),
)


def _kop(profiel: str) -> dict[str, Any]:
    return {
        "datumtijd": _tekst(format="date-time"),
        "auteur": _tekst(minLength=1),
        "versie": _enum(AFSPRAAKVERSIE) | {"minLength": 1},
        "profiel": _enum(profiel) | {"minLength": 1},
        "schooljaar": _tekst(minLength=1),
    }


_KOP_VERPLICHT = ["auteur", "datumtijd", "profiel", "schooljaar", "versie"]

DEELNEMERSLIJST = _object(
    [*_KOP_VERPLICHT, "deelnemers", "deelnemersgroep", "groepen"],
    **_kop("Toetsdeelnemers"),
    deelnemersgroep=DEELNEMERSGROEP,
    groepen=_lijst(
        _object(
            ["id", "label", "niveau", "omschrijving"],
            label=_enum("Stamgroep") | {"minLength": 1},
            id=_tekst(minLength=1, maxLength=256),
            omschrijving=_tekst(maxLength=64),
            niveau=_object(
                ["label", "niveau"], label=_enum("Jaargroep"), niveau=_enum("7", "8", "C", "S")
            ),
        ),
        minItems=1,
    ),
    deelnemers=_lijst(
        _object(
            ["achternaam", "deelnemerref", "extensie", "groep", "label", "niveau", "roepnaam"],
            label=_enum("Leerling"),
            deelnemerref=_lijst(IDENTITEIT),
            achternaam=_tekst(maxLength=70),
            voorvoegsel=_tekst(maxLength=10),
            roepnaam=_tekst(maxLength=64),
            groep=_tekst(),
            niveau=_object(["label", "niveau"], label=_enum("Jaargroep"), niveau=_enum("7", "8")),
            extensie=_object(
                ["geboortedatum", "geslacht", "label", "voorletters"],
                label=_enum("Demografisch") | {"minLength": 1},
                voorletters=_tekst(maxLength=6),
                geboortedatum=_tekst(format="date"),
                geslacht=_enum(1, 2, 9, soort="integer"),
            ),
        ),
        minItems=1,
    ),
)

SCHOOLADVIEZENLIJST = _object(
    [*_KOP_VERPLICHT, "deelnemersgroep", "voorlopigSchooladviezen"],
    **_kop("Schooladviezen"),
    deelnemersgroep=DEELNEMERSGROEP,
    voorlopigSchooladviezen=_lijst(
        _object(
            ["deelnemerref", "advies"],
            deelnemerref=_lijst(IDENTITEIT, minItems=1, maxItems=2),
            advies=_enum(*SCHOOLADVIESTYPEN),
        ),
        minItems=1,
    ),
)

_SUBDOMEIN = _object(
    ["id", "label"],
    label=_enum("Subdomein"),
    id=_enum(*SUBDOMEINCODES),
    omschrijving=_tekst(),
)
_DOMEIN = _object(
    ["id", "label"],
    label=_enum("Domein") | {"minLength": 1},
    id=_enum(*DOMEINCODES),
    omschrijving=_tekst(),
    toetsonderdelen=_lijst(_SUBDOMEIN, minItems=0),
)
_ONDERDEEL = _object(
    ["id", "label"],
    label=_enum("Onderdeel"),
    id=_enum(*ONDERDEELCODES),
    omschrijving=_tekst(),
    toetsonderdelen=_lijst(_DOMEIN, minItems=0),
)

LEERLINGRESULTAAT = _object(
    [*_KOP_VERPLICHT, "resultatenscores", "toets"],
    **_kop("Leerlingtoetsresultaat"),
    resultatenscores=_object(
        ["afnamecontext", "deelnemerref", "id", "resultaten", "toetsdefinitie", "versie"],
        id=_tekst(),
        deelnemerref=_lijst(IDENTITEIT, minItems=1, maxItems=2),
        versie=_tekst(),
        datumtijd=_tekst(format="date-time"),
        toetsdefinitie=_enum(*TOETSSOORTEN),
        afnamecontext=_object(
            ["afname"],
            afname=_object(
                ["afnametijdstip", "id"],
                id=_tekst(minLength=1),
                afnametijdstip=_tekst(format="date-time"),
            ),
        ),
        scores=_object(
            ["id", "scores"],
            id=_tekst(),
            scores=_lijst(
                _object(
                    ["id", "label", "waarde"],
                    label=_enum(*SCORESOORTEN),
                    id=_tekst(),
                    toetseenheid=_tekst(),
                    # the schema says text; the document's own example sends a number (100):
                    # a supplier that follows the example is not refused, we read it as text
                    waarde={"type": ["string", "number"]},
                ),
                minItems=0,
            ),
        ),
        resultaten=_object(
            ["resultaten"],
            aanvullendeinfo=_tekst(),
            resultaten=_lijst(
                _object(
                    ["label", "waarde"],
                    label=_enum(*RESULTAATSOORTEN),
                    toetseenheid=_tekst(),
                    waarde=_tekst(),
                ),
                minItems=1,
            ),
        ),
    ),
    toets=_object(
        ["id", "label", "naam"],
        label=_enum("Doorstroomtoets") | {"minLength": 1},
        id=_enum(*TOETSSOORTEN),
        naam=_tekst(minLength=1),
        versie=_tekst(minLength=1),
        url=_tekst(),
        omschrijving=_tekst(),
        toetsonderdelen=_lijst(_ONDERDEEL, minItems=1),
    ),
)
