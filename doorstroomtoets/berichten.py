"""The wire format of the Doorstroomtoetsketen 1.1.0 in one place: building the Deelnemerslijst
and the Schooladviezenlijst we send, and checking and reading the Leerlingresultaat we receive.
The rest of the code works with the Python objects defined here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import jsonschema
from django.utils import timezone

from . import schema

AUTEUR = "OSO-module (open source LAS)"
JSON = "application/json"
MAX_BYTES = 256 * 1024

# Our codelijst 2 (Advies VO, OSO 2019.1) onto Schooladviestype_enum; codes without a single
# counterpart are not sent (the screen lists them).
ADVIES_NAAR_SCHOOLADVIESTYPE = {
    "01": "VSO",
    "10": "PRAKTIJKONDERWIJS",
    "20": "VMBO_BB",
    "21": "VMBO_BB_TM_VMBO_KB",
    "22": "VMBO_KB",
    "23": "VMBO_KB_TM_VMBO_GL/TL",
    "30": "VMBO_GL/TL",
    "31": "VMBO_GL/TL_TM_HAVO",
    "40": "HAVO",
    "41": "HAVO_TM_VWO",
    "50": "VWO",
}

# codelijst 14 (0 onbekend, 1 vrouw, 2 man) onto Geslachttype_enum (1 man, 2 vrouw, 9 niet
# gespecificeerd)
GESLACHT = {0: 9, 1: 2, 2: 1}


class OngeldigeInhoud(ValueError):
    """A body that does not follow the agreement (answered 422)."""


def schooljaar(datum: dt.date | None = None) -> str:
    datum = datum or timezone.localdate()
    begin = datum.year if datum.month >= 8 else datum.year - 1
    return f"{begin}-{begin + 1}"


def _nu() -> str:
    return timezone.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _kop(profiel: str) -> dict[str, Any]:
    return {
        "datumtijd": _nu(),
        "auteur": AUTEUR,
        "versie": schema.AFSPRAAKVERSIE,
        "profiel": profiel,
        "schooljaar": schooljaar(),
    }


@dataclass(frozen=True)
class Groepsgegevens:
    instellingscode: str
    vestigingscode: str
    onderwijsaanbiedercode: str
    onderwijslocatiecode: str
    administratienr: str

    def als_json(self) -> dict[str, str]:
        return {
            "instellingscode": self.instellingscode,
            "vestigingscode": self.vestigingscode,
            "onderwijsaanbiedercode": self.onderwijsaanbiedercode,
            "onderwijslocatiecode": self.onderwijslocatiecode,
            "administratienr": self.administratienr,
        }


@dataclass(frozen=True)
class DeelnemerGegevens:
    las_key: str
    achternaam: str
    voorvoegsel: str
    roepnaam: str
    groep_id: str
    voorletters: str
    geboortedatum: dt.date
    geslacht: int  # Geslachttype_enum

    def als_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "label": "Leerling",
            "deelnemerref": [{"label": "LAS-key", "onderwijsdeelnemerID": self.las_key}],
            "achternaam": self.achternaam[:70],
        }
        if self.voorvoegsel:
            d["voorvoegsel"] = self.voorvoegsel[:10]
        d |= {
            "roepnaam": self.roepnaam[:64],
            "groep": self.groep_id,
            "niveau": {"label": "Jaargroep", "niveau": "8"},
            "extensie": {
                "label": "Demografisch",
                "voorletters": self.voorletters[:6],
                "geboortedatum": self.geboortedatum.isoformat(),
                "geslacht": self.geslacht,
            },
        }
        return d

    def vingerafdruk(self) -> str:
        """What the supplier holds of this pupil: a change means the pupil goes along again."""
        data = json.dumps(self.als_json(), sort_keys=True).encode()
        return hashlib.sha256(data).hexdigest()


def voorletters(voornamen: str, opgegeven: str = "") -> str:
    """NEN 1888: the first letter of every first name, no spaces or dots, at most 6."""
    bron = opgegeven or " ".join(w[:1] for w in voornamen.split())
    return re.sub(r"[^A-Za-zÀ-ÿ]", "", bron).upper()[:6]


def groep_id(school_brin: str, groep: str) -> str:
    """A meaningless but stable identifier of a stamgroep for this chain."""
    digest = hashlib.sha256(f"{school_brin}/{groep}".encode()).hexdigest()[:16]
    return f"groep-{digest}"


def deelnemerslijst(
    groep: Groepsgegevens, groepen: dict[str, str], deelnemers: list[DeelnemerGegevens]
) -> dict[str, Any]:
    """POST /registreren: ``groepen`` maps a groep id to its omschrijving (e.g. 8A)."""
    return _kop("Toetsdeelnemers") | {
        "deelnemersgroep": groep.als_json(),
        "groepen": [
            {
                "label": "Stamgroep",
                "id": gid,
                "omschrijving": omschrijving[:64],
                "niveau": {"label": "Jaargroep", "niveau": "8"},
            }
            for gid, omschrijving in sorted(groepen.items())
        ],
        "deelnemers": [d.als_json() for d in deelnemers],
    }


def schooladviezenlijst(groep: Groepsgegevens, adviezen: list[tuple[str, str]]) -> dict[str, Any]:
    """POST /registreren-schooladviezen: ``adviezen`` as (LAS-key, Schooladviestype)."""
    return _kop("Schooladviezen") | {
        "deelnemersgroep": groep.als_json(),
        "voorlopigSchooladviezen": [
            {
                "deelnemerref": [{"label": "LAS-key", "onderwijsdeelnemerID": las_key}],
                "advies": advies,
            }
            for las_key, advies in adviezen
        ],
    }


# --- reading --------------------------------------------------------------------------------


def lees_json(data: bytes, model: dict[str, Any]) -> dict[str, Any]:
    """``data`` parsed and checked against ``model`` (one of the schemas), or OngeldigeInhoud."""
    if len(data) > MAX_BYTES:
        raise OngeldigeInhoud("Het bericht is te groot.")
    try:
        inhoud = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise OngeldigeInhoud("Het bericht is geen geldige JSON.") from None
    fout = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(model).iter_errors(inhoud))
    if fout is not None:
        pad = "/".join(str(p) for p in fout.absolute_path) or "(bericht)"
        raise OngeldigeInhoud(f"Ongeldige berichtinhoud bij {pad}.")
    return inhoud


def _tijdstip(tekst: str, pad: str) -> dt.datetime:
    try:
        waarde = dt.datetime.fromisoformat(tekst.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        raise OngeldigeInhoud(f"Ongeldig tijdstip bij {pad}.") from None
    if waarde.tzinfo is None:
        waarde = waarde.replace(tzinfo=dt.UTC)
    return waarde


@dataclass(frozen=True)
class Score:
    soort: str
    toetseenheid: str
    waarde: str


@dataclass(frozen=True)
class Resultaat:
    soort: str
    toetseenheid: str
    waarde: str


@dataclass(frozen=True)
class Toetsresultaat:
    """A Leerlingresultaat as the rest of the LAS sees it."""

    las_keys: tuple[str, ...]
    eck_ids: tuple[str, ...]
    toetssoort: str
    toetsnaam: str
    toetsversie: str
    samengesteld_op: dt.datetime
    afgenomen_op: dt.datetime
    schooljaar: str
    scores: tuple[Score, ...] = ()
    resultaten: tuple[Resultaat, ...] = ()
    rapportid: str = ""
    onderdeelnamen: dict[str, str] = field(default_factory=dict)

    @property
    def toetsscore(self) -> str:
        return next((s.waarde for s in self.scores if s.soort == "Toetsscore"), "")

    @property
    def toetsadvies(self) -> str:
        return next(
            (r.waarde for r in self.resultaten if r.soort == "Toetsadvies" and not r.toetseenheid),
            "",
        )

    def referentieniveaus(self) -> dict[str, str]:
        return {
            r.toetseenheid: r.waarde
            for r in self.resultaten
            if r.soort == "Referentieniveau" and r.toetseenheid
        }


_RAPPORT_RE = re.compile(r"leerlingrapport/([A-Za-z0-9._~-]{1,200})/?$")


def leerlingresultaat(inhoud: dict[str, Any]) -> Toetsresultaat:
    """A checked Leerlingresultaat (``lees_json(..., schema.LEERLINGRESULTAAT)``) read."""
    rs = inhoud["resultatenscores"]
    if not re.fullmatch(r"\d{4}-\d{4}", inhoud["schooljaar"]):
        raise OngeldigeInhoud("Het schooljaar volgt niet het patroon EEJJ-EEJJ.")
    verstuurd = _tijdstip(inhoud["datumtijd"], "datumtijd")
    samengesteld = (
        _tijdstip(rs["datumtijd"], "resultatenscores/datumtijd") if "datumtijd" in rs else verstuurd
    )
    afname = _tijdstip(
        rs["afnamecontext"]["afname"]["afnametijdstip"], "afnamecontext/afname/afnametijdstip"
    )
    refs = rs["deelnemerref"]
    rapport = _RAPPORT_RE.search(rs["resultaten"].get("aanvullendeinfo", "") or "")
    namen: dict[str, str] = {}
    for o in inhoud["toets"].get("toetsonderdelen", []):
        namen[o["id"]] = o.get("omschrijving", "")
        for d in o.get("toetsonderdelen", []):
            namen[d["id"]] = d.get("omschrijving", "")
    return Toetsresultaat(
        las_keys=tuple(r["onderwijsdeelnemerID"] for r in refs if r["label"] == "LAS-key"),
        eck_ids=tuple(r["onderwijsdeelnemerID"] for r in refs if r["label"] == "ECK-iD"),
        toetssoort=inhoud["toets"]["id"],
        toetsnaam=inhoud["toets"]["naam"][:200],
        toetsversie=inhoud["toets"].get("versie", "")[:200],
        samengesteld_op=samengesteld,
        afgenomen_op=afname,
        schooljaar=inhoud["schooljaar"],
        scores=tuple(
            Score(s["label"], s.get("toetseenheid", ""), str(s["waarde"]))
            for s in rs.get("scores", {}).get("scores", [])
        ),
        resultaten=tuple(
            Resultaat(r["label"], r.get("toetseenheid", ""), r["waarde"])
            for r in rs["resultaten"]["resultaten"]
        ),
        rapportid=rapport.group(1) if rapport else "",
        onderdeelnamen=namen,
    )
