"""The collector (dossiers.verzamelen) and the XML builder (dossiers.xml_bouwer).

For every profile a complete pupil is built into a dossier with all optional blocks chosen and
with none, and checked by our structural check (plus the official XSD when OSO_STANDARD_DIR is
set) and our implementation of the business rules; they always run. The other tests: privacy
(forbidden blocks, secret contact data, no PGN in an SWV dossier), attachments, the toets
selection, a constant number of queries and the summary with its differences.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from dossiers.bijlagen import uitpakken
from dossiers.keuzes import Inzage, Keuzes
from dossiers.profielen import BLOKKEN, PROFIELEN, Categorie, Profiel, optioneel
from dossiers.verzamelen import (
    GEHEIM_EMAIL,
    GEHEIM_TELEFOON,
    PgnInBijlage,
    SoortWijziging,
    VerzamelFout,
    Verzameling,
    Wijziging,
    samenvatting,
    verschil,
    verzamel,
)
from dossiers.xml_bouwer import bouw_xml, vervang_inzage
from dossiers.xmlsafe import OSO_NAMESPACE, parse_dossier
from leerlingen import demo
from leerlingen import models as m

from . import factories as f

NS = {"d": OSO_NAMESPACE}
# within school year 2025-2026, where the factories put their dates
MOMENT = datetime(2026, 3, 2, 10, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
INZAGE = Inzage(
    voorlopig=False, inzage=True, datum=date(2026, 2, 27), akkoord="Ja", toestemming="Ja"
)
OVERSTAP = {Profiel.POPO, Profiel.POVO, Profiel.VOVO}
VO_PROFIELEN = {p for p, info in PROFIELEN.items() if info.sector_van == "VO"}
SWV_PROFIELEN = {p for p, info in PROFIELEN.items() if info.swv}


# --- the world -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _maak_compleet(school):
    f.SchoolAdresFactory(school=school)
    f.SchoolCommunicatieFactory(school=school)
    f.SchoolCommunicatieFactory(school=school, email=True)
    return school


@pytest.fixture
def po_school(school_a):
    return _maak_compleet(school_a)


@pytest.fixture
def vo_school(school_c):
    return _maak_compleet(school_c)


@pytest.fixture
def scholen(po_school, vo_school):
    return {"PO": po_school, "VO": vo_school}


def maak_leerling(profiel: Profiel, scholen, **velden) -> m.Leerling:
    """A pupil of the right sector with what the profile needs (deregistered with an advies
    for an overstap, an advies in group 8 otherwise)."""
    if profiel in VO_PROFIELEN:
        extra = {"datum_uitschrijving": date(2026, 7, 17)} if profiel in OVERSTAP else {}
        return f.LeerlingFactory(vo=True, school=scholen["VO"], **{**extra, **velden})
    if profiel in OVERSTAP:
        return f.LeerlingFactory(school=scholen["PO"], uitgeschreven=True, **velden)
    return f.LeerlingFactory(school=scholen["PO"], groep8=True, **velden)


def keuzes_voor(profiel: Profiel, leerling: m.Leerling, alles: bool = True, **velden) -> Keuzes:
    standaard = {
        "profiel": profiel,
        "blokken": frozenset(b.slug for b in optioneel(profiel)) if alles else frozenset(),
        "bijlage_ids": frozenset(leerling.map_items.values_list("pk", flat=True))
        if alles
        else frozenset(),
        "contact_nodig": True,
        "aandachtspunten": "Let op de begeleiding bij begrijpend lezen.",
        "inzage": INZAGE,
    }
    return Keuzes(**{**standaard, **velden})


def bouw(leerling: m.Leerling, keuzes: Keuzes) -> tuple[Verzameling, bytes, etree._Element]:
    verzameling = verzamel(leerling.pk, keuzes, moment=MOMENT)
    xml = bouw_xml(verzameling)
    return verzameling, xml, etree.fromstring(xml)


def alle(root: etree._Element, pad: str) -> list[etree._Element]:
    return root.xpath(pad, namespaces=NS)


def _inhoud(bestandsinhoud: str) -> bytes:
    naam, inhoud = uitpakken(bestandsinhoud)
    assert naam is not None, "attachments travel as a Base64 ZIP"
    return inhoud


def teksten(root: etree._Element, pad: str) -> list[str]:
    return [e.text for e in alle(root, pad)]


def documenten(root: etree._Element) -> list[tuple[str, bytes]]:
    return [
        (
            d.findtext("d:bestandsnaam", namespaces=NS),
            _inhoud(d.findtext("d:bestandsinhoud", namespaces=NS)),
        )
        for d in alle(root, "//d:bestandsinhoud/..")
    ]


LL = "/d:dossier/d:huidigeschool/d:leerling"


# --- conformance: every profile, all blocks and none ------------------------------------------


@pytest.fixture(scope="module")
def standaard():
    """Our own structural check always runs; the official XSD in addition when it is set."""


@pytest.mark.conformance
@pytest.mark.parametrize("alles", [True, False], ids=["alle-blokken", "geen-optionele-blokken"])
@pytest.mark.parametrize("profiel", list(Profiel), ids=[p.value for p in Profiel])
def test_dossier_voldoet_aan_xsd_en_regels(standaard, scholen, profiel, alles):
    from dossiers.regels import valideer
    from dossiers.xsd import xsd_fouten

    leerling = maak_leerling(profiel, scholen)
    f.vul_alle_blokken(leerling)
    verzameling, xml, _root = bouw(leerling, keuzes_voor(profiel, leerling, alles=alles))

    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert xsd_fouten(xml) == []
    assert valideer(parse_dossier(xml)) == []
    # every block the profile and the choice include has data; none of the others does
    for slug, categorie in verzameling.categorieen.items():
        if alles:
            assert categorie != Categorie.OPT_UIT or slug == "vve", slug
        else:
            assert categorie != Categorie.OPTIONEEL, slug


@pytest.mark.conformance
def test_geheim_adres_en_swv_zonder_pgn_voldoen_aan_xsd_en_regels(standaard, scholen):
    from dossiers.regels import valideer
    from dossiers.xsd import xsd_fouten

    for profiel in (Profiel.POPO, Profiel.SWV_VO):
        leerling = maak_leerling(profiel, scholen, adresgeheim=True, onderwijsnummer=True)
        f.vul_alle_blokken(leerling)
        _v, xml, _root = bouw(leerling, keuzes_voor(profiel, leerling))
        assert xsd_fouten(xml) == []
        assert valideer(parse_dossier(xml)) == []


@pytest.mark.conformance
@pytest.mark.parametrize("profiel", list(Profiel), ids=[p.value for p in Profiel])
def test_kale_leerling_geeft_een_geldig_dossier(standaard, scholen, profiel):
    """Missing data never breaks the XML: the rules say what is missing."""
    from dossiers.regels import valideer
    from dossiers.xsd import xsd_fouten

    leerling = maak_leerling(profiel, scholen)
    _v, xml, _root = bouw(leerling, keuzes_voor(profiel, leerling, inzage=Inzage()))
    assert xsd_fouten(xml) == []
    gemeld = {melding.regel for melding in valideer(parse_dossier(xml))}
    assert gemeld == KALE_LEERLING_MELDINGEN[profiel]


# No guardians, no school career, no support record, no inzage registered, no eindtoets: the
# rules report exactly what is missing (EB01 is a recommendation, a warning).
_OVERSTAP_KAAL = {"OS.cat07", "OVa.OV01", "OVa.SL01", "OVa.IZ02"}
_SWV_KAAL = {"OS.cat07", "OS.cat09", "PaO.OV01", "PaO.SL01"}
KALE_LEERLING_MELDINGEN = {
    Profiel.POPO: _OVERSTAP_KAAL,
    Profiel.POVO: _OVERSTAP_KAAL | {"OVa.EB01"},
    Profiel.VOVO: _OVERSTAP_KAAL | {"OVa.IZ05"},
    Profiel.BINNEN_BRIN_POPO: set(),
    Profiel.BINNEN_BRIN_POVO: set(),
    Profiel.SWV_PO: _SWV_KAAL,
    Profiel.SWV_VO: _SWV_KAAL,
}


@pytest.mark.conformance
def test_inzage_achteraf_vastleggen(standaard, scholen):
    """Collected before the parents saw it, the inzage is added to the same version later."""
    from dossiers.regels import valideer
    from dossiers.xsd import xsd_fouten

    leerling = maak_leerling(Profiel.VOVO, scholen)
    f.vul_alle_blokken(leerling)
    keuzes = keuzes_voor(Profiel.VOVO, leerling, inzage=Inzage(voorlopig=True))
    _v, xml, root = bouw(leerling, keuzes)
    assert {m.regel for m in valideer(parse_dossier(xml))} == {"OVa.IZ02", "OVa.IZ05"}

    nieuw = vervang_inzage(xml, INZAGE)
    assert xsd_fouten(nieuw) == [] and valideer(parse_dossier(nieuw)) == []
    assert teksten(etree.fromstring(nieuw), "/d:dossier/d:inzage/d:inzagedatum") == ["2026-02-27"]
    # everything else is untouched
    zonder_inzage = [etree.tostring(e) for e in root if etree.QName(e).localname != "inzage"]
    assert zonder_inzage == [
        etree.tostring(e) for e in etree.fromstring(nieuw) if etree.QName(e).localname != "inzage"
    ]
    # a binnen-brin dossier without the Ouderinzage block gets none
    bb = maak_leerling(Profiel.BINNEN_BRIN_POPO, scholen)
    _v, xml, _root = bouw(bb, keuzes_voor(Profiel.BINNEN_BRIN_POPO, bb, alles=False))
    assert vervang_inzage(xml, INZAGE) == xml


# --- the content --------------------------------------------------------------------------------


def test_metadata_en_school(scholen, po_school):
    leerling = maak_leerling(Profiel.POVO, scholen)
    f.vul_alle_blokken(leerling)
    _v, _xml, root = bouw(leerling, keuzes_voor(Profiel.POVO, leerling, aanleverpunt=3))

    md = "/d:dossier/d:metadata/"
    assert teksten(root, md + "d:deeldossier") == ["LAS"]
    assert teksten(root, md + "d:pakketnaam") == [settings.OSO_PAKKETNAAM]
    assert teksten(root, md + "d:pakketversie") == [settings.OSO_PAKKETVERSIE]
    assert teksten(root, md + "d:datum") == ["2026-03-02"]
    assert teksten(root, md + "d:standaardversie") == ["2019.1"]
    assert teksten(root, md + "d:validatieversie") == ["2019.1.1"]
    assert teksten(root, md + "d:overstap") == ["POVO"]
    assert teksten(root, md + "d:categorie_uitlevering/d:cat_vve") == ["VERBODEN"]
    assert teksten(root, md + "d:categorie_uitlevering/d:cat_toetsresultaten") == ["OPTIONEEL"]
    assert teksten(root, "/d:dossier/d:overdrachtsoort") == ["overstapdossier"]
    assert teksten(root, "/d:dossier/d:inzage/d:inzagedatum") == ["2026-02-27"]

    school = "/d:dossier/d:huidigeschool/"
    assert teksten(root, school + "d:brincode") == ["14SS"]
    assert teksten(root, school + "d:vestigingscode") == ["00"]
    assert teksten(root, school + "d:aanleverpunt") == ["3"]
    assert teksten(root, school + "d:naamdirecteur") == [po_school.naam_directeur]
    assert len(alle(root, school + "d:communicatielijst/d:communicatie")) == 2

    advies = f"{LL}/d:overstapadvies/"
    assert teksten(root, advies + "d:advies") == ["40"]
    assert teksten(root, advies + "d:contactnodig") == ["true"]
    assert teksten(root, advies + "d:contactpersoon") == [po_school.naam_directeur]
    assert teksten(root, advies + "d:contacttelefoon") == [po_school.telefoon_directeur]
    assert teksten(root, advies + "d:aandachtspunten") == [
        "Let op de begeleiding bij begrijpend lezen."
    ]
    assert teksten(root, f"{LL}/d:leerlingid") == [leerling.leerlingid]
    assert teksten(root, f"{LL}/d:datuminschrijving") == [leerling.datum_inschrijving.isoformat()]
    assert teksten(root, f"{LL}/d:verzorgersaansprakelijk") == ["true"]
    assert teksten(root, f"{LL}/d:voorletters-1") == [leerling.voorletters]


def test_verzuim_telt_de_laatste_twaalf_maanden(scholen):
    po = maak_leerling(Profiel.POPO, scholen)
    f.VerzuimFactory(leerling=po, datum=date(2025, 10, 6), dagdelen=2)
    f.VerzuimFactory(leerling=po, datum=date(2026, 2, 2), dagdelen=3, ongeoorloofd=True)
    f.VerzuimFactory(leerling=po, datum=date(2026, 2, 9), dagdelen=1, ongeoorloofd=True)
    f.VerzuimFactory(leerling=po, datum=date(2025, 2, 3), dagdelen=8)  # more than 12 months ago
    f.VerzuimFactory(leerling=po, datum=date(2026, 3, 9), dagdelen=4)  # after the collection
    _v, _xml, root = bouw(po, keuzes_voor(Profiel.POPO, po))
    verzuim = f"{LL}/d:verzuim/"
    assert teksten(root, verzuim + "d:dagdelengeoorloofd") == ["2"]
    assert teksten(root, verzuim + "d:dagdelenongeoorloofd") == ["4"]
    assert teksten(root, verzuim + "d:frequentie") == ["2"]
    assert teksten(root, verzuim + "d:contactleerplicht") == ["true"]
    assert teksten(root, verzuim + "d:rmcmelding") == ["false"]
    assert alle(root, verzuim + "d:urengeoorloofd") == []

    vo = maak_leerling(Profiel.VOVO, scholen)
    f.VerzuimFactory(leerling=vo, datum=date(2026, 1, 12), vo=True)
    _v, _xml, root = bouw(vo, keuzes_voor(Profiel.VOVO, vo))
    assert teksten(root, verzuim + "d:urengeoorloofd") == ["3"]
    assert teksten(root, verzuim + "d:urenongeoorloofd") == ["0"]
    assert alle(root, verzuim + "d:dagdelengeoorloofd") == []


def test_vo_mbo_kiest_een_cijfer_per_vak(scholen):
    leerling = maak_leerling(Profiel.VOVO, scholen)
    f.VoMboGegevensFactory(leerling=leerling, geslaagd=True, bevorderd_elementcode="0400")
    f.VakResultaatFactory(leerling=leerling, vakcode="0001", vak="Nederlands", examen=True)
    f.VakResultaatFactory(leerling=leerling, vakcode="0002", vak="Engels")
    _v, _xml, root = bouw(leerling, keuzes_voor(Profiel.VOVO, leerling))
    engels, nederlands = alle(root, f"{LL}/d:resultaatvakkenvo")  # sorted by vak
    assert [etree.QName(e).localname for e in nederlands][-1] == "exameneindcijfer"
    assert nederlands.findtext("d:exameneindcijfer", namespaces=NS) == "7"
    assert engels.findtext("d:rapportcijfer", namespaces=NS) == "7.1"
    assert teksten(root, f"{LL}/d:bevorderd/d:elementcode") == ["0400"]
    assert teksten(root, f"{LL}/d:examenresultaat/d:examenuitslag") == ["geslaagd"]
    assert teksten(root, f"{LL}/d:overigvombo/d:lobdossier") == ["true"]


# --- privacy -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profiel", "verboden"),
    [
        (
            Profiel.POVO,
            ["vanpeuterspeelzaal", "naampeuterspeelzaal", "voorschools", "vroegschools"],
        ),
        (Profiel.BINNEN_BRIN_POVO, ["vanpeuterspeelzaal", "voorschools", "vroegschools"]),
        (Profiel.SWV_PO, ["eindtoets_basisonderwijs", "bevorderd", "resultaatvakkenvo"]),
        (Profiel.SWV_VO, ["vanpeuterspeelzaal", "voorschools", "vroegschools"]),
        (Profiel.POPO, ["bevorderd", "examenresultaat", "resultaatvakkenvo", "overigvombo"]),
    ],
)
def test_verboden_blokken_ontbreken(scholen, profiel, verboden):
    leerling = maak_leerling(profiel, scholen)
    f.vul_alle_blokken(leerling)
    # even when the form sent every block: forbidden ones never go along
    alles = frozenset(b.slug for b in BLOKKEN)
    with CaptureQueriesContext(connection) as queries:
        verzameling, xml, root = bouw(leerling, keuzes_voor(profiel, leerling, blokken=alles))
    for naam in verboden:
        assert alle(root, f"{LL}/d:{naam}") == [], naam
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    if "vanpeuterspeelzaal" in verboden:
        assert verzameling.vve is None
        assert "leerlingen_vve" not in sql
        assert verzameling.categorieen["vve"] in (Categorie.VERBODEN, Categorie.OPT_UIT)
    if "eindtoets_basisonderwijs" in verboden:
        assert verzameling.eindtoets is None
        assert "leerlingen_eindtoets" not in sql
    if "resultaatvakkenvo" in verboden:
        assert verzameling.vombo is None
        assert "leerlingen_vakresultaat" not in sql and "leerlingen_vombogegevens" not in sql


def test_niet_gekozen_blokken_worden_niet_geladen(scholen):
    leerling = maak_leerling(Profiel.POPO, scholen)
    f.vul_alle_blokken(leerling)
    with CaptureQueriesContext(connection) as queries:
        verzameling, xml, root = bouw(leerling, keuzes_voor(Profiel.POPO, leerling, alles=False))
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    for tabel in ("toets", "handelingsplan", "verzuim", "mapitem", "diagnose", "eindtoets", "vve"):
        assert f'"leerlingen_{tabel}"' not in sql, tabel
    for blok in ("vve", "onderwijsondersteuning", "handelingsplannen", "verzuim", "eindtoets"):
        assert verzameling.categorieen[blok] == Categorie.OPT_UIT
    assert verzameling.toetsen is None and verzameling.bijlagen is None
    assert verzameling.onderwijsondersteuning is None and verzameling.handelingsplannen is None
    for naam in ("toetslijst", "onderwijsondersteuning", "verzuim", "overigdocumentlijst"):
        assert alle(root, f"{LL}/d:{naam}") == [], naam
    assert b"base64" not in xml and alle(root, "//d:bestandsinhoud") == []


def test_geheim_adres_telefoon_en_email(scholen):
    leerling = maak_leerling(Profiel.POPO, scholen, adresgeheim=True)
    blokken = f.vul_alle_blokken(leerling)
    moeder = blokken["verzorgers"][0]
    moeder.telefoon_geheim = moeder.email_geheim = True
    moeder.save()
    echte_nummers = [c.nummer for c in blokken["communicatie"]] + [moeder.telefoon, moeder.email]

    _v, xml, root = bouw(leerling, keuzes_voor(Profiel.POPO, leerling))

    assert teksten(root, f"{LL}/d:adresgeheim") == ["true"]
    assert alle(root, f"{LL}/d:adreslijst") == []
    assert alle(root, f"{LL}/d:adresbuitenland") == []
    for verzorger in alle(root, f"{LL}/d:verzorger"):
        assert verzorger.findtext("d:adresgeheim", namespaces=NS) == "true"
        assert verzorger.find("d:adreslijst", namespaces=NS) is None
    assert leerling.straat.encode() not in xml
    assert leerling.postcode.replace(" ", "").encode() not in xml

    communicatie = f"{LL}/d:communicatielijst/d:communicatie"
    assert teksten(root, communicatie + "[d:soort='telefoon']/d:nummer") == [GEHEIM_TELEFOON]
    assert teksten(root, communicatie + "[d:soort='e-mail']/d:nummer") == [GEHEIM_EMAIL]
    assert set(teksten(root, communicatie + "/d:geheim")) == {"true"}
    moeder_xml = alle(root, f"{LL}/d:verzorger")[0]
    assert moeder_xml.xpath(
        "d:communicatielijst/d:communicatie/d:nummer/text()", namespaces=NS
    ) == [
        GEHEIM_TELEFOON,
        GEHEIM_EMAIL,
    ]
    for nummer in echte_nummers:
        assert nummer.encode() not in xml, nummer


@pytest.mark.parametrize("onderwijsnummer", [False, True], ids=["bsn", "onderwijsnummer"])
@pytest.mark.parametrize("profiel", sorted(SWV_PROFIELEN), ids=str)
def test_swv_dossier_bevat_nergens_een_pgn(scholen, profiel, onderwijsnummer):
    leerling = maak_leerling(profiel, scholen, onderwijsnummer=onderwijsnummer)
    f.vul_alle_blokken(leerling)
    pgn = leerling.pgn
    f.MapItemFactory(
        leerling=leerling,
        notitie=True,
        titel=f"Notitie {pgn}",
        tekst=f"Gesprek met moeder; nummer {pgn[:3]} {pgn[3:6]} {pgn[6:]} staat in het LAS.",
    )
    f.MapItemFactory(leerling=leerling, titel="Verslag", bestandsnaam=f"verslag_{pgn}.pdf")
    keuzes = keuzes_voor(profiel, leerling, aandachtspunten=f"Zie dossier {pgn}.")

    verzameling, xml, root = bouw(leerling, keuzes)

    assert verzameling.leerling.pgn is None and verzameling.leerling.pgn_type is None
    assert alle(root, "//d:bsn | //d:onderwijsnummer") == []
    assert pgn.encode() not in xml
    bijlagen = documenten(root)
    assert len(bijlagen) >= 5  # toelichting, two plans, the folder items
    for naam, inhoud in bijlagen:
        assert pgn not in naam
        assert pgn.encode() not in inhoud.replace(b" ", b"")
    assert pgn not in repr(samenvatting(verzameling))
    assert any("(nummer verwijderd)" in naam for naam, _inhoud in bijlagen)


def test_swv_weigert_een_bijlage_met_pgn_in_het_bestand(scholen):
    leerling = maak_leerling(Profiel.SWV_PO, scholen)
    pdf = demo.minimal_pdf("Onderzoeksverslag", [f"BSN: {leerling.pgn}"])
    item = f.MapItemFactory(leerling=leerling, titel="Onderzoek", bestand__data=pdf)
    keuzes = keuzes_voor(Profiel.SWV_PO, leerling, bijlage_ids=frozenset({item.pk}))
    with pytest.raises(PgnInBijlage, match="Onderzoek"):
        verzamel(leerling.pk, keuzes, moment=MOMENT)
    # the same document may go along in an overstapdossier
    leerling.datum_uitschrijving = date(2026, 7, 17)
    leerling.save()
    _v, _xml, root = bouw(leerling, keuzes_voor(Profiel.POPO, leerling))
    assert pdf in [inhoud for _naam, inhoud in documenten(root)]


def test_ontbrekend_bestand_geeft_een_duidelijke_fout(scholen):
    leerling = maak_leerling(Profiel.POPO, scholen)
    item = f.MapItemFactory(leerling=leerling, titel="Verslag logopedie")
    item.bestand.storage.delete(item.bestand.name)
    keuzes = keuzes_voor(Profiel.POPO, leerling, bijlage_ids=frozenset({item.pk}))
    with pytest.raises(VerzamelFout, match="Verslag logopedie"):
        verzamel(leerling.pk, keuzes, moment=MOMENT)


@pytest.mark.parametrize("onderwijsnummer", [False, True], ids=["bsn", "onderwijsnummer"])
@pytest.mark.parametrize("profiel", sorted(set(Profiel) - SWV_PROFIELEN), ids=str)
def test_overige_profielen_hebben_precies_een_pgn(scholen, profiel, onderwijsnummer):
    leerling = maak_leerling(profiel, scholen, onderwijsnummer=onderwijsnummer)
    _v, _xml, root = bouw(leerling, keuzes_voor(profiel, leerling))
    verwacht, ander = ("onderwijsnummer", "bsn") if onderwijsnummer else ("bsn", "onderwijsnummer")
    assert teksten(root, f"{LL}/d:{verwacht}") == [leerling.pgn]
    assert alle(root, f"//d:{ander}") == []


# --- attachments and selections --------------------------------------------------------------


def test_bijlagen_komen_ongeschonden_over(scholen):
    leerling = maak_leerling(Profiel.POPO, scholen)
    blokken = f.vul_alle_blokken(leerling)
    document, notitie = blokken["map"]
    keuzes = keuzes_voor(Profiel.POPO, leerling, bijlage_ids=frozenset({document.pk, notitie.pk}))
    _v, _xml, root = bouw(leerling, keuzes)

    lijst = alle(root, f"{LL}/d:overigdocumentlijst/d:document")
    assert len(lijst) == 2
    inhoud = {
        d.findtext("d:bestandsnaam", namespaces=NS): _inhoud(
            d.findtext("d:bestandsinhoud", namespaces=NS)
        )
        for d in lijst
    }
    with document.bestand.open("rb") as bestand:
        assert inhoud["Verslag oudergesprek.pdf"] == bestand.read()
    assert inhoud["Notitie.txt"] == notitie.tekst.encode("utf-8")

    toelichting = alle(
        root, f"{LL}/d:onderwijsondersteuning/d:toelichting_onderwijsbehoeften/d:document"
    )
    assert len(toelichting) == 1
    assert (
        toelichting[0].findtext("d:omschrijving", namespaces=NS) == "Toelichting onderwijsbehoeften"
    )
    item = blokken["onderwijsondersteuning"].toelichting_onderwijsbehoeften
    with item.bestand.open("rb") as bestand:
        assert _inhoud(toelichting[0].findtext("d:bestandsinhoud", namespaces=NS)) == bestand.read()

    plannen = alle(root, f"{LL}/d:onderwijsondersteuning/d:handelingsplan")
    assert len(plannen) == 2
    for plan, model in zip(
        plannen,
        sorted(blokken["handelingsplannen"], key=lambda h: (h.startdatum, h.pk)),
        strict=True,
    ):
        with model.document.bestand.open("rb") as bestand:
            assert (
                _inhoud(plan.findtext("d:document/d:bestandsinhoud", namespaces=NS))
                == bestand.read()
            )


def test_keuze_van_toetsen_en_plannen_wordt_gevolgd(scholen, school_b):
    leerling = maak_leerling(Profiel.POPO, scholen)
    toetsen = [
        f.ToetsFactory(leerling=leerling, eldtoetscode=code, afnamedatum=date(2026, 1, 12 + i))
        for i, code in enumerate(["TOETS-A", "TOETS-B", "TOETS-C"])
    ]
    plannen = [f.HandelingsplanFactory(leerling=leerling) for _ in range(3)]
    vreemd = f.ToetsFactory(leerling=f.LeerlingFactory(school=school_b), eldtoetscode="VREEMD")
    vreemde_bijlage = f.MapItemFactory(leerling=vreemd.leerling)
    keuzes = keuzes_voor(
        Profiel.POPO,
        leerling,
        toets_ids=frozenset({toetsen[0].pk, toetsen[2].pk, vreemd.pk}),
        handelingsplan_ids=frozenset({plannen[1].pk}),
        bijlage_ids=frozenset({vreemde_bijlage.pk}),
    )
    verzameling, _xml, root = bouw(leerling, keuzes)
    codes = teksten(root, f"{LL}/d:toetslijst/d:toets/d:toetsidentificatie/d:eldtoetscode")
    assert codes == ["TOETS-A", "TOETS-C"]
    assert [t.id for t in verzameling.toetsen] == [toetsen[0].pk, toetsen[2].pk]
    assert len(alle(root, f"{LL}/d:onderwijsondersteuning/d:handelingsplan")) == 1
    assert alle(root, f"{LL}/d:overigdocumentlijst") == []  # another pupil's item is ignored

    # None: every test of the pupil
    _v, _xml, root = bouw(leerling, keuzes_voor(Profiel.POPO, leerling))
    assert len(alle(root, f"{LL}/d:toetslijst/d:toets")) == 3
    toets = alle(root, f"{LL}/d:toetslijst/d:toets")[0]
    assert toets.xpath(
        "d:resultaat/d:referentiescore/d:codereferentiescore/text()", namespaces=NS
    ) == ["IV", "Percentiel"]


# --- queries and speed -----------------------------------------------------------------------


def _leerling_met(scholen, aantal: int) -> m.Leerling:
    leerling = maak_leerling(Profiel.POPO, scholen)
    f.vul_alle_blokken(leerling)
    for i in range(aantal - 2):  # vul_alle_blokken made two
        f.ToetsFactory(leerling=leerling, afnamedatum=date(2025, 9, 1) + timedelta(days=i))
    schaal = aantal // 5
    for _ in range(schaal):
        f.VerzorgerFactory(leerling=leerling)
        f.HandelingsplanFactory(leerling=leerling)
        f.VerzuimFactory(leerling=leerling, datum=date(2026, 1, 5))
        f.CijferlijstFactory(leerling=leerling)
        f.DiagnoseFactory(leerling=leerling)
        f.SchoolloopbaanFactory(leerling=leerling, schooljaar="2023-2024")
        f.MapItemFactory(leerling=leerling, notitie=True)
    return leerling


def test_aantal_queries_hangt_niet_af_van_het_aantal_rijen(scholen):
    klein = _leerling_met(scholen, 5)
    groot = _leerling_met(scholen, 50)
    aantallen = []
    for leerling in (klein, groot):
        keuzes = keuzes_voor(Profiel.POPO, leerling)
        with CaptureQueriesContext(connection) as queries:
            verzameling = verzamel(leerling.pk, keuzes, moment=MOMENT)
        aantallen.append(len(queries.captured_queries))
        assert len(verzameling.toetsen) == m.Toets.objects.filter(leerling=leerling).count()
    assert len(verzameling.toetsen) == 50
    assert aantallen[0] == aantallen[1], aantallen
    assert aantallen[0] <= 25


def test_bouwen_raakt_de_database_niet_en_is_snel(scholen, django_assert_num_queries):
    leerling = _leerling_met(scholen, 20)
    verzameling = verzamel(leerling.pk, keuzes_voor(Profiel.POPO, leerling), moment=MOMENT)
    with django_assert_num_queries(0):
        bouw_xml(verzameling)
    tijden = []
    for _ in range(5):
        start = time.perf_counter()
        bouw_xml(verzameling)
        tijden.append(time.perf_counter() - start)
    assert min(tijden) < 0.1, tijden


# --- summary and differences -----------------------------------------------------------------


def test_verschil_meldt_nieuwe_toets_en_gewijzigde_roepnaam(scholen):
    leerling = maak_leerling(Profiel.POPO, scholen, roepnaam="Sanne", voornamen="Susanna Maria")
    f.vul_alle_blokken(leerling)
    # fixed dates: the factories' dates follow a global sequence, so the order would depend on
    # which tests ran before
    leerling.toetsen.filter(eldtoetscode="RW3-M5").update(afnamedatum=date(2026, 1, 19))
    leerling.toetsen.filter(eldtoetscode="SP3-M5").update(afnamedatum=date(2026, 1, 26))
    keuzes = keuzes_voor(Profiel.POPO, leerling)
    oud = samenvatting(verzamel(leerling.pk, keuzes, moment=MOMENT))
    assert oud["Leerling"]["Roepnaam"] == "Sanne"
    assert oud["Toetsresultaten"]["Toets 1 › Toets › Toetscode"] == "RW3-M5"
    assert verschil(oud, samenvatting(verzamel(leerling.pk, keuzes, moment=MOMENT))) == []

    f.ToetsFactory(leerling=leerling, eldtoetscode="BL-E6", afnamedatum=date(2026, 2, 20))
    leerling.roepnaam = "Sanna"
    leerling.save()
    nieuw = samenvatting(verzamel(leerling.pk, keuzes, moment=MOMENT + timedelta(days=3)))
    wijzigingen = verschil(oud, nieuw)

    assert (
        Wijziging("Leerling", "Roepnaam", "Sanne", "Sanna", SoortWijziging.GEWIJZIGD) in wijzigingen
    )
    toegevoegd = [w for w in wijzigingen if w.soort == SoortWijziging.TOEGEVOEGD]
    assert (
        Wijziging(
            "Toetsresultaten", "Toets 3 › Toets › Toetscode", "", "BL-E6", SoortWijziging.TOEGEVOEGD
        )
        in toegevoegd
    )
    assert {w.blok for w in toegevoegd} == {"Toetsresultaten"}
    assert all(w.veld.startswith("Toets 3 › ") for w in toegevoegd)
    assert len(wijzigingen) == 1 + len(toegevoegd)


def test_verschil_meldt_verwijderd_en_gewijzigd():
    oud = {"Leerling": {"Roepnaam": "Sanne", "Groep": "8A"}, "Verzuim": {"Geoorloofd": "2"}}
    nieuw = {"Leerling": {"Roepnaam": "Sanne", "Groep": "8B", "Leerlingnummer": "5001"}}
    assert verschil(oud, nieuw) == [
        Wijziging("Leerling", "Groep", "8A", "8B", SoortWijziging.GEWIJZIGD),
        Wijziging("Leerling", "Leerlingnummer", "", "5001", SoortWijziging.TOEGEVOEGD),
        Wijziging("Verzuim", "Geoorloofd", "2", "", SoortWijziging.VERWIJDERD),
    ]


def test_samenvatting_is_leesbaar_en_bevat_geen_geheime_gegevens(scholen):
    leerling = maak_leerling(Profiel.POVO, scholen, adresgeheim=True)
    f.vul_alle_blokken(leerling)
    # a street no school of the factories has, so its absence proves the secret address is out
    leerling.straat = "Verborgen Hofje"
    leerling.save()
    v = verzamel(leerling.pk, keuzes_voor(Profiel.POVO, leerling), moment=MOMENT)
    s = samenvatting(v)
    assert "VVE" not in s and "VO-MBO" not in s  # forbidden in POVO
    assert s["Algemene dossiergegevens"]["Blok VVE"] == "niet toegestaan, niet opgenomen"
    assert s["Leerling"]["Adres"] == "geheim (niet meegestuurd)"
    assert s["Leerling"]["Geboortedatum"] == f"{leerling.geboortedatum:%d-%m-%Y}"
    assert s["Leerling"]["BSN"] == f"*****{leerling.pgn[-4:]}"
    assert s["Overstapadvies"]["Overstapadvies › Schooladvies"] == "HAVO"
    assert s["Toetsresultaten"]["Toets 1 › Resultaat › Referentiescore 1 › Waarde"] == "II"
    assert leerling.straat not in repr(s) and leerling.pgn not in repr(s)


@pytest.mark.parametrize("profiel", sorted(SWV_PROFIELEN), ids=str)
def test_de_bouwer_laat_elk_pgn_element_uit_een_swv_dossier_ook_als_de_snapshot_er_een_heeft(
    scholen, profiel
):
    """The exclusion follows the PGN mark of the description, not only the collector."""
    import dataclasses

    from dossiers.xml_bouwer import bouw_xml

    leerling = maak_leerling(profiel, scholen)
    verzameling, _xml, _root = bouw(leerling, keuzes_voor(profiel, leerling))
    met_pgn = dataclasses.replace(
        verzameling,
        leerling=dataclasses.replace(verzameling.leerling, pgn_type="bsn", pgn="123456782"),
    )
    xml = bouw_xml(met_pgn)
    assert b"123456782" not in xml and b"<bsn>" not in xml
