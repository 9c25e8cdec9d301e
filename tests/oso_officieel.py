"""The official OSO 2019.1 validation as a test oracle: the XSD (lxml) and the XSLT 2.0
stylesheets (saxonche), read from ``settings.OSO_STANDARD_DIR``. Test code only: the product
never needs these files.

Each stylesheet is compiled once per test session; one transformation takes milliseconds.

    uitslag = officieel(xml_bytes)
    uitslag.fouten          # [Fout(tekst, locatie, pad)] of the stylesheet
    uitslag.xsd_fouten      # the XSD's messages
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

OSO_NS = "http://www.edustandaard.nl/oso_gegevensset/2019/dossier"
MELDINGEN_NS = "http://www.edustandaard.nl/oso_gegevensset/2019/schemas/Meldingen"
OV = "OV/ValideerOverstapprofielen.xsl"
PAO = "PaO/ValideerSwvPaO-profielen.xsl"


def standaard_map() -> Path:
    """The official files, or skip the test when OSO_STANDARD_DIR is not set."""
    basis = getattr(settings, "OSO_STANDARD_DIR", "") or ""
    if not str(basis).strip():
        pytest.skip("OSO_STANDARD_DIR is not set: the official oracle needs the standard's files")
    pad = Path(basis)
    assert (pad / "OSO_gegevensset.xsd").is_file(), f"no XSD in OSO_STANDARD_DIR={pad}"
    assert (pad / "xslt" / OV).is_file(), f"no validation stylesheets in {pad / 'xslt'}"
    return pad


@functools.cache
def _saxon(map_: str):
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    xslt = processor.new_xslt30_processor()
    gecompileerd = {}
    for naam in (OV, PAO):
        bestand = Path(map_) / "xslt" / naam
        tekst = bestand.read_text(encoding="utf-8")
        for href in re.findall(r'<xsl:include href="([^"]+)"', tekst):
            tekst = tekst.replace(f'href="{href}"', f'href="{_include(bestand.parent / href)}"')
        gecompileerd[naam] = xslt.compile_stylesheet(
            stylesheet_text=tekst, base_uri=bestand.resolve().as_uri()
        )
    return processor, gecompileerd


def _include(pad: Path) -> str:
    """The included stylesheet's URI. The copy of the standard here keeps the include as a
    plain-text link ("../../common/ValideerOSOgegevensset.xsl") where a symlink was; follow it."""
    inhoud = pad.read_bytes()
    if not inhoud.lstrip().startswith(b"<"):
        pad = (pad.parent / inhoud.decode("utf-8").strip()).resolve()
    return pad.resolve().as_uri()


@functools.cache
def _xsd(map_: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(Path(map_) / "OSO_gegevensset.xsd")))


@dataclass(frozen=True)
class Fout:
    tekst: str
    locatie: str  # the stylesheet's own: /dossier[1]/huidigeschool[1]/...
    pad: str | None  # the same element in dossiers.regels.pad() notation, None for the document


@dataclass
class Uitslag:
    stylesheet: str
    fouten: list[Fout] = field(default_factory=list)
    xsd_fouten: list[str] = field(default_factory=list)

    @property
    def geldig(self) -> bool:
        return not self.fouten and not self.xsd_fouten

    def teksten(self) -> list[str]:
        return [f"{f.locatie}: {f.tekst}" for f in self.fouten] + self.xsd_fouten


def stylesheet_voor(root: etree._Element) -> str:
    """PaO for an SWV dossier, OV for the rest (as the standard's README says)."""
    soort = root.findtext(f"{{{OSO_NS}}}overdrachtsoort") or ""
    overstap = root.findtext(f"{{{OSO_NS}}}metadata/{{{OSO_NS}}}overstap") or ""
    return PAO if "swv" in soort.lower() or overstap in ("POSWV", "VOSWV") else OV


_STAP = re.compile(r"/([^/\[]*)\[(\d+)\]")


def _element_van(root: etree._Element, locatie: str) -> etree._Element | None:
    stappen = _STAP.findall(locatie)
    if not stappen or not stappen[0][0]:
        return None  # the document node: a check of the whole dossier
    (naam, _), *rest = stappen
    if etree.QName(root).localname != naam:
        return None
    huidig = root
    for naam, nummer in rest:
        gelijk = [k for k in huidig if isinstance(k.tag, str) and etree.QName(k).localname == naam]
        if len(gelijk) < int(nummer):
            return None
        huidig = gelijk[int(nummer) - 1]
    return huidig


def officieel(xml: bytes, stylesheet: str | None = None) -> Uitslag:
    """Run the official XSD and the fitting (or the given) stylesheet over one dossier."""
    from dossiers.regels import pad

    map_ = str(standaard_map().resolve())
    root = etree.fromstring(xml)
    stylesheet = stylesheet or stylesheet_voor(root)
    uitslag = Uitslag(stylesheet)
    schema = _xsd(map_)
    if not schema.validate(root):
        uitslag.xsd_fouten = [f"regel {e.line}: {e.message}" for e in schema.error_log]
    processor, gecompileerd = _saxon(map_)
    knoop = processor.parse_xml(xml_text=xml.decode("utf-8"))
    uitvoer = gecompileerd[stylesheet].transform_to_string(xdm_node=knoop)
    meldingen = etree.fromstring(uitvoer.encode("utf-8"))
    for melding in meldingen.iter(f"{{{MELDINGEN_NS}}}melding"):
        if (melding.findtext(f"{{{MELDINGEN_NS}}}type") or "").strip() != "Fout":
            continue
        locatie = (melding.findtext(f"{{{MELDINGEN_NS}}}locatie") or "").strip()
        element = _element_van(root, locatie)
        uitslag.fouten.append(
            Fout(
                tekst=(melding.findtext(f"{{{MELDINGEN_NS}}}tekst") or "").strip(),
                locatie=locatie,
                pad=pad(element) if element is not None else None,
            )
        )
    return uitslag


def voorbeelden() -> list[Path]:
    """The 12 official example dossiers."""
    return sorted((standaard_map() / "examples").glob("*.xml"))
