"""Our rule engine, the XSD check and the safe parser against the official OSO 2019.1 files.

(a) every official example passes the rules and the XSD; (b) for every rule in the registry a
small mutation of an official example breaks exactly that rule (and, where the standard couples
rules, the ones listed with it), and every rule ID of ``business-rules.tsv`` has such a
mutation; (c) the parser refuses what it must. The standard is read from OSO_STANDARD_DIR;
tests that need it are skipped with a clear reason when it is not set, the parser tests always
run.
"""

from __future__ import annotations

import copy
import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from lxml import etree

from dossiers.regels import (
    BINNEN_BRIN,
    FOUT,
    GEMEENSCHAPPELIJK,
    OVERSTAP,
    REGELS,
    SWV,
    WAARSCHUWING,
    familie,
    is_standaardregel,
    regels_voor,
    valideer,
)
from dossiers.xmlsafe import OSO_NAMESPACE, OngeldigeXml, _parser, parse_dossier
from dossiers.xsd import StandaardNietGevonden, xsd_fouten
from leerlingen.codelijsten import CODELIJST_PER_ELEMENT

from .oso_mutaties import codelijst_mutatie

pytestmark = pytest.mark.conformance

NS = {"d": OSO_NAMESPACE}
Q = f"{{{OSO_NAMESPACE}}}"
GEEN_STANDAARD = (
    "OSO_STANDARD_DIR is niet ingesteld: deze test heeft de officiële bestanden van de "
    "OSO-standaard 2019.1 nodig (zet OSO_STANDARD_DIR=/work/shared/oso/standard-2019.1)"
)
SETS_IN_TSV = {"common", "OV", "PaO"}

POPO = "Voorbeelddossier_OV_POPO_full.xml"
POPO_UIT = "Voorbeelddossier_OV_POPO_opt_out.xml"
POVO = "Voorbeelddossier_OV_POVO_full.xml"
VOVO = "Voorbeelddossier_OV_VOVO_full.xml"
BB = "Voorbeelddossier_OV_BB_full.xml"
BB_UIT = "Voorbeelddossier_OV_BB_opt_out.xml"
POSWV = "Voorbeelddossier_PaO_POSWV_full.xml"
POSWV_UIT = "Voorbeelddossier_PaO_POSWV_opt_out.xml"
VOSWV = "Voorbeelddossier_PaO_VOSWV_full.xml"


# --- the standard's files --------------------------------------------------------------------


def _standaard_dir() -> Path | None:
    basis = getattr(settings, "OSO_STANDARD_DIR", "")
    return Path(basis) if basis else None


@pytest.fixture(scope="module")
def standaard() -> Path:
    basis = _standaard_dir()
    if basis is None:
        pytest.skip(GEEN_STANDAARD)
    assert (basis / "OSO_gegevensset.xsd").is_file(), f"geen XSD in OSO_STANDARD_DIR={basis}"
    return basis


def _voorbeeldnamen() -> list[str]:
    basis = _standaard_dir()
    if basis is None:
        return ["(OSO_STANDARD_DIR niet ingesteld)"]
    return sorted(p.name for p in (basis / "examples").glob("*.xml")) or ["(geen voorbeelden)"]


@pytest.fixture(scope="module")
def voorbeelden(standaard) -> dict[str, etree._ElementTree]:
    return {
        pad.name: parse_dossier(pad.read_bytes())
        for pad in sorted((standaard / "examples").glob("*.xml"))
    }


def kopie(voorbeelden: dict[str, etree._ElementTree], naam: str) -> etree._ElementTree:
    return copy.deepcopy(voorbeelden[naam])


def tsv_regels(standaard: Path) -> set[str]:
    with (standaard / "business-rules.tsv").open(encoding="utf-8", newline="") as bestand:
        rijen = list(csv.DictReader(bestand, delimiter="\t"))
    return {rij["rule"] for rij in rijen if rij["set"] in SETS_IN_TSV}


# --- (a) the official examples pass ----------------------------------------------------------


@pytest.mark.parametrize("naam", _voorbeeldnamen())
def test_official_example_passes_rules_and_xsd(standaard, naam):
    data = (standaard / "examples" / naam).read_bytes()
    tree = parse_dossier(data)
    assert valideer(tree) == []
    assert xsd_fouten(tree) == []
    assert xsd_fouten(data) == []


# --- (b) one mutation per rule ---------------------------------------------------------------

LL = "huidigeschool/leerling"


def _xpath(pad: str) -> str:
    """ "huidigeschool/leerling/verzorger[1]" -> "d:huidigeschool/d:leerling/d:verzorger[1]"."""
    return "/".join(f"d:{stap}" for stap in pad.split("/"))


def _alle(tree: etree._ElementTree, pad: str) -> list[etree._Element]:
    return tree.getroot().xpath(_xpath(pad), namespaces=NS)


def _een(tree: etree._ElementTree, pad: str) -> etree._Element:
    gevonden = _alle(tree, pad)
    assert gevonden, f"{pad} niet gevonden in het voorbeeld"
    return gevonden[0]


