"""The daily reminders: one in-app notice (and one e-mail per school per run) for each fact,
never twice for the same fact, each linking to the pupil's row on the board."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Rol
from dossiers import tasks as dossier_tasks
from leerlingen.codelijsten import AdviesVO
from leerlingen.models import Eindtoets
from seizoen.herinneringen import herinneringen_maken
from seizoen.kalender import huidig_schooljaar
from seizoen.models import Herinnering, LandelijkeKalender, RegionaleAfspraak
from seizoen.tasks import herinneringen_maken as taak

from . import factories as f
from .seizoen_wereld import groep8, klaargezet

pytestmark = pytest.mark.conformance


@pytest.fixture(autouse=True)
def _standard():
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: collecting validates against the official XSD")


@pytest.fixture
def regenboog(db):
    f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")
    return f.SchoolFactory(compleet=True, regionaal=True, brincode="14SS", naam="De Regenboog")


@pytest.fixture
def rita(regenboog):
    user = f.UserFactory(username="rita", email="rita@regenboog.example")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=regenboog)
    f.AanstellingFactory(
        user=f.UserFactory(username="lars", email="lars@regenboog.example"),
        rol=Rol.LEERKRACHT,
        school=regenboog,
    )
    return user


def test_each_fact_once_with_a_link_to_the_row(regenboog, rita, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    vandaag = timezone.localdate()
    LandelijkeKalender.objects.filter(schooljaar=huidig_schooljaar()).update(
        definitief_advies_uiterlijk=vandaag + datetime.timedelta(days=5)
    )
    RegionaleAfspraak.objects.create(
        school=regenboog,
        schooljaar=huidig_schooljaar(),
        klaarzetten_voor=vandaag - datetime.timedelta(days=1),
    )
    zonder_advies = f.LeerlingFactory(school=regenboog, groep="8A", roepnaam="Ali")
    hoger = f.LeerlingFactory(school=regenboog, groep="8B", roepnaam="Bo")
    f.OverstapadviesFactory(leerling=hoger, advies=AdviesVO.VMBO_GT)
    f.EindtoetsFactory(leerling=hoger, toets_advies="havo")
    nieuw = groep8(regenboog, roepnaam="Cas")
    Eindtoets.objects.filter(leerling=nieuw).delete()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dossier_tasks.maak_pdf, "delay", lambda *a, **k: None)
        klaargezet(nieuw)
    f.EindtoetsFactory(leerling=nieuw)

    gemaakt = herinneringen_maken()
    soorten = sorted((h.soort, h.leerling.roepnaam) for h in gemaakt)
    assert soorten == [
        ("geen_definitief_advies", "Ali"),
        ("heroverweging", "Bo"),
        ("niet_klaargezet", "Ali"),
        ("niet_klaargezet", "Bo"),
        ("nieuwe_versie", "Cas"),
    ]
    h = Herinnering.objects.get(soort="nieuwe_versie")
    assert h.url == f"{reverse('seizoen:po_bord')}#leerling-{nieuw.pk}"
    # one e-mail to the school's administration (not the teacher), without pupil names
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["rita@regenboog.example"]
    assert "5 nieuwe herinnering" in bericht.subject
    for naam in ("Ali", "Bo", "Cas", zonder_advies.achternaam):
        assert naam not in bericht.body
    assert Herinnering.objects.get(soort="heroverweging").gemaild_aan == 1

    # the next day's run: nothing new, nothing sent
    assert herinneringen_maken() == []
    assert taak.delay().get() == 0
    assert Herinnering.objects.count() == 5 and len(mail.outbox) == 1

    # a new fact (a definitief advies is still missing for a new pupil) gives one new notice
    f.LeerlingFactory(school=regenboog, groep="8A", roepnaam="Dex")
    assert [h.soort for h in herinneringen_maken()] == [
        "geen_definitief_advies",
        "niet_klaargezet",
    ]
    assert len(mail.outbox) == 2


def test_the_notice_shows_on_the_board_and_can_be_marked_read(client, regenboog, rita):
    LandelijkeKalender.objects.filter(schooljaar=huidig_schooljaar()).update(
        definitief_advies_uiterlijk=timezone.localdate()
    )
    ll = f.LeerlingFactory(school=regenboog, groep="8A", roepnaam="Ali", achternaam="Yilmaz")
    herinneringen_maken()
    h = Herinnering.objects.get()
    client.force_login(rita)
    bord = client.get(reverse("seizoen:po_bord")).content.decode()
    assert "Ali Yilmaz heeft nog geen definitief advies" in bord
    assert f'href="{h.url}"' in bord and f'id="leerling-{ll.pk}"' in bord
    client.post(reverse("seizoen:gelezen", args=[h.pk]))
    assert (
        "heeft nog geen definitief advies"
        not in client.get(reverse("seizoen:po_bord")).content.decode()
    )


def test_the_schedule_is_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["seizoen-herinneringen"]
    assert entry["task"] == "seizoen.tasks.herinneringen_maken"
    assert entry["schedule"] == 24 * 3600
