"""The readable summary of a dossier version, derived from its XML by the description of the
gegevensset.

:func:`samenvatting_uit_xml` reads the dossier the way the PDF does (:func:`.pdf.indeling`: the
block partition of the description and each block's categorie) and walks every element of each
block: the block is the table's block, the field label is the table's label path ("Toets 2 ›
Afname › Datum"; a repeating element numbered, list containers left out), the value is made
readable (codes with their code list's meaning, dates dd-mm-jjjj, Ja/Nee). Privacy follows the
table's marks: a PGN is masked (``*****1234``), a secret number's placeholder and a secret
address say "geheim (niet meegestuurd)", attachments show their name, never their content.

The result, block name -> {field label -> value}, is stored per version
(``DossierVersie.samenvatting``) and compared by :func:`.verzamelen.verschil`. The collection
moment is left out, so two versions differ only where the pupil's data or the choices differ.
"""

from __future__ import annotations

from lxml import etree

from leerlingen import codelijsten as cl

from . import gegevensset
from .gegevensset import GEHEIM_ADRES, GEHEIM_NUMMER, PGN
from .profielen import BLOK, BLOKKEN, PROFIELEN, Categorie, profiel_van_dossier
from .xmlsafe import parse_dossier

GEHEIM = "geheim (niet meegestuurd)"
_PLAATSHOUDERS = ("9999999999", "geheim@geheim.geheim")
_CATEGORIE_TEKST = {
    Categorie.VERPLICHT: "verplicht, opgenomen",
    Categorie.OPTIONEEL: "gekozen, opgenomen",
    Categorie.OPT_UIT: "niet gekozen, niet opgenomen",
    Categorie.VERBODEN: "niet toegestaan, niet opgenomen",
}
_MEE = (Categorie.VERPLICHT, Categorie.OPTIONEEL)
_NIET_LEZEN = {"bestandsinhoud"}  # an attachment's bytes: never in a summary
SCHEIDING = " › "


def _naam(element: etree._Element) -> str:
    return etree.QName(element).localname


def _waarde(knoop, tekst: str) -> str:
    from .pdf import maskeer, waarde

    if knoop is not None:
        if PGN in knoop.element.privacy:
            return maskeer(tekst) or ""
        if GEHEIM_NUMMER in knoop.element.privacy and tekst in _PLAATSHOUDERS:
            return GEHEIM
        if knoop.codelijst is not None and knoop.codelijst in cl.CODELIJSTEN:
            return cl.label(knoop.codelijst, tekst) or f"{tekst} (onbekende code)"
    return waarde(tekst) or ""


class _Blok:
    def __init__(self, g: gegevensset.Gegevensset) -> None:
        self.g = g
        self.velden: dict[str, str] = {}

    def zet(self, label: str, waarde: str) -> None:
        if not waarde:
            return
        sleutel, n = label, 1
        while sleutel in self.velden:  # two elements with one label: keep both
            n += 1
            sleutel = f"{label} ({n})"
        self.velden[sleutel] = waarde

    def lees(self, element: etree._Element, pad: str, labels: tuple[str, ...], index: int) -> None:
        g = self.g
        knoop = g.knopen.get(pad)
        naam = _naam(element)
        if naam in _NIET_LEZEN:
            return
        eigen = knoop.label if knoop is not None else gegevensset.model.standaard_label(naam)
        if knoop is not None and knoop.element.herhaalbaar:
            eigen = f"{eigen} {index}"
        if knoop is None or not g.is_lijsthouder(pad):
            labels = (*labels, eigen)
        kinderen = [k for k in element if isinstance(k.tag, str)]
        if kinderen:
            teller: dict[str, int] = {}
            for kind in kinderen:
                kind_naam = _naam(kind)
                teller[kind_naam] = teller.get(kind_naam, 0) + 1
                self.lees(kind, f"{pad}/{kind_naam}", labels, teller[kind_naam])
            return
        tekst = (element.text or "").strip()
        omschrijving = element.get("omschrijving")
        if omschrijving and not (knoop is not None and PGN in knoop.element.privacy):
            tekst = f"{omschrijving} ({tekst})" if tekst else omschrijving
        elif tekst:
            tekst = _waarde(knoop, tekst)
        self.zet(SCHEIDING.join(labels), tekst)
        if naam == "adresgeheim" and tekst == "Ja":
            # the secret address itself is left out of the dossier: say so where it would be
            ouder = pad.rpartition("/")[0]
            eigen_adres = next(
                (
                    a
                    for a in g.paden_met(GEHEIM_ADRES)
                    if g.knopen[a].ouder == ouder
                    or (
                        g.knopen[a].ouder.rpartition("/")[0] == ouder
                        and g.is_lijsthouder(g.knopen[a].ouder)
                    )
                ),
                "",
            )
            if eigen_adres:
                self.zet(SCHEIDING.join((*labels[:-1], g.label(eigen_adres))), GEHEIM)


def samenvatting_uit_xml(
    xml: bytes | etree._Element | etree._ElementTree,
) -> dict[str, dict[str, str]]:
    """A flat, readable view of a dossier: block name -> {field label -> value}, labels and
    blocks from the description of the gegevensset (see the module's docstring)."""
    from .pdf import indeling, pad_van

    if isinstance(xml, bytes | bytearray | memoryview):
        xml = parse_dossier(bytes(xml))
    root = xml.getroot() if isinstance(xml, etree._ElementTree) else xml
    g = gegevensset.huidig()
    wortels, categorieen = indeling(root)

    q = f"{{{g.namespace}}}"
    profiel = profiel_van_dossier(
        root.findtext(f"{q}overdrachtsoort") or "",
        root.findtext(f"{q}metadata/{q}overstap"),
    )
    metadata: dict[str, str] = {}
    if profiel is not None:
        metadata["Soort dossier"] = PROFIELEN[profiel].label
    for blok in BLOKKEN:
        cat = categorieen[blok.slug]
        metadata[f"Blok {blok.naam}"] = (
            _CATEGORIE_TEKST[cat] if isinstance(cat, Categorie) else str(cat)
        )
    uit = {BLOK["metadata"].naam: metadata}
    for blok in BLOKKEN:
        if blok.slug == "metadata":
            continue
        if categorieen[blok.slug] not in _MEE and not wortels[blok.slug]:
            continue
        lezer = _Blok(g)
        teller: dict[str, int] = {}
        for element in wortels[blok.slug]:
            pad = pad_van(element)
            teller[pad] = teller.get(pad, 0) + 1
            lezer.lees(element, pad, (), teller[pad])
        uit[blok.naam] = lezer.velden
    return uit


__all__ = ["GEHEIM", "samenvatting_uit_xml"]