def weg(*paden: str) -> Callable[[etree._ElementTree], None]:
    def muteer(tree: etree._ElementTree) -> None:
        for pad in paden:
            gevonden = _alle(tree, pad)
            assert gevonden, f"{pad} niet gevonden in het voorbeeld"
            for element in gevonden:
                element.getparent().remove(element)

    return muteer


def zet(pad: str, tekst: str) -> Callable[[etree._ElementTree], None]:
    def muteer(tree: etree._ElementTree) -> None:
        _een(tree, pad).text = tekst

    return muteer


def nieuw(ouder: str, *namen: str, tekst: str = "x") -> Callable[[etree._ElementTree], None]:
    """Add ouder/naam1/naam2/... (the last one with text); XSD order does not matter here."""

    def muteer(tree: etree._ElementTree) -> None:
        element = _een(tree, ouder)
        for naam in namen:
            element = etree.SubElement(element, Q + naam)
        element.text = tekst

    return muteer


def en(*stappen: Callable[[etree._ElementTree], None]) -> Callable[[etree._ElementTree], None]:
    def muteer(tree: etree._ElementTree) -> None:
        for stap in stappen:
            stap(tree)

    return muteer


def cat(naam: str, waarde: str) -> Callable[[etree._ElementTree], None]:
    return zet(f"metadata/categorie_uitlevering/cat_{naam}", waarde)


def maak_geheim(communicatielijst: str) -> Callable[[etree._ElementTree], None]:
    """Mark the first non-secret telefoon of a list as secret, keeping its real number."""

    def muteer(tree: etree._ElementTree) -> None:
        for communicatie in _alle(tree, f"{communicatielijst}/communicatie"):
            if (
                communicatie.findtext(Q + "soort") == "telefoon"
                and communicatie.findtext(Q + "geheim") != "true"
            ):
                geheim = communicatie.find(Q + "geheim")
                if geheim is None:
                    geheim = etree.SubElement(communicatie, Q + "geheim")
                geheim.text = "true"
                return
        raise AssertionError(f"geen gewone telefoon in {communicatielijst}")

    return muteer


def leeg(pad: str) -> Callable[[etree._ElementTree], None]:
    """Remove all children of the first match."""

    def muteer(tree: etree._ElementTree) -> None:
        element = _een(tree, pad)
        for kind in list(element):
            element.remove(kind)

    return muteer


Mutatie = Callable[[etree._ElementTree], None]
TOETS = f"{LL}/toetslijst/toets"
VERZORGER = f"{LL}/verzorger[1]"
EINDTOETS = f"{LL}/eindtoets_basisonderwijs"
ADVIES = f"{LL}/overstapadvies"

# rule ID -> (official example, mutation, other rules the mutation inevitably breaks too)
MUTATIES: dict[str, tuple[str, Mutatie, frozenset[str]]] = {}


def mutatie(regel_id: str, voorbeeld: str, muteer: Mutatie, *ook: str) -> None:
    assert regel_id not in MUTATIES, regel_id
    MUTATIES[regel_id] = (voorbeeld, muteer, frozenset(ook))


# OS: categorie_uitlevering of the dossier itself (VERPLICHT without data, or data though
# VERBODEN / OPT-UIT)
mutatie("OS.cat01", BB, cat("metadata", "OPT-UIT"))
mutatie("OS.cat02", BB, en(cat("ouderinzage", "VERPLICHT"), weg("inzage")))
mutatie("OS.cat03", BB, cat("school", "VERBODEN"))
mutatie("OS.cat04", BB, cat("leerling", "OPT-UIT"))
mutatie("OS.cat05", BB, cat("oudersverzorgers", "OPT-UIT"))
mutatie("OS.cat06", BB, cat("vve", "VERBODEN"))
mutatie("OS.cat07", BB_UIT, cat("schoolloopbaan", "VERPLICHT"))
mutatie("OS.cat08", BB, cat("overstapadvies", "OPT-UIT"))
mutatie("OS.cat09", POSWV_UIT, weg(f"{LL}/onderwijsondersteuning"))
mutatie("OS.cat10", BB, cat("verzuim", "OPT-UIT"))
mutatie("OS.cat11", BB, cat("eindtoetsbo", "OPT-UIT"))
mutatie("OS.cat120", BB, cat("toetsresultaten", "OPT-UIT"))
mutatie("OS.cat13", BB, cat("handelingsplannen", "OPT-UIT"))
mutatie("OS.cat14", BB, cat("cijferlijsten", "VERBODEN"))
mutatie("OS.cat15", VOVO, cat("vombo", "OPT-UIT"))
mutatie("OS.cat16", BB, cat("bijlagedocs", "OPT-UIT"))

