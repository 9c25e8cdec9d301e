"""Webhooks (thin, signed with HMAC and a timestamp, retried with backoff, recorded, paused
after repeated failure and resumed by the beheerder) and the pull feed of gebeurtenissen."""

from __future__ import annotations

import json
import time

import pytest

from audit import events
from dossiers import services
from koppelingen.models import Aflevering, AfleverStatus, Gebeurtenis, Webhook
from koppelingen.webhooks import MAX_POGINGEN, handtekening, handtekening_geldig

from . import factories as f
from .api_world import bearer, registreer, token
from .test_api_dossiers import _leerling, _probleem, regenboog, toekomst
from .test_dossiers import collect, register_inzage
from .webhook_ontvanger import Ontvanger

pytestmark = pytest.mark.conformance


@pytest.fixture
def ontvanger():
    o = Ontvanger().start()
    yield o
    o.stop()


@pytest.fixture
def api(client, regenboog):
    api_client, secret = registreer(scholen=[regenboog])
    return api_client, bearer(token(client, api_client, secret))


def _aanmelden(client, kop, url, soorten):
    return client.post(
        "/api/v1/webhooks", {"url": url, "gebeurtenissen": soorten}, "application/json", **kop
    )


ALLE = [
    "dossier.klaargezet",
    "dossier.nieuwe_versie",
    "dossier.opgehaald",
    "import.verwerkt",
    "zorgvraag.terugkoppeling",
]


def test_deliveries_are_thin_signed_and_recorded(
    client, regenboog, api, ontvanger, django_capture_on_commit_callbacks
):
    _client, kop = api
    antwoord = _aanmelden(client, kop, ontvanger.url, ALLE)
    assert antwoord.status_code == 201, antwoord.content
    secret = antwoord.json()["secret"]
    assert "secret" not in client.get("/api/v1/webhooks", **kop).json()["results"][0]

    tess = _leerling(regenboog)
    with django_capture_on_commit_callbacks(execute=True):
        dossier, versie = collect(tess, "POPO")
        register_inzage(dossier)
        klaarzetting = services.klaarzetten(dossier=dossier)
        # the Traffic Center path served it (the same audit event document_verstrekken writes)
        events.dossier_verstrekt(
            klaarzetting=klaarzetting, leerling=tess, school=regenboog, doel_brin="16UU", details={}
        )
    assert ontvanger.gebeurtenissen() == [
        "dossier.nieuwe_versie",
        "dossier.klaargezet",
        "dossier.opgehaald",
    ]
    for o in ontvanger.ontvangen:
        h = o["headers"]
        assert handtekening_geldig(
            secret, h["X-Oso-Tijdstempel"], o["body"], h["X-Oso-Handtekening"]
        )
        inhoud = json.loads(o["body"])
        assert set(inhoud) == {
            "gebeurtenis",
            "id",
            "school",
            "object_type",
            "object_id",
            "url",
            "tijdstip",
        }
        assert inhoud["school"] == "14SS"
        assert tess.achternaam not in o["body"].decode() and tess.pgn not in o["body"].decode()
    # the URL in a delivery is fetchable with the client's token
    versie_url = json.loads(ontvanger.ontvangen[0]["body"])["url"]
    assert versie_url.endswith(f"/api/v1/dossiers/{dossier.pk}/versies/{versie.nummer}")
    assert client.get(versie_url, **kop).status_code == 200
    assert set(Aflevering.objects.values_list("status", flat=True)) == {AfleverStatus.AFGELEVERD}
    # a replayed delivery with an old timestamp or another body is refused by the check
    o = ontvanger.ontvangen[0]
    oud = str(int(time.time()) - 3600)
    assert not handtekening_geldig(secret, oud, o["body"], handtekening(secret, oud, o["body"]))
    assert not handtekening_geldig(
        secret,
        o["headers"]["X-Oso-Tijdstempel"],
        o["body"] + b" ",
        o["headers"]["X-Oso-Handtekening"],
    )


def test_other_schools_events_are_not_delivered_nor_in_the_feed(
    client, regenboog, toekomst, api, ontvanger, django_capture_on_commit_callbacks
):
    _client, kop = api
    _aanmelden(client, kop, ontvanger.url, ALLE)
    daan = _leerling(toekomst, "Daan", "Mulder")
    with django_capture_on_commit_callbacks(execute=True):
        collect(daan, "POPO")
    assert Gebeurtenis.objects.count() == 1
    assert ontvanger.ontvangen == []
    assert client.get("/api/v1/gebeurtenissen", **kop).json()["results"] == []


