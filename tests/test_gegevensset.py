"""The declarative description of the gegevensset (dossiers/gegevensset/) and what is derived
from it: our structural check, the block partition, the privacy marks, version awareness.

Everything here runs without the official files, except the differential test at the end: on
the 12 official examples and a corpus of mutations of them, our structural check and the
official XSD accept and refuse the same documents (skipped only when OSO_STANDARD_DIR is unset;
CI sets it).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from lxml import etree

from dossiers import gegevensset
from dossiers.gegevensset import GEHEIM_ADRES, GEHEIM_NUMMER, PGN, structuur_fouten, versie_fout
from dossiers.gegevensset.model import standaard_label
from dossiers.gegevensset.schema import schema_document
from dossiers.profielen import BLOKKEN
from dossiers.xmlsafe import OSO_NAMESPACE, OngeldigeXml, parse_dossier
from dossiers.xsd import xsd_fouten

Q = f"{{{OSO_NAMESPACE}}}"
L = "dossier/huidigeschool/leerling"

# A small but complete dossier written for these tests (our own text, not an official example)
KLEIN = f"""<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="{OSO_NAMESPACE}">
  <metadata>
    <deeldossier>LAS</deeldossier><pakketnaam>Test</pakketnaam><pakketversie>1</pakketversie>
    <datum>2026-03-01</datum><standaardversie>2019.1</standaardversie>
    <validatieversie>2019.1.1</validatieversie><overstap>POPO</overstap>
  </metadata>
  <overdrachtsoort>overstapdossier</overdrachtsoort>
  <huidigeschool>
    <naam>De Linde</naam><brincode>12AB</brincode><vestigingscode>00</vestigingscode>
    <aanleverpunt>1</aanleverpunt>
    <leerling>
      <voornaam>Sam</voornaam><achternaam>Jansen</achternaam>
      <geboortedatum>2015-05-01</geboortedatum><geslacht>1</geslacht>
      <adresgeheim>false</adresgeheim>
      <adreslijst><adres><soortadres>bezoek</soortadres><straat>Dorpsstraat</straat>
        <nummer>1</nummer><postcode>1234AB</postcode><plaats>Ergens</plaats></adres></adreslijst>
      <adresbuitenland>Rue 1</adresbuitenland>
      <voorschools><codevoorschoolsprogramma>1</codevoorschoolsprogramma>
        <voorschoolsemaanden>12</voorschoolsemaanden></voorschools>
      <schoolloopbaanlijst><schoolloopbaan><schooljaar>2025-2026</schooljaar>
        <groepscode>7A</groepscode><jaargroep>7</jaargroep><brincode>12AB</brincode>
        <vestigingscode>00</vestigingscode></schoolloopbaan></schoolloopbaanlijst>
      <verzuim><dagdelengeoorloofd>2</dagdelengeoorloofd></verzuim>
    </leerling>
  </huidigeschool>
