"""Issue 12: migration zorgvraag 0003 moves the zorgvraag's PDF and a terugkoppeling's document
out of their encrypted blob columns into encrypted files in the default storage, and back."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from leerlingen import demo
from zorgvraag.models import Terugkoppeling, Zorgvraag

from . import factories as f

VOOR = [("zorgvraag", "0002_i11_versleuteld")]
NA = [("zorgvraag", "0003_pdf_en_document_als_bestand")]
PDF = demo.minimal_pdf("SWV-dossier", ["Zorgvraag van voor issue 12."])
BESCHIKKING = demo.minimal_pdf("Beschikking", ["Arrangement toegekend."])


def migreer(doel):
    """Migrate zorgvraag to ``doel``; the historical models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(doel)
    return MigrationExecutor(connection).loader.project_state(doel).apps


def bestanden() -> list[Path]:
    map_ = Path(settings.MEDIA_ROOT) / "zorgvraag"
    return sorted(p for p in map_.rglob("*") if p.is_file())


@pytest.mark.django_db(transaction=True)
def test_migratie_zet_pdf_en_document_als_versleutelde_bestanden_en_terug():
    # the pupil through today's models: only the zorgvraag app goes back in time
    leerling = f.LeerlingFactory()
    try:
        oud = migreer(VOOR)
        OudeZorgvraag = oud.get_model("zorgvraag", "Zorgvraag")  # noqa: N806
        OudeTerugkoppeling = oud.get_model("zorgvraag", "Terugkoppeling")  # noqa: N806
        velden = {
            "leerling_id": leerling.pk,
            "omschrijving": "Aanvraag arrangement",
            "profiel": "SWV_PO",
            "swv_code": "PO2801",
            "swv_routeringskenmerk": "SWV1",
            "swv_naam": "Loket PO",
            "bron_routeringskenmerk": "LAS1",
            "xml": b"<dossier/>",
            "verzameld_op": timezone.now(),
        }
        met = OudeZorgvraag.objects.create(pdf=PDF, **velden)
        zonder = OudeZorgvraag.objects.create(pdf=None, **velden)
        terug = OudeTerugkoppeling.objects.create(
            zorgvraag=met, status="Toegekend", document=BESCHIKKING, swv_routeringskenmerk="SWV1"
        )
        leeg = OudeTerugkoppeling.objects.create(
            zorgvraag=met, status="InBehandeling", document=None, swv_routeringskenmerk="SWV1"
        )

        migreer(NA)

        # the bytes are files now, encrypted at rest, under random names; the rows name them
        zorgvraag = Zorgvraag.objects.get(pk=met.pk)
        assert zorgvraag.pdf.name.startswith("zorgvraag/pdf/")
        assert zorgvraag.pdf.read() == PDF
        assert not zorgvraag.pdf.storage.ruw(zorgvraag.pdf.name).startswith(b"%PDF")
        assert not Zorgvraag.objects.get(pk=zonder.pk).pdf
        document = Terugkoppeling.objects.get(pk=terug.pk).document
        assert document.name.startswith("zorgvraag/terugkoppeling/")
        assert document.read() == BESCHIKKING
        assert not Terugkoppeling.objects.get(pk=leeg.pk).document
        assert [p.relative_to(settings.MEDIA_ROOT).as_posix() for p in bestanden()] == sorted(
            [zorgvraag.pdf.name, document.name]
        )
        assert bytes(zorgvraag.xml) == b"<dossier/>"  # the XML stays in the row
        # the blob columns are gone
        with connection.cursor() as cursor:
            kolommen = {
                k.name
                for k in connection.introspection.get_table_description(
                    cursor, Zorgvraag._meta.db_table
                )
            }
        assert "pdf" in kolommen and "pdf_bestand" not in kolommen

        # backwards: the bytes return to the columns and the files are deleted after the commit
        oud = migreer(VOOR)
        OudeZorgvraag = oud.get_model("zorgvraag", "Zorgvraag")  # noqa: N806
        OudeTerugkoppeling = oud.get_model("zorgvraag", "Terugkoppeling")  # noqa: N806
        assert bytes(OudeZorgvraag.objects.get(pk=met.pk).pdf) == PDF
        assert OudeZorgvraag.objects.get(pk=zonder.pk).pdf is None
        assert bytes(OudeTerugkoppeling.objects.get(pk=terug.pk).document) == BESCHIKKING
        assert OudeTerugkoppeling.objects.get(pk=leeg.pk).document is None
        assert bestanden() == []
    finally:
        call_command("migrate", "zorgvraag", verbosity=0)
    # and forwards again, from the restored columns
    assert Zorgvraag.objects.get(pk=met.pk).pdf.read() == PDF
