"""Mutations of the official example dossiers that put a wrong value in a code-list field,
generated from ``leerlingen.codelijsten.CODELIJST_PER_ELEMENT`` (used by test_regels and the
differential test against the official validation)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lxml import etree

from dossiers.xmlsafe import OSO_NAMESPACE
from leerlingen.codelijsten import CODELIJST_PER_ELEMENT, CODELIJSTEN

Q = f"{{{OSO_NAMESPACE}}}"
Mutatie = Callable[[etree._ElementTree], None]
ONGELDIG = "ONGELDIG"


def element_pad(element: etree._Element) -> str:
    """dossier/huidigeschool/leerling/... (local names, no positions)."""
    return "/".join(etree.QName(e).localname for e in [*element.iterancestors()][::-1] + [element])


def codevelden(tree: etree._ElementTree | etree._Element) -> Iterator[tuple[int, etree._Element]]:
    """(code list number, element) of every code-list field in the dossier, in document order."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    for element in root.iter():
        if isinstance(element.tag, str):
            nummer = CODELIJST_PER_ELEMENT.get(element_pad(element))
            if nummer is not None:
                yield nummer, element


def _voeg_toe_als_nodig(tree: etree._ElementTree, nummer: int) -> None:
    """Lists 18 and 36 occur in no official example: add the field, valid by the XSD."""
    root = tree.getroot()
    if any(n == nummer for n, _ in codevelden(root)):
        return
    if nummer == 18:  # adres/aanduiding, after nummer/toevoeging
        adres = root.find(f".//{Q}adres")
        plek = adres.find(f"{Q}toevoeging")
        plek = adres.find(f"{Q}nummer") if plek is None else plek
        nieuw = etree.Element(f"{Q}aanduiding")
        nieuw.text = "TO"
        plek.addnext(nieuw)
    elif nummer == 36:  # resultaatvakkenvo: beoordelingexamenvak instead of the figures
        vak = root.find(f".//{Q}resultaatvakkenvo")
        examenvak = vak.find(f"{Q}examenvak")
        while examenvak.getnext() is not None:
            vak.remove(examenvak.getnext())
        nieuw = etree.Element(f"{Q}beoordelingexamenvak")
        nieuw.text = "voldoende"
        examenvak.addnext(nieuw)


def codelijst_mutatie(nummer: int, waarde: str = ONGELDIG, index: int = 0) -> Mutatie:
    """Put ``waarde`` in the ``index``-th field of code list ``nummer``."""

    def muteer(tree: etree._ElementTree) -> None:
        _voeg_toe_als_nodig(tree, nummer)
        velden = [e for n, e in codevelden(tree) if n == nummer]
        assert len(velden) > index, f"geen veld {index} van codelijst {nummer} in het voorbeeld"
        velden[index].text = waarde

    return muteer


def bijna_goed(nummer: int) -> list[str]:
    """Values that resemble a code of the list but are not one (the official check compares
    the text exactly): other case, surrounding spaces, empty."""
    code = str(CODELIJSTEN[nummer].values[0])
    waarden = [f" {code}", ""]
    if code.lower() != code:
        waarden.append(code.lower())
    elif code.upper() != code:
        waarden.append(code.upper())
    return waarden


def codelijst_corpus(
    voorbeelden: dict[str, etree._ElementTree],
) -> Iterator[tuple[str, str, Mutatie]]:
    """(name, example, mutation): for every example and every code-list field path in it, a
    wrong code in the first such field; per list also the near misses; lists 18 and 36 (in no
    example) added where their parent is."""
    gezien_lijst: set[int] = set()
    for naam, tree in sorted(voorbeelden.items()):
        gezien_pad: set[str] = set()
        for nummer, element in codevelden(tree):
            pad = element_pad(element)
            if pad in gezien_pad:
                continue
            gezien_pad.add(pad)
            velden = [e for n, e in codevelden(tree) if n == nummer]
            index = velden.index(element)
            yield f"{naam}: {pad} = {ONGELDIG}", naam, codelijst_mutatie(nummer, ONGELDIG, index)
            if nummer not in gezien_lijst:
                gezien_lijst.add(nummer)
                for waarde in bijna_goed(nummer):
                    yield (
                        f"{naam}: {pad} = {waarde!r}",
                        naam,
                        codelijst_mutatie(nummer, waarde, index),
                    )
    for nummer, naam in (
        (18, "Voorbeelddossier_OV_POPO_full.xml"),
        (36, "Voorbeelddossier_OV_VOVO_full.xml"),
    ):
        yield f"{naam}: codelijst {nummer} = {ONGELDIG}", naam, codelijst_mutatie(nummer)