def test_failing_receiver_is_retried_then_paused_and_resumed(
    client, client_for, regenboog, api, ontvanger, django_capture_on_commit_callbacks, settings
):
    from accounts.roles import Rol

    api_client, kop = api
    ontvanger.status = 500
    webhook_id = _aanmelden(client, kop, ontvanger.url, ["dossier.nieuwe_versie"]).json()["id"]
    leerlingen = [_leerling(regenboog, f"Kind{i}", f"Achter{i}") for i in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        for leerling in leerlingen[:3]:
            collect(leerling, "POPO")
    assert len(ontvanger.ontvangen) == 3 * MAX_POGINGEN
    afleveringen = Aflevering.objects.order_by("pk")
    assert [a.status for a in afleveringen] == [AfleverStatus.MISLUKT] * 3
    assert all(a.pogingen == MAX_POGINGEN and a.laatste_statuscode == 500 for a in afleveringen)
    webhook = Webhook.objects.get(pk=webhook_id)
    assert webhook.gepauzeerd_op is not None  # paused, not dropped
    with django_capture_on_commit_callbacks(execute=True):
        collect(leerlingen[3], "POPO")
    assert len(ontvanger.ontvangen) == 3 * MAX_POGINGEN  # paused: nothing sent
    # the beheerder sees it and resumes: every delivery that was not made is sent again
    beheerder = f.UserFactory(username="beheer", is_staff=True)
    f.AanstellingFactory(user=beheerder, rol=Rol.BEHEERDER, school=regenboog)
    http = client_for(beheerder)
    pagina = http.get(f"/koppelingen/{api_client.pk}/").content.decode()
    assert "Gepauzeerd sinds" in pagina and "HTTP 500" in pagina
    ontvanger.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        http.post(f"/koppelingen/{api_client.pk}/webhooks/{webhook_id}/hervatten/")
    assert set(Aflevering.objects.values_list("status", flat=True)) == {AfleverStatus.AFGELEVERD}
    assert Webhook.objects.get(pk=webhook_id).gepauzeerd_op is None


def test_feed_with_a_cursor(client, regenboog, api, django_capture_on_commit_callbacks):
    _client, kop = api
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(3):
            collect(_leerling(regenboog, f"Kind{i}", f"Achter{i}"), "POPO")
    eerste = client.get("/api/v1/gebeurtenissen?page_size=2", **kop).json()
    assert [g["gebeurtenis"] for g in eerste["results"]] == ["dossier.nieuwe_versie"] * 2
    tweede = client.get(eerste["next"], **kop).json()
    assert len(tweede["results"]) == 1 and tweede["results"][0]["id"] > eerste["results"][1]["id"]
    derde = client.get(tweede["next"], **kop).json()
    assert derde["results"] == [] and derde["next"] == tweede["next"]
    _probleem(client.get("/api/v1/gebeurtenissen?na=x", **kop), 400)
    _probleem(client.get("/api/v1/gebeurtenissen"), 401)


def test_webhook_subscription_checks(client, regenboog, api):
    api_client, kop = api
    _probleem(_aanmelden(client, kop, "ftp://example.org/x", ["import.verwerkt"]), 400)
    _probleem(_aanmelden(client, kop, "https://example.org/x", ["iets.anders"]), 400)
    lezer, secret = registreer(scholen=[regenboog], scopes=["dossiers.lezen"], naam="Lezer")
    _probleem(
        _aanmelden(client, bearer(token(client, lezer, secret)), "https://example.org/x", ALLE), 403
    )
    webhook_id = _aanmelden(client, kop, "https://example.org/x", ALLE).json()["id"]
    ander, secret = registreer(scholen=[regenboog], naam="Ander")
    kop_ander = bearer(token(client, ander, secret))
    _probleem(client.delete(f"/api/v1/webhooks/{webhook_id}", **kop_ander), 404)
    assert client.delete(f"/api/v1/webhooks/{webhook_id}", **kop).status_code == 204
    assert client.get("/api/v1/webhooks", **kop).json()["results"] == []


def test_the_sweeper_offers_stuck_deliveries_again(client, regenboog, api, ontvanger):
    """A delivery whose task message was lost (broker down at commit) is sent by the sweeper."""
    import datetime as dt

    from django.utils import timezone

    from koppelingen.webhooks import blijven_hangen

    _client, kop = api
    _aanmelden(client, kop, ontvanger.url, ["dossier.nieuwe_versie"])
    from koppelingen.gebeurtenissen import publiceer

    # on-commit callbacks are not run here: the task message is never sent (a lost broker)
    publiceer(
        soort="dossier.nieuwe_versie",
        school=regenboog,
        object_type="dossierversie",
        object_id="1/1",
        pad="dossiers/1/versies/1",
    )
    aflevering = Aflevering.objects.get()
    assert aflevering.status == AfleverStatus.WACHTRIJ and ontvanger.ontvangen == []
    assert blijven_hangen() == 0  # too recent: perhaps still on its way
    Gebeurtenis.objects.filter(pk=aflevering.gebeurtenis_id).update(
        tijdstip=timezone.now() - dt.timedelta(hours=1)
    )
    assert blijven_hangen() == 1
    aflevering.refresh_from_db()
    assert aflevering.status == AfleverStatus.AFGELEVERD
    assert ontvanger.gebeurtenissen() == ["dossier.nieuwe_versie"]


def test_callbacks_into_the_hosting_network_are_refused_in_production(
    client, regenboog, api, ontvanger, settings, django_capture_on_commit_callbacks
):
    """Server-side request forgery: with OSO_WEBHOOK_ALLEEN_PUBLIEK (always on in production) a
    callback to a loopback, private or link-local address is refused at subscription, and a
    subscription made earlier delivers nothing there."""
    _client, kop = api
    eerder = _aanmelden(client, kop, ontvanger.url, ALLE)  # while allowed (development)
    assert eerder.status_code == 201
    settings.OSO_WEBHOOK_ALLEEN_PUBLIEK = True
    for url in (
        "http://127.0.0.1:8601/x",
        "https://10.1.2.3/x",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/x",
        "https://localhost/x",
    ):
        antwoord = _aanmelden(client, kop, url, ["import.verwerkt"])
        assert "niet-openbaar adres" in _probleem(antwoord, 400)["detail"], url
    assert Webhook.objects.count() == 1
    tess = _leerling(regenboog)
    with django_capture_on_commit_callbacks(execute=True):
        dossier, _versie = collect(tess, "POPO")
        register_inzage(dossier)
        services.klaarzetten(dossier=dossier)
    assert ontvanger.ontvangen == []
    aflevering = Aflevering.objects.filter(webhook_id=eerder.json()["id"]).first()
    assert aflevering is not None and "niet-openbaar adres" in aflevering.laatste_fout
