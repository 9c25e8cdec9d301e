"""The bulk "Nieuwe versie met toetsuitslag klaarzetten" on a school of 30 pupils of groep 8:
exactly the right versions, klaarzettingen and notificaties (over real HTTPS with mutual TLS
to the reference Traffic Center and the receiving LAS), and pupils whose parents must see the
dossier again left exactly as they were."""

from __future__ import annotations

import pytest

from accounts.roles import Rol
from audit.models import AuditEvent
from dossiers import tasks as dossier_tasks
from dossiers.models import DossierVersie, InzageKeuze, Klaarzetting, Status
from dossiers.profielen import BLOK
from leerlingen.models import Eindtoets
from seizoen import selectors as s
from seizoen.models import NieuweVersieActie
from seizoen.services import nieuwe_versies_aanvragen, nieuwe_versies_uitvoeren
from trafficcenter_client.client import TcClient
from trafficcenter_client.models import (
    Notificatie,
    NotificatieUitkomst,
    TcVerbinding,
    VerstuurdeNotificatie,
)
from trafficcenter_client.services import aanleverpunt_registreren

from . import factories as f
from . import test_tc_client as tc_wereld
from .seizoen_wereld import groep8, klaargezet

pytestmark = pytest.mark.conformance

p = tc_wereld.p
servers = tc_wereld.servers
tc_sleutel = tc_wereld.tc_sleutel
de_regenboog = tc_wereld.de_regenboog
het_college = tc_wereld.het_college


@pytest.fixture(autouse=True)
def _geen_pdf(monkeypatch):
    # the PDF of each version is not what this test is about, and rendering 50 takes long
    monkeypatch.setattr(dossier_tasks.maak_pdf, "delay", lambda *a, **k: None)


@pytest.fixture
def rita(de_regenboog):
    user = f.UserFactory(username="rita", email="rita@regenboog.example")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=de_regenboog)
    return user


def versies(leerling) -> int:
    return DossierVersie.objects.filter(dossier__leerling=leerling).count()


def test_new_versions_after_the_toets_for_a_school_of_30(
    servers, p, de_regenboog, het_college, rita
):
    las_url = f"https://127.0.0.1:{servers['las']}/oso/soap/"
    tc_wereld.verbinding(p, f"https://127.0.0.1:{servers['tc']}/tc/soap/", pogingen=1)
    for school in (de_regenboog, het_college):
        ap = school.aanleverpunten.get(nummer=0)
        assert aanleverpunt_registreren(ap, las_url, client=TcClient(backoff=0.01))

    gewoon, niet_akkoord, gewijzigd, al_met_uitslag = [], [], [], []
    for i in range(30):
        ll = groep8(de_regenboog, roepnaam=f"Kind{i:02d}", achternaam="Groep8")
        if i < 28:
            Eindtoets.objects.filter(leerling=ll).delete()  # the toets result comes later
        if i < 22:
            klaargezet(ll, InzageKeuze.JA, user=rita)
            gewoon.append(ll)
        elif i < 26:
            klaargezet(ll, InzageKeuze.JA_NIET_AKKOORD, user=rita)
            niet_akkoord.append(ll)
        elif i < 28:
            klaargezet(ll, InzageKeuze.JA, user=rita)
            gewijzigd.append(ll)
        else:
            klaargezet(ll, InzageKeuze.JA, user=rita)
            al_met_uitslag.append(ll)
    # 15 March: the results arrive for the 28 who had none
    for ll in gewoon + niet_akkoord + gewijzigd:
        f.EindtoetsFactory(leerling=ll, standaardscore=88, toets_advies="havo/vwo")
    for ll in gewijzigd:  # and more changed since the parents saw the dossier
        advies = ll.overstapadvies
        advies.wens_ouders = "50"
        advies.save()
    eerst = {k.dossier.leerling_id: k.pk for k in Klaarzetting.objects.select_related("dossier")}

    bord = s.po_bord(de_regenboog)
    assert bord.alle == 30
    assert {r.leerling for r in bord.nieuwe_versie_nodig} == set(gewoon + niet_akkoord + gewijzigd)

    actie = nieuwe_versies_aanvragen(school=de_regenboog, user=rita)  # runs eagerly
    actie.refresh_from_db()
    assert actie.status == "klaar"
    uitkomst = {int(i): u["uitkomst"] for i, u in actie.uitkomsten.items()}
    assert uitkomst == {
        **{ll.pk: "verstuurd" for ll in gewoon},
        **{ll.pk: "inzage_nodig" for ll in niet_akkoord + gewijzigd},
    }

    eindtoets_blok = BLOK["eindtoets"].naam
    for ll in gewoon:
        dossier = ll.overstapdossier
        dossier.refresh_from_db()
        assert versies(ll) == 2 and dossier.status == Status.KLAARGEZET
        assert dossier.huidige_versie.nummer == 2 and dossier.inzage_versie_id == (
            dossier.huidige_versie_id
        )
        assert (
            dossier.huidige_versie.samenvatting[eindtoets_blok][
                "Eindtoets basisonderwijs › Resultaat › Standaardscore"
            ]
            == "88"
        )
        k = dossier.klaarzetting
        assert k.versie_id == dossier.huidige_versie_id and k.voor_brin == "16UU"
        assert Klaarzetting.objects.filter(dossier=dossier).count() == 2
        n = VerstuurdeNotificatie.objects.get(leerling=ll)
        assert (n.klaarzetting_id, n.uitkomst, n.doel_brin) == (
            k.pk,
            NotificatieUitkomst.VERSTUURD,
            "16UU",
        )
    for ll in niet_akkoord + gewijzigd + al_met_uitslag:
        dossier = ll.overstapdossier
        dossier.refresh_from_db()
        assert versies(ll) == 1, ll
        assert dossier.status == Status.KLAARGEZET and dossier.klaarzetting_id == eerst[ll.pk]
        assert Klaarzetting.objects.filter(dossier=dossier).count() == 1
        assert not VerstuurdeNotificatie.objects.filter(leerling=ll).exists()
    # Het College received exactly one notificatie per new version
    assert Notificatie.objects.filter(school=het_college).count() == 22
    assert (
        AuditEvent.objects.filter(
            actie="dossier_inzage", omschrijving__startswith="Inzage overgenomen"
        ).count()
        == 22
    )

    # the board says per pupil where the parents must see the dossier again
    bord = s.po_bord(de_regenboog)
    staat = {r.leerling.pk: r.nieuwe_versie for r in bord.rijen}
    assert {staat[ll.pk] for ll in gewoon} == {s.NV_GENOTIFICEERD}
    assert {staat[ll.pk] for ll in niet_akkoord + gewijzigd} == {s.NV_INZAGE}
    assert {staat[ll.pk] for ll in al_met_uitslag} == {s.NV_NVT}
    assert bord.nieuwe_versie_nodig == []

    # running the job again changes nothing
    nieuwe_versies_uitvoeren(actie.pk)
    assert DossierVersie.objects.count() == 30 + 22
    assert VerstuurdeNotificatie.objects.count() == 22
    assert NieuweVersieActie.objects.count() == 1
    assert TcVerbinding.objects.count() == 1
