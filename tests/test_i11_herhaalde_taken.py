"""Issue 11, finding 9: a collection killed mid-task and redelivered later made a new version and
dropped the klaarzetting made in the meantime (the receiving school then got
LEERLINGINFO_NIET_OPVRAAGBAAR). A redelivered job acts only when it is still the latest for its
dossier; otherwise it ends "vervangen" and changes nothing."""

from __future__ import annotations

import pytest
from django.conf import settings

from dossiers import services, tasks
from dossiers.models import DossierVersie, Verwerking, Verzamelopdracht
from dossiers.profielen import Profiel
from leerlingen.models import MapItem

from .test_dossiers import (  # noqa: F401 - fixtures
    collect,
    medewerker,
    po_school,
    register_inzage,
    uitgeschreven,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _standaard():
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: collecting validates against the official XSD")


def test_a_late_rerun_of_a_killed_collection_is_a_no_op(uitgeschreven, medewerker):  # noqa: F811
    dossier = services.dossier_van(uitgeschreven)
    keuzes = services.standaard_keuzes(dossier, Profiel.POPO)
    # job A starts and its worker is killed halfway: the row says "bezig", no version
    oud = services.verzamelen_aanvragen(
        dossier=dossier, keuzes=keuzes, user=medewerker, direct=True
    )
    Verzamelopdracht.objects.filter(pk=oud.pk).update(status=Verwerking.BEZIG, pogingen=1)

    # meanwhile the school collects again and klaarzet the dossier for the next school
    dossier, versie = collect(uitgeschreven, "POPO", user=medewerker)
    register_inzage(dossier)
    klaarzetting = services.klaarzetten(dossier=dossier)
    versies = DossierVersie.objects.count()
    pdfs = MapItem.objects.count()

    # job A is redelivered (acks_late, a sweeper): it must not act
    assert tasks.verzamel_dossier(str(oud.pk)) is None
    oud.refresh_from_db()
    assert oud.status == Verwerking.VERVANGEN
    dossier.refresh_from_db()
    assert DossierVersie.objects.count() == versies
    assert dossier.huidige_versie_id == versie.pk
    assert dossier.klaarzetting_id == klaarzetting.pk  # still klaargezet for the next school
    assert MapItem.objects.count() == pdfs


def test_a_late_pdf_job_for_an_older_version_files_nothing(uitgeschreven, medewerker):  # noqa: F811
    dossier, eerste = collect(uitgeschreven, "POPO", user=medewerker)
    dossier, tweede = collect(uitgeschreven, "POPO", user=medewerker)
    DossierVersie.objects.filter(pk=eerste.pk).update(pdf=None)  # its PDF job never ran
    pdfs = MapItem.objects.count()
    assert tasks.maak_pdf(eerste.pk) is None
    assert MapItem.objects.count() == pdfs
    assert tasks.maak_pdf(tweede.pk) is not None  # the current version's job still acts


def test_the_latest_job_still_acts(uitgeschreven, medewerker):  # noqa: F811
    dossier, versie = collect(uitgeschreven, "POPO", user=medewerker)
    assert versie is not None and versie.opdracht.status == Verwerking.KLAAR
