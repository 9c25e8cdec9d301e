"""The dossier's PDF (dossiers/pdf.py): rendered from the dossier XML, readable by a parent.

A small hand-made dossier covers the module in every run; the official examples of the
standard (OSO_STANDARD_DIR) are rendered too when the files are there. ``pdftotext`` is used
when it is installed, but no test depends on it: the assertions are on the HTML.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.conf import settings
from lxml import etree
from lxml import html as lhtml

from dossiers import pdf
from dossiers.profielen import (
    BLOKKEN,
    Categorie,
    Profiel,
    categorie_uitlevering,
    profiel_van_dossier,
    verboden,
)
from dossiers.xmlsafe import OSO_NAMESPACE, OngeldigeXml

NS = {"d": OSO_NAMESPACE}
BSN = "123456782"
GROEPEN = dict(pdf.GROEPEN)
HOOFDSTUKKEN = [
    "Algemene dossiergegevens",
    "Overzicht van de gegevensblokken",
    "Inzage",
    "Gegevens huidige school",
    "Leerling",
]


# --- a small dossier, built here ---------------------------------------------------------------


def minimaal(
    *,
    achternaam: str = "Jansen",
    adresgeheim: bool = False,
    website: str = "www.deregenboog.nl",
    aandachtspunten: str = "Houdt van lezen.",
    bestandsnaam: str = "verslag.pdf",
    extra_leerling: str = "",
    extra_advies: str = "",
    extra_root: str = "",
) -> bytes:
    """A POPO dossier with the required blocks plus Bijlagedocumenten."""
    cats = categorie_uitlevering(Profiel.POPO, {"bijlagen"})
    uitlevering = "".join(
        f"<{b.categorie_element}>{cats[b.slug].value}</{b.categorie_element}>" for b in BLOKKEN
    )
    adres = (
        ""
        if adresgeheim
        else "<adreslijst><adres><soortadres>bezoek</soortadres><straat>Dorpsstraat</straat>"
        "<nummer>12</nummer><postcode>1234AB</postcode><plaats>Ergens</plaats></adres>"
        "</adreslijst>"
    )
    e = escape
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<dossier xmlns="{OSO_NAMESPACE}">
  <metadata><deeldossier>LAS</deeldossier><pakketnaam>OSO-module LAS</pakketnaam>
    <pakketversie>0.1.0</pakketversie><datum>2026-06-15</datum>
    <standaardversie>2019.1</standaardversie><validatieversie>2019.1.1</validatieversie>
    <categorie_uitlevering>{uitlevering}</categorie_uitlevering><overstap>POPO</overstap>
  </metadata>
  <overdrachtsoort>overstapdossier</overdrachtsoort>
  <inzage><voorlopigdossier>false</voorlopigdossier><inzage>true</inzage>
    <inzagedatum>2026-06-10</inzagedatum><akkoord>Nee</akkoord>
    <redennietakkoord>Wij zien het anders.</redennietakkoord><toestemming>Ja</toestemming>
  </inzage>
  <huidigeschool><naam>De Regenboog</naam>
    <communicatielijst><communicatie><soort>telefoon</soort><nummer>0101234567</nummer>
    </communicatie></communicatielijst>
    <brincode>14SS</brincode><vestigingscode>00</vestigingscode><aanleverpunt>0</aanleverpunt>
    <soort>BO</soort><naamdirecteur>J. Derksen</naamdirecteur><website>{e(website)}</website>
    <leerling><voornaam>Sanne</voornaam><achternaam>{e(achternaam)}</achternaam>
      <geboortedatum>2015-03-17</geboortedatum><geslacht>1</geslacht>
      <adresgeheim>{"true" if adresgeheim else "false"}</adresgeheim>{adres}
      <communicatielijst><communicatie><soort>telefoon</soort><aanduiding>prive</aanduiding>
        <nummer>9999999999</nummer><geheim>true</geheim></communicatie></communicatielijst>
      <bsn>{BSN}</bsn><datuminschrijving>2019-08-19</datuminschrijving>{extra_leerling}
      <overstapadvies><contactnodig>true</contactnodig><contactpersoon>Mevr. Smits</contactpersoon>
        <contacttelefoon>0101234568</contacttelefoon>
        <aandachtspunten>{e(aandachtspunten)}</aandachtspunten>{extra_advies}</overstapadvies>
      <schoolloopbaanlijst><schoolloopbaan><schooljaar>2025-2026</schooljaar>
        <groepscode>8a</groepscode><jaargroep>8</jaargroep><brincode>14SS</brincode>
        <vestigingscode>00</vestigingscode></schoolloopbaan></schoolloopbaanlijst>
      <overigdocumentlijst><document><bestandsnaam>{e(bestandsnaam)}</bestandsnaam>
        <omschrijving>Verslag van het gesprek</omschrijving>
        <bestandsinhoud>QkFTRTY0LUlOSE9VRC1NQUctTklFVA==</bestandsinhoud></document>
      </overigdocumentlijst>
      <verzorger><voornaam>Petra</voornaam><achternaam>Jansen</achternaam>
        <relatietotkind>2</relatietotkind><wettigevertegenwoordiger>true</wettigevertegenwoordiger>
      </verzorger>
    </leerling>
  </huidigeschool>{extra_root}
</dossier>""".encode()


