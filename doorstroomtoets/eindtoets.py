"""From a doorstroomtoets result (2024 and later) to the OSO 2019.1 Eindtoets bo block.

Codelijst 42 of 2019.1 knows five eindtoetsen. Route 8, IEP, Dia and AMN have a code of their
own; the toetsen it does not know (Leerling in beeld, Doe, OCW Doorstroomtoets) get 0011, the
government's own eindtoets of 2019.1 (the Centrale Eindtoets, whose successor the OCW toets is),
and their exact name travels in ``toetsomschrijving``, so a reader sees which toets it was and
the official validation (which accepts only those five codes) still passes.
"""

from __future__ import annotations

import re

from leerlingen.codelijsten import EindtoetsDomein, EindtoetsOnderdeel, Referentieniveau

TOETSSOORT_NAAR_CODELIJST_42 = {
    "ROUTE_8": "0012",
    "ICE": "0013",
    "DIA": "0014",
    "AMN": "0016",
}
CODELIJST_42_ANDERS = "0011"

# toetseenheid of a Referentieniveau result -> (onderdeel, domein or "")
TOETSEENHEID_NAAR_OSO = {
    "REKENEN": (EindtoetsOnderdeel.REKENEN, ""),
    "NEDERLANDSE_TAAL": (EindtoetsOnderdeel.TAAL, ""),
    "LEZEN": (EindtoetsOnderdeel.TAAL, EindtoetsDomein.LEZEN),
    "TAALVERZORGING": (EindtoetsOnderdeel.TAAL, EindtoetsDomein.TAALVERZORGING),
}


def codelijst_42(toetssoort: str) -> str:
    return TOETSSOORT_NAAR_CODELIJST_42.get(toetssoort, CODELIJST_42_ANDERS)


def referentieniveau(waarde: str) -> str:
    """A supplier's referentieniveau text (``1F``, ``1S``, ``2F``, ``<1F``, ``L1F``, ``lager dan
    1F``) as codelijst 45, or "" when it cannot be read."""
    w = re.sub(r"\s+", " ", (waarde or "").strip().upper())
    if w in {"<1F", "L1F", "LAGER DAN 1F", "NIET 1F", "ONDER 1F", "-1F"}:
        return Referentieniveau.LAGER_1F
    return {"1F": Referentieniveau.F1, "1S": Referentieniveau.S1, "2F": Referentieniveau.F2}.get(
        w, ""
    )


def standaardscore(waarde: str) -> int | None:
    """The toetsscore as the standard's standaardscore (an integer 0-1000), else None."""
    try:
        getal = int(str(waarde).strip())
    except ValueError:
        return None
    return getal if 0 <= getal <= 1000 else None


def niveaus_per_onderdeel(niveaus: dict[str, str]) -> dict[str, tuple[str, dict[str, str]]]:
    """``{toetseenheid: waarde}`` -> ``{onderdeel: (ond_referentieniveau, {domein: niveau})}``."""
    uit: dict[str, tuple[str, dict[str, str]]] = {}
    for eenheid, waarde in niveaus.items():
        plaats = TOETSEENHEID_NAAR_OSO.get(eenheid)
        code = referentieniveau(waarde)
        if plaats is None or not code:
            continue
        onderdeel, domein = plaats
        eigen, domeinen = uit.get(onderdeel, ("", {}))
        if domein:
            domeinen[domein] = code
        else:
            eigen = code
        uit[onderdeel] = (eigen, domeinen)
    return uit
