"""The summary of a dossier version is derived from the description of the gegevensset
(issue 9): its blocks and labels are the table's, and a data migration recomputes the summaries
stored with the old hand-written labels."""

from __future__ import annotations

import dataclasses
import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from dossiers import gegevensset
from dossiers.models import DossierVersie
from dossiers.profielen import BLOK, Profiel
from dossiers.samenvatting import samenvatting_uit_xml
from dossiers.verzamelen import SoortWijziging, verschil

from .test_dossiers import collect, po_school, uitgeschreven  # noqa: F401 (fixtures)

ROEPNAAM = "dossier/huidigeschool/leerling/roepnaam"


def _anders(monkeypatch, pad: str, **wijziging) -> None:
    """Change one element of the description for this test only."""
    g = gegevensset.huidig()
    knoop = g.knopen[pad]
    element_velden = {k: v for k, v in wijziging.items() if k in ("label",)}
    knoop_velden = {k: v for k, v in wijziging.items() if k in ("blok",)}
    nieuw = dataclasses.replace(
        knoop, element=dataclasses.replace(knoop.element, **element_velden), **knoop_velden
    )
    monkeypatch.setitem(g.knopen, pad, nieuw)


@pytest.mark.django_db
def test_labels_en_blokken_van_de_samenvatting_komen_uit_de_tabel(monkeypatch, uitgeschreven):  # noqa: F811
    _dossier, versie = collect(uitgeschreven, Profiel.POPO)
    xml = bytes(versie.xml)
    leerling, verzuim = BLOK["leerling"].naam, BLOK["verzuim"].naam
    s = samenvatting_uit_xml(xml)
    assert s == versie.samenvatting  # what collecting stored is this reading
    assert s[leerling][gegevensset.label(ROEPNAAM)] == "Tess"
    assert not any(uitgeschreven.pgn in w for velden in s.values() for w in velden.values())

    _anders(monkeypatch, ROEPNAAM, label="Naam waarmee de leerling wordt aangesproken")
    s = samenvatting_uit_xml(xml)
    assert s[leerling]["Naam waarmee de leerling wordt aangesproken"] == "Tess"
    assert "Roepnaam" not in s[leerling]

    _anders(monkeypatch, ROEPNAAM, blok="verzuim")
    s = samenvatting_uit_xml(xml)
    assert s[verzuim]["Naam waarmee de leerling wordt aangesproken"] == "Tess"
    assert "Naam waarmee de leerling wordt aangesproken" not in s[leerling]


@pytest.mark.django_db
def test_migratie_herberekent_opgeslagen_samenvattingen(uitgeschreven):  # noqa: F811
    dossier, versie = collect(uitgeschreven, Profiel.POPO)
    nieuw = versie.samenvatting
    # a summary as the hand-written code stored it before
    oud = {"Leerling": {"Roepnaam": "Tess"}, "Toetsresultaten": {"Toets 1: toetscode": "RW3-M5"}}
    DossierVersie.objects.filter(pk=versie.pk).update(samenvatting=oud)

    migratie = importlib.import_module("dossiers.migrations.0007_i9d_samenvatting_uit_tabel")
    # the historical models of the migration's own state (its field decrypts like ours)
    historisch = (
        MigrationLoader(connection)
        .project_state(("dossiers", "0007_i9d_samenvatting_uit_tabel"))
        .apps
    )
    migratie.herbereken(historisch, None)
    migratie.herbereken(historisch, None)  # idempotent

    versie.refresh_from_db()
    assert versie.samenvatting == nieuw == samenvatting_uit_xml(bytes(versie.xml))
    # a diff against the recomputed version lists nothing as removed and added
    assert verschil(versie.samenvatting, nieuw) == []
    # ...where the old-style summary would have listed the old labels as removed
    assert any(w.soort == SoortWijziging.VERWIJDERD for w in verschil(oud, nieuw))
