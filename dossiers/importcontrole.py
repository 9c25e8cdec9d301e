"""What a received dossier must satisfy before anything of it enters our records (issue 11).

- :func:`weiger_verboden_blokken`: a block the declared profile forbids (a VVE block in a POVO
  dossier) is never stored: its rows are taken out of the read dossier and listed as refused
  (``niet_gemapt``, reason "Geweigerd"), so the review shows them and no import can write them.
- :func:`importweigeringen`: a dossier that fails the structure check (XSD) or a blocking rule
  cannot be imported; the Dutch messages say why.
- :func:`eis_gevraagd_nummer`: the dossier's BSN/onderwijsnummer must be the number it was asked
  for (compared by keyed hash: the number itself is not kept on the request).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .profielen import PROFIELEN, verboden

if TYPE_CHECKING:
    from .importeren import Ontvangen

# block slug -> attribute of importeren.Ontvangen
_ATTRIBUUT = {
    "verzorgers": "verzorgers",
    "vve": "vve",
    "schoolloopbaan": "schoolloopbaan",
    "overstapadvies": "overstapadvies",
    "onderwijsondersteuning": "onderwijsondersteuning",
    "verzuim": "verzuim",
    "eindtoets": "eindtoets",
    "toetsresultaten": "toetsen",
    "handelingsplannen": "handelingsplannen",
    "cijferlijsten": "cijferlijsten",
    "vombo": "vombo",
}
GEWEIGERD = "Geweigerd"


def weiger_verboden_blokken(ontvangen: Ontvangen) -> Ontvangen:
    from .importeren import NietGemapt

    if ontvangen.profiel is None:
        return ontvangen
    label = PROFIELEN[ontvangen.profiel].label
    for blok in verboden(ontvangen.profiel):
        attribuut = _ATTRIBUUT.get(blok.slug)
        if attribuut is None:
            continue
        waarde = getattr(ontvangen, attribuut)
        rijen = waarde if isinstance(waarde, list) else [waarde] if waarde is not None else []
        rijen = [r for r in rijen if r is not None and (r.velden or r.kinderen)]
        if not rijen:
            continue
        for rij in rijen:
            ontvangen.niet_gemapt.append(
                NietGemapt(
                    rij.pad,
                    blok.naam,
                    f"{GEWEIGERD}: het blok {blok.naam} hoort niet in een dossier voor "
                    f"{label} en wordt niet opgeslagen.",
                )
            )
        setattr(ontvangen, attribuut, [] if isinstance(waarde, list) else None)
    return ontvangen


def importweigeringen(ontvangen: Ontvangen) -> list[str]:
    """Why this dossier cannot be imported (empty: it can)."""
    redenen: list[str] = []
    if ontvangen.xsd_fouten:
        aantal = len(ontvangen.xsd_fouten)
        redenen.append(
            f"Het dossier voldoet niet aan de structuur van de standaard "
            f"({aantal} {'fout' if aantal == 1 else 'fouten'}) en kan niet worden geïmporteerd."
        )
        redenen += ontvangen.xsd_fouten[:10]
    # A value outside its code list blocks nothing: that one field is not taken over and the
    # review lists it with its raw value (issue 9); every other rule that fails blocks.
    blokkerend = [m for m in ontvangen.fouten if not m.regel.startswith("OS.codelijst")]
    if blokkerend:
        redenen.append(
            "Het dossier voldoet niet aan de bedrijfsregels van de standaard en kan niet worden "
            "geïmporteerd; vraag de school van herkomst een nieuw dossier klaar te zetten."
        )
        redenen += [m.bericht for m in blokkerend[:10]]
    return redenen


def eis_gevraagd_nummer(ontvangen: Ontvangen, gevraagd_pgn_hash: str) -> None:
    from leerlingen.models import pgn_hash

    from .importeren import ImportFout

    ll = ontvangen.leerling
    if "pgn" not in ll or pgn_hash(ll["pgn_type"], ll["pgn"]) != gevraagd_pgn_hash:
        raise ImportFout(
            "Het BSN of onderwijsnummer in het ontvangen dossier is niet het nummer waarmee het "
            "is opgevraagd; het dossier wordt niet geïmporteerd."
        )
