"""The VO board (aangemelde pupils and their dossiers), the PO board's filters and rights, and
the demo world's season: a groep 8 in every stage at each PO school."""

from __future__ import annotations

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Rol
from leerlingen import models as m
from scholen.models import School
from seizoen import selectors as s
from seizoen.kalender import huidig_schooljaar
from trafficcenter_client.models import Notificatie, OpvraagStatus, Opvraging

from . import factories as f

pytestmark = pytest.mark.conformance


@pytest.fixture
def college(db):
    return f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")


@pytest.fixture
def carla(college):
    user = f.UserFactory(username="carla")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=college)
    return user


def aangemeld(college, **velden):
    jaar = int(huidig_schooljaar()[:4]) + 1
    return f.LeerlingFactory(
        school=college,
        groep="1A",
        jaargroep="11",
        datum_inschrijving=datetime.date(jaar, 8, 1),
        herkomst_brin="14SS",
        herkomst_naam="De Regenboog",
        **velden,
    )


def opvraging(college, leerling, *, geimporteerd=False, tijdstip=None):
    o = Opvraging.objects.create(
        school=college,
        leerling=leerling,
        herkomst_brin="14SS",
        overdrachtsoort="overstapdossier",
        pgn_type=leerling.pgn_type,
        pgn_hash=leerling.pgn_hash,
        resultaat="OverdrachtGeslaagd",
        status=OpvraagStatus.KLAAR,
        xml=b"<dossier/>",
        geimporteerd_op=timezone.now() if geimporteerd else None,
    )
    if tijdstip:
        Opvraging.objects.filter(pk=o.pk).update(tijdstip=tijdstip)
    return o


def notificatie(college, leerling):
    return Notificatie.objects.create(
        school=college,
        leerling=leerling,
        doel_routeringskenmerk="0",
        bron_brin="14SS",
        bron_routeringskenmerk="0",
        overdrachtsoort="overstapdossier",
        koppelsleutel="00000000-0000-0000-0000-000000000001",
    )


def test_vo_board_every_state(client, college, carla):
    niets = aangemeld(college, roepnaam="Nina")
    gemeld = aangemeld(college, roepnaam="Gijs")
    notificatie(college, gemeld)
    ontvangen = aangemeld(college, roepnaam="Otto")
    o = opvraging(college, ontvangen)
    klaar = aangemeld(college, roepnaam="Ilse")
    opvraging(college, klaar, geimporteerd=True)
    nieuwer = aangemeld(college, roepnaam="Noor")
    opvraging(
        college, nieuwer, geimporteerd=True, tijdstip=timezone.now() - datetime.timedelta(days=3)
    )
    notificatie(college, nieuwer)
    # already a pupil this year (leerjaar 2): not aangemeld for the coming year
    f.LeerlingFactory(
        school=college, groep="2A", jaargroep="12", datum_inschrijving=datetime.date(2025, 8, 20)
    )

    rijen = {r.leerling.roepnaam: r for r in s.vo_bord(college)}
    assert set(rijen) == {"Nina", "Gijs", "Otto", "Ilse", "Noor"}
    assert rijen["Nina"].beschikbaar.status == s.LET_OP
    assert rijen["Nina"].ontvangen.status == s.OPEN and rijen["Nina"].geimporteerd.status == s.NVT
    assert rijen["Gijs"].beschikbaar.status == s.KLAAR
    assert rijen["Otto"].ontvangen.status == s.KLAAR and rijen["Otto"].kan_importeren
    assert rijen["Otto"].geimporteerd.status == s.OPEN
    assert rijen["Ilse"].geimporteerd.status == s.KLAAR
    assert rijen["Ilse"].nieuwere_versie.status == s.KLAAR
    assert rijen["Noor"].nieuwere_versie.status == s.OPEN

    client.force_login(carla)
    # the VO school's Overstapseizoen is its VO board
    pagina = client.get(reverse("seizoen:po_bord"), follow=True).content.decode()
    assert "aangemelde leerlingen" in pagina
    assert reverse("trafficcenter_client:opvraging", args=[o.pk]) in pagina
    assert reverse("trafficcenter_client:opvragen", args=[niets.pk]) in pagina
    assert "Ja: nieuwere versie klaargezet" in pagina


