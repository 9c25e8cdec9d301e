"""REST API v1: imports (POST XML, 202 + Location, status and findings rule by rule, refusals
with nothing stored), search by PGN as a POST, dossieraanvragen."""

from __future__ import annotations

import logging

import pytest
from django.test import TestCase

from audit.models import AuditEvent
from dossiers.models import Dossierimport
from leerlingen.models import Leerling
from trafficcenter_client.models import Dossieraanvraag

from . import factories as f
from .api_world import bearer, registreer, token
from .test_api_dossiers import _leerling, _probleem, klaargezet, regenboog  # noqa: F401

pytestmark = pytest.mark.conformance


@pytest.fixture
def college(db):
    return f.SchoolFactory(compleet=True, vo=True, brincode="16UU", naam="Het College")


@pytest.fixture
def college_api(client, college):
    api_client, secret = registreer(scholen=[college], naam="LAS van Het College")
    return api_client, bearer(token(client, api_client, secret))


def _post_xml(client, brin, xml, kop, content_type="application/xml"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/api/v1/scholen/{brin}/imports", xml, content_type, **kop)


def test_import_is_accepted_then_links_to_the_new_pupil(client, klaargezet, college, college_api):
    _dossier, _versie, klaarzetting = klaargezet
    api_client, kop = college_api
    antwoord = _post_xml(client, "16UU", bytes(klaarzetting.xml), kop)
    assert antwoord.status_code == 202, antwoord.content
    assert antwoord["Location"].endswith(f"/api/v1/imports/{antwoord.json()['id']}")
    status = client.get(antwoord["Location"], **kop).json()
    assert status["status"] == "geimporteerd", status
    assert status["nieuwe_leerling"] is True and status["problemen"] == []
    leerling = Leerling.objects.get(pk=status["leerling"])
    assert leerling.school == college and leerling.achternaam == "Vos"
    assert status["xsd_fouten"] == [] and isinstance(status["meldingen"], list)
    assert all({"regel", "ernst", "bericht", "pad"} <= set(m) for m in status["meldingen"])
    # the same import path as the screen: its named audit event, by the client's user
    assert AuditEvent.objects.filter(
        actie="dossier_geimporteerd", leerling=leerling, user=api_client.user
    ).exists()
    # posting it again completes the same pupil instead of making a second one
    opnieuw = client.get(_post_xml(client, "16UU", bytes(klaarzetting.xml), kop)["Location"], **kop)
    assert opnieuw.json()["leerling"] == leerling.pk and opnieuw.json()["nieuwe_leerling"] is False
    assert Leerling.objects.filter(school=college).count() == 1


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<dossier xmlns="http://www.edustandaard.nl/oso_gegevensset/2019/dossier">&lol2;</dossier>"""


def test_hostile_oversized_or_non_xml_is_refused_and_nothing_is_stored(
    client, college, college_api, settings
):
    _api_client, kop = college_api
    body = _probleem(_post_xml(client, "16UU", BILLION_LAUGHS, kop), 400, "ongeldige_xml")
    assert "DOCTYPE" in body["detail"]
    _probleem(_post_xml(client, "16UU", b"<dossier", kop), 400, "ongeldige_xml")
    _probleem(_post_xml(client, "16UU", b"<other/>", kop), 400, "ongeldige_xml")
    _probleem(_post_xml(client, "16UU", b'{"a": 1}', kop, "application/json"), 415)
    settings.OSO_MAX_DOSSIER_BYTES = 1000
    groot = b"<dossier>" + b" " * 2000 + b"</dossier>"
    _probleem(_post_xml(client, "16UU", groot, kop), 413, "dossier_te_groot")
    assert Dossierimport.objects.count() == 0
    assert Leerling.objects.count() == 0


def test_import_scope_and_mandate(client, klaargezet, college, college_api, regenboog):
    _dossier, _versie, klaarzetting = klaargezet
    api_client, _kop = college_api
    xml = bytes(klaarzetting.xml)
    assert _post_xml(client, "16UU", xml, {}).status_code == 401
    lezer, secret = registreer(scholen=[college], scopes=["dossiers.lezen"], naam="Lezer")
    _probleem(_post_xml(client, "16UU", xml, bearer(token(client, lezer, secret))), 403)
    # De Regenboog is not in the mandate: 404, and nothing is stored
    _probleem(_post_xml(client, "14SS", xml, college_api[1]), 404)
    assert Dossierimport.objects.count() == 0
    # an import of one client's school is not visible to a client of another school
    antwoord = _post_xml(client, "16UU", xml, college_api[1])
    regenboog_api, secret = registreer(scholen=[regenboog], naam="Regenboog")
    kop = bearer(token(client, regenboog_api, secret))
    _probleem(client.get(antwoord["Location"], **kop), 404)


def test_search_by_pgn_is_a_post_answered_with_the_id(client, college, college_api, caplog):
    caplog.set_level(logging.DEBUG)
    _api_client, kop = college_api
    leerling = f.LeerlingFactory(school=college)
    antwoord = client.post(
        "/api/v1/scholen/16UU/leerlingen/zoeken",
        {"pgn_type": leerling.pgn_type, "pgn": leerling.pgn},
        "application/json",
        **kop,
    )
    assert antwoord.status_code == 200 and antwoord.json() == {"id": leerling.pk}
    onbekend = client.post(
        "/api/v1/scholen/16UU/leerlingen/zoeken",
        {"pgn_type": "bsn", "pgn": "111222333"},
        "application/json",
        **kop,
    )
    _probleem(onbekend, 404)
    assert client.get("/api/v1/scholen/16UU/leerlingen/zoeken", **kop).status_code == 405
    # the number is nowhere: not in the audit, the logs or the answer
    for event in AuditEvent.objects.all():
        assert leerling.pgn not in f"{event.omschrijving} {event.details} {event.object_id}"
    assert leerling.pgn not in caplog.text and "111222333" not in caplog.text
    assert AuditEvent.objects.filter(actie="leerling_gezocht_op_pgn").count() == 2


def test_dossieraanvragen_of_a_school(client, college, college_api, regenboog):
    import uuid

    _api_client, kop = college_api
    for school, brin in ((college, "14SS"), (regenboog, "16UU")):
        Dossieraanvraag.objects.create(
            school=school,
            bron_routeringskenmerk="0",
            aanvrager_brin=brin,
            aanvrager_routeringskenmerk="0",
            overdrachtsoort="overstapdossier",
            sessie_id=uuid.uuid4(),
            resultaat="OverdrachtGeslaagd",
        )
    antwoord = client.get("/api/v1/scholen/16UU/dossieraanvragen", **kop)
    assert antwoord.status_code == 200
    rijen = antwoord.json()["results"]
    assert [r["aanvrager_brin"] for r in rijen] == ["14SS"]
    assert rijen[0]["resultaat"] == "OverdrachtGeslaagd"
    _probleem(client.get("/api/v1/scholen/14SS/dossieraanvragen", **kop), 404)
