"""Importing a received overstapdossier (dossiers/importeren.py) with the official examples of the
standard (OSO_STANDARD_DIR): every OV example becomes a new pupil without losing a value, the
SWV examples are read but cannot make a pupil, and whatever is refused writes nothing."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from accounts.roles import Rol
from audit.models import AuditEvent
from dossiers.importeren import (
    ACTIE_GEIMPORTEERD,
    GEEN_VELD,
    KEUZE_EIGEN,
    KEUZE_ONTVANGEN,
    ImportFout,
    ImportResultaat,
    Ontvangen,
    importeer_bestaand,
    importeer_nieuw,
    lees_ontvangen,
    vergelijk,
)
from dossiers.profielen import Profiel
from dossiers.regels import FOUT, pad
from dossiers.xmlsafe import OSO_NAMESPACE, OngeldigeXml, parse_dossier
from leerlingen import models as m
from scholen.models import SoortSchool

from . import factories as f

pytestmark = pytest.mark.conformance

NS = {"d": OSO_NAMESPACE}
Q = f"{{{OSO_NAMESPACE}}}"
LL = "d:huidigeschool/d:leerling"

# every OV example of the standard, with the kind of school that receives it
OV_VOORBEELDEN = {
    "OV_POPO_full": SoortSchool.BO,
    "OV_POPO_opt_out": SoortSchool.BO,
    "OV_POVO_full": SoortSchool.VO,
    "OV_POVO_opt_out": SoortSchool.VO,
    "OV_VOVO_full": SoortSchool.VO,
    "OV_VOVO_opt_out": SoortSchool.VO,
    "OV_BB_full": SoortSchool.BO,  # binnen brin POPO
    "OV_BB_opt_out": SoortSchool.BO,
}
SWV_VOORBEELDEN = {
    "PaO_POSWV_full": Profiel.SWV_PO,
    "PaO_POSWV_opt_out": Profiel.SWV_PO,
    "PaO_VOSWV_full": Profiel.SWV_VO,
    "PaO_VOSWV_opt_out": Profiel.SWV_VO,
}
PGN_MELDING = "Er bestaat al een leerling op deze school met het ingevoerde bsn."


def voorbeelden() -> Path:
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: the import tests need the official examples")
    pad_ = Path(settings.OSO_STANDARD_DIR) / "examples"
    assert pad_.is_dir(), f"no examples/ in OSO_STANDARD_DIR={settings.OSO_STANDARD_DIR}"
    return pad_


def voorbeeld(naam: str) -> bytes:
    return (voorbeelden() / f"Voorbeelddossier_{naam}.xml").read_bytes()


def boom(xml: bytes) -> etree._Element:
    return parse_dossier(xml).getroot()  # the project's one safe parse, in tests as well


def gewijzigd(xml: bytes, wijzig) -> bytes:
    """A copy of an example with ``wijzig(root)`` applied (made at run time, never stored)."""
    root = boom(xml)
    wijzig(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@pytest.fixture
def ontvanger(db):
    """A receiving school of a given kind with a member of its schooladministratie."""

    def maak(soort: str = SoortSchool.VO):
        school = f.SchoolFactory(soort=soort)
        user = f.UserFactory()
        f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=school)
        return school, user

    return maak


def stand() -> dict[str, object]:
    """What the database and the media folder hold: to show that nothing was written."""
    media = Path(settings.MEDIA_ROOT)
    return {
        "leerlingen": m.Leerling.objects.count(),
        "verzorgers": m.Verzorger.objects.count(),
        "toetsen": m.Toets.objects.count(),
        "map": m.MapItem.objects.count(),
        "audit": AuditEvent.objects.count(),
        "bestanden": sorted(p.name for p in media.rglob("*") if p.is_file())
        if media.exists()
        else [],
    }


def importeer(naam: str, ontvanger) -> tuple[bytes, Ontvangen, ImportResultaat]:
    xml = voorbeeld(naam)
    school, user = ontvanger(OV_VOORBEELDEN[naam])
    ontvangen = lees_ontvangen(xml)
    return xml, ontvangen, importeer_nieuw(ontvangen, school, user=user, xml=xml)


def tekst(root: etree._Element, xpath: str) -> str | None:
    waarde = root.xpath(f"string({xpath})", namespaces=NS).strip()
    return waarde or None


def tel(root: etree._Element, xpath: str) -> int:
    return len(root.xpath(xpath, namespaces=NS))


# --- every OV example --------------------------------------------------------------------------


def test_every_ov_and_swv_example_of_the_standard_is_covered():
    gevonden = {p.stem.removeprefix("Voorbeelddossier_") for p in voorbeelden().glob("*.xml")}
    assert gevonden == set(OV_VOORBEELDEN) | set(SWV_VOORBEELDEN)


@pytest.mark.parametrize("naam", list(OV_VOORBEELDEN))
def test_ov_example_imports_into_a_new_pupil(naam, ontvanger):
    xml, ontvangen, resultaat = importeer(naam, ontvanger)
    root = boom(xml)
    assert ontvangen.xsd_fouten == []
    assert [mld for mld in ontvangen.meldingen if mld.ernst == FOUT] == []
    assert ontvangen.problemen == []
    assert resultaat.nieuw

    ll = m.Leerling.objects.get(pk=resultaat.leerling.pk)
    # the pupil's own fields are the XML's values
    voornamen = [v.text for v in root.iterfind(f"{LL}/d:voornaam", NS)]
    assert ll.voornamen == " ".join(voornamen)
    assert ll.voorletters == (tekst(root, f"{LL}/d:voorletters-1") or "")
    assert ll.voorvoegsel == (tekst(root, f"{LL}/d:voorvoegsel") or "")
    assert ll.achternaam == tekst(root, f"{LL}/d:achternaam")
    assert ll.roepnaam == (tekst(root, f"{LL}/d:roepnaam") or "")
    assert ll.geboortedatum.isoformat() == tekst(root, f"{LL}/d:geboortedatum")
    assert ll.geslacht == int(tekst(root, f"{LL}/d:geslacht"))
    assert ll.adresgeheim == (tekst(root, f"{LL}/d:adresgeheim") == "true")
    assert (ll.pgn_type, ll.pgn) == ("bsn", tekst(root, f"{LL}/d:bsn"))
    assert ll.onderwijs_sinds.isoformat() == tekst(root, f"{LL}/d:onderwijssinds")
    assert ll.leerlinggewicht == tekst(root, f"{LL}/d:leerlinggewicht")
    aansprakelijk = tekst(root, f"{LL}/d:verzorgersaansprakelijk")
    assert ll.verzorgers_aansprakelijk == (aansprakelijk != "false")
    adres = f"{LL}/d:adreslijst/d:adres[d:soortadres='gba']"
    assert ll.straat == tekst(root, f"{adres}/d:straat")
    assert ll.huisnummer == tekst(root, f"{adres}/d:nummer")
    assert ll.toevoeging == (tekst(root, f"{adres}/d:toevoeging") or "")
    postcode = tekst(root, f"{adres}/d:postcode")
    assert ll.postcode == f"{postcode[:4]} {postcode[4:]}"
    assert ll.plaats == tekst(root, f"{adres}/d:plaats")
    assert ll.gemeente == tekst(root, f"{adres}/d:gemeente")
    # the sending school is the school of origin; its registration of the pupil is history,
    # not our registration
    assert ll.herkomst_brin == tekst(root, "d:huidigeschool/d:brincode")
    assert ll.herkomst_naam == tekst(root, "d:huidigeschool/d:naam")
    assert tekst(root, f"{LL}/d:leerlingid") in ll.herkomst_toelichting
    for element in ("datuminschrijving", "datumuitschrijving"):
        datum = date.fromisoformat(tekst(root, f"{LL}/d:{element}"))
        assert f"{datum:%d-%m-%Y}" in ll.herkomst_toelichting
    assert (ll.leerlingid, ll.datum_inschrijving, ll.datum_uitschrijving) == ("", None, None)
    assert ll.school == resultaat.leerling.school

    # the blocks: as many rows as the XML has
    assert ll.verzorgers.count() == tel(root, f"{LL}/d:verzorger")
    assert ll.schoolloopbaan.count() == tel(root, f"{LL}/d:schoolloopbaanlijst/d:schoolloopbaan")
    assert ll.toetsen.count() == tel(root, f"{LL}/d:toetslijst/d:toets")
    assert m.ToetsReferentiescore.objects.filter(toets__leerling=ll).count() == tel(
        root, f"{LL}/d:toetslijst/d:toets/d:resultaat/d:referentiescore"
    )
    assert ll.cijferlijsten.count() == tel(root, f"{LL}/d:cijferlijstlijst/d:cijferlijst")
    assert ll.communicatie.count() == tel(root, f"{LL}/d:communicatielijst/d:communicatie")
    documenten = tel(root, "//d:document[d:bestandsinhoud]")
    assert len(ontvangen.bijlagen) == documenten
    assert resultaat.aantallen.get("bijlagen", 0) == documenten == len(resultaat.bijlagen)
    assert ll.map_items.count() == documenten + 2  # plus the received XML and its PDF
    if tel(root, f"{LL}/d:onderwijsondersteuning/d:handelingsplan/d:document"):
        assert ll.handelingsplannen.get().document in resultaat.bijlagen
    if tel(root, f"{LL}/d:onderwijsondersteuning/d:toelichting_onderwijsbehoeften"):
        toelichting = ll.onderwijsondersteuning.toelichting_onderwijsbehoeften
        xpath = f"{LL}/d:onderwijsondersteuning/d:toelichting_onderwijsbehoeften//d:bestandsnaam"
        assert toelichting.bestandsnaam == tekst(root, xpath)

    # the received XML and its PDF are in the pupil's map, under random storage names
    ontvangen_items = ll.map_items.filter(titel__startswith="Ontvangen overstapdossier (")
    assert {i.bestandsnaam.rsplit(".", 1)[1] for i in ontvangen_items} == {"xml", "pdf"}
    with resultaat.xml_item.bestand.open("rb") as bestand:
        assert bestand.read() == xml
    with resultaat.pdf_item.bestand.open("rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
    for item in ll.map_items.all():
        assert re.fullmatch(r"leerlingmap/[0-9a-f]{32}\.[a-z]{3,4}", item.bestand.name)

    # audit, without the BSN
    event = AuditEvent.objects.get(actie=ACTIE_GEIMPORTEERD, leerling=ll)
    assert event.details["aantallen"]["verzorgers"] == ll.verzorgers.count()
    assert ll.pgn not in str(event.details) + event.omschrijving
    assert AuditEvent.objects.filter(actie="leerling_aangemaakt", leerling=ll).exists()


def blad_waarden(root: etree._Element) -> Iterator[tuple[str, str]]:
    """(path, value) of every leaf and attribute of the dossier, except the Base64 contents of
    attachments and the metadata (dossier bookkeeping, not the pupil's data)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        plek = pad(el)
        if plek.startswith(("/dossier/metadata", "/dossier/overdrachtsoort")):
            continue
        for naam, waarde in el.attrib.items():
            yield f"{plek}/@{naam}", waarde
        if etree.QName(el).localname == "bestandsinhoud":
            continue
        if not any(isinstance(k.tag, str) for k in el) and (el.text or "").strip():
            yield plek, el.text.strip()


def norm(waarde: object) -> str:
    """One spelling for a value, in the XML or in our database."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, date):
        return waarde.isoformat()
    tekst_ = str(waarde).strip().rstrip(".;,")
    if re.fullmatch(r"\d{2}-\d{2}-\d{4}", tekst_):
        dag, maand, jaar = tekst_.split("-")
        return f"{jaar}-{maand}-{dag}"
    if re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", tekst_):
        return tekst_.replace(" ", "")
    if re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", tekst_):
        try:
            return format(Decimal(tekst_).normalize(), "f")
        except InvalidOperation:  # pragma: no cover
            return tekst_
    return tekst_


def database_waarden(ll: m.Leerling) -> set[str]:
    """Every value the import stored for the pupil, and the words of its longer texts."""
    objecten: list[object] = [ll]
    for relatie in (
        "communicatie",
        "verzorgers",
        "schoolloopbaan",
        "diagnoses",
        "tlvs",
        "arrangementen",
        "handelingsplannen",
        "verzuim",
        "toetsen",
        "cijferlijsten",
        "vakresultaten",
        "map_items",
    ):
        objecten.extend(getattr(ll, relatie).all())
    for model in (m.VVE, m.Overstapadvies, m.Onderwijsondersteuning, m.Eindtoets, m.VoMboGegevens):
        objecten.extend(model.objects.filter(leerling=ll))
    objecten.extend(m.EindtoetsOnderdeelResultaat.objects.filter(eindtoets__leerling=ll))
    objecten.extend(m.EindtoetsDomeinResultaat.objects.filter(onderdeel__eindtoets__leerling=ll))
    objecten.extend(m.ToetsReferentiescore.objects.filter(toets__leerling=ll))
    objecten.extend(m.CijferlijstOnderdeel.objects.filter(cijferlijst__leerling=ll))
    waarden: set[str] = set()
    for obj in objecten:
        for veld in obj._meta.concrete_fields:
            waarde = getattr(obj, veld.attname)
            if waarde is None or waarde == "":
                continue
            waarden.add(norm(waarde))
            if isinstance(waarde, str):
                waarden.update(norm(w) for w in re.split(r"[\s;:()]+", waarde) if w)
    return waarden


@pytest.mark.parametrize("naam", list(OV_VOORBEELDEN))
def test_ov_example_imports_without_loss(naam, ontvanger):
    """Every value of the dossier is either in our records or listed in niet_gemapt."""
    xml, ontvangen, resultaat = importeer(naam, ontvanger)
    bladeren = list(blad_waarden(boom(xml)))
    assert bladeren

    # the reading maps or lists every value ...
    gelezen = {b.pad for b in ontvangen.gemapt()} | {n.pad for n in ontvangen.niet_gemapt}
    assert [p for p, _ in bladeren if p not in gelezen] == []

    # ... and after the import each is in the database or listed, with its reason
    niet_gemapt = {(n.pad, n.waarde) for n in resultaat.niet_gemapt}
    assert all(n.reden for n in resultaat.niet_gemapt)
    opgeslagen = database_waarden(resultaat.leerling)
    verloren = []
    for plek, waarde in bladeren:
        if (plek, waarde) in niet_gemapt:
            continue
        if plek.endswith("/wettelijke_ontheffing"):
            waarde = {"J": "true", "N": "false"}[waarde]
        if norm(waarde) not in opgeslagen:
            verloren.append((plek, waarde))
    assert verloren == []


def test_what_the_full_povo_example_leaves_out_is_explained(ontvanger):
    _, ontvangen, resultaat = importeer("OV_POVO_full", ontvanger)
    redenen = {n.pad: n.reden for n in resultaat.niet_gemapt}
    L = "/dossier/huidigeschool/leerling"
    # no field in the LAS
    assert redenen[f"{L}/huisarts/achternaam"] == GEEN_VELD
    assert redenen["/dossier/inzage/redennietakkoord"] == GEEN_VELD
    assert redenen[f"{L}/overstapadvies/aandachtspunten"] == GEEN_VELD
    # Taal with referentieniveaus per domein only (as the doorstroomtoets reports it): taken over
    onderdeel = f"{L}/eindtoets_basisonderwijs/eindtoetsresultaat/onderdelen/onderdeel[1]"
    assert f"{onderdeel}/onderdeelcode" not in redenen
    taal = m.EindtoetsOnderdeelResultaat.objects.get(
        eindtoets__leerling=resultaat.leerling, onderdeel="8000"
    )
    assert taal.referentieniveau == ""
    assert sorted(taal.domeinen.values_list("domein", "referentieniveau")) == [
        ("8050", "01"),
        ("8051", "01"),
    ]
    # a text longer than our field: shortened, its full value listed
    toetsnaam = f"{L}/toetslijst/toets[5]/toetsidentificatie/toetsnaam"
    assert "ingekort" in redenen[toetsnaam]
    wisc = m.Toets.objects.get(leerling=resultaat.leerling, eldtoetscode="WISC3NL2005")
    assert wisc.toetsnaam.endswith("…") and len(wisc.toetsnaam) == 120
    # the second code of a diagnose and the second vroegschools programme do not fit
    assert f"{L}/onderwijsondersteuning/diagnose[1]/code[2]" in redenen
    # a test without leergebied gets "Onbekend"
    nio = m.Toets.objects.get(leerling=resultaat.leerling, eldtoetscode="NIO2004")
    assert nio.leergebied == "Onbekend"
    # attachments sent as the standard's Base64 ZIP are stored unpacked
    drem = resultaat.leerling.map_items.get(bestandsnaam="drem8.jpg")
    with drem.bestand.open("rb") as bestand:
        assert bestand.read(3) == b"\xff\xd8\xff"
    assert ontvangen.leerling.get("herkomst_brin") == "00YY"


# --- refusals: nothing is written -------------------------------------------------------------


def test_importing_the_same_dossier_again_is_refused_and_changes_nothing(ontvanger):
    xml = voorbeeld("OV_POVO_full")
    school, user = ontvanger(SoortSchool.VO)
    importeer_nieuw(lees_ontvangen(xml), school, user=user, xml=xml)
    voor = stand()
    with pytest.raises(ImportFout) as fout:
        importeer_nieuw(lees_ontvangen(xml), school, user=user, xml=xml)
    assert PGN_MELDING in str(fout.value)
    assert stand() == voor
    # another school may have the same pupil
    ander, user_b = ontvanger(SoortSchool.VO)
    importeer_nieuw(lees_ontvangen(xml), ander, user=user_b, xml=xml)


XXE = (
    b'<?xml version="1.0"?>\n<!DOCTYPE dossier [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    b'<dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2019/dossier">&x;</dossier>'
)
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<dossier>&lol2;</dossier>'
)


@pytest.mark.parametrize(
    "data",
    [b"<dossier", b"", b"<iets/>", XXE, LAUGHS],
    ids=["afgebroken", "leeg", "geen-dossier", "xxe", "billion-laughs"],
)
def test_malformed_or_hostile_xml_is_refused_with_the_xmlsafe_message(data, ontvanger):
    ontvanger()
    voor = stand()
    with pytest.raises(OngeldigeXml) as fout:
        lees_ontvangen(data)
    assert str(fout.value)
    if data in (XXE, LAUGHS):
        assert "DOCTYPE" in str(fout.value)
    assert stand() == voor


def test_a_bsn_failing_the_elfproef_is_refused_and_nothing_is_written(ontvanger):
    def ongeldig_bsn(root):
        root.find(f"{Q}huidigeschool/{Q}leerling/{Q}bsn").text = "123456789"

    xml = gewijzigd(voorbeeld("OV_POVO_full"), ongeldig_bsn)
    ontvangen = lees_ontvangen(xml)
    assert [p.veld for p in ontvangen.problemen] == ["pgn"]
    assert "elfproef" in ontvangen.problemen[0].bericht
    school, user = ontvanger(SoortSchool.VO)
    voor = stand()
    with pytest.raises(ImportFout) as fout:
        importeer_nieuw(ontvangen, school, user=user, xml=xml)
    assert "BSN in het dossier is ongeldig" in str(fout.value)
    assert "123456789" not in str(fout.value)
    assert stand() == voor


@pytest.mark.parametrize("naam", list(SWV_VOORBEELDEN))
def test_swv_example_is_read_but_cannot_make_a_pupil(naam, ontvanger):
    xml = voorbeeld(naam)
    ontvangen = lees_ontvangen(xml)
    root = boom(xml)
    assert ontvangen.profiel == SWV_VOORBEELDEN[naam]
    assert ontvangen.xsd_fouten == []
    assert ontvangen.leerling["achternaam"] == tekst(root, f"{LL}/d:achternaam")
    assert "pgn" not in ontvangen.leerling
    assert len(ontvangen.verzorgers) == tel(root, f"{LL}/d:verzorger")
    assert len(ontvangen.bijlagen) == tel(root, "//d:document[d:bestandsinhoud]")
    school, user = ontvanger(SoortSchool.BO)
    voor = stand()
    with pytest.raises(ImportFout) as fout:
        importeer_nieuw(ontvangen, school, user=user, xml=xml)
    assert "geen BSN en geen onderwijsnummer" in str(fout.value)
    assert stand() == voor


def test_a_dossier_failing_the_xsd_is_read_and_listed_but_cannot_be_imported(ontvanger):
    def wijzig(root):
        leerling = root.find(f"{Q}huidigeschool/{Q}leerling")
        leerling.find(f"{Q}geslacht").text = "x"
        leerling.find(f"{Q}onderwijssinds").text = "gisteren"

    xml = gewijzigd(voorbeeld("OV_POPO_opt_out"), wijzig)
    ontvangen = lees_ontvangen(xml)
    assert len(ontvangen.xsd_fouten) == 2
    redenen = {n.pad.rsplit("/", 1)[-1]: n.reden for n in ontvangen.niet_gemapt}
    assert redenen["geslacht"].startswith("Onbekende code")  # not in codelijst 14
    assert "codelijst 14 (Geslacht)" in redenen["geslacht"]
    assert redenen["onderwijssinds"].startswith("Geen geldige waarde")
    school, user = ontvanger(SoortSchool.BO)
    voor = stand()
    with pytest.raises(ImportFout) as fout:  # issue 11: the structure check blocks the import
        importeer_nieuw(ontvangen, school, user=user, xml=xml)
    assert "structuur van de standaard" in str(fout.value)
    assert stand() == voor


def test_a_pupil_without_geboortedatum_cannot_be_created(ontvanger):
    def zonder_geboortedatum(root):
        leerling = root.find(f"{Q}huidigeschool/{Q}leerling")
        leerling.remove(leerling.find(f"{Q}geboortedatum"))

    xml = gewijzigd(voorbeeld("OV_POPO_opt_out"), zonder_geboortedatum)
    ontvangen = lees_ontvangen(xml)
    assert ontvangen.xsd_fouten == []  # the standard allows it; our pupil needs one
    school, user = ontvanger(SoortSchool.BO)
    voor = stand()
    with pytest.raises(ImportFout) as fout:
        importeer_nieuw(ontvangen, school, user=user, xml=xml)
    assert "geboortedatum" in str(fout.value).lower()
    assert stand() == voor


def test_a_failure_halfway_leaves_no_rows_and_no_files(ontvanger, monkeypatch):
    from dossiers import importeren

    def faalt(self):
        raise RuntimeError("halverwege")

    monkeypatch.setattr(importeren._Import, "_blokken", faalt)
    xml = voorbeeld("OV_POPO_full")
    school, user = ontvanger(SoortSchool.BO)
    voor = stand()
    with pytest.raises(RuntimeError):
        importeer_nieuw(lees_ontvangen(xml), school, user=user, xml=xml)
    assert stand() == voor


def test_the_xml_must_be_the_one_that_was_read(ontvanger):
    xml = voorbeeld("OV_POPO_opt_out")
    school, user = ontvanger(SoortSchool.BO)
    ontvangen = lees_ontvangen(xml)
    voor = stand()
    with pytest.raises(ImportFout):
        importeer_nieuw(ontvangen, school, user=user, xml=xml + b"\n")
    assert stand() == voor


# --- what our validation refuses does not abort the import -------------------------------------


def test_an_invalid_optional_value_and_a_forbidden_file_type_are_listed_not_fatal(ontvanger):
    def wijzig(root):
        root.find(f"{Q}huidigeschool/{Q}leerling/{Q}leerlinggewicht").text = "9.99"
        naam = root.find(f".//{Q}overigdocumentlijst/{Q}document/{Q}bestandsnaam")
        naam.text = "groepsplan.exe"

    xml = gewijzigd(voorbeeld("OV_POPO_full"), wijzig)
    school, user = ontvanger(SoortSchool.BO)
    ontvangen = lees_ontvangen(xml)
    resultaat = importeer_nieuw(ontvangen, school, user=user, xml=xml)
    assert resultaat.leerling.leerlinggewicht == ""
    redenen = {n.pad.rsplit("/", 1)[-1]: n for n in resultaat.niet_gemapt}
    assert redenen["leerlinggewicht"].waarde == "9.99"
    assert "codelijst 15 (Gewicht)" in redenen["leerlinggewicht"].reden
    exe = [n for n in resultaat.niet_gemapt if n.waarde == "groepsplan.exe"]
    assert len(exe) == 1 and ".exe" in exe[0].reden
    assert resultaat.aantallen["bijlagen"] == len(ontvangen.bijlagen) - 1
    assert "leerlinggewicht" not in resultaat.gewijzigde_velden


# --- an existing pupil --------------------------------------------------------------------------


def test_import_into_an_existing_pupil_follows_the_choices(ontvanger):
    xml = voorbeeld("OV_POVO_full")
    root = boom(xml)
    school, user = ontvanger(SoortSchool.VO)
    bestaand = f.LeerlingFactory(
        school=school,
        pgn=tekst(root, f"{LL}/d:bsn"),
        voornamen="Daan",
        roepnaam="Danny",
        achternaam="Bergen",
        voorvoegsel="",
        plaats="Wilgendaal",
        groep="1A",
    )
    f.OverstapadviesFactory(leerling=bestaand, advies="30", wens_leerling="30")
    f.VerzorgerFactory(leerling=bestaand)
    ontvangen = lees_ontvangen(xml)

    verschillen = {v.veld: v for v in vergelijk(ontvangen, bestaand)}
    assert verschillen["achternaam"].label == "Achternaam"
    assert (verschillen["achternaam"].eigen, verschillen["achternaam"].ontvangen) == (
        "Bergen",
        "Berg",
    )
    assert verschillen["geboortedatum"].ontvangen == "17-03-2003"
    assert verschillen["geslacht"].ontvangen == "Man"
    assert verschillen["pgn"].gelijk and not verschillen["pgn"].kiesbaar
    assert bestaand.pgn not in verschillen["pgn"].eigen

    resultaat = importeer_bestaand(
        ontvangen,
        bestaand,
        keuzes={
            "achternaam": KEUZE_EIGEN,
            "roepnaam": KEUZE_ONTVANGEN,
            "geboortedatum": KEUZE_ONTVANGEN,
        },
        user=user,
        xml=xml,
    )
    ll = m.Leerling.objects.get(pk=bestaand.pk)
    assert ll.achternaam == "Bergen"  # eigen
    assert ll.roepnaam == "Daan"  # ontvangen
    assert ll.geboortedatum == date(2003, 3, 17)  # ontvangen
    assert ll.voorvoegsel == "van de"  # no choice, ours was empty: completed
    assert ll.plaats == "Wilgendaal"  # no choice, ours was filled: kept
    assert ll.groep == "1A"  # not in the dossier: untouched
    assert not resultaat.nieuw
    assert set(resultaat.gewijzigde_velden) >= {"roepnaam", "geboortedatum", "voorvoegsel"}
    assert "achternaam" not in resultaat.gewijzigde_velden
    # the existing overstapadvies is kept; the received one is listed
    assert ll.overstapadvies.advies == "30"
    assert any(
        n.pad.endswith("/overstapadvies/advies") and "behouden" in n.reden
        for n in resultaat.niet_gemapt
    )
    assert ll.verzorgers.count() == 1 + tel(root, f"{LL}/d:verzorger")
    assert ll.toetsen.count() == tel(root, f"{LL}/d:toetslijst/d:toets")
    assert AuditEvent.objects.filter(actie=ACTIE_GEIMPORTEERD, leerling=ll).count() == 1
    assert AuditEvent.objects.filter(actie="leerling_gewijzigd", leerling=ll).exists()

    # importing the same dossier again adds no duplicate rows
    opnieuw = importeer_bestaand(lees_ontvangen(xml), ll, keuzes={}, user=user, xml=xml)
    assert ll.verzorgers.count() == 1 + tel(root, f"{LL}/d:verzorger")
    assert ll.toetsen.count() == tel(root, f"{LL}/d:toetslijst/d:toets")
    assert opnieuw.overgeslagen["verzorgers"] == tel(root, f"{LL}/d:verzorger")
    assert opnieuw.gewijzigde_velden == []


def test_an_existing_pupil_with_another_bsn_is_refused(ontvanger):
    xml = voorbeeld("OV_VOVO_opt_out")
    school, user = ontvanger(SoortSchool.VO)
    ander = f.LeerlingFactory(school=school)
    voor = stand()
    with pytest.raises(ImportFout) as fout:
        importeer_bestaand(lees_ontvangen(xml), ander, keuzes={}, user=user, xml=xml)
    assert "niet dat van deze leerling" in str(fout.value)
    assert stand() == voor


def test_unknown_choices_are_refused(ontvanger):
    xml = voorbeeld("OV_VOVO_opt_out")
    school, user = ontvanger(SoortSchool.VO)
    leerling = f.LeerlingFactory(school=school, pgn=tekst(boom(xml), f"{LL}/d:bsn"))
    for keuzes in ({"pgn": KEUZE_ONTVANGEN}, {"achternaam": "beide"}, {"schoenmaat": "eigen"}):
        with pytest.raises(ImportFout):
            importeer_bestaand(lees_ontvangen(xml), leerling, keuzes=keuzes, user=user, xml=xml)


def test_the_pgn_never_shows_in_a_repr():
    xml = voorbeeld("OV_POVO_opt_out")
    ontvangen = lees_ontvangen(xml)
    bsn = tekst(boom(xml), f"{LL}/d:bsn")
    assert bsn not in repr(ontvangen.leerling)
    assert base64.b64encode(bsn.encode()).decode() not in repr(ontvangen.leerling)