# OVa: overstapdossiers
mutatie(
    "OVa.AI01",
    POPO,
    en(zet(f"{LL}/verzorgersaansprakelijk", "false"), weg(f"{LL}/aansprakelijkeinstelling")),
)
mutatie("OVa.CL01", POPO, leeg(f"{LL}/cijferlijstlijst/cijferlijst[1]/cijferlijstTypelijst/score"))
mutatie("OVa.EB01", POVO, weg(EINDTOETS))
mutatie(
    "OVa.EB02",
    POPO,
    en(zet(f"{EINDTOETS}/deelgenomen", "true"), weg(f"{EINDTOETS}/eindtoetsresultaat")),
    "OVa.EB04",  # without a result there is no toetsadvies either
)
mutatie(
    "OVa.EB03",
    POPO,
    en(zet(f"{EINDTOETS}/deelgenomen", "false"), weg(f"{EINDTOETS}/eindtoetsresultaat")),
)
mutatie("OVa.EB04", POPO, weg(f"{EINDTOETS}/eindtoetsresultaat/toets_advies"))
mutatie("OVa.IZ01", POPO, weg("inzage"), "OS.cat02")  # ouderinzage is VERPLICHT in POPO
mutatie("OVa.IZ02", POPO, zet("inzage/inzage", "false"))
mutatie("OVa.IZ03", POPO, weg("inzage/inzagedatum"))
mutatie("OVa.IZ04", POPO, weg("inzage/akkoord"))
mutatie("OVa.IZ05", VOVO, weg("inzage/toestemming"))
mutatie("OVa.LL01", POPO, weg(f"{LL}/voornaam"))
mutatie("OVa.LL02", POPO, weg(f"{LL}/geboortedatum"))
mutatie("OVa.LL03", POPO, nieuw(LL, "geboortemaand", tekst="2003-03"))
mutatie("OVa.LL04", POPO, weg(f"{LL}/adresgeheim"))
mutatie("OVa.LL05", POPO, weg(f"{LL}/adreslijst", f"{LL}/adresbuitenland"))
mutatie("OVa.LL06", POPO, en(zet(f"{LL}/adresgeheim", "true"), weg(f"{LL}/adresbuitenland")))
mutatie("OVa.LL07", POPO, nieuw(LL, "postcode4adres", tekst="7311"))
mutatie("OVa.LL08", POPO, maak_geheim(f"{LL}/communicatielijst"))
mutatie("OVa.LL09", POPO, en(zet(f"{LL}/adresgeheim", "true"), weg(f"{LL}/adreslijst")))
mutatie("OVa.LL10", POPO, nieuw(LL, "geboorteplaats", tekst="Apeldoorn"))
mutatie("OVa.LL11", POPO, nieuw(LL, "nationaliteit", tekst="0001"))
mutatie("OVa.LL12", POPO, weg(f"{LL}/bsn"))
mutatie("OVa.LL13", POVO, weg(f"{LL}/leerlingid"))
mutatie("OVa.LL14", POPO, weg(f"{LL}/datuminschrijving"))
mutatie("OVa.LL15", POPO, weg(f"{LL}/verzorgersaansprakelijk"))
mutatie("OVa.MD01", POPO, zet("metadata/deeldossier", "LVS"))
mutatie("OVa.MD02", POPO, zet("metadata/validatieversie", "2018.1.1"))
mutatie("OVa.MD03", POPO, weg("metadata/categorie_uitlevering"))
mutatie("OVa.OA01", POPO, weg(ADVIES), "OS.cat08")  # overstapadvies is VERPLICHT in POPO
mutatie("OVa.OA02", POVO, en(zet("huidigeschool/soort", "BAO"), weg(f"{ADVIES}/advies")))
mutatie("OVa.OA03", POPO, weg(f"{ADVIES}/contactnodig"))
mutatie(
    "OVa.OA04", POPO, en(zet(f"{ADVIES}/contactnodig", "true"), weg(f"{ADVIES}/contactpersoon"))
)
mutatie(
    "OVa.OA05", POPO, en(zet(f"{ADVIES}/contactnodig", "true"), weg(f"{ADVIES}/contacttelefoon"))
)
mutatie("OVa.OS01", VOVO, weg("metadata/overstap"))
mutatie("OVa.OS02", VOVO, zet("metadata/overstap", "VOMBO"))
mutatie("OVa.OS03", POPO, zet("overdrachtsoort", "overstap"), "OS.codelijst29")
mutatie("OVa.OV01", POPO, en(zet(f"{LL}/verzorgersaansprakelijk", "true"), weg(f"{LL}/verzorger")))
mutatie("OVa.OV03", POPO, zet(f"{VERZORGER}/adresgeheim", "true"))
mutatie("OVa.OV04", POPO, maak_geheim(f"{VERZORGER}/communicatielijst"))
mutatie("OVa.SL01", POPO, weg("huidigeschool/adreslijst"))
mutatie("OVa.SL02", POPO, weg("huidigeschool/communicatielijst"))
mutatie("OVa.TR01", POVO, weg(f"{LL}/toetslijst"))
mutatie("OVa.TR04", POVO, zet(f"{TOETS}[1]/afname/afnamedatum", "2013-07-31"))
mutatie(
    "OVa.TR05",
    POPO,
    weg(
        f"{TOETS}[1]/resultaat/toetsscore",
        f"{TOETS}[1]/resultaat/referentiescore",
        f"{TOETS}[1]/resultaat/document",
    ),
)
mutatie("OVa.TR06", POPO, leeg(f"{TOETS}[1]/resultaat/toetsscore"))
mutatie("OVa.VV01", POVO, nieuw(LL, "voorschools", "voorschoolsemaanden", tekst="12"), "OS.cat06")
mutatie(
    "OVa.VV02", POVO, nieuw(LL, "vroegschools", "codevroegschoolsprogramma", tekst="1"), "OS.cat06"
)
mutatie("OVa.ZB01", POPO, nieuw(LL, "zorg", "lgf"))
mutatie("OVa.ZB02", POPO, nieuw(LL, "zorg", "vir"))
mutatie("OVa.ZB03", POPO, nieuw(LL, "zorg", "zat"))

