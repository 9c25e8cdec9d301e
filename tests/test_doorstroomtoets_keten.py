"""The doorstroomtoets chain over the wire: this LAS and the reference toets system, each with its
own certificate, over HTTPS with mutual TLS on loopback. The deelnemerslijst (a mutatielevering),
the voorlopig schooladviezen, the results delivered back and processed, the leerlingrapporten in
the leerlingmap; every request our client sends, and every delivery of the reference system,
checked against the official OpenAPI document."""

from __future__ import annotations

import json

import pytest

from doorstroomtoets import services
from doorstroomtoets.client import DoorstroomClient
from doorstroomtoets.models import Berichtlog, Deelnemer, Leerlingresultaat
from leerlingen.models import Eindtoets, MapItem
from referentie_toets.models import Levering, ToetsDeelnemer, ToetsSchool
from referentie_toets.ontwikkeling import doorstroomtoets_instellen
from trafficcenter_client import ontwikkeling

from . import factories as f
from .doorstroomtoets_officieel import body_fouten, vereist_document, verzoek_fouten

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def p(tmp_path_factory):
    return ontwikkeling.zorg_voor_pki(tmp_path_factory.mktemp("pki-doorstroomtoets"))


@pytest.fixture
def wereld(p):
    w = ontwikkeling.start_wereld(p, las_poort=0)
    yield w
    w.stop()


@pytest.fixture
def verzoeken(monkeypatch):
    """Every request our client puts on the wire: (method, url, body)."""
    gezien = []
    origineel = DoorstroomClient._http

    def _http(self, methode, url, body):
        gezien.append((methode, url, json.loads(json.dumps(body)) if body is not None else None))
        return origineel(self, methode, url, body)

    monkeypatch.setattr(DoorstroomClient, "_http", _http)
    return gezien


@pytest.fixture
def school(bestuur):
    school = f.SchoolFactory(bestuur=bestuur, brincode="14SS", naam="De Regenboog", soort="BO")
    f.SchoolFactory(bestuur=bestuur, brincode="16UU", naam="Het College", soort="VO")
    return school


@pytest.fixture
def groep8(school):
    return [
        f.LeerlingFactory(school=school, groep8=True, jaargroep="8", roepnaam=n, achternaam=a)
        for n, a in (("Sanne", "Visser"), ("Daan", "Mulder"))
    ]


def test_the_chain_over_https(wereld, p, school, groep8, verzoeken):
    doorstroomtoets_instellen(p, wereld.las_url)
    for ll in groep8:
        ll.overstapadvies.voorlopig_advies = "41"  # havo/vwo
        ll.overstapadvies.save()
    f.LeerlingFactory(school=school, groep="7A", jaargroep="7")  # not a deelnemer

    uitslag = services.deelnemerslijst_versturen(school=school)
    assert uitslag.geslaagd and (uitslag.verstuurd, uitslag.nieuw) == (2, 2)
    # the reference system made results and delivered them; the LAS processed them and fetched
    # the reports (eager tasks, so this has happened by now)
    for ll in groep8:
        et = Eindtoets.objects.get(leerling=ll)
        assert et.toetssoort == "0013" and et.toetsomschrijving == "IEP Doorstroomtoets"
        assert et.standaardscore and et.toets_advies and et.onderdelen.count() == 2
        rapport = MapItem.objects.get(leerling=ll, titel="Leerlingrapport doorstroomtoets")
        assert rapport.bestand.read().startswith(b"%PDF-")
    assert (
        Leerlingresultaat.objects.filter(status="verwerkt", rapport_status="opgehaald").count() == 2
    )

    adviezen = services.schooladviezen_versturen(school=school)
    assert adviezen.geslaagd and adviezen.verstuurd == 2
    assert set(ToetsDeelnemer.objects.values_list("voorlopig_advies", flat=True)) == {"HAVO_TM_VWO"}

    # mutatielevering: nothing new, nothing sent; a changed pupil goes again, alone
    assert services.deelnemerslijst_versturen(school=school).verstuurd == 0
    groep8[0].achternaam = "Visser-de Boer"
    groep8[0].save()
    opnieuw = services.deelnemerslijst_versturen(school=school)
    assert (opnieuw.verstuurd, opnieuw.gewijzigd) == (1, 1)
    assert ToetsDeelnemer.objects.get(achternaam="Visser-de Boer")
    # the new standlevering replaced the first one of that pupil
    assert Leerlingresultaat.objects.filter(status="vervangen").count() == 1

    # no pupil number anywhere on the wire or in the message log
    for ll in groep8:
        assert ll.pgn not in json.dumps(verzoeken)
        assert ll.pgn not in json.dumps(list(Berichtlog.objects.values()), default=str)
        assert ll.pgn not in json.dumps(list(Levering.objects.values_list("inhoud", flat=True)))
    operaties = [m.split("?")[0].rsplit("/", 2)[-2:] for _, m, _ in verzoeken]
    assert ["v1.1", "registreren"] in operaties and [
        "v1.1",
        "registreren-schooladviezen",
    ] in operaties
    assert any(o[0] == "leerlingrapport" for o in operaties)


@vereist_document
def test_every_request_and_delivery_follows_the_official_document(
    wereld, p, school, groep8, verzoeken
):
    doorstroomtoets_instellen(p, wereld.las_url)
    for ll in groep8:
        ll.overstapadvies.voorlopig_advies = "50"
        ll.overstapadvies.save()
    services.deelnemerslijst_versturen(school=school)
    services.schooladviezen_versturen(school=school)
    assert len(verzoeken) == 4  # registreren, 2 x leerlingrapport, registreren-schooladviezen
    for methode, url, body in verzoeken:
        assert verzoek_fouten(methode, url, body, basis="/referentie-toets/v1.1") == [], url
    leveringen = list(Levering.objects.all())
    assert len(leveringen) == 2
    for levering in leveringen:
        assert body_fouten("Leerlingresultaat", levering.inhoud) == []


def test_refusals_of_the_supplier_mark_nothing_as_sent(wereld, p, school, groep8):
    doorstroomtoets_instellen(p, wereld.las_url)
    ToetsSchool.objects.update(inschrijving_open=False)
    gesloten = services.deelnemerslijst_versturen(school=school)
    assert not gesloten.geslaagd and "(403)" in gesloten.melding
    ToetsSchool.objects.all().delete()
    onbekend = services.deelnemerslijst_versturen(school=school)
    assert not onbekend.geslaagd and "niet bekend" in onbekend.melding
    assert not Deelnemer.objects.filter(verstuurd_op__isnull=False).exists()
    assert list(Berichtlog.objects.order_by("pk").values_list("http_status", flat=True)) == [
        403,
        405,
    ]


def test_a_supplier_unreachable_is_a_dutch_message(p, school, groep8):
    doorstroomtoets_instellen(p, "https://127.0.0.1:9/oso/soap/")
    with pytest.raises(services.DoorstroomFout, match="niet bereikbaar"):
        services.deelnemerslijst_versturen(school=school)
    assert not Deelnemer.objects.filter(verstuurd_op__isnull=False).exists()
