"""The import reads a received dossier by the description of the gegevensset (issue 9), and the
review page names what has no place in the administration by the description's Dutch labels."""

from __future__ import annotations

from dossiers import gegevensset
from dossiers.importeren import lees_ontvangen
from trafficcenter_client.importweergave import weergave

from .test_importeren import NS, gewijzigd, voorbeeld


def _buitenlands_adres(root):
    """The pupil has one address, abroad: it does not fit our address fields."""
    lijst = root.find("d:huidigeschool/d:leerling/d:adreslijst", NS)
    eerste, *andere = lijst.findall("d:adres", NS)
    for adres in andere:
        lijst.remove(adres)
    eerste.find("d:postcode", NS).text = "B-1000"


def test_the_review_names_unmapped_values_by_the_labels_of_the_description():
    xml = gewijzigd(voorbeeld("OV_POVO_full"), _buitenlands_adres)
    ontvangen = lees_ontvangen(xml)
    straat = next(
        n for n in ontvangen.niet_gemapt if n.pad.endswith("/leerling/adreslijst/adres/straat")
    )
    namen = dict(weergave(ontvangen).niet_gemapt)
    assert ("Leerling › Adres › Straat", straat.waarde) in weergave(ontvangen).niet_gemapt
    # no element path (adreslijst, soortadres, verzorger[2]) stands on the page
    assert not any("adreslijst" in n or "[" in n for n in namen)
    tweede = next(n for n in ontvangen.niet_gemapt if "/verzorger[2]/" in n.pad)
    assert gegevensset.huidig().plaats(tweede.pad) in namen
    assert "Ouder/verzorger 2" in gegevensset.huidig().plaats(tweede.pad)


def test_a_place_names_its_levels_attributes_and_unknown_elements_in_dutch():
    g = gegevensset.huidig()
    assert g.plaats("/dossier/huidigeschool/leerling/adreslijst/adres/straat") == (
        "Leerling › Adres › Straat"
    )
    assert g.plaats("/dossier/huidigeschool/leerling/verzorger[2]/adreslijst/adres[1]/plaats") == (
        "Ouder/verzorger 2 › Adres 1 › Plaats"
    )
    assert g.plaats("/dossier/huidigeschool/leerling/nationaliteit/@omschrijving") == (
        "Leerling › Nationaliteit › Omschrijving"
    )
    assert g.plaats("/dossier/huidigeschool/leerling/overstapadvies/contactnodig") == (
        "Leerling › Overstapadvies › Contact met de school nodig"
    )
    assert g.plaats("/dossier/huidigeschool/leerling/iets_nieuws") == (
        "Gegevens huidige school › Leerling › Iets nieuws"
    )
