"""The season calendar: national defaults, the region's agreements, and the one enforced rule
(no klaarzetten for a VO school before the region's date, unless a reason is recorded)."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Rol
from audit.models import AuditEvent
from dossiers import services
from dossiers.models import Klaarzetting, Status
from seizoen.kalender import huidig_schooljaar, schooljaar_van
from seizoen.models import LandelijkeKalender, RegionaleAfspraak

from . import factories as f
from .seizoen_wereld import groep8, inzage, verzamel

pytestmark = pytest.mark.conformance


@pytest.fixture
def regenboog(db):
    f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")
    return f.SchoolFactory(compleet=True, regionaal=True, brincode="14SS", naam="De Regenboog")


@pytest.fixture
def rita(regenboog):
    user = f.UserFactory(username="rita")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=regenboog)
    return user


def afspraak(school, **velden):
    return RegionaleAfspraak.objects.create(
        school=school, schooljaar=huidig_schooljaar(), regio="Wilgendaal", **velden
    )


def klaar_met_inzage(leerling, profiel="POVO"):
    dossier = verzamel(leerling, profiel)
    inzage(dossier)
    return dossier


def test_national_defaults_for_two_school_years(db):
    jaren = dict(
        LandelijkeKalender.objects.values_list("schooljaar", "definitief_advies_uiterlijk")
    )
    assert jaren == {
        "2025-2026": datetime.date(2026, 3, 24),
        "2026-2027": datetime.date(2027, 3, 24),
    }
    k = LandelijkeKalender.objects.get(schooljaar="2025-2026")
    assert (k.voorlopig_advies_uiterlijk, k.toetsuitslag_op, k.plaatsing_uiterlijk) == (
        datetime.date(2026, 1, 31),
        datetime.date(2026, 3, 15),
        datetime.date(2026, 5, 12),
    )
    k.definitief_advies_uiterlijk = datetime.date(2026, 3, 1)  # before the toets result
    with pytest.raises(ValidationError):
        k.full_clean()


def test_school_year_starts_on_1_august():
    assert schooljaar_van(datetime.date(2026, 3, 15)) == "2025-2026"
    assert schooljaar_van(datetime.date(2026, 8, 1)) == "2026-2027"


def test_klaarzetten_for_vo_before_the_regions_date_is_refused_and_changes_nothing(regenboog):
    vanaf = timezone.localdate() + datetime.timedelta(days=10)
    afspraak(regenboog, klaarzetten_vanaf=vanaf)
    dossier = klaar_met_inzage(groep8(regenboog))
    with pytest.raises(services.DossierFout) as fout:
        services.klaarzetten(dossier=dossier)
    assert "pas klaar vanaf" in fout.value.meldingen[0]
    assert "(Wilgendaal)" in fout.value.meldingen[0]
    dossier.refresh_from_db()
    assert dossier.status == Status.VERZAMELD and dossier.klaarzetting is None
    assert not Klaarzetting.objects.exists()


def test_the_override_with_a_reason_is_audited(regenboog, rita):
    afspraak(regenboog, klaarzetten_vanaf=timezone.localdate() + datetime.timedelta(days=10))
    dossier = klaar_met_inzage(groep8(regenboog))
    services.klaarzetten(dossier=dossier, user=rita, afwijking="Verhuizing naar Zwolle in april")
    dossier.refresh_from_db()
    assert dossier.status == Status.KLAARGEZET
    event = AuditEvent.objects.get(actie="seizoen_afwijking")
    assert event.leerling == dossier.leerling and event.user == rita
    assert "Verhuizing naar Zwolle" in event.omschrijving
    assert event.details["reden"] == "Verhuizing naar Zwolle in april"


@pytest.mark.parametrize("geval", ["datum_voorbij", "popo", "geen_afspraak"])
def test_the_rule_applies_only_to_vo_before_the_date(regenboog, geval):
    vandaag = timezone.localdate()
    if geval == "datum_voorbij":
        afspraak(regenboog, klaarzetten_vanaf=vandaag)
    elif geval == "popo":
        afspraak(regenboog, klaarzetten_vanaf=vandaag + datetime.timedelta(days=10))
    profiel = "POPO" if geval == "popo" else "POVO"
    dossier = klaar_met_inzage(groep8(regenboog), profiel)
    services.klaarzetten(dossier=dossier)
    assert not AuditEvent.objects.filter(actie="seizoen_afwijking").exists()


def test_board_override_form_without_a_reason_changes_nothing(client, regenboog, rita):
    afspraak(regenboog, klaarzetten_vanaf=timezone.localdate() + datetime.timedelta(days=10))
    ll = groep8(regenboog, roepnaam="Tess", achternaam="Vos")
    klaar_met_inzage(ll)
    client.force_login(rita)
    bord = client.get(reverse("seizoen:po_bord")).content.decode()
    assert "Toch klaarzetten vóór de regionale datum" in bord
    url = reverse("seizoen:toch_klaarzetten", args=[ll.pk])
    antwoord = client.post(url, {"reden": "  "}, follow=True)
    assert "Geef de reden op" in html.unescape(antwoord.content.decode())
    assert not Klaarzetting.objects.exists()
    antwoord = client.post(url, {"reden": "Verhuizing"}, follow=True)
    assert "de reden is vastgelegd" in antwoord.content.decode()
    assert Klaarzetting.objects.count() == 1


def test_another_school_cannot_use_the_override(client, regenboog):
    ll = groep8(regenboog)
    klaar_met_inzage(ll)
    bob = f.UserFactory(username="bob")
    f.AanstellingFactory(user=bob, rol=Rol.SCHOOLADMINISTRATIE, school=f.SchoolFactory())
    client.force_login(bob)
    url = reverse("seizoen:toch_klaarzetten", args=[ll.pk])
    assert client.post(url, {"reden": "x"}).status_code == 404
    assert not Klaarzetting.objects.exists()


def test_the_school_enters_its_regional_agreements(client, regenboog, rita):
    client.force_login(rita)
    url = reverse("seizoen:afspraken")
    jaar = huidig_schooljaar()
    slecht = client.post(
        url,
        {"schooljaar": jaar, "klaarzetten_vanaf": "2027-04-20", "klaarzetten_voor": "2027-04-01"},
    )
    assert slecht.status_code == 400
    assert "vóór" in html.unescape(slecht.content.decode())
    assert not RegionaleAfspraak.objects.exists()
    goed = client.post(
        url,
        {
            "schooljaar": jaar,
            "regio": "Wilgendaal",
            "inzage_voor": "2027-04-10",
            "klaarzetten_vanaf": "2027-04-14",
            "klaarzetten_voor": "2027-05-01",
            "ophalen_vanaf": "2027-04-14",
        },
    )
    assert goed.status_code == 302
    a = RegionaleAfspraak.objects.get()
    assert (a.school, a.klaarzetten_vanaf) == (regenboog, datetime.date(2027, 4, 14))
    assert AuditEvent.objects.filter(actie="beheer_gewijzigd", school=regenboog).exists()
    bord = client.get(reverse("seizoen:po_bord")).content.decode()
    assert "Wilgendaal" in bord and "14 april 2027" in bord


def test_the_beheerder_edits_the_national_dates_in_the_admin(client, beheerder, leerkracht):
    k = LandelijkeKalender.objects.get(schooljaar="2026-2027")
    url = reverse("admin:seizoen_landelijkekalender_change", args=[k.pk])
    client.force_login(leerkracht)
    assert client.get(url).status_code == 302  # not staff: to the admin login
    client.force_login(beheerder)
    assert client.get(reverse("admin:seizoen_landelijkekalender_changelist")).status_code == 200
    data = {
        veld.name: getattr(k, veld.name).isoformat()
        for veld in LandelijkeKalender._meta.fields
        if veld.name not in ("id", "schooljaar")
    }
    data.update(schooljaar=k.schooljaar, definitief_advies_uiterlijk="2027-03-23")
    assert client.post(url, data).status_code == 302
    k.refresh_from_db()
    assert k.definitief_advies_uiterlijk == datetime.date(2027, 3, 23)
    assert AuditEvent.objects.filter(actie="beheer_gewijzigd", user=beheerder).exists()