# OVb: binnen-brin
mutatie("OVb.LL01", BB, nieuw(LL, "geboortemaand", tekst="2003-03"))
mutatie("OVb.LL02", BB, en(zet(f"{LL}/adresgeheim", "true"), weg(f"{LL}/adresbuitenland")))
mutatie("OVb.LL03", BB, nieuw(LL, "postcode4adres", tekst="7311"))
mutatie("OVb.LL04", BB, maak_geheim(f"{LL}/communicatielijst"))
mutatie("OVb.LL05", BB, en(zet(f"{LL}/adresgeheim", "true"), weg(f"{LL}/adreslijst")))
mutatie("OVb.MD01", BB, zet("metadata/deeldossier", "TIB"))
mutatie("OVb.MD02", BB, zet("metadata/validatieversie", "2019.1"))
mutatie("OVb.MD03", BB, weg("metadata/categorie_uitlevering"))
mutatie("OVb.OS01", BB, zet("overdrachtsoort", "overdrachtBinnenBrin"), "OS.codelijst29")
mutatie("OVb.OV01", BB, zet(f"{VERZORGER}/adresgeheim", "true"))
mutatie("OVb.OV02", BB, maak_geheim(f"{VERZORGER}/communicatielijst"))

# PaO: SWV dossiers
mutatie("PaO.CL01", POSWV, leeg(f"{LL}/cijferlijstlijst/cijferlijst[1]/cijferlijstTypelijst/score"))
mutatie(
    "PaO.EB01",
    POSWV,
    nieuw(LL, "eindtoets_basisonderwijs", "deelgenomen", tekst="false"),
    "OS.cat11",
)
mutatie("PaO.LL01", POSWV, weg(f"{LL}/voornaam"))
mutatie("PaO.LL02", POSWV, weg(f"{LL}/geboortedatum"))
mutatie("PaO.LL03", POSWV, nieuw(LL, "geboortemaand", tekst="2003-03"))
mutatie("PaO.LL04", POSWV, weg(f"{LL}/adresgeheim"))
mutatie("PaO.LL05", POSWV, weg(f"{LL}/adreslijst", f"{LL}/adresbuitenland"))
mutatie("PaO.LL06", POSWV, en(zet(f"{LL}/adresgeheim", "true"), weg(f"{LL}/adresbuitenland")))
mutatie("PaO.LL07", POSWV, nieuw(LL, "postcode4adres", tekst="7311"))
mutatie("PaO.LL08", POSWV, maak_geheim(f"{LL}/communicatielijst"))
mutatie("PaO.LL09", POSWV, en(zet(f"{LL}/adresgeheim", "true"), weg(f"{LL}/adreslijst")))
mutatie("PaO.LL10", POSWV, nieuw(LL, "geboorteplaats", tekst="Apeldoorn"))
mutatie("PaO.LL11", POSWV, nieuw(LL, "nationaliteit", tekst="0001"))
mutatie("PaO.LL12", POSWV, nieuw(LL, "bsn", tekst="229854382"))
mutatie("PaO.MD01", POSWV, zet("metadata/deeldossier", "LVS"))
mutatie("PaO.MD02", POSWV, zet("metadata/validatieversie", "2018.1.1"))
mutatie("PaO.MD03", POSWV, weg("metadata/categorie_uitlevering"))
mutatie("PaO.OV01", POSWV, en(zet(f"{LL}/verzorgersaansprakelijk", "true"), weg(f"{LL}/verzorger")))
mutatie("PaO.OV03", POSWV, zet(f"{VERZORGER}/adresgeheim", "true"))
mutatie("PaO.OV04", POSWV, maak_geheim(f"{VERZORGER}/communicatielijst"))
mutatie("PaO.OV05", POSWV, nieuw(VERZORGER, "banknummer", tekst="307495248"))
mutatie("PaO.SL01", POSWV, weg("huidigeschool/adreslijst"))
mutatie("PaO.SL02", POSWV, weg("huidigeschool/communicatielijst"))
mutatie("PaO.SO01", POSWV, weg("metadata/overstap"))
mutatie("PaO.SO02", POSWV, zet("metadata/overstap", "POVO"))
mutatie("PaO.SO03", POSWV, zet("overdrachtsoort", "SWV-dossier"), "OS.codelijst29")
mutatie(
    "PaO.TR01",
    POSWV,
    weg(
        f"{TOETS}[1]/resultaat/toetsscore",
        f"{TOETS}[1]/resultaat/referentiescore",
        f"{TOETS}[1]/resultaat/document",
    ),
)
mutatie("PaO.TR02", POSWV, leeg(f"{TOETS}[1]/resultaat/toetsscore"))
for _regel, _veld in (
    ("PaO.VM01", "bevorderd"),
    ("PaO.VM02", "examenresultaat"),
    ("PaO.VM03", "resultaatvakkenvo"),
    ("PaO.VM04", "certificaat"),
    ("PaO.VM05", "competenties"),
    ("PaO.VM06", "stage"),
    ("PaO.VM07", "overigvombo"),
):
    mutatie(_regel, POSWV, nieuw(LL, _veld), "OS.cat15")  # VO-MBO is VERBODEN in POSWV