def test_another_school_sees_only_its_own(client, college, carla):
    aangemeld(college, roepnaam="Nina", achternaam="Geheim")
    ander = f.SchoolFactory(compleet=True, vo=True, brincode="17VV", naam="Lyceum")
    bob = f.UserFactory(username="bob")
    f.AanstellingFactory(user=bob, rol=Rol.SCHOOLADMINISTRATIE, school=ander)
    client.force_login(bob)
    assert "Geheim" not in client.get(reverse("seizoen:vo_bord")).content.decode()


def test_po_board_filters_and_rights(client, db):
    regenboog = f.SchoolFactory(compleet=True, brincode="14SS", naam="De Regenboog")
    f.LeerlingFactory(school=regenboog, groep="8A", roepnaam="Anna", achternaam="Appel")
    b = f.LeerlingFactory(school=regenboog, groep="8B", roepnaam="Bram", achternaam="Boom")
    f.OverstapadviesFactory(leerling=b)
    assert [r.leerling for r in s.po_bord(regenboog, groep="8B").rijen] == [b]
    assert [r.leerling for r in s.po_bord(regenboog, zoek="boom").rijen] == [b]
    assert [
        r.leerling.roepnaam for r in s.po_bord(regenboog, filter_="definitief_advies").rijen
    ] == ["Anna"]
    leerkracht = f.UserFactory(username="lars")
    f.AanstellingFactory(user=leerkracht, rol=Rol.LEERKRACHT, school=regenboog)
    client.force_login(leerkracht)
    pagina = client.get(reverse("seizoen:po_bord")).content.decode()
    assert "Anna Appel" in pagina and 'id="nieuwe-versies"' not in pagina
    assert client.post(reverse("seizoen:po_bord")).status_code == 403
    assert (
        client.post(reverse("seizoen:afspraken"), {"schooljaar": huidig_schooljaar()}).status_code
        == 403
    )


@pytest.mark.skipif(not settings.OSO_STANDARD_DIR, reason="collecting needs OSO_STANDARD_DIR")
def test_the_demo_season_shows_every_state(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    uit = io.StringIO()
    call_command("demo_data", "--overstapseizoen", stdout=uit)
    for brin in ("14SS", "15TT"):
        school = School.objects.get(brincode=brin)
        bord = s.po_bord(school)
        seizoen = [r for r in bord.rijen if r.leerling.groep == "8S"]
        assert len(seizoen) == 11
        for kolom, _kop in s.KOLOMMEN:
            statussen = {r.stappen[kolom].status for r in seizoen}
            if kolom == "aanmelding_toets":
                continue  # no doorstroomtoets connection in the demo
            assert s.KLAAR in statussen, (brin, kolom)
            assert statussen - {s.KLAAR}, (brin, kolom)  # and a pupil still waiting
        assert {r.nieuwe_versie for r in seizoen} >= {s.NV_NVT, s.NV_NODIG, s.NV_GENOTIFICEERD}
        assert bord.kalender.regionaal is not None
    vo = s.vo_bord(School.objects.get(brincode="16UU"))
    assert {(r.ontvangen.status, r.geimporteerd.status, r.nieuwere_versie.status) for r in vo} >= {
        (s.OPEN, s.NVT, s.NVT),
        (s.KLAAR, s.OPEN, s.KLAAR),
        (s.KLAAR, s.KLAAR, s.KLAAR),
        (s.KLAAR, s.KLAAR, s.OPEN),
    }
    aantal = m.Leerling.objects.count()
    call_command("demo_data", "--overstapseizoen", stdout=io.StringIO())  # idempotent
    assert m.Leerling.objects.count() == aantal