def doc(html: str) -> lhtml.HtmlElement:
    return lhtml.fromstring(html)


def koppen(html: str) -> list[str]:
    return [h.text_content() for h in doc(html).iter("h2")]


def groepen(html: str) -> dict[str, list[str]]:
    """The four groups as the PDF lists them: group title -> block names."""
    result = {}
    for rij in doc(html).get_element_by_id("groepen").iter("tr"):
        titel, waarde = (c.text_content() for c in rij)
        result[titel] = [] if waarde == "Geen" else waarde.split(", ")
    return result


def sectie_tekst(html: str, slug: str) -> str:
    return doc(html).get_element_by_id(slug).text_content()


def aantal_paginas(xml: bytes) -> tuple[bytes, int]:
    document = pdf.render_document(xml)
    return document.write_pdf(), len(document.pages)


# --- the small dossier ---------------------------------------------------------------------------


def test_minimal_dossier_renders_html_and_pdf():
    html = pdf.render_html(minimaal())
    assert koppen(html) == [
        *HOOFDSTUKKEN,
        "Ouders/Verzorgers",
        "Schoolloopbaan",
        "Overstapadvies",
        "Bijlagedocumenten",
    ]
    data, paginas = aantal_paginas(minimaal())
    assert data.startswith(b"%PDF-")
    assert paginas >= 1
    assert pdf.render_pdf(minimaal()).startswith(b"%PDF-")


def test_values_are_readable_for_parents():
    html = pdf.render_html(minimaal())
    algemeen = sectie_tekst(html, "metadata")
    assert "Overstapdossier: het dossier gaat naar een andere school" in algemeen
    assert "Van een basisschool naar een andere basisschool (PO-PO)" in algemeen
    assert "15-06-2026" in algemeen and "2026-06-15" not in html  # dd-mm-jjjj
    inzage = sectie_tekst(html, "ouderinzage")
    assert "Nee, ouders/verzorgers zijn niet akkoord met de inhoud" in inzage
    assert "Wij zien het anders." in inzage  # the zienswijze
    leerling = sectie_tekst(html, "leerling")
    assert "Vrouw" in leerling and "17-03-2015" in leerling
    assert "Geheim" in leerling and "9999999999" not in html  # a secret phone number
    verzorgers = sectie_tekst(html, "verzorgers")
    assert "Moeder: Petra Jansen" in verzorgers and "Ja" in verzorgers
    advies = sectie_tekst(html, "overstapadvies")
    assert "Contact met de school nodig" in advies and "Mevr. Smits" in advies
    assert "Groep 8" in sectie_tekst(html, "schoolloopbaan")
    assert "Basisonderwijs" in sectie_tekst(html, "school")


def test_groups_of_a_popo_dossier():
    html = pdf.render_html(minimaal())
    lijst = groepen(html)
    assert lijst[GROEPEN[Categorie.VERBODEN]] == ["VO-MBO"]
    assert lijst[GROEPEN[Categorie.OPTIONEEL]] == ["Bijlagedocumenten"]
    assert "VVE" in lijst[GROEPEN[Categorie.OPT_UIT]]
    assert "Leerling" in lijst[GROEPEN[Categorie.VERPLICHT]]


def test_the_pgn_is_masked():
    html = pdf.render_html(minimaal())
    assert BSN not in html
    assert "*****6782" in sectie_tekst(html, "leerling")


def test_a_secret_address_shows_adres_geheim():
    html = pdf.render_html(minimaal(adresgeheim=True))
    leerling = sectie_tekst(html, "leerling")
    assert "Adres geheim" in leerling
    assert "Dorpsstraat" not in html
    assert "Dorpsstraat" in pdf.render_html(minimaal())


