"""The dossier's XML stays out of the hot queries (issue 12, point 3): the pupil list, the
dossier page's klaarzettingen and the documentRequest read a version's number, profile and date
without fetching (and decrypting) the XML and summary they do not show or send."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers import services
from dossiers.models import KLAARZETTING_INHOUD, VERSIE_INHOUD, zonder_inhoud
from trafficcenter_client.services import dossier_met_klaarzetting

from .test_dossiers import (  # noqa: F401 - fixtures
    collect,
    medewerker,
    po_school,
    register_inzage,
    uitgeschreven,
)

pytestmark = pytest.mark.django_db

VERSIE_XML = re.compile(r'"dossiers_dossierversie"\."(xml|samenvatting)"')
KLAARZETTING_XML = re.compile(r'"dossiers_klaarzetting"\."xml"')


@pytest.fixture
def klaargezet(uitgeschreven, medewerker):
    dossier, _ = collect(uitgeschreven, "POPO", user=medewerker)
    register_inzage(dossier)
    services.klaarzetten(dossier=dossier)
    dossier.refresh_from_db()
    return dossier


def sql(context: CaptureQueriesContext) -> str:
    return "\n".join(q["sql"] for q in context.captured_queries)


def test_the_paths_name_every_content_field():
    assert zonder_inhoud(versies=("a__v",), klaarzettingen=("a__k",)) == [
        *(f"a__v__{veld}" for veld in VERSIE_INHOUD),
        *(f"a__k__{veld}" for veld in KLAARZETTING_INHOUD),
    ]
    assert zonder_inhoud(versies=("",)) == list(VERSIE_INHOUD)


def test_a_document_request_reads_the_klaargezette_xml_and_not_the_versions(klaargezet):
    leerling = klaargezet.leerling
    with CaptureQueriesContext(connection) as vastgelegd:
        dossier = dossier_met_klaarzetting(leerling)
        assert dossier.klaarzetting.versie.nummer == 1  # what the answer needs of the version
        assert bytes(dossier.klaarzetting.xml).startswith(b"<?xml")
    assert len(vastgelegd) == 1
    assert KLAARZETTING_XML.search(sql(vastgelegd))
    assert not VERSIE_XML.search(sql(vastgelegd))


def test_the_pupil_list_reads_no_dossier_xml(client, klaargezet, medewerker):
    client.force_login(medewerker)
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(reverse("dossiers:overzicht"))
    assert antwoord.status_code == 200
    assert klaargezet.leerling.achternaam in antwoord.content.decode()
    assert not VERSIE_XML.search(sql(vastgelegd))
    assert not KLAARZETTING_XML.search(sql(vastgelegd))


def test_the_dossier_page_lists_klaarzettingen_without_their_xml(client, klaargezet, medewerker):
    """The page shows up to 50 klaarzettingen, each with its version number: that list reads
    neither XML."""
    client.force_login(medewerker)
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(reverse("dossiers:klaarzetten", args=[klaargezet.leerling.pk]))
    assert antwoord.status_code == 200
    assert "PDF zoals klaargezet" in antwoord.content.decode()
    lijst = [
        q["sql"]
        for q in vastgelegd.captured_queries
        if q["sql"].startswith('SELECT "dossiers_klaarzetting"') and q["sql"].endswith("LIMIT 50")
    ]
    assert len(lijst) == 1
    assert not KLAARZETTING_XML.search(lijst[0]) and not VERSIE_XML.search(lijst[0])


def test_the_dossier_page_reads_no_version_xml(client, uitgeschreven, medewerker):
    """The page compares the summaries of the current version and the one before (or the one
    the parents saw): it loads those versions, never their XML. A POST that saves the
    statusinformatie then still works on the same objects."""
    collect(uitgeschreven, "POPO", user=medewerker)
    dossier, _ = collect(uitgeschreven, "POPO", user=medewerker)  # version 2: a diff to show
    register_inzage(dossier)
    client.force_login(medewerker)
    url = reverse("dossiers:klaarzetten", args=[uitgeschreven.pk])
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert "dossierversie" in sql(vastgelegd)  # the versions were read ...
    assert not re.search(r'"dossiers_dossierversie"\."xml"', sql(vastgelegd))  # ... not their XML
    antwoord = client.post(
        url,
        {
            "contact_nodig": "False",
            "binnen_brin": "False",
            "inzage": "ja_niet_akkoord",
            "inzage_datum": dossier.inzage_datum.isoformat(),
            "zienswijze": "Akkoord met het advies",
        },
    )
    assert antwoord.status_code == 302
    dossier.refresh_from_db()
    assert (
        dossier.zienswijze == "Akkoord met het advies"
        and dossier.inzage_versie_id == dossier.huidige_versie_id
    )
