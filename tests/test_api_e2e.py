"""End to end: a second LAS (a plain Python client of the REST API, tests/tweede_las.py) on a
real server, with the reference Traffic Center and SWV over mutual TLS. It subscribes to every
webhook on a real local receiver, collects and klaarzet a dossier for Het College, lists the
dossiers klaargezet for that school, fetches the XML and the PDF, sees Het College fetch it
through OSO, posts the dossier for import at Het College and follows the import to the pupil,
sends a zorgvraag and follows it to the SWV's terugkoppeling; every delivery carries a valid
signature, and the feed has the same events."""

from __future__ import annotations

import json
import time

import pytest

from dossiers.models import Klaarzetting, Overstapdossier
from koppelingen.webhooks import handtekening_geldig
from leerlingen.models import Leerling
from referentie_swv import services as swv
from referentie_swv.models import Aanvraag
from trafficcenter_client.berichten import TerugkoppelingStatus
from trafficcenter_client.models import OpvraagStatus
from trafficcenter_client.services import dossier_opvragen
from zorgvraag.models import Zorgvraag

from . import factories as f
from .api_world import registreer
from .test_dossiers import register_inzage
from .test_zorgvraag_uitwisseling import (
    leerling_met_gegevens,
    p,
    servers,
    tc_sleutel,
    toelichting,
    wereld,
)
from .tweede_las import TweedeLas
from .webhook_ontvanger import Ontvanger

pytestmark = [pytest.mark.conformance, pytest.mark.django_db(transaction=True)]

ALLE = [
    "dossier.klaargezet",
    "dossier.nieuwe_versie",
    "dossier.opgehaald",
    "import.verwerkt",
    "zorgvraag.terugkoppeling",
]


@pytest.fixture
def ontvanger():
    o = Ontvanger().start()
    yield o
    o.stop()


