"""Issue 11, finding 7: a new pupil was created from a dossier whose BSN differs from the number
asked for; a POVO dossier with a VVE block (forbidden for the profile) created a VVE row; a
dossier failing the XSD could be imported. Now each is refused, and nothing is written."""

from __future__ import annotations

import copy

import pytest

from dossiers.importeren import ImportFout, importeer_nieuw, lees_ontvangen
from leerlingen import models as m
from leerlingen.models import pgn_hash
from scholen.models import SoortSchool
from trafficcenter_client.models import OpvraagStatus, Opvraging
from trafficcenter_client.services import opvraging_importeren

from .test_importeren import Q, gewijzigd, ontvanger, stand, voorbeeld  # noqa: F401 - fixture

VVE = ("vanpeuterspeelzaal", "naampeuterspeelzaal", "voorschools", "vroegschools")


def povo_met_vve() -> bytes:
    popo = voorbeeld("OV_POPO_full")
    from lxml import etree

    bron = etree.fromstring(popo).find(f"{Q}huidigeschool/{Q}leerling")
    vve = [copy.deepcopy(el) for el in bron if etree.QName(el).localname in VVE]
    assert vve

    def voeg_toe(root):
        ll = root.find(f"{Q}huidigeschool/{Q}leerling")
        na = ll.find(f"{Q}overstapadvies")
        for i, el in enumerate(vve):
            ll.insert(ll.index(na) + 1 + i, el)

    return gewijzigd(voorbeeld("OV_POVO_full"), voeg_toe)


def test_a_forbidden_block_is_never_stored_and_shown_as_refused(ontvanger):  # noqa: F811
    xml = povo_met_vve()
    ontvangen = lees_ontvangen(xml)
    assert ontvangen.vve is None  # taken out of what can be imported
    geweigerd = [n for n in ontvangen.niet_gemapt if n.reden.startswith("Geweigerd")]
    assert geweigerd and "VVE" in geweigerd[0].reden and "POVO" in geweigerd[0].reden
    school, user = ontvanger(SoortSchool.VO)
    voor = stand()
    with pytest.raises(ImportFout):  # and the profile rule blocks the dossier as a whole
        importeer_nieuw(ontvangen, school, user=user, xml=xml)
    assert stand() == voor
    assert not m.VVE.objects.exists()


def test_a_dossier_with_another_pupils_number_is_refused(ontvanger):  # noqa: F811
    xml = voorbeeld("OV_POVO_full")
    ontvangen = lees_ontvangen(xml)
    assert ontvangen.leerling["pgn"]
    school, user = ontvanger(SoortSchool.VO)
    opvraging = Opvraging.objects.create(
        school=school,
        herkomst_brin="15TT",
        overdrachtsoort="Overstapdossier",
        pgn_type="bsn",
        pgn_hash=pgn_hash("bsn", "111222333"),  # the number the school asked for
        status=OpvraagStatus.KLAAR,
        resultaat="OverdrachtGeslaagd",
        xml=xml,
    )
    voor = stand()
    with pytest.raises(ImportFout) as fout:
        opvraging_importeren(opvraging, ontvangen, keuzes={}, user=user)
    assert "niet het nummer waarmee het is opgevraagd" in str(fout.value)
    assert stand() == voor
    assert Opvraging.objects.get(pk=opvraging.pk).geimporteerd_op is None