for _regel, _veld in (
    ("PaO.VV01", "vanpeuterspeelzaal"),
    ("PaO.VV02", "naampeuterspeelzaal"),
    ("PaO.VV03", "voorschools"),
    ("PaO.VV04", "vroegschools"),
):
    mutatie(_regel, VOSWV, nieuw(LL, _veld), "OS.cat06")  # VVE is VERBODEN in VOSWV
mutatie("PaO.ZB01", POSWV, nieuw(LL, "zorg", "vir"))
mutatie("PaO.ZB02", POSWV, nieuw(LL, "zorg", "zat"))


# OG: the value checks of the official common stylesheet
def eerste_email(waarde: str) -> Mutatie:
    def muteer(tree: etree._ElementTree) -> None:
        for communicatie in tree.getroot().iter(Q + "communicatie"):
            if communicatie.findtext(Q + "soort") == "e-mail":
                communicatie.find(Q + "nummer").text = waarde
                return
        raise AssertionError("geen e-mailadres in het voorbeeld")

    return muteer


def niet_overleden(tree: etree._ElementTree) -> None:
    """A verzorger with an overlijdensdatum marked as not overleden."""
    for verzorger in tree.getroot().iter(Q + "verzorger"):
        if verzorger.find(Q + "overlijdensdatum") is not None:
            verzorger.find(Q + "overleden").text = "false"
            return
    raise AssertionError("geen overleden verzorger in het voorbeeld")


mutatie("OG.01", POPO, eerste_email("jan@"))
mutatie("OG.02", POPO, zet("metadata/standaardversie", "2018.1"))
mutatie("OG.03", VOVO, zet(f"{LL}/onderwijsondersteuning/lwoo/lwoo_einddatum", "2020-08-01"))
mutatie("OG.04", POPO, niet_overleden)
mutatie("OG.05", POPO, nieuw(f"{LL}/huisarts", "roepnaam", tekst="Ben"))

# OS.codelijstNN: a wrong code in the first field of each code list (tests/oso_mutaties.py)
_VOORBEELD_PER_LIJST = {16: VOVO, 17: VOVO, 35: VOVO, 36: VOVO}
_GEKOPPELD = {
    16: ("OVa.OS02",),  # an overstap outside the list is no POPO/POVO/VOVO either
    29: ("OVa.OS03",),  # nor is such an overdrachtsoort overstapdossier/overdrachtbinnenbrin
    33: ("OVa.MD01",),  # nor such a deeldossier LAS or LASLVS
}
for _nummer in sorted(set(CODELIJST_PER_ELEMENT.values())):
    mutatie(
        f"OS.codelijst{_nummer:02d}",
        _VOORBEELD_PER_LIJST.get(_nummer, POPO),
        codelijst_mutatie(_nummer),
        *_GEKOPPELD.get(_nummer, ()),
    )


@pytest.mark.parametrize("regel_id", list(REGELS))
def test_mutation_breaks_exactly_this_rule(voorbeelden, regel_id):
    assert regel_id in MUTATIES, f"geen mutatie voor {regel_id} in deze testmodule"
    voorbeeld, muteer, ook = MUTATIES[regel_id]
    tree = kopie(voorbeelden, voorbeeld)
    muteer(tree)
    meldingen = valideer(tree)
    eigen = [m for m in meldingen if m.regel == regel_id]
    assert eigen, f"{regel_id} meldt niets na de mutatie van {voorbeeld}: {meldingen}"
    assert {m.regel for m in meldingen} == {regel_id, *ook}, meldingen
    regel = REGELS[regel_id]
    for melding in eigen:
        assert melding.bericht.endswith(f"({regel_id})")
        assert "{dossier}" not in melding.bericht
        assert melding.pad.startswith("/dossier")
    assert any(m.ernst == regel.ernst for m in eigen)


