"""The special cases beside the table, by name (``Element.haak`` in :mod:`.v2019_1`).

A hook gets the builder, the element's description, the value read from the snapshot (``veld``;
None when the element has none) and the snapshot object of the parent, and returns the value to
write, or :data:`OVERSLAAN` to write nothing. For an element with children, the value is the
object (or list of objects) its children are read from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model import Element, Reeks

OVERSLAAN = object()  # write nothing


def _gevuld(waarde: Any) -> bool:
    return waarde is not None and waarde != ""


_VELDEN: dict[tuple[int, bool], tuple[str, ...]] = {}


def _waarden(bouwer: Any, e: Element, obj: Any, alleen_verplicht: bool) -> list[Any]:
    sleutel = (id(e), alleen_verplicht)
    velden = _VELDEN.get(sleutel)
    if velden is None:
        assert isinstance(e.type, Reeks)
        velden = _VELDEN[sleutel] = tuple(
            kind.veld
            for kind in e.type.elementen()
            if kind.enkelvoudig and kind.veld and (kind.min >= 1 or not alleen_verplicht)
        )
    return [
        getattr(obj, veld, None) if "." not in veld and "/" not in veld else bouwer.haal(obj, veld)
        for veld in velden
    ]


def als_volledig(bouwer, e, waarde, obj):
    """A group that goes along only when every required value is there (voorschools,
    vroegschools, OPP, LWOO, the eindtoets result: the rules report what is missing)."""
    if waarde is None or not all(_gevuld(w) for w in _waarden(bouwer, e, waarde, True)):
        return OVERSLAAN
    return waarde


def als_gevuld(bouwer, e, waarde, obj):
    """A group of optional values that goes along only when one of them is filled."""
    if waarde is None or all(w is None or w == "" for w in _waarden(bouwer, e, waarde, False)):
        return OVERSLAAN
    return waarde


def overigvombo(bouwer, e, waarde, obj):
    return waarde if waarde is not None and waarde.heeft_gegevens else OVERSLAAN


def adreslijst(bouwer, e, waarde, obj):
    """A secret address is never written."""
    if getattr(obj, "adresgeheim", False) or not waarde:
        return OVERSLAAN
    return waarde


def communicatielijst(bouwer, e, waarde, obj):
    """Only numbers that are there (or secret: then as the placeholder)."""
    lijst = [c for c in waarde or () if c.nummer or c.geheim]
    return lijst or OVERSLAAN


def geheim_nummer(bouwer, e, waarde, obj):
    """A secret phone number or e-mail address is written as the standard's placeholder."""
    if obj.geheim:
        from dossiers.verzamelen import GEHEIM_EMAIL, GEHEIM_TELEFOON

        return GEHEIM_EMAIL if obj.soort == "e-mail" else GEHEIM_TELEFOON
    return waarde


def pgn(bouwer, e, waarde, obj):
    """Exactly one of onderwijsnummer / bsn: the one of the pupil's PGN type (the builder
    leaves every element marked PGN out of an SWV dossier)."""
    if not obj.pgn or obj.pgn_type != e.naam:
        return OVERSLAAN
    return obj.pgn


def voornamen(bouwer, e, waarde, obj):
    return (waarde or "").split()


def voorletters(bouwer, e, waarde, obj):
    return "".join((waarde or "").split())


def bijlage_zip(bouwer, e, waarde, obj):
    """ "Base64 gecodeerd ZIP-bestand" (XSD), as in every official example."""
    from dossiers.bijlagen import inpakken

    return inpakken(obj.bestandsnaam, obj.inhoud)


def j_n(bouwer, e, waarde, obj):
    return "J" if waarde else "N"


def omschrijving_eindtoets(bouwer, e, waarde, obj):
    """The exact name of the toets (a 2024 doorstroomtoets that codelijst 42 lacks keeps its
    own name here), else the label of its code."""
    from leerlingen.codelijsten import Eindtoetssoort

    if getattr(obj, "toetsomschrijving", ""):
        return obj.toetsomschrijving
    code = obj.toetssoort
    return str(Eindtoetssoort(code).label) if code in Eindtoetssoort.values else ""


def omschrijving_domein(bouwer, e, waarde, obj):
    from leerlingen.codelijsten import EindtoetsDomein

    code = obj.domein
    return str(EindtoetsDomein(code).label) if code in EindtoetsDomein.values else ""


def met_domeinen(bouwer, e, waarde, obj):
    """The domeinen of an onderdeel go along only when it has any."""
    return waarde if waarde is not None and getattr(waarde, "domeinen", ()) else OVERSLAAN


def omschrijving_onderdeel(bouwer, e, waarde, obj):
    from leerlingen.codelijsten import EindtoetsOnderdeel

    code = obj.onderdeel
    return str(EindtoetsOnderdeel(code).label) if code in EindtoetsOnderdeel.values else ""


def in_dagdelen(bouwer, e, waarde, obj):
    return waarde if obj.eenheid == "dagdelen" else OVERSLAAN


def in_uren(bouwer, e, waarde, obj):
    return waarde if obj.eenheid != "dagdelen" else OVERSLAAN


def een_cijfer(bouwer, e, waarde, obj):
    """A subject goes along only with a grade (the XSD's choice requires one); the choice then
    takes the first of the table's order: eindcijfer, CE, SE, rapportcijfer."""
    return [
        r
        for r in waarde or ()
        if any(w is not None for w in (r.eindcijfer, r.cijfer_ce, r.cijfer_se, r.rapportcijfer))
    ] or OVERSLAAN


def totaalscore(bouwer, e, waarde, obj):
    """The total is required by the XSD ([1..n]); without one the score stays empty and
    OVa.CL01 / PaO.CL01 report it."""
    return {"waarde": obj.totaalscore}


def categorie_uitlevering(bouwer, e, waarde, obj):
    from dossiers.profielen import BLOKKEN

    v = bouwer.v
    return {b.categorie_element: v.categorieen[b.slug].value for b in BLOKKEN}


def _constante(naam: str) -> Callable:
    def haak(bouwer, e, waarde, obj):
        from django.conf import settings

        from . import huidig

        g = huidig()
        return {
            "deeldossier": "LAS",
            "pakketnaam": settings.OSO_PAKKETNAAM,
            "pakketversie": settings.OSO_PAKKETVERSIE,
            "standaardversie": g.versie,
            "validatieversie": g.validatieversie,
        }[naam]

    haak.__name__ = naam
    return haak


# hooks that hand their children a dict (element name -> value) instead of a snapshot object
DICT_HAKEN = frozenset({"categorie_uitlevering", "totaalscore"})

HAKEN: dict[str, Callable] = {
    f.__name__: f
    for f in (
        als_volledig,
        als_gevuld,
        overigvombo,
        adreslijst,
        communicatielijst,
        geheim_nummer,
        pgn,
        voornamen,
        voorletters,
        bijlage_zip,
        j_n,
        omschrijving_eindtoets,
        omschrijving_onderdeel,
        omschrijving_domein,
        met_domeinen,
        in_dagdelen,
        in_uren,
        een_cijfer,
        totaalscore,
        categorie_uitlevering,
        *(
            _constante(n)
            for n in (
                "deeldossier",
                "pakketnaam",
                "pakketversie",
                "standaardversie",
                "validatieversie",
            )
        ),
    )
}
