"""What the import review page shows of a received dossier (a selector: reads only).

Who the pupil is, the received data per block with the manual's names beside what the LAS has,
and every value that has no place in the administration, by name and value. The reading itself
is ``dossiers.importeren``; this module only arranges it for people."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from dossiers.gegevensset import huidig
from dossiers.importeren import Ontvangen
from leerlingen import models as m

# the count keys of Ontvangen.aantallen(), as the manual names the blocks, and the pupil's
# relation that holds the same in the LAS
BLOKKEN: dict[str, tuple[str, str | None]] = {
    "communicatie": (_("Telefoon en e-mail"), "communicatie"),
    "verzorgers": (_("Ouders/Verzorgers"), "verzorgers"),
    "vve": (_("VVE"), "vve"),
    "schoolloopbaan": (_("Schoolloopbaan"), "schoolloopbaan"),
    "overstapadvies": (_("Overstapadvies (advies VO)"), "overstapadvies"),
    "onderwijsondersteuning": (_("Onderwijsondersteuning"), "onderwijsondersteuning"),
    "diagnoses": (_("Diagnoses"), "diagnoses"),
    "tlvs": (_("Toelaatbaarheidsverklaringen (TLV)"), "tlvs"),
    "arrangementen": (_("Arrangementen"), "arrangementen"),
    "handelingsplannen": (_("Handelingsplannen"), "handelingsplannen"),
    "verzuim": (_("Verzuim"), "verzuim"),
    "eindtoets": (_("Eindtoets"), "eindtoets"),
    "eindtoets_onderdelen": (_("Eindtoets: onderdelen"), None),
    "toetsen": (_("Niet-methodetoetsen"), "toetsen"),
    "referentiescores": (_("Referentiescores"), None),
    "cijferlijsten": (_("Cijferlijsten"), "cijferlijsten"),
    "cijferlijst_onderdelen": (_("Cijferlijsten: onderdelen"), None),
    "vombo": (_("VO-MBO-gegevens"), "vombo"),
    "vakresultaten": (_("Vakresultaten"), "vakresultaten"),
    "bijlagen": (_("Bijlages"), None),
}


@dataclass
class BlokRegel:
    naam: str
    ontvangen: int
    in_administratie: int | None  # None: a new pupil, or not counted per pupil


@dataclass
class Weergave:
    naam: str
    geboortedatum: str
    geslacht: str
    herkomst: str
    blokken: list[BlokRegel] = field(default_factory=list)
    niet_gemapt: list[tuple[str, str]] = field(default_factory=list)


def _tel(leerling: m.Leerling, relatie: str) -> int:
    waarde = getattr(leerling, relatie, None)
    if waarde is None:
        return 0
    if hasattr(waarde, "count") and hasattr(waarde, "all"):
        return waarde.count()
    return 1


def _naam(pad: str) -> str:
    """Where a value sits in the dossier, in the Dutch labels of the description of the
    gegevensset: "Leerling › Adres › Straat" (the element path is the reader's detail)."""
    return huidig().plaats(pad)


def weergave(ontvangen: Ontvangen, leerling: m.Leerling | None = None) -> Weergave:
    ll = ontvangen.leerling
    naam = " ".join(
        d
        for d in (
            ll.get("roepnaam") or ll.get("voornamen"),
            ll.get("voorvoegsel"),
            ll.get("achternaam"),
        )
        if d
    )
    geboren = ll.get("geboortedatum")
    geslacht = ll.get("geslacht") or ""
    if geslacht:
        keuzes = dict(m.Leerling._meta.get_field("geslacht").flatchoices)
        geslacht = str(keuzes.get(geslacht, geslacht))
    w = Weergave(
        naam=naam or str(_("(geen naam in het dossier)")),
        geboortedatum=geboren.strftime("%d-%m-%Y") if hasattr(geboren, "strftime") else "",
        geslacht=geslacht,
        herkomst=ontvangen.herkomst,
    )
    aantallen = ontvangen.aantallen()
    aantallen.setdefault("bijlagen", len(ontvangen.bijlagen))
    for sleutel, aantal in aantallen.items():
        label, relatie = BLOKKEN.get(sleutel, (sleutel.replace("_", " ").capitalize(), None))
        eigen = _tel(leerling, relatie) if leerling is not None and relatie else None
        if aantal or eigen:
            w.blokken.append(BlokRegel(str(label), aantal, eigen))
    w.niet_gemapt = [(_naam(n.pad), n.waarde) for n in ontvangen.niet_gemapt]
    return w


# after importing a new pupil: what the receiving school completes itself
NA_IMPORT_VELDEN = (
    ("vestiging", _("vestiging")),
    ("groep", _("groep")),
    ("jaargroep", _("leerjaar")),
    ("datum_inschrijving", _("datum inschrijving")),
)


def nog_aanvullen(leerling: m.Leerling) -> list[str]:
    return [str(label) for veld, label in NA_IMPORT_VELDEN if not getattr(leerling, veld)]