</dossier>
""".encode()


def klein() -> etree._ElementTree:
    return parse_dossier(KLEIN)


def vind(tree: etree._ElementTree, pad: str) -> etree._Element:
    delen = pad.split("/")[1:]
    element = tree.getroot().find("/".join(Q + d for d in delen))
    assert element is not None, pad
    return element


# --- the description -------------------------------------------------------------------------


def test_the_description_carries_its_version_and_namespace():
    g = gegevensset.huidig()
    assert (g.versie, g.validatieversie, g.namespace) == ("2019.1", "2019.1.1", OSO_NAMESPACE)
    assert gegevensset.GEGEVENSSETS["2019.1"] is g
    assert gegevensset.bij_namespace(OSO_NAMESPACE) is g
    assert gegevensset.bij_namespace("http://www.edustandaard.nl/oso_gegevensset/2024/x") is None


def test_every_element_has_a_path_order_label_and_block():
    g = gegevensset.huidig()
    knopen = list(g.knopen.values())
    assert len(knopen) > 500
    assert [k.volgorde for k in knopen] == list(range(len(knopen)))
    assert knopen[0].pad == "dossier"
    slugs = {b.slug for b in BLOKKEN}
    for k in knopen[1:]:
        assert k.label, k.pad
        assert k.blok in slugs, k.pad
    # the labels a parent sees are Dutch words of the table, not just the element's name
    assert g.label(f"{L}/onderwijssinds") == "Onderwijs in Nederland sinds"
    assert g.label(f"{L}/overstapadvies/advies") == "Schooladvies"
    assert standaard_label("datum_afname") == "Datum afname"


def test_order_and_cardinality_follow_the_standard():
    g = gegevensset.huidig()
    kinderen = [k.naam for k in g.kinderen("dossier")]
    assert kinderen == ["metadata", "overdrachtsoort", "inzage", "huidigeschool"]
    achternaam = g.knoop(f"{L}/achternaam")
    assert achternaam.verplicht and not achternaam.element.herhaalbaar
    voornaam = g.knoop(f"{L}/voornaam")
    assert not voornaam.verplicht and voornaam.element.herhaalbaar
    brin = g.knoop("dossier/huidigeschool/brincode").element.type
    assert brin.patroon == "[0-9][0-9][A-Z][A-Z]"
    assert g.knoop(f"{L}/adresbuitenland").element.type.max_lengte == 35


def test_every_block_has_its_elements_and_no_element_two_blocks():
    g = gegevensset.huidig()
    for blok in BLOKKEN:
        assert g.blok_wortels(blok.slug), blok.slug
    assert g.blok_wortels("school")[0] == "dossier/huidigeschool/naam"
    assert f"{L}" in g.blok_wortels("leerling")
    assert g.blok_wortels("handelingsplannen") == [f"{L}/onderwijsondersteuning/handelingsplan"]
    assert f"{L}/onderwijsondersteuning" not in g.blok_wortels("onderwijsondersteuning")
    # a shared group takes the block of the place it is used
    assert g.knoop(f"{L}/verzorger/adreslijst/adres/straat").blok == "verzorgers"
    assert g.knoop(f"{L}/adreslijst/adres/straat").blok == "leerling"


def test_privacy_marks():
    g = gegevensset.huidig()
    assert sorted(g.paden_met(PGN)) == [f"{L}/bsn", f"{L}/onderwijsnummer"]
    assert f"{L}/adreslijst/adres" in g.paden_met(GEHEIM_ADRES)
    assert f"{L}/adresbuitenland" in g.paden_met(GEHEIM_ADRES)
    assert f"{L}/communicatielijst/communicatie/nummer" in g.paden_met(GEHEIM_NUMMER)


def test_code_lists_are_read_by_path():
    from leerlingen import codelijsten

    per_element = getattr(codelijsten, "CODELIJST_PER_ELEMENT", {})
    g = gegevensset.huidig()
    for pad, nummer in per_element.items():
        assert pad in g.knopen, f"codelijst {nummer} hoort bij een onbekend pad {pad}"
        assert g.knoop(pad).codelijst == nummer


# --- our structural check (no external files) ------------------------------------------------


@override_settings(OSO_STANDARD_DIR="")
def test_our_check_accepts_a_valid_dossier_without_any_file():
    assert structuur_fouten(KLEIN) == []
    assert xsd_fouten(KLEIN) == []


def _verwijder(pad):
    def mutatie(tree):
        e = vind(tree, pad)
        e.getparent().remove(e)

    return mutatie


def _zet(pad, waarde):
    def mutatie(tree):
        vind(tree, pad).text = waarde

    return mutatie


def _voeg_toe_na(pad, naam):
    def mutatie(tree):
        vind(tree, pad).addnext(etree.Element(Q + naam))

    return mutatie


def _wissel(pad):
    def mutatie(tree):
        e = vind(tree, pad)
        e.addprevious(e.getnext())

    return mutatie


@override_settings(OSO_STANDARD_DIR="")
@pytest.mark.parametrize(
    ("mutatie", "verwacht"),
    [
        (_verwijder(f"{L}/achternaam"), "verwacht is een van: voornaam, voorletters-1"),
        (_verwijder("dossier/huidigeschool/aanleverpunt"), "verwacht is: aanleverpunt"),
        (_wissel("dossier/huidigeschool/brincode"), "niet verwacht"),
        (_voeg_toe_na(f"{L}/achternaam", "schoenmaat"), "'schoenmaat' wordt hier niet verwacht"),
        (_zet(f"{L}/adresbuitenland", "x" * 36), "toegestaan is maximaal 35"),
        (_zet("dossier/huidigeschool/brincode", "12ab"), "niet de juiste vorm"),
        (_zet(f"{L}/geboortedatum", "1 mei"), "geen geldige waarde"),
        (_zet(f"{L}/adresgeheim", "misschien"), "geen geldige waarde"),
        (
            _zet(f"{L}/voorschools/voorschoolsemaanden", "25"),
            "te groot; het hoogste toegestaan is 24",
        ),
        (_zet(f"{L}/schoolloopbaanlijst/schoolloopbaan/schooljaar", "2025"), "juiste vorm"),
        (_voeg_toe_na(f"{L}/achternaam", "achternaam"), "niet verwacht"),
    ],
)
def test_our_check_refuses_each_kind_of_structural_error(mutatie, verwacht):
    tree = klein()
    mutatie(tree)
    fouten = structuur_fouten(tree)
    assert fouten, "geweigerd"
    assert any(verwacht in f for f in fouten), fouten
    assert all(f.startswith("Regel ") and OSO_NAMESPACE not in f for f in fouten)


def test_the_generated_schema_is_ours_and_has_one_root():
    document = schema_document(gegevensset.huidig())
    roots = document.findall("{http://www.w3.org/2001/XMLSchema}element")
    assert [r.get("name") for r in roots] == ["dossier"]
    assert document.get("targetNamespace") == OSO_NAMESPACE
    assert b"documentation" not in etree.tostring(document)  # none of the standard's prose


# --- version awareness -----------------------------------------------------------------------


def test_a_dossier_of_another_namespace_is_refused_naming_both_versions():
    data = KLEIN.replace(b"oso_gegevensset/2019/", b"oso_gegevensset/2024/").replace(
        b"<standaardversie>2019.1<", b"<standaardversie>2024.1<"
    )
    with pytest.raises(OngeldigeXml) as fout:
        parse_dossier(data)
    melding = str(fout.value)
    assert "2024.1" in melding and "2019.1" in melding
    assert "niets opgeslagen" in melding


def test_a_dossier_of_another_standaardversie_is_refused():
    data = KLEIN.replace(b"<standaardversie>2019.1<", b"<standaardversie>2017.1<")
    with pytest.raises(OngeldigeXml, match="versie 2017.1 .* versie 2019.1"):
        parse_dossier(data)
    assert versie_fout(klein().getroot()) is None


# --- differential: our structural check against the official XSD -----------------------------


def _officieel():
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: the differential test needs the official XSD")
    basis = Path(settings.OSO_STANDARD_DIR)
    xsd = etree.XMLSchema(etree.parse(str(basis / "OSO_gegevensset.xsd")))
    voorbeelden = sorted((basis / "examples").glob("*.xml"))
    assert len(voorbeelden) == 12
    return xsd, voorbeelden


def _pad(e: etree._Element) -> str:
    delen = []
    while e is not None:
        delen.append(etree.QName(e).localname)
        e = e.getparent()
    return "/".join(reversed(delen))


def _mutaties(tree: etree._ElementTree) -> Iterator[tuple[str, Callable]]:
    """For every element of the example: each kind of structural error the description knows
    of (missing, order, unknown, too many, too long, pattern, enumeration, wrong type)."""
    g = gegevensset.huidig()
    for i, e in enumerate(tree.getroot().iter(Q + "*")):
        pad = _pad(e)
        knoop = g.knopen.get(pad)
        if knoop is None or e.getparent() is None:
            continue
        el = knoop.element
        yield f"{pad} ontbreekt", lambda t, i=i: _op(t, i, lambda x: x.getparent().remove(x))
        yield (
            f"{pad} onbekend ernaast",
            lambda t, i=i: _op(t, i, lambda x: x.addnext(etree.Element(Q + "onbekend"))),
        )
        yield f"{pad} dubbel", lambda t, i=i: _op(t, i, lambda x: x.addnext(copy.deepcopy(x)))
        if (
            (x_next := e.getnext()) is not None
            and isinstance(x_next.tag, str)
            and x_next.tag != e.tag
        ):
            yield (
                f"{pad} volgorde",
                lambda t, i=i: _op(t, i, lambda x: x.addprevious(x.getnext())),
            )
        if not el.enkelvoudig:
            yield f"{pad} tekst in een blok", lambda t, i=i: _op(t, i, _zet_tekst("tekst"))
            continue
        t_ = el.type
        if t_.max_lengte is not None:
            lang = "x" * (t_.max_lengte + 1)
            yield f"{pad} te lang", lambda t, i=i, w=lang: _op(t, i, _zet_tekst(w))
        if t_.min_lengte:
            yield f"{pad} leeg", lambda t, i=i: _op(t, i, _zet_tekst(""))
        if t_.patroon:
            yield f"{pad} patroon", lambda t, i=i: _op(t, i, _zet_tekst("x!"))
        if t_.waarden:
            yield f"{pad} enumeratie", lambda t, i=i: _op(t, i, _zet_tekst("onbekende-code"))
        if t_.max_waarde is not None:
            groot = str(t_.max_waarde + 1)
            yield f"{pad} te groot", lambda t, i=i, w=groot: _op(t, i, _zet_tekst(w))
        if t_.basis in ("date", "boolean", "integer", "int", "decimal"):
            yield f"{pad} type", lambda t, i=i: _op(t, i, _zet_tekst("abc"))


def _zet_tekst(waarde: str) -> Callable:
    def zet(x: etree._Element) -> None:
        x.text = waarde

    return zet


def _op(tree: etree._ElementTree, index: int, actie: Callable) -> None:
    actie(list(tree.getroot().iter(Q + "*"))[index])


@pytest.mark.conformance
def test_our_check_and_the_official_xsd_agree_on_the_examples_and_every_mutation():
    officieel, voorbeelden = _officieel()
    soorten: dict[str, int] = {}
    verschillen = []
    for pad in voorbeelden:
        origineel = etree.parse(str(pad))
        assert officieel.validate(origineel) and structuur_fouten(origineel) == [], pad.name
        for naam, mutatie in _mutaties(origineel):
            tree = copy.deepcopy(origineel)
            mutatie(tree)
            zij = officieel.validate(tree)
            wij = not structuur_fouten(tree)
            soort = naam.rsplit(" ", 1)[-1]
            soorten[soort] = soorten.get(soort, 0) + (0 if zij else 1)
            if zij != wij:
                verschillen.append(f"{pad.name}: {naam}: officieel {zij}, wij {wij}")
    assert verschillen == []
    # every kind of error was refused by the official XSD at least once (the corpus is real);
    # the 2019.1 XSD has no enumerations, so that kind has no mutation
    for soort in ("ontbreekt", "ernaast", "dubbel", "volgorde", "lang", "patroon", "type"):
        assert soorten.get(soort, 0) > 0, (soort, soorten)


@pytest.mark.django_db
def test_importing_a_dossier_of_another_version_stores_nothing():
    from dossiers.importeren import lees_ontvangen
    from leerlingen.models import Leerling

    data = KLEIN.replace(b"oso_gegevensset/2019/", b"oso_gegevensset/2024/").replace(
        b"<standaardversie>2019.1<", b"<standaardversie>2024.1<"
    )
    voor = Leerling.objects.count()
    with pytest.raises(OngeldigeXml, match=r"\(2024\.1, .*versie 2019\.1"):
        lees_ontvangen(data)
    assert Leerling.objects.count() == voor


def _letterlijke_teksten(module: Path) -> set[str]:
    import ast

    boom = ast.parse(module.read_text())
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(boom)
        if isinstance(n, ast.Module | ast.FunctionDef | ast.ClassDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
    }
    return {
        n.value
        for n in ast.walk(boom)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings
    }


def test_the_xml_builder_types_no_element_names_by_hand():
    """xml_bouwer writes what the description says: no element name of the gegevensset is a
    string in its code (the special cases are the named hooks beside the table)."""
    namen = {k.naam for k in gegevensset.huidig().knopen.values()}
    bron = Path(__file__).resolve().parent.parent / "dossiers" / "xml_bouwer.py"
    assert _letterlijke_teksten(bron) & namen == set()


def test_the_pdf_takes_its_labels_and_block_partition_from_the_description():
    from dossiers import pdf

    tree = klein()
    leerling = vind(tree, L)
    assert pdf._Lezer.label(leerling, "onderwijssinds") == "Onderwijs in Nederland sinds"
    assert pdf.label(f"{L}/verzorger/relatietotkind") == "Relatie tot het kind"
    wortels = pdf._Bouwer(tree.getroot()).wortels
    assert [pdf._naam(e) for e in wortels["vve"]] == ["voorschools"]
    assert [pdf._naam(e) for e in wortels["school"]][:2] == ["naam", "brincode"]
    assert vind(tree, L) not in wortels["leerling"]  # its children are, block by block
    assert [pdf._naam(e) for e in wortels["metadata"]] == ["metadata", "overdrachtsoort"]
