"""The reference SWV system's own behaviour: its endpoint refuses what it cannot trust, stores a
notificatie once per koppelsleutel, and is managed by superusers only. The exchange with the
TC and the school: test_zorgvraag_uitwisseling."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from leerlingen import demo
from referentie_swv.models import Aanvraag, SwvSysteem
from trafficcenter_client import berichten as b
from trafficcenter_client import pki

from . import factories as f

pytestmark = pytest.mark.django_db

KENMERK = demo.swv_routeringskenmerk("PO2801", 1)


@pytest.fixture
def cert_pem(tmp_path) -> str:
    ca = pki.maak_ca("test-CA")
    paar = pki.maak_clientcertificaat(ca, "00000001823456789000", "LAS")
    pki.schrijf_sleutelpaar(tmp_path / "c.pem", tmp_path / "k.pem", paar)
    return Path(tmp_path / "c.pem").read_text()


@pytest.fixture
def systeem(db):
    return SwvSysteem.objects.create(
        naam="Loket PO",
        swv_code="PO2801",
        routeringskenmerk=KENMERK,
        url="https://127.0.0.1:9/swv/soap/",
        tc_url="https://127.0.0.1:9/tc/soap/",
        client_certificaat="/bestaat/niet.pem",
        client_sleutel="/bestaat/niet-key.pem",
        ca_certificaat="/bestaat/niet-ca.pem",
        automatisch_ophalen=False,
    )


def notificatie(**extra) -> bytes:
    velden = {
        "bron_brin": "14SS",
        "bron_routerings_kenmerk": pki.oin_voor_school("14SS", 0),
        "doel_brin": "PO2801",
        "doel_routerings_kenmerk": KENMERK,
        "koppelsleutel": uuid.UUID("6F1C2B1E-0C2D-4B8A-9A53-0B8C8C2B0A11"),
        "doel": b.Sector.SWV,
        "overdrachtsoort": b.Overdrachtsoort.SWV_DOSSIER,
    }
    velden.update(extra)
    return b.bouw(b.NotificatieRequest(**velden))


def post(client, body: bytes, cert: str | None):
    extra = {"SSL_CLIENT_CERT": cert} if cert else {}
    return client.post("/swv/soap/", body, content_type=b.CONTENT_TYPE, **extra)


def test_a_notificatie_is_stored_once(client, systeem, cert_pem):
    for _ in range(2):
        antwoord = post(client, notificatie(), cert_pem)
        assert antwoord.status_code == 200
        assert b.lees(antwoord.content).resultaat == b.Resultaatcode.NOTIFICATIE_ONTVANGEN
    aanvraag = Aanvraag.objects.get()
    assert (aanvraag.bron_brin, aanvraag.status) == ("14SS", "genotificeerd")


def test_an_unknown_aanleverpunt_is_refused(client, systeem, cert_pem):
    antwoord = post(
        client,
        notificatie(doel_routerings_kenmerk=demo.swv_routeringskenmerk("PO2801", 9)),
        cert_pem,
    )
    assert b.lees(antwoord.content).resultaat == b.Resultaatcode.ONBEKEND_AANLEVERPUNT
    assert Aanvraag.objects.count() == 0


def test_only_swv_dossiers_are_accepted(client, systeem, cert_pem):
    antwoord = post(
        client, notificatie(overdrachtsoort=b.Overdrachtsoort.OVERSTAPDOSSIER), cert_pem
    )
    assert b.lees(antwoord.content).resultaat == b.Resultaatcode.ONGELDIG_BERICHT
    assert Aanvraag.objects.count() == 0


def test_without_certificate_or_with_garbage_it_is_a_fault(client, systeem, cert_pem):
    assert post(client, notificatie(), None).status_code == 500
    antwoord = post(client, b"<x/>", cert_pem)
    assert antwoord.status_code == 500 and b"Fault" in antwoord.content
    documentverzoek = b.bouw(
        b.DocumentRequest(
            sessie_id=uuid.uuid4(),
            bron_brin="PO2801",
            bron_routerings_kenmerk=KENMERK,
            doel_brin="14SS",
            doel_routerings_kenmerk=pki.oin_voor_school("14SS", 0),
            overdrachtsoort=b.Overdrachtsoort.SWV_DOSSIER,
            koppelsleutel=uuid.uuid4(),
        )
    )
    antwoord = post(client, documentverzoek, cert_pem)
    assert antwoord.status_code == 500 and b"niet-voor-swv" in antwoord.content
    assert client.get("/swv/soap/").status_code == 405
    assert Aanvraag.objects.count() == 0


def test_the_command_refuses_an_unknown_aanvraag(systeem):
    with pytest.raises(CommandError, match="geen ontvangen zorgvraag"):
        call_command("swv_terugkoppeling", "999", "--status", "Toegekend")


def test_the_command_reports_a_terugkoppeling_that_was_not_delivered(systeem):
    aanvraag = Aanvraag.objects.create(
        systeem=systeem,
        koppelsleutel=uuid.uuid4(),
        bron_brin="14SS",
        bron_routeringskenmerk=pki.oin_voor_school("14SS", 0),
    )
    with pytest.raises(CommandError, match="niet afgeleverd"):
        call_command("swv_terugkoppeling", str(aanvraag.pk), "--status", "Toegekend")
    assert aanvraag.terugkoppelingen.get().resultaat == "NietAfgeleverd"


def test_the_command_refuses_a_document_it_cannot_send_and_sends_nothing(systeem, tmp_path):
    aanvraag = Aanvraag.objects.create(
        systeem=systeem,
        koppelsleutel=uuid.uuid4(),
        bron_brin="14SS",
        bron_routeringskenmerk=pki.oin_voor_school("14SS", 0),
    )
    tekst = tmp_path / "beschikking.txt"
    tekst.write_text("geen pdf")
    for pad, fout in ((tmp_path / "weg.pdf", "kan niet worden gelezen"), (tekst, "geen PDF")):
        with pytest.raises(CommandError, match=fout):
            call_command(
                "swv_terugkoppeling", str(aanvraag.pk), "--status", "Toegekend", "--document", pad
            )
    assert not aanvraag.terugkoppelingen.exists()


def test_only_superusers_manage_the_reference_swv(client_for, systeem):
    beheerder = f.UserFactory(is_staff=True)
    f.AanstellingFactory(user=beheerder, rol="beheerder", school=f.SchoolFactory())
    client = client_for(beheerder)
    assert client.get("/beheer/referentie_swv/aanvraag/").status_code == 403
    admin = f.UserFactory(is_staff=True, is_superuser=True)
    assert client_for(admin).get("/beheer/referentie_swv/aanvraag/").status_code == 200
    assert client_for(admin).get("/beheer/referentie_swv/swvsysteem/").status_code == 200