def test_every_rule_of_the_standard_is_implemented_and_mutated(standaard):
    in_tsv = tsv_regels(standaard)
    regels = {r for r in REGELS if is_standaardregel(r)}
    assert regels == in_tsv, (
        f"niet geïmplementeerd: {sorted(in_tsv - regels)}; "
        f"niet in de standaard: {sorted(regels - in_tsv)}"
    )
    codelijstregels = {f"OS.codelijst{n:02d}" for n in CODELIJST_PER_ELEMENT.values()}
    og = {f"OG.0{n}" for n in range(1, 6)}  # the common stylesheet's own value checks
    assert set(REGELS) - regels == codelijstregels | og
    assert set(MUTATIES) == set(REGELS), f"zonder mutatie: {sorted(set(REGELS) - set(MUTATIES))}"


def test_every_rule_explains_itself():
    for regel in REGELS.values():
        assert regel.uitleg, regel.id
        assert regel.bericht and regel.bericht[0].isupper(), regel.id
        assert regel.ernst in (FOUT, WAARSCHUWING)
    recommendations = {r.id for r in REGELS.values() if r.ernst == WAARSCHUWING}
    assert recommendations == {"OVa.EB01", "OVa.TR01", "OVa.ZB03"}


# --- which rules apply -----------------------------------------------------------------------


def _sets(regels) -> set[str]:
    return {s for r in regels for s in r.sets}


def test_rule_sets_follow_the_overdrachtsoort():
    # OVa.LL10/11 belong to both OVa and OVb (the official stylesheet checks them in both)
    assert _sets(regels_voor("overstapdossier")) == {GEMEENSCHAPPELIJK, OVERSTAP, BINNEN_BRIN}
    assert _sets(regels_voor("overdrachtbinnenbrin")) == {GEMEENSCHAPPELIJK, BINNEN_BRIN, OVERSTAP}
    assert {r.id for r in regels_voor("overdrachtbinnenbrin") if OVERSTAP in r.sets} == {
        "OVa.LL10",
        "OVa.LL11",
    }
    assert _sets(regels_voor("swv-dossier")) == {GEMEENSCHAPPELIJK, SWV}
    per_set = {s: sum(1 for r in REGELS.values() if s in r.sets) for s in REGELS_SETS}
    # OS: 16 categories, 33 code lists, OG.01-05; OVa.LL10/11 also apply to binnen-brin
    assert per_set == {"OS": 16 + 33 + 5, "OVa": 51, "OVb": 11 + 2, "PaO": 41}
    assert len(regels_voor("overstapdossier")) == 16 + 33 + 5 + 51


REGELS_SETS = (GEMEENSCHAPPELIJK, OVERSTAP, BINNEN_BRIN, SWV)


@pytest.mark.parametrize(
    ("overdrachtsoort", "overstap", "verwacht"),
    [
        ("overstapdossier", "POSWV", OVERSTAP),  # an exact value wins
        ("overdrachtBinnenBrin", "POPO", BINNEN_BRIN),
        ("SWV-dossier", None, SWV),
        ("onbekend", "VOSWV", SWV),
        ("onbekend", "POPO", OVERSTAP),
        (None, None, OVERSTAP),
    ],
)
def test_family_of_an_unknown_overdrachtsoort(overdrachtsoort, overstap, verwacht):
    assert familie(overdrachtsoort, overstap) == verwacht


# --- details of some rules -------------------------------------------------------------------


def test_required_block_without_data(voorbeelden):
    tree = kopie(voorbeelden, POPO_UIT)
    weg(f"{LL}/verzorger", f"{LL}/aansprakelijkeinstelling", f"{LL}/verzorgersaansprakelijk")(tree)
    meldingen = {m.regel: m for m in valideer(tree)}
    assert "OS.cat05" in meldingen
    assert "verplicht" in meldingen["OS.cat05"].bericht
    assert meldingen["OS.cat05"].pad == "/dossier/huidigeschool/leerling"


def test_unknown_category_value(voorbeelden):
    tree = kopie(voorbeelden, BB)
    cat("vve", "NIET")(tree)
    (melding,) = valideer(tree)  # codelijst 48; not also the block check OS.cat06
    assert melding.regel == "OS.codelijst48"
    assert melding.bericht.startswith(
        "Het veld 'Categorie uitlevering van het blok VVE' heeft de waarde 'NIET', die niet "
        "voorkomt in codelijst 48 (Categorie uitlevering); toegestaan zijn: "
    )
    assert melding.pad == "/dossier/metadata/categorie_uitlevering/cat_vve"


def test_code_list_messages_name_field_and_list_and_never_show_a_number(voorbeelden):
    tree = kopie(voorbeelden, POPO)
    codelijst_mutatie(11, "PR")(tree)
    codelijst_mutatie(41, "229854382")(tree)  # a BSN where a code belongs
    berichten = {m.regel: m.bericht for m in valideer(tree)}
    assert berichten["OS.codelijst11"].startswith(
        "Het veld 'Soort referentiescore' heeft de waarde 'PR', die niet voorkomt in codelijst "
        "11 (Referentiescore)"
    )
    assert "229854382" not in berichten["OS.codelijst41"]
    assert "'Relatie tot het kind'" in berichten["OS.codelijst41"]
    assert "codelijst 41 (Relatie tot kind)" in berichten["OS.codelijst41"]


