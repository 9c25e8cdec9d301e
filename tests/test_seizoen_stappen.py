"""The PO season board computes each stage right for pupils in every state (issue 15)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dossiers.models import InzageKeuze
from leerlingen.codelijsten import AdviesVO
from leerlingen.models import Eindtoets, Heroverweging
from seizoen import selectors as s
from seizoen.kalender import huidig_schooljaar
from seizoen.models import LandelijkeKalender, RegionaleAfspraak, Toetsuitslag
from trafficcenter_client.models import Dossieraanvraag, NotificatieUitkomst, VerstuurdeNotificatie

from . import factories as f
from .seizoen_wereld import dit_jaar, groep8, inzage, klaargezet, verzamel

pytestmark = pytest.mark.conformance


@pytest.fixture(autouse=True)
def _standard():
    if not settings.OSO_STANDARD_DIR:
        pytest.skip("OSO_STANDARD_DIR is not set: collecting validates against the official XSD")


@pytest.fixture
def regenboog(db):
    f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")
    return f.SchoolFactory(compleet=True, regionaal=True, brincode="14SS", naam="De Regenboog")


def rij(leerling):
    bord = s.po_bord(leerling.school)
    return next(r for r in bord.rijen if r.leerling.pk == leerling.pk)


def status(leerling) -> dict[str, str]:
    return {k: v.status for k, v in rij(leerling).stappen.items()}


def test_a_pupil_with_nothing_yet(regenboog):
    kaal = f.LeerlingFactory(school=regenboog, groep="8A", roepnaam="Kees", achternaam="Kaal")
    f.LeerlingFactory(school=regenboog, groep="7A")  # not groep 8: not on the board
    assert [r.leerling for r in s.po_bord(regenboog).rijen] == [kaal]
    assert status(kaal) == {
        "voorlopig_advies": s.OPEN,
        "aanmelding_toets": s.NVT,  # no doorstroomtoets connection in this installation
        "toetsuitslag": s.OPEN,
        "definitief_advies": s.OPEN,
        "heroverweging": s.NVT,
        "verzameld": s.OPEN,
        "inzage": s.OPEN,
        "klaargezet": s.OPEN,
        "opgehaald": s.NVT,
        "nieuwe_versie": s.NVT,
    }
    assert rij(kaal).stappen["aanmelding_toets"].tekst == "Geen koppeling met de toetsaanbieder"


def test_advies_toets_and_heroverweging(regenboog):
    ll = f.LeerlingFactory(school=regenboog, groep="8A")
    advies = f.OverstapadviesFactory(
        leerling=ll,
        voorlopig_advies=AdviesVO.VMBO_GT,
        voorlopig_advies_datum=datetime.date(dit_jaar(), 1, 20),
        advies=AdviesVO.VMBO_GT,
        advies_datum=datetime.date(dit_jaar(), 3, 20),
    )
    f.EindtoetsFactory(leerling=ll, toets_advies="havo")
    st = rij(ll).stappen
    assert st["voorlopig_advies"].status == s.KLAAR
    assert f"20-01-{dit_jaar()}" in st["voorlopig_advies"].tekst
    assert st["toetsuitslag"].status == s.KLAAR and "toetsadvies havo" in st["toetsuitslag"].tekst
    assert st["definitief_advies"].status == s.KLAAR
    # the toets advises havo, the school gt: the school must reconsider
    assert st["heroverweging"].status == s.OPEN
    assert st["heroverweging"].tekst.startswith("Nodig")

    # not raised: only with the required justification
    advies.heroverweging = Heroverweging.NIET_VERHOOGD
    advies.heroverweging_datum = datetime.date(dit_jaar(), 3, 22)
    with pytest.raises(ValidationError) as fout:
        advies.full_clean()
    assert "verplicht" in str(fout.value)
    advies.heroverweging_toelichting = "Werkhouding en zelfstandigheid passen bij gt."
    advies.full_clean()
    advies.save()
    assert rij(ll).stappen["heroverweging"].status == s.KLAAR
    assert "Niet verhoogd" in rij(ll).stappen["heroverweging"].tekst

    # raised: needs the herzien advies (with its motivation)
    advies.heroverweging = Heroverweging.VERHOOGD
    with pytest.raises(ValidationError):
        advies.full_clean()
    advies.herzien_advies = AdviesVO.VMBO_GT_HAVO
    advies.motivatie_herzien_advies = "De toets liet havo-niveau zien."
    advies.full_clean()
    advies.save()
    st = rij(ll).stappen["heroverweging"]
    assert st.status == s.KLAAR and "Verhoogd naar" in st.tekst


def test_no_heroverweging_when_the_toets_advises_the_same_or_lower(regenboog):
    ll = f.LeerlingFactory(school=regenboog, groep="8A", met_overstapadvies=True)  # havo
    f.EindtoetsFactory(leerling=ll, toets_advies="vmbo-gt")
    assert rij(ll).stappen["heroverweging"].status == s.NVT


def test_an_unreadable_toetsadvies_asks_the_user_to_judge(regenboog):
    ll = f.LeerlingFactory(school=regenboog, groep="8A", met_overstapadvies=True)
    f.EindtoetsFactory(leerling=ll, toets_advies="zie rapport")
    assert rij(ll).stappen["heroverweging"].status == s.LET_OP


def test_not_taken_part_in_the_toets(regenboog):
    ll = f.LeerlingFactory(school=regenboog, groep="8A")
    f.EindtoetsFactory(leerling=ll, niet_deelgenomen=True, onderdelen=None)
    assert rij(ll).stappen["toetsuitslag"].status == s.NVT
    assert not Toetsuitslag.objects.filter(leerling=ll).exists()


def test_red_where_a_date_of_the_calendar_passed(regenboog):
    ll = f.LeerlingFactory(school=regenboog, groep="8A")
    vandaag = timezone.localdate()
    LandelijkeKalender.objects.filter(schooljaar=huidig_schooljaar()).update(
        voorlopig_advies_uiterlijk=vandaag - datetime.timedelta(days=1),
        toetsuitslag_op=vandaag,  # today: not passed yet
        definitief_advies_uiterlijk=vandaag + datetime.timedelta(days=3),
    )
    RegionaleAfspraak.objects.create(
        school=regenboog,
        schooljaar=huidig_schooljaar(),
        klaarzetten_voor=vandaag - datetime.timedelta(days=2),
    )
    st = rij(ll).stappen
    assert st["voorlopig_advies"].te_laat and "te-laat" in st["voorlopig_advies"].css
    assert not st["toetsuitslag"].te_laat
    assert not st["definitief_advies"].te_laat
    assert st["klaargezet"].te_laat
    assert [r.leerling for r in s.po_bord(regenboog, filter_="te_laat").rijen] == [ll]


def test_dossier_inzage_klaargezet_and_opgehaald(regenboog):
    ll = groep8(regenboog)
    dossier = verzamel(ll)
    st = rij(ll).stappen
    assert st["verzameld"].status == s.KLAAR and "Versie 1" in st["verzameld"].tekst
    assert st["inzage"].status == s.OPEN and st["inzage"].tekst == "Nodig voor versie 1"
    inzage(dossier)
    assert rij(ll).stappen["inzage"].status == s.KLAAR
    from dossiers import services

    services.klaarzetten(dossier=dossier)
    st = rij(ll).stappen
    assert st["klaargezet"].status == s.KLAAR and "(16UU) Het College" in st["klaargezet"].tekst
    assert st["opgehaald"].status == s.OPEN
    Dossieraanvraag.objects.create(
        school=regenboog,
        leerling=ll,
        bron_routeringskenmerk="1",
        aanvrager_brin="16UU",
        aanvrager_routeringskenmerk="2",
        overdrachtsoort="overstapdossier",
        sessie_id="00000000-0000-0000-0000-000000000001",
        resultaat="OverdrachtGeslaagd",
    )
    st = rij(ll).stappen
    assert st["opgehaald"].status == s.KLAAR and "(16UU)" in st["opgehaald"].tekst


def test_binnen_brin_needs_no_inzage(regenboog):
    from dossiers import services

    ll = groep8(regenboog)
    dossier = services.dossier_van(ll)
    dossier.binnen_brin = True
    dossier.save()
    dossier = verzamel(ll, "BINNEN_BRIN_POVO")
    assert dossier.binnen_brin
    assert rij(ll).stappen["inzage"].status == s.NVT


def test_newer_version_after_toets_every_state(regenboog):
    from dossiers import services

    ll = groep8(regenboog)
    Eindtoets.objects.filter(leerling=ll).delete()
    dossier, eerste = klaargezet(ll)
    assert s.nieuwe_versie_status(ll, s.context_voor(regenboog, [ll.pk])) == s.NV_NVT
    # the toets result arrives after the klaarzetten
    f.EindtoetsFactory(leerling=ll)
    assert Toetsuitslag.objects.get(leerling=ll).gewijzigd_op > eerste.versie.verzameld_op
    r = rij(ll)
    assert r.nieuwe_versie == s.NV_NODIG and r.stappen["nieuwe_versie"].status == s.OPEN
    assert [x.leerling for x in s.po_bord(regenboog).nieuwe_versie_nodig] == [ll]
    # saving the same result again is not a newer result
    moment = Toetsuitslag.objects.get(leerling=ll).gewijzigd_op
    Eindtoets.objects.get(leerling=ll).save()
    assert Toetsuitslag.objects.get(leerling=ll).gewijzigd_op == moment

    dossier = verzamel(ll)  # collected again: inzage first
    assert rij(ll).nieuwe_versie == s.NV_INZAGE
    inzage(dossier)
    tweede = services.klaarzetten(dossier=dossier)
    assert rij(ll).nieuwe_versie == s.NV_KLAARGEZET
    VerstuurdeNotificatie.objects.create(
        school=regenboog,
        leerling=ll,
        klaarzetting=tweede,
        doel_brin="16UU",
        uitkomst=NotificatieUitkomst.VERSTUURD,
        aantal_ontvangen=1,
    )
    assert rij(ll).nieuwe_versie == s.NV_GENOTIFICEERD
    Dossieraanvraag.objects.create(
        school=regenboog,
        leerling=ll,
        bron_routeringskenmerk="1",
        aanvrager_brin="16UU",
        aanvrager_routeringskenmerk="2",
        overdrachtsoort="overstapdossier",
        sessie_id="00000000-0000-0000-0000-000000000002",
        resultaat="OverdrachtGeslaagd",
    )
    r = rij(ll)
    assert r.nieuwe_versie == s.NV_OPGEHAALD and r.stappen["nieuwe_versie"].status == s.KLAAR


def test_a_version_collected_with_the_result_needs_nothing_new(regenboog):
    ll = groep8(regenboog)  # the result is there before the first collection
    klaargezet(ll, InzageKeuze.JA)
    assert rij(ll).nieuwe_versie == s.NV_NVT


def test_the_board_takes_a_constant_number_of_queries(regenboog):
    for _i in range(3):
        groep8(regenboog, compleet=False)
    with CaptureQueriesContext(connection) as weinig:
        s.po_bord(regenboog)
    for _i in range(12):
        ll = groep8(regenboog, compleet=False)
        f.EindtoetsFactory(leerling=ll)
    with CaptureQueriesContext(connection) as veel:
        bord = s.po_bord(regenboog)
    assert len(bord.rijen) == 15
    assert len(veel) == len(weinig)


@pytest.mark.parametrize(
    ("advies", "toetsadvies", "hoger"),
    [
        (AdviesVO.VMBO_GT_HAVO, "vmbo-gl/tl/havo", False),
        (AdviesVO.VMBO_GT, "vmbo-gl/tl/havo", True),
        (AdviesVO.HAVO, "havo/vwo", True),
        (AdviesVO.HAVO_VWO, "havo", False),
        (AdviesVO.VMBO_K, "vmbo-kader", False),
        (AdviesVO.VMBO_B, "vmbo-kader", True),
        (AdviesVO.PRO, "praktijkonderwijs", False),
        (AdviesVO.HAVO, "vwo", True),
        (AdviesVO.HAVO, "41", True),
        (AdviesVO.HAVO, "zie rapport", None),
    ],
)
def test_the_toetsadvies_is_compared_with_the_schooladvies(advies, toetsadvies, hoger):
    from seizoen.toets import toets_adviseert_hoger

    assert toets_adviseert_hoger(advies, toetsadvies) is hoger


def test_the_school_records_the_heroverweging_on_the_pupil_card(client, regenboog):
    from django.urls import reverse

    from accounts.roles import Rol

    ll = f.LeerlingFactory(school=regenboog, groep="8A")
    f.OverstapadviesFactory(leerling=ll, advies=AdviesVO.VMBO_GT)
    user = f.UserFactory(username="rita")
    f.AanstellingFactory(user=user, rol=Rol.SCHOOLADMINISTRATIE, school=regenboog)
    client.force_login(user)
    url = reverse("leerlingen:sectie", args=[ll.pk, "overstapadvies"])
    formulier = client.get(url).content.decode()
    for label in (
        "Voorlopig advies VO",
        "Datum definitief advies",
        "Heroverweging na toetsuitslag",
    ):
        assert label in formulier
    data = {
        "voorlopig_advies": AdviesVO.VMBO_GT,
        "voorlopig_advies_datum": f"{dit_jaar()}-01-20",
        "advies": AdviesVO.VMBO_GT,
        "advies_datum": f"{dit_jaar()}-03-20",
        "heroverweging": Heroverweging.NIET_VERHOOGD,
        "heroverweging_datum": f"{dit_jaar()}-03-22",
        "heroverweging_toelichting": "",
        "wens_ouders": "",
        "wens_leerling": "",
        "profiel": "",
        "argumentatie": "",
        "herzien_advies": "",
        "motivatie_herzien_advies": "",
    }
    antwoord = client.post(url, data)
    assert antwoord.status_code in (200, 400)
    assert "Leg vast waarom het advies niet is verhoogd" in antwoord.content.decode()
    ll.overstapadvies.refresh_from_db()
    assert ll.overstapadvies.heroverweging == ""  # bad input changes nothing
    data["heroverweging_toelichting"] = "Past beter bij gt; besproken met ouders."
    assert client.post(url, data).status_code == 302
    ll.overstapadvies.refresh_from_db()
    assert ll.overstapadvies.heroverweging == Heroverweging.NIET_VERHOOGD
    assert ll.overstapadvies.voorlopig_advies_datum == datetime.date(dit_jaar(), 1, 20)


def test_a_raised_advies_goes_into_the_dossier(regenboog):
    from lxml import etree

    ll = groep8(regenboog)
    advies = ll.overstapadvies
    advies.advies = AdviesVO.VMBO_GT
    advies.heroverweging = Heroverweging.VERHOOGD
    advies.heroverweging_datum = datetime.date(dit_jaar(), 3, 22)
    advies.herzien_advies = AdviesVO.VMBO_GT_HAVO
    advies.motivatie_herzien_advies = "De doorstroomtoets liet meer zien."
    advies.full_clean()
    advies.save()
    dossier = verzamel(ll)
    boom = etree.fromstring(bytes(dossier.huidige_versie.xml))
    ns = {"d": boom.nsmap[None]}
    assert boom.findtext(".//d:overstapadvies/d:advies", namespaces=ns) == "30"
    assert boom.findtext(".//d:overstapadvies/d:herzienadvies", namespaces=ns) == "31"
    assert (
        boom.findtext(".//d:overstapadvies/d:motivatie_herzienadvies", namespaces=ns)
        == "De doorstroomtoets liet meer zien."
    )
    assert boom.find(".//d:eindtoets_basisonderwijs", namespaces=ns) is not None


def test_registration_for_the_doorstroomtoets_when_the_exchange_provides_it(regenboog, monkeypatch):
    """The contract with the doorstroomtoets app (``seizoen/bronnen.py``): when it offers
    ``selectors.seizoen_aanmeldingen`` the board shows registration and whether the voorlopig
    advies went to the supplier. A stand-in module plays that app here."""
    import sys
    import types

    aangemeld = f.LeerlingFactory(school=regenboog, groep="8A", roepnaam="Ada")
    f.OverstapadviesFactory(
        leerling=aangemeld,
        voorlopig_advies=AdviesVO.HAVO,
        voorlopig_advies_datum=datetime.date(dit_jaar(), 1, 15),
    )
    niet = f.LeerlingFactory(school=regenboog, groep="8A", roepnaam="Bas")
    module = types.ModuleType("doorstroomtoets.selectors")
    module.seizoen_aanmeldingen = lambda ids: {
        aangemeld.pk: {
            "aangemeld_op": datetime.date(dit_jaar(), 1, 10),
            "advies_verzonden_op": datetime.date(dit_jaar(), 1, 16),
        }
    }
    monkeypatch.setitem(sys.modules, "doorstroomtoets", types.ModuleType("doorstroomtoets"))
    monkeypatch.setitem(sys.modules, "doorstroomtoets.selectors", module)
    st = rij(aangemeld).stappen
    assert st["aanmelding_toets"].status == s.KLAAR
    assert st["aanmelding_toets"].tekst == f"Aangemeld 10-01-{dit_jaar()}"
    assert f"naar de toetsaanbieder 16-01-{dit_jaar()}" in st["voorlopig_advies"].tekst
    assert rij(niet).stappen["aanmelding_toets"].tekst == "Niet aangemeld"


def test_the_bulk_resumes_a_pupil_collected_but_not_klaargezet(regenboog, monkeypatch):
    from dossiers import tasks as dossier_tasks
    from dossiers.models import DossierVersie, Status
    from seizoen.services import nieuwe_versie_voor, nieuwe_versies_aanvragen

    monkeypatch.setattr(dossier_tasks.maak_pdf, "delay", lambda *a, **k: None)
    ll = groep8(regenboog)
    Eindtoets.objects.filter(leerling=ll).delete()
    klaargezet(ll)
    f.EindtoetsFactory(leerling=ll)
    dossier = verzamel(ll)  # a run that stopped after collecting (inzage carried over)
    inzage(dossier)
    assert rij(ll).nieuwe_versie == s.NV_NODIG
    uitkomst, tekst = nieuwe_versie_voor(ll)
    assert uitkomst == "klaargezet" and "Versie 2 klaargezet" in tekst, tekst
    assert DossierVersie.objects.filter(dossier__leerling=ll).count() == 2  # no third
    dossier.refresh_from_db()
    assert dossier.status == Status.KLAARGEZET
    # nothing left to do: the next bulk run has no pupils
    assert nieuwe_versies_aanvragen(school=regenboog).leerling_ids == []