def test_attachments_are_listed_not_embedded():
    html = pdf.render_html(minimaal())
    bijlagen = sectie_tekst(html, "bijlagen")
    assert "verslag.pdf" in bijlagen and "Verslag van het gesprek" in bijlagen
    assert "QkFTRTY0" not in html


def test_what_no_section_lays_out_is_still_shown():
    html = pdf.render_html(
        minimaal(
            extra_advies="<toekomstigadviesveld>iets nieuws</toekomstigadviesveld>",
            extra_leerling="<nieuwveld>2026-01-31</nieuwveld>",
            extra_root="<nabrander>nog meer</nabrander>",
        )
    )
    advies = sectie_tekst(html, "overstapadvies")
    assert "Toekomstigadviesveld" in advies and "iets nieuws" in advies
    leerling = sectie_tekst(html, "leerling")
    assert "Nieuwveld" in leerling and "31-01-2026" in leerling
    assert "Overige gegevens" in koppen(html)
    assert "nog meer" in sectie_tekst(html, "overig")


def test_a_refused_dossier_is_refused():
    with pytest.raises(OngeldigeXml):
        pdf.render_html(b"<niet-oso/>")


# --- nothing is ever fetched -------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "https://example.org/logo.png",
        "file:///etc/passwd",
        "data:text/plain,hallo",
        "ftp://example.org/x",
        "/etc/passwd",
        "",
    ],
)
def test_the_fetcher_refuses_every_url(url):
    fetcher = pdf.GeenUrls()
    with pytest.raises(ValueError):
        fetcher(url)
    with pytest.raises(ValueError):
        fetcher.fetch(url)
    with pytest.raises(ValueError):
        fetcher.open(url)