def test_forbidden_block_names_what_it_found(voorbeelden):
    tree = kopie(voorbeelden, BB)
    cat("oudersverzorgers", "OPT-UIT")(tree)
    (melding,) = valideer(tree)
    assert melding.bericht == (
        "Het blok Ouders/Verzorgers is uitgezet (OPT-UIT), maar het dossier bevat er toch "
        "gegevens uit (verzorgersaansprakelijk, aansprakelijkeinstelling, verzorger) (OS.cat05)"
    )


def test_secret_e_mail_and_phone_messages(voorbeelden):
    tree = kopie(voorbeelden, POPO)
    communicatie = _alle(tree, f"{LL}/communicatielijst/communicatie")
    email = next(c for c in communicatie if c.findtext(Q + "soort") == "e-mail")
    email.find(Q + "geheim").text = "true"
    email.find(Q + "nummer").text = "ouder@example.nl"
    maak_geheim(f"{LL}/communicatielijst")(tree)
    meldingen = [m for m in valideer(tree) if m.regel == "OVa.LL08"]
    assert len(meldingen) == 2
    assert any("geheim@geheim.geheim" in m.bericht for m in meldingen)
    assert any("9999999999" in m.bericht for m in meldingen)
    assert all(
        m.pad.startswith("/dossier/huidigeschool/leerling/communicatielijst/communicatie[")
        for m in meldingen
    )


def test_old_test_message_names_the_dates(voorbeelden):
    tree = kopie(voorbeelden, POVO)
    zet(f"{TOETS}[2]/afname/afnamedatum", "2012-05-01")(tree)
    (melding,) = valideer(tree)
    assert melding.regel == "OVa.TR04"
    assert "01-05-2012" in melding.bericht and "01-08-2013" in melding.bericht
    assert melding.pad == "/dossier/huidigeschool/leerling/toetslijst/toets[2]"


def test_swv_dossier_warns_about_a_pgn_in_free_text(voorbeelden):
    tree = kopie(voorbeelden, POSWV)
    zet(f"{ADVIES}/argumentatie", "Zie dossier van leerling 229854382.")(tree)
    (melding,) = valideer(tree)
    assert melding.regel == "PaO.LL12"
    assert melding.ernst == WAARSCHUWING
    assert melding.pad == "/dossier/huidigeschool/leerling/overstapadvies/argumentatie"
    # a 9-digit number that is no BSN or onderwijsnummer is left alone
    zet(f"{ADVIES}/argumentatie", "Beschikking 123456789.")(tree)
    assert valideer(tree) == []


def test_swv_dossier_refuses_a_pgn_anywhere(voorbeelden):
    tree = kopie(voorbeelden, POSWV)
    nieuw(f"{VERZORGER}", "onderwijsnummer", tekst="101234567")(tree)
    (melding,) = valideer(tree)
    assert (melding.regel, melding.ernst) == ("PaO.LL12", FOUT)
    assert melding.pad == "/dossier/huidigeschool/leerling/verzorger[1]/onderwijsnummer"


def test_binnen_brin_is_not_held_to_the_overstap_rules(voorbeelden):
    # no inzage, no overstapadvies, no schoolloopbaan: fine for binnen-brin, not for overstap
    tree = kopie(voorbeelden, BB_UIT)
    assert valideer(tree) == []
    zet("overdrachtsoort", "overstapdossier")(tree)
    regels = {m.regel for m in valideer(tree)}
    assert {"OVa.IZ01", "OVa.OA01", "OVa.SL01", "OVa.LL15"} <= regels


def test_valideer_accepts_an_element(voorbeelden):
    assert valideer(kopie(voorbeelden, VOVO).getroot()) == []


# --- the XSD ---------------------------------------------------------------------------------


def test_xsd_errors_are_dutch_with_line_numbers(voorbeelden):
    tree = kopie(voorbeelden, POPO)
    zet("huidigeschool/brincode", "14ss")(tree)
    zet("metadata/datum", "gisteren")(tree)
    fouten = xsd_fouten(tree)
    assert len(fouten) == 2
    assert fouten[0].startswith("Regel 7: element 'datum': 'gisteren' is geen geldige waarde")
    assert "'brincode': de waarde '14ss' heeft niet de juiste vorm" in fouten[1]
    assert all(OSO_NAMESPACE not in fout for fout in fouten)


def test_xsd_without_the_official_files_runs_our_structural_check():
    """No OSO_STANDARD_DIR: nothing is raised, our own check (generated from the description
    of the gegevensset) still finds what is missing."""
    leeg = f'<dossier xmlns="{OSO_NAMESPACE}"><metadata/></dossier>'.encode()
    with override_settings(OSO_STANDARD_DIR=""):
        fouten = xsd_fouten(leeg)
    assert fouten == [
        "Regel 1: bij element 'metadata' ontbreekt het verplichte element: deeldossier.",
        "Regel 1: bij element 'dossier' ontbreekt het verplichte element: overdrachtsoort.",
    ]


def test_xsd_file_must_exist(tmp_path):
    with (
        override_settings(OSO_STANDARD_DIR=str(tmp_path)),
        pytest.raises(StandaardNietGevonden, match="staat niet in OSO_STANDARD_DIR"),
    ):
        xsd_fouten(b"<dossier/>")


