"""REST API v1: zorgvragen (create with blocks and attachments and send, list, show, send
again, delete, events), per scope and mandate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from audit.models import AuditEvent
from leerlingen import demo
from zorgvraag.models import Aflevering, Terugkoppeling, Zorgvraag

from . import factories as f
from .api_world import bearer, registreer, token
from .test_api_dossiers import _probleem
from .test_zorgvraag import sanne, school, swv_ap

pytestmark = pytest.mark.conformance


@pytest.fixture
def api(client, school):
    api_client, secret = registreer(scholen=[school], naam="Zorgplatform")
    return api_client, bearer(token(client, api_client, secret))


def _aanmaken(client, leerling, kop, swv_ap, **extra):
    pdf = demo.minimal_pdf("Toelichting onderwijsbehoeften", ["Extra instructie lezen."])
    data = {
        "omschrijving": "Aanvraag arrangement lezen",
        "aandachtspunten": "Graag overleg.",
        "aanleverpunt": swv_ap.routeringskenmerk,
        "blokken": ["handelingsplannen", "verzuim"],
        "nieuwe_toelichting": SimpleUploadedFile("toelichting.pdf", pdf, "application/pdf"),
        **extra,
    }
    return client.post(f"/api/v1/leerlingen/{leerling.pk}/zorgvragen", data, **kop)


def test_create_show_list_events_send_again_and_delete(
    client, sanne, swv_ap, api, django_capture_on_commit_callbacks
):
    api_client, kop = api
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = _aanmaken(client, sanne, kop, swv_ap)
    assert antwoord.status_code == 201, antwoord.content
    zorgvraag = Zorgvraag.objects.get()
    body = antwoord.json()
    assert body["id"] == zorgvraag.pk and antwoord["Location"].endswith(
        f"/zorgvragen/{zorgvraag.pk}"
    )
    assert set(body["gekozen_blokken"]) >= {"handelingsplannen", "verzuim"}
    # no Traffic Center in this test: saved, then not delivered, as on the screen
    zorgvraag.refresh_from_db()
    assert zorgvraag.aflevering == Aflevering.NIET_AFGELEVERD
    assert zorgvraag.bijlagen.filter(soort="toelichting").exists()
    assert zorgvraag.gemaakt_door == api_client.user

    lijst = client.get("/api/v1/scholen/14SS/zorgvragen", **kop).json()
    assert [z["id"] for z in lijst["results"]] == [zorgvraag.pk]
    opnieuw = client.post(f"/api/v1/zorgvragen/{zorgvraag.pk}/versturen", **kop)
    assert opnieuw.status_code == 200, opnieuw.content
    assert opnieuw.json()["aflevering"] == Aflevering.NIET_AFGELEVERD
    Zorgvraag.objects.filter(pk=zorgvraag.pk).update(
        aflevering=Aflevering.VERZONDEN, notificatie_verstuurd_op=dt.datetime.now(dt.UTC)
    )
    _probleem(client.post(f"/api/v1/zorgvragen/{zorgvraag.pk}/versturen", **kop), 409)
    Terugkoppeling.objects.create(
        zorgvraag=zorgvraag,
        status="Toegekend",
        bericht="Arrangement toegekend.",
        swv_routeringskenmerk=swv_ap.routeringskenmerk,
    )
    gebeurtenissen = client.get(f"/api/v1/zorgvragen/{zorgvraag.pk}/gebeurtenissen", **kop).json()
    assert [g["soort"] for g in gebeurtenissen] == [
        "aangemaakt",
        "notificatie_verstuurd",
        "terugkoppeling",
    ]
    assert gebeurtenissen[-1]["terugkoppeling"]["status"] == "Toegekend"
    detail = client.get(f"/api/v1/zorgvragen/{zorgvraag.pk}", **kop).json()
    assert detail["terugkoppelingen"][0]["bericht"] == "Arrangement toegekend."

    assert client.delete(f"/api/v1/zorgvragen/{zorgvraag.pk}", **kop).status_code == 204
    zorgvraag.refresh_from_db()
    assert zorgvraag.verwijderd and zorgvraag.xml is None
    _probleem(client.get(f"/api/v1/zorgvragen/{zorgvraag.pk}", **kop), 404)
    assert AuditEvent.objects.filter(actie="zorgvraag_verwijderd", user=api_client.user).exists()


def test_bad_input_is_refused_in_dutch_and_nothing_is_stored(client, sanne, swv_ap, api):
    _api_client, kop = api
    body = _probleem(
        client.post(
            f"/api/v1/leerlingen/{sanne.pk}/zorgvragen",
            {"omschrijving": "x", "aanleverpunt": swv_ap.routeringskenmerk},
            **kop,
        ),
        400,
    )
    assert any(p["name"] == "nieuwe_toelichting" for p in body["invalid_params"])
    _probleem(_aanmaken(client, sanne, kop, swv_ap, aanleverpunt="ONBEKEND"), 400)
    exe = SimpleUploadedFile("virus.exe", b"MZ...", "application/octet-stream")
    _probleem(_aanmaken(client, sanne, kop, swv_ap, nieuwe_toelichting=exe), 400)
    assert Zorgvraag.objects.count() == 0


def test_scope_and_mandate(client, sanne, swv_ap, school, api):
    _api_client, kop = api
    assert _aanmaken(client, sanne, {}, swv_ap).status_code == 401
    lezer, secret = registreer(scholen=[school], scopes=["dossiers.lezen"], naam="Lezer")
    kop_lezer = bearer(token(client, lezer, secret))
    _probleem(_aanmaken(client, sanne, kop_lezer, swv_ap), 403)
    _probleem(client.get("/api/v1/scholen/14SS/zorgvragen", **kop_lezer), 403)
    ander_school = f.SchoolFactory(brincode="15TT", compleet=True)
    ander, secret = registreer(scholen=[ander_school], naam="Ander")
    kop_ander = bearer(token(client, ander, secret))
    _probleem(_aanmaken(client, sanne, kop_ander, swv_ap), 404)
    _probleem(client.get("/api/v1/scholen/14SS/zorgvragen", **kop_ander), 404)
    assert _aanmaken(client, sanne, kop, swv_ap).status_code == 201
    zorgvraag = Zorgvraag.objects.get()
    for pad in (
        f"/api/v1/zorgvragen/{zorgvraag.pk}",
        f"/api/v1/zorgvragen/{zorgvraag.pk}/gebeurtenissen",
    ):
        _probleem(client.get(pad, **kop_ander), 404)
    _probleem(client.delete(f"/api/v1/zorgvragen/{zorgvraag.pk}", **kop_ander), 404)
    assert not Zorgvraag.objects.get().verwijderd