def wacht(tot, seconden=30):
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        waarde = tot()
        if waarde:
            return waarde
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_a_second_las_end_to_end(live_server, wereld, ontvanger):
    po, vo = wereld.po, wereld.vo
    api_client, secret = registreer(scholen=[po, vo], naam="Tweede LAS")
    las = TweedeLas(live_server.url, api_client.applicatie.client_id, secret)
    las.aanmelden()

    # 1. webhooks for every event, with the secret shown once
    antwoord = las.post("/api/v1/webhooks", body={"url": ontvanger.url, "gebeurtenissen": ALLE})
    assert antwoord.status == 201, antwoord.body
    hook_secret = antwoord.json()["secret"]

    # 2. Tess leaves De Regenboog for Het College: collect and klaarzetten through the API
    tess = f.LeerlingFactory(
        school=po, uitgeschreven=True, roepnaam="Tess", achternaam="Vos", vervolgschool_brin="16UU"
    )
    f.vul_alle_blokken(tess)
    dossier = Overstapdossier.objects.create(leerling=tess)
    antwoord = las.post(f"/api/v1/dossiers/{dossier.pk}/verzamelen", body={"profiel": "POPO"})
    assert antwoord.status == 202, antwoord.body
    opdracht = wacht(lambda: (o := las.get(antwoord.headers["Location"]).json())["versie"] and o)
    assert opdracht["status"] == "klaar"
    dossier.refresh_from_db()
    register_inzage(dossier)  # the parents saw the PDF (screen)
    antwoord = las.post(f"/api/v1/dossiers/{dossier.pk}/klaarzetten", body={})
    assert antwoord.status == 200, antwoord.body

    # 3. the dossiers klaargezet for Het College
    lijst = las.get("/api/v1/scholen/14SS/dossiers?status=klaargezet&klaargezet_voor=16UU")
    assert lijst.headers["API-Version"] == "1.0.0"
    [rij] = lijst.json()["results"]
    assert rij["id"] == dossier.pk and rij["klaargezet_voor"]["brin"] == "16UU"
    versie = las.get(rij["versies"]).json()["results"][-1]
    xml = las.get(versie["xml"])
    assert xml.headers["Content-Type"] == "application/xml"
    assert xml.body == bytes(Klaarzetting.objects.get(dossier=dossier).xml)
    assert las.get(versie["xml"], headers={"If-None-Match": xml.headers["ETag"]}).status == 304
    pdf = wacht(lambda: (r := las.get(versie["pdf"])).status == 200 and r)
    assert pdf.headers["Content-Type"] == "application/pdf" and pdf.body.startswith(b"%PDF")

    # 4. Het College fetches it through OSO (the Traffic Center path): dossier.opgehaald
    carla = f.UserFactory(username="carla")
    opvraging = dossier_opvragen(
        school=vo,
        herkomst_brin="14SS",
        pgn_type=tess.pgn_type,
        pgn=tess.pgn,
        user=carla,
        client=wereld.client,
    )
    assert opvraging.status == OpvraagStatus.KLAAR and bytes(opvraging.xml) == xml.body

    # 5. the second LAS posts the received dossier for import at Het College
    antwoord = las.post(
        "/api/v1/scholen/16UU/imports", body=xml.body, headers={"Content-Type": "application/xml"}
    )
    assert antwoord.status == 202, antwoord.body
    status = wacht(lambda: (s := las.get(antwoord.headers["Location"]).json())["verwerkt_op"] and s)
    assert status["status"] == "geimporteerd", status
    nieuw = Leerling.objects.get(pk=status["leerling"])
    assert nieuw.school == vo and nieuw.achternaam == "Vos"

    # 6. a zorgvraag for Sanne at De Regenboog, followed to the SWV's terugkoppeling
    sanne = leerling_met_gegevens(po, roepnaam="Sanne")
    uitleg = toelichting(sanne)
    kenmerk = wereld.swv_po.routeringskenmerk
    antwoord = las.post(
        f"/api/v1/leerlingen/{sanne.pk}/zorgvragen",
        body={
            "omschrijving": "Aanvraag arrangement lezen",
            "aanleverpunt": kenmerk,
            "blokken": ["handelingsplannen", "verzuim", "bijlagen"],
            "toelichting": uitleg.pk,
            "bijlagen": [uitleg.pk],
        },
    )
    assert antwoord.status == 201, antwoord.body
    pad = antwoord.headers["Location"]
    zorgvraag = wacht(lambda: (z := las.get(pad).json())["aflevering"] == "verzonden" and z)
    assert zorgvraag["notificatie_verstuurd_op"]
    koppelsleutel = Zorgvraag.objects.get(pk=zorgvraag["id"]).koppelsleutel
    aanvraag = Aanvraag.objects.get(koppelsleutel=koppelsleutel)
    verstuurd = swv.terugkoppeling_sturen(
        aanvraag,
        status=TerugkoppelingStatus.TOEGEKEND,
        bericht="Arrangement lezen toegekend.",
        client=wereld.swv_client(wereld.swv_po),
    )
    assert swv.afgeleverd(verstuurd), verstuurd.melding
    gebeurtenissen = las.get(pad + "/gebeurtenissen").json()
    assert [g["soort"] for g in gebeurtenissen][-1] == "terugkoppeling"
    assert gebeurtenissen[-1]["terugkoppeling"]["bericht"] == "Arrangement lezen toegekend."

    # 7. every webhook arrived, signed; the feed holds the same events
    verwacht = {
        "dossier.nieuwe_versie",
        "dossier.klaargezet",
        "dossier.opgehaald",
        "import.verwerkt",
        "zorgvraag.terugkoppeling",
    }
    wacht(lambda: verwacht <= set(ontvanger.gebeurtenissen()))
    for o in ontvanger.ontvangen:
        h = o["headers"]
        assert handtekening_geldig(
            hook_secret, h["X-Oso-Tijdstempel"], o["body"], h["X-Oso-Handtekening"]
        )
        inhoud = json.loads(o["body"])
        assert las.get(inhoud["url"]).status == 200, inhoud
        for pgn in (tess.pgn, sanne.pgn):
            assert pgn not in o["body"].decode()
    feed = las.get("/api/v1/gebeurtenissen").json()["results"]
    assert {g["gebeurtenis"] for g in feed} == verwacht