# --- (c) the safe parser (needs no standard files) -------------------------------------------

DOSSIER = f'<dossier xmlns="{OSO_NAMESPACE}"><metadata/></dossier>'.encode()


def _met_doctype(doctype: str, inhoud: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n'
        f'<dossier xmlns="{OSO_NAMESPACE}"><metadata>{inhoud}</metadata></dossier>'
    ).encode()


@pytest.fixture
def geheim_bestand(tmp_path) -> Path:
    pad = tmp_path / "geheim.txt"
    pad.write_text("GEHEIME-INHOUD-XXE")
    return pad


def test_a_plain_dossier_is_parsed():
    tree = parse_dossier(DOSSIER)
    assert isinstance(tree, etree._ElementTree)
    assert tree.getroot().tag == f"{Q}dossier"


def test_external_entity_is_refused_and_not_resolved(geheim_bestand):
    data = _met_doctype(
        f'<!DOCTYPE dossier [<!ENTITY xxe SYSTEM "{geheim_bestand.as_uri()}">]>', "&xxe;"
    )
    with pytest.raises(OngeldigeXml, match="DOCTYPE") as refused:
        parse_dossier(data)
    assert "GEHEIME-INHOUD" not in str(refused.value)
    # and the parser behind the first check would not have resolved it either
    root = etree.fromstring(data, _parser())
    assert "GEHEIME-INHOUD" not in etree.tostring(root, encoding="unicode")


def test_external_parameter_entity_is_refused(geheim_bestand):
    data = _met_doctype(
        f'<!DOCTYPE dossier [<!ENTITY % ext SYSTEM "{geheim_bestand.as_uri()}"> %ext;]>', ""
    )
    with pytest.raises(OngeldigeXml):
        parse_dossier(data)


def test_billion_laughs_is_refused_without_expansion():
    entiteiten = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    data = _met_doctype(f"<!DOCTYPE dossier [{entiteiten}]>", "&lol9;")
    with pytest.raises(OngeldigeXml, match="DOCTYPE"):
        parse_dossier(data)
    try:  # behind the first check, the parser does not expand either
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        assert "amplification" in str(error)  # libxml2's own guard
    else:
        assert len(etree.tostring(root)) < 10_000  # not 10**9 times "lol"


def test_any_doctype_is_refused():
    with pytest.raises(OngeldigeXml, match="DOCTYPE"):
        parse_dossier(_met_doctype("<!DOCTYPE dossier>", ""))
    with pytest.raises(OngeldigeXml, match="DOCTYPE"):
        parse_dossier(_met_doctype('<!DOCTYPE dossier SYSTEM "http://example.org/d.dtd">', ""))


def test_doctype_in_utf16_is_refused():
    tekst = _met_doctype('<!DOCTYPE dossier [<!ENTITY x "y">]>', "&x;").decode()
    data = tekst.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    with pytest.raises(OngeldigeXml, match="DOCTYPE"):
        parse_dossier(data)


def test_oversize_input_is_refused():
    groot = DOSSIER.replace(b"<metadata/>", b"<metadata>" + b"a" * 2000 + b"</metadata>")
    with pytest.raises(OngeldigeXml, match="te groot"):
        parse_dossier(groot, max_grootte=1000)
    with override_settings(OSO_MAX_DOSSIER_BYTES=1000), pytest.raises(OngeldigeXml, match="groot"):
        parse_dossier(groot)
    assert parse_dossier(groot).getroot() is not None  # the 50 MB default lets it through


def test_default_limit_is_50_mb():
    data = DOSSIER + b" " * (50 * 1024 * 1024)
    with pytest.raises(OngeldigeXml, match="te groot"):
        parse_dossier(data)


def test_wrong_namespace_or_root_is_refused():
    with pytest.raises(OngeldigeXml, match="andere versie van de OSO-gegevensset"):
        parse_dossier(b'<dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2018/dossier"/>')
    with pytest.raises(OngeldigeXml, match="geen OSO-dossier"):
        parse_dossier(b"<dossier/>")
    with pytest.raises(OngeldigeXml, match="geen OSO-dossier"):
        parse_dossier(f'<leerling xmlns="{OSO_NAMESPACE}"/>'.encode())


@pytest.mark.parametrize(
    "rommel",
    [b"", b"   ", b"\x00\x01\x02garbage", b"dit is geen xml", b"<dossier", b"%PDF-1.4\n%\xe2\xe3"],
)
def test_garbage_is_refused(rommel):
    with pytest.raises(OngeldigeXml):
        parse_dossier(rommel)


def test_undefined_entity_is_refused():
    with pytest.raises(OngeldigeXml, match="geen geldige XML"):
        parse_dossier(DOSSIER.replace(b"<metadata/>", b"<metadata>&onbekend;</metadata>"))


def test_only_bytes_are_accepted():
    with pytest.raises(TypeError):
        parse_dossier(DOSSIER.decode())  # type: ignore[arg-type]
