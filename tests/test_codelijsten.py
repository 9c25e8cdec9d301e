"""The code lists of the standard in one module: what the models, forms, demo data and the
import do with them, and the data migration of codes the app stored before."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from lxml import etree

from dossiers import services
from dossiers.importeren import lees_ontvangen
from dossiers.profielen import Profiel
from dossiers.verzamelen import verzamel
from dossiers.xml_bouwer import bouw_xml
from dossiers.xmlsafe import OSO_NAMESPACE
from leerlingen import codelijsten as cl
from leerlingen import models as m
from leerlingen.forms import section_form_class
from leerlingen.sections import SECTIONS

from . import factories as f
from .oso_mutaties import codelijst_mutatie, codevelden

Q = f"{{{OSO_NAMESPACE}}}"
MIGRATIE = importlib.import_module("leerlingen.migrations.0003_i9b_codes_naar_standaard")


def test_every_list_has_its_elements_and_every_element_its_list():
    assert set(cl.CODELIJST_PER_ELEMENT.values()) == set(cl.CODELIJSTEN) == set(cl.CODELIJST_NAMEN)
    for pad in cl.CODELIJST_PER_ELEMENT:
        assert pad.startswith("dossier/") and "{" not in pad and "[" not in pad, pad
    # the codes as the official validation has them (a few spot checks of the exact spelling)
    assert {"Percentiel", "T-score", "C-score", "Standaardscore", "LA", "NAZ"} <= cl.codes(11)
    assert "PR" not in cl.codes(11)
    assert cl.codes(31) == {"H", "M", "L", "Nvt"}
    assert cl.codes(9) == {str(n) for n in range(1, 16)}
    assert cl.codes(43) == {"G"}
    assert cl.codes(48) == {"VERPLICHT", "OPTIONEEL", "VERBODEN", "OPT-UIT"}
    assert cl.label(11, "Percentiel") == "Percentiel" and cl.label(11, "PR") is None


@pytest.mark.django_db
def test_models_accept_only_the_standards_codes():
    score = f.ToetsReferentiescoreFactory.build(toets=f.ToetsFactory(), code="PR")
    with pytest.raises(ValidationError) as fout:
        score.full_clean()
    assert "code" in fout.value.message_dict
    tlv = f.TLVFactory.build(leerling=f.LeerlingFactory(), categorie="laag")
    with pytest.raises(ValidationError):
        tlv.full_clean()
    f.TLVFactory(categorie=cl.TLVCategorie.HOOG)  # full_clean in the factory passes


def test_the_tlv_form_offers_the_list_with_dutch_labels():
    (sectie,) = [s for s in SECTIONS if s.model is m.TLV]
    keuzes = dict(section_form_class(sectie)().fields["categorie"].choices)
    assert keuzes["L"] == "Laag" and keuzes["Nvt"] == "Niet van toepassing"
    assert "laag" not in keuzes


@pytest.mark.django_db
def test_the_migration_moves_stored_codes_onto_the_standard_and_loses_nothing():
    toets = f.ToetsFactory(referentiescores=None)
    leerling = toets.leerling
    # what the app stored before (written without validation, as the old choices allowed)
    pr = m.ToetsReferentiescore.objects.create(toets=toets, code="PR", waarde="63")
    stanine = m.ToetsReferentiescore.objects.create(
        toets=toets, code="stanine", vergelijkingsgroep="landelijk", waarde="4"
    )
    tlv = f.TLVFactory(leerling=leerling)
    m.TLV.objects.filter(pk=tlv.pk).update(categorie="laag")
    diagnose = f.DiagnoseFactory(leerling=leerling)
    m.Diagnose.objects.filter(pk=diagnose.pk).update(code="f81.0")
    onbekend = m.ToetsReferentiescore.objects.create(toets=toets, code="XYZ", waarde="1")

    MIGRATIE.naar_standaard(apps, None)

    pr.refresh_from_db()
    stanine.refresh_from_db()
    tlv.refresh_from_db()
    diagnose.refresh_from_db()
    onbekend.refresh_from_db()
    assert (pr.code, pr.waarde) == ("Percentiel", "63")
    assert (stanine.code, stanine.vergelijkingsgroep, stanine.waarde) == (
        "Stanine",
        "Landelijk",
        "4",
    )
    assert tlv.categorie == "L"
    assert diagnose.code == "F81.0"
    assert onbekend.code == "XYZ"  # no counterpart in the standard: kept as entered
    for obj in (pr, stanine, tlv, diagnose):
        obj.full_clean()


@pytest.mark.django_db
def test_a_received_code_we_do_not_know_is_shown_raw_in_the_review_never_dropped():
    leerling = f.LeerlingFactory(groep8=True)
    f.vul_alle_blokken(leerling)
    dossier = services.dossier_van(leerling)
    dossier.binnen_brin = True
    keuzes = services.standaard_keuzes(dossier, Profiel.BINNEN_BRIN_POPO)
    tree = etree.ElementTree(etree.fromstring(bouw_xml(verzamel(leerling.pk, keuzes))))
    assert {11, 41} <= {n for n, _ in codevelden(tree)}
    codelijst_mutatie(11, "PR")(tree)
    codelijst_mutatie(41, "oom")(tree)

    ontvangen = lees_ontvangen(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))

    onbekend = {(n.pad.rsplit("/", 1)[1], n.waarde): n.reden for n in ontvangen.niet_gemapt}
    assert "codelijst 11 (Referentiescore)" in onbekend[("codereferentiescore", "PR")]
    assert "codelijst 41 (Relatie tot kind)" in onbekend[("relatietotkind", "oom")]
    # and the review lists our rule's message, naming the field and the raw value
    berichten = " ".join(m.bericht for m in ontvangen.meldingen)
    assert "'Soort referentiescore' heeft de waarde 'PR'" in berichten
    assert "'Relatie tot het kind' heeft de waarde 'oom'" in berichten