@pytest.fixture
def luisteraar():
    """A local TCP port that records whether anyone connected to it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(5)
        server.setblocking(False)
        yield server


@pytest.fixture
def pogingen(monkeypatch):
    """Every URL WeasyPrint asks our fetcher for (and is refused)."""
    gevraagd: list[str] = []
    origineel = pdf.GeenUrls.fetch

    def fetch(self, url, headers=None):
        gevraagd.append(url)
        return origineel(self, url, headers)

    monkeypatch.setattr(pdf.GeenUrls, "fetch", fetch)
    return gevraagd


def _niemand_verbonden(server: socket.socket) -> bool:
    try:
        server.accept()[0].close()
    except BlockingIOError:
        return True
    return False


def test_markup_in_a_dossier_cannot_make_the_renderer_fetch(luisteraar, pogingen):
    poort = luisteraar.getsockname()[1]
    url = f"http://127.0.0.1:{poort}/x"
    xml = minimaal(
        achternaam=f'<img src="{url}">',
        website="file:///etc/passwd",
        aandachtspunten=f'<style>@import url("{url}");</style><link rel=stylesheet href="{url}">',
        bestandsnaam='<iframe src="file:///etc/passwd"></iframe>',
    )
    html = pdf.render_html(xml)
    pagina = doc(html)
    for tag in ("img", "link", "iframe", "object", "embed"):
        assert not list(pagina.iter(tag)), tag
    assert len(list(pagina.iter("style"))) == 1  # ours, in the head
    assert "&lt;img" in html  # shown as text
    assert pdf.render_pdf(xml).startswith(b"%PDF-")
    assert pogingen == []
    assert _niemand_verbonden(luisteraar)


def test_even_our_own_html_gets_nothing_fetched(luisteraar, pogingen):
    """The fetcher is really wired in: references in the HTML itself are refused."""
    poort = luisteraar.getsockname()[1]
    html = (
        f'<link rel="stylesheet" href="http://127.0.0.1:{poort}/s.css">'
        f'<style>@import url("http://127.0.0.1:{poort}/i.css");</style>'
        f'<p>x</p><img src="http://127.0.0.1:{poort}/x.png"><img src="file:///etc/passwd">'
    )
    assert pdf.html_naar_pdf(html).startswith(b"%PDF-")
    assert any("127.0.0.1" in url for url in pogingen)
    assert "file:///etc/passwd" in pogingen
    assert _niemand_verbonden(luisteraar)


# --- the official examples ------------------------------------------------------------------------


def _voorbeelden() -> list[Path]:
    if not settings.OSO_STANDARD_DIR:
        return []
    return sorted((Path(settings.OSO_STANDARD_DIR) / "examples").glob("*.xml"))


VOORBEELDEN = _voorbeelden()
conformance = pytest.mark.conformance


def _voorbeeld(naam: str) -> bytes:
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: the PDF tests of the examples need the files")
    pad = Path(settings.OSO_STANDARD_DIR) / "examples" / naam
    assert pad.exists(), f"{naam} is missing from OSO_STANDARD_DIR"
    return pad.read_bytes()


@conformance
@pytest.mark.parametrize(
    "pad", VOORBEELDEN or [None], ids=[p.stem for p in VOORBEELDEN] or ["geen-standaard"]
)
def test_every_official_example_renders(pad: Path | None, tmp_path):
    if pad is None:
        pytest.skip("OSO_STANDARD_DIR is not set (or has no examples): nothing to render")
    xml = pad.read_bytes()
    html = pdf.render_html(xml)
    h2 = koppen(html)
    assert h2[:4] == HOOFDSTUKKEN[:4] and "Leerling" in h2
    tree = etree.fromstring(xml)

    # the four groups are those the dossier declares, each block in exactly one
    lijst = groepen(html)
    assert set(lijst) == set(GROEPEN.values())
    for blok in BLOKKEN:
        cat = tree.findtext(f".//d:categorie_uitlevering/d:{blok.categorie_element}", None, NS)
        assert blok.naam in lijst[GROEPEN[Categorie(cat)]], (blok.naam, cat)
    assert sum(len(namen) for namen in lijst.values()) == len(BLOKKEN)
    profiel = profiel_van_dossier(
        tree.findtext("d:overdrachtsoort", None, NS), tree.findtext(".//d:overstap", None, NS)
    )
    assert lijst[GROEPEN[Categorie.VERBODEN]] == [b.naam for b in verboden(profiel)]

    # the PGN only masked; attachments by name, never their content
    for pgn in tree.iterfind(".//d:bsn", NS):
        assert pgn.text not in html
        assert f"*****{pgn.text[-4:]}" in html
    for document in tree.iterfind(".//d:document", NS):
        assert escape(document.findtext("d:bestandsnaam", None, NS)) in html
        assert document.findtext("d:bestandsinhoud", None, NS)[:40] not in html

    data, paginas = aantal_paginas(xml)
    assert data.startswith(b"%PDF-") and paginas >= 2
    if shutil.which("pdftotext"):
        bestand = tmp_path / "dossier.pdf"
        bestand.write_bytes(data)
        tekst = subprocess.run(
            ["pdftotext", "-layout", str(bestand), "-"], capture_output=True, check=True, text=True
        ).stdout
        for kop in h2:
            assert kop in tekst
        assert f"Pagina 1 van {paginas}" in tekst


@conformance
def test_vve_is_forbidden_in_povo_and_chosen_in_popo():
    povo = groepen(pdf.render_html(_voorbeeld("Voorbeelddossier_OV_POVO_full.xml")))
    assert povo[GROEPEN[Categorie.VERBODEN]] == ["VVE", "VO-MBO"]
    assert "VVE" not in koppen(pdf.render_html(_voorbeeld("Voorbeelddossier_OV_POVO_full.xml")))
    popo_html = pdf.render_html(_voorbeeld("Voorbeelddossier_OV_POPO_full.xml"))
    popo = groepen(popo_html)
    assert "VVE" in popo[GROEPEN[Categorie.OPTIONEEL]]
    assert popo[GROEPEN[Categorie.VERBODEN]] == ["VO-MBO"]
    assert "VVE" in koppen(popo_html)
    opt_out = groepen(pdf.render_html(_voorbeeld("Voorbeelddossier_OV_POPO_opt_out.xml")))
    assert "VVE" in opt_out[GROEPEN[Categorie.OPT_UIT]]
    assert opt_out[GROEPEN[Categorie.OPTIONEEL]] == []


@conformance
def test_an_example_with_a_secret_address():
    tree = etree.fromstring(_voorbeeld("Voorbeelddossier_OV_POPO_full.xml"))
    leerling = tree.find("d:huidigeschool/d:leerling", NS)
    leerling.find("d:adresgeheim", NS).text = "true"
    for naam in ("adreslijst", "adresbuitenland"):
        for element in leerling.findall(f"d:{naam}", NS):
            leerling.remove(element)
    html = pdf.render_html(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    tekst = sectie_tekst(html, "leerling")
    assert "Adres geheim" in tekst
    assert "Hoofdstraat" not in tekst and "Downing" not in tekst
