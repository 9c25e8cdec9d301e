"""REST API v1: dossiers, versions (XML, PDF, ETag), collect and klaarzetten, per scope and
mandate; problem details, API-Version, paging, filters, rate limits, audit, query counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from dossiers import services
from dossiers.models import Overstapdossier, Status

from . import factories as f
from .api_world import ALLE_SCOPES, bearer, registreer, token
from .test_dossiers import collect, register_inzage

pytestmark = pytest.mark.conformance


@pytest.fixture
def regenboog(bestuur):
    return f.SchoolFactory(bestuur=bestuur, compleet=True, regionaal=True, brincode="14SS")


@pytest.fixture
def toekomst(bestuur):
    return f.SchoolFactory(bestuur=bestuur, compleet=True, brincode="15TT", naam="De Toekomst")


def _leerling(school, roepnaam="Tess", achternaam="Vos"):
    leerling = f.LeerlingFactory(
        school=school,
        uitgeschreven=True,
        roepnaam=roepnaam,
        achternaam=achternaam,
        datum_inschrijving=datetime.date(2018, 8, 20),
    )
    f.vul_alle_blokken(leerling)
    return leerling


@pytest.fixture
def klaargezet(regenboog):
    tess = _leerling(regenboog)
    dossier, versie = collect(tess, "POPO")
    register_inzage(dossier)
    klaarzetting = services.klaarzetten(dossier=dossier)
    dossier.refresh_from_db()
    return dossier, versie, klaarzetting


@pytest.fixture
def api(client, regenboog):
    """A client with every scope and a mandate for De Regenboog only."""
    api_client, secret = registreer(scholen=[regenboog])
    return api_client, secret


def _token(client, api, scope=None):
    api_client, secret = api
    return bearer(token(client, api_client, secret, scope))


def _probleem(antwoord, status, code=None):
    assert antwoord.status_code == status, antwoord.content
    assert antwoord["Content-Type"].startswith("application/problem+json")
    body = antwoord.json()
    assert body["status"] == status and body["detail"] and body["code"]
    if code:
        assert body["code"] == code
    assert antwoord["API-Version"] == "1.0.0"
    return body


# --- auth, scope, mandate ------------------------------------------------------------------


def _paden(dossier, versie):
    d, n = dossier.pk, versie.nummer
    return [
        ("get", "/api/v1/scholen/14SS/dossiers", "dossiers.lezen"),
        ("get", f"/api/v1/dossiers/{d}", "dossiers.lezen"),
        ("get", f"/api/v1/dossiers/{d}/versies", "dossiers.lezen"),
        ("get", f"/api/v1/dossiers/{d}/versies/{n}", "dossiers.lezen"),
        ("get", f"/api/v1/dossiers/{d}/versies/{n}/xml", "dossiers.lezen"),
        ("get", f"/api/v1/dossiers/{d}/versies/{n}/pdf", "dossiers.lezen"),
        ("get", "/api/v1/scholen/14SS/dossieraanvragen", "dossiers.lezen"),
        ("get", f"/api/v1/leerlingen/{dossier.leerling_id}/overstapdossier", "dossiers.lezen"),
        ("post", f"/api/v1/dossiers/{d}/intrekken", "dossiers.klaarzetten"),
    ]


def test_no_token_is_401_with_a_problem_document(client, klaargezet):
    dossier, versie, _ = klaargezet
    for methode, pad, _scope in _paden(dossier, versie):
        antwoord = getattr(client, methode)(pad)
        body = _probleem(antwoord, 401, "niet_geauthenticeerd")
        assert "Bearer" in antwoord["WWW-Authenticate"]
        assert body["instance"] == pad
    antwoord = client.get("/api/v1/scholen/14SS/dossiers", HTTP_AUTHORIZATION="Bearer onzin")
    _probleem(antwoord, 401)


def test_a_token_without_the_scope_is_403(client, klaargezet, api):
    dossier, versie, _ = klaargezet
    for methode, pad, scope in _paden(dossier, versie):
        # every other scope, only not the one this call needs
        ander = " ".join(s for s in ALLE_SCOPES if s != scope)
        kop = _token(client, api, scope=ander)
        antwoord = getattr(client, methode)(pad, **kop)
        _probleem(antwoord, 403, "scope_ontbreekt")
    assert Overstapdossier.objects.get(pk=dossier.pk).status == Status.KLAARGEZET


def test_another_school_is_404_and_the_allowed_call_works(client, klaargezet, toekomst, api):
    dossier, versie, _ = klaargezet
    # a client of De Toekomst (same bestuur) with every scope sees nothing of De Regenboog
    ander = registreer(scholen=[toekomst], naam="Andere school")
    kop_ander = _token(client, ander)
    kop = _token(client, api)
    for methode, pad, _scope in _paden(dossier, versie):
        if "14SS" in pad:
            _probleem(getattr(client, methode)(pad.replace("14SS", "15TT"), **kop), 404)
        _probleem(getattr(client, methode)(pad, **kop_ander), 404)
    for methode, pad, _scope in _paden(dossier, versie):
        antwoord = getattr(client, methode)(pad, **kop)
        assert antwoord.status_code == 200, (pad, antwoord.content)
        assert antwoord["API-Version"] == "1.0.0"


def test_the_api_reaches_exactly_what_the_schools_staff_reaches(
    client, klaargezet, regenboog, toekomst, api
):
    """The same tenancy code: the client's dossiers are the school's staff's dossiers."""
    from accounts.roles import Recht, Rol

    alice = f.UserFactory(username="alice")
    f.AanstellingFactory(user=alice, rol=Rol.SCHOOLADMINISTRATIE, school=regenboog)

    _leerling(toekomst, "Daan", "Mulder")
    services.dossier_van(f.LeerlingFactory(school=toekomst))
    services.dossier_van(f.LeerlingFactory(school=regenboog))
    staff = set(
        Overstapdossier.objects.for_user(alice, Recht.BEKIJKEN).values_list("pk", flat=True)
    )
    antwoord = client.get("/api/v1/scholen/14SS/dossiers", **_token(client, api))
    assert {d["id"] for d in antwoord.json()["results"]} == staff


def test_revoked_and_rotated_clients_lose_their_tokens(client, klaargezet, api):
    from koppelingen import services as koppelingen

    api_client, secret = api
    kop = _token(client, api)
    assert client.get("/api/v1/scholen/14SS/dossiers", **kop).status_code == 200
    nieuw = koppelingen.secret_vernieuwen(client=api_client)
    assert client.get("/api/v1/scholen/14SS/dossiers", **kop).status_code == 401
    from .api_world import token_aanvragen

    assert token_aanvragen(client, api_client, secret).status_code == 401
    kop = bearer(token(client, api_client, nieuw))
    assert client.get("/api/v1/scholen/14SS/dossiers", **kop).status_code == 200
    koppelingen.client_intrekken(client=api_client)
    assert client.get("/api/v1/scholen/14SS/dossiers", **kop).status_code == 401
    assert token_aanvragen(client, api_client, nieuw).status_code == 401


def test_a_client_gets_no_scope_it_was_not_registered_for(client, regenboog):
    from .api_world import token_aanvragen

    api_client, secret = registreer(scholen=[regenboog], scopes=["dossiers.lezen"])
    antwoord = token_aanvragen(client, api_client, secret, scope="dossiers.importeren")
    assert antwoord.status_code == 400 and antwoord.json()["error"] == "invalid_scope"


# --- dossiers and versions -----------------------------------------------------------------


def test_list_shows_status_profile_version_klaargezet_voor_and_inzage(client, klaargezet, api):
    dossier, versie, klaarzetting = klaargezet
    antwoord = client.get("/api/v1/scholen/14SS/dossiers", **_token(client, api))
    rij = antwoord.json()["results"][0]
    assert rij["id"] == dossier.pk and rij["leerling"] == dossier.leerling_id
    assert rij["status"] == "klaargezet" and rij["profiel"] == "POPO"
    assert rij["huidige_versie"] == 1
    assert rij["klaargezet_voor"]["brin"] == klaarzetting.voor_brin
    assert rij["inzage"] == "ja"
    assert rij["versies"].endswith(f"/api/v1/dossiers/{dossier.pk}/versies")
    assert all(k == k.lower() for k in rij)  # one casing: snake_case


def test_filters_and_paging(client, klaargezet, regenboog, api):
    dossier, _versie, klaarzetting = klaargezet
    for i in range(4):
        services.dossier_van(f.LeerlingFactory(school=regenboog, achternaam=f"Extra{i}"))
    kop = _token(client, api)

    def ids(query):
        antwoord = client.get(f"/api/v1/scholen/14SS/dossiers?{query}", **kop)
        assert antwoord.status_code == 200, antwoord.content
        return [d["id"] for d in antwoord.json()["results"]]

    assert ids("status=klaargezet") == [dossier.pk]
    assert ids("profiel=POPO") == [dossier.pk]
    assert ids(f"klaargezet_voor={klaarzetting.voor_brin}") == [dossier.pk]
    assert ids("klaargezet_voor=99XX") == []
    assert len(ids("status=niet_klaar")) == 4
    later = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)).isoformat()
    assert ids("gewijzigd_sinds=" + later.replace("+", "%2B")) == []
    assert len(ids("gewijzigd_sinds=2020-01-01T00:00:00Z")) == 5
    _probleem(client.get("/api/v1/scholen/14SS/dossiers?status=weg", **kop), 400)

    eerste = client.get("/api/v1/scholen/14SS/dossiers?page_size=2", **kop).json()
    assert eerste["count"] == 5 and len(eerste["results"]) == 2
    assert "page=2" in eerste["next"] and "page_size=2" in eerste["next"]
    tweede = client.get(eerste["next"], **kop).json()
    assert {d["id"] for d in tweede["results"]}.isdisjoint({d["id"] for d in eerste["results"]})


def test_version_xml_is_byte_identical_to_what_the_traffic_center_path_serves(
    client, klaargezet, api
):
    dossier, versie, klaarzetting = klaargezet
    kop = _token(client, api)
    pad = f"/api/v1/dossiers/{dossier.pk}/versies/{versie.nummer}"
    xml = client.get(pad + "/xml", **kop)
    assert xml["Content-Type"] == "application/xml"
    # the Traffic Center path (document_verstrekken) serves the dossier's klaarzetting
    served = Overstapdossier.objects.get(pk=dossier.pk).klaarzetting.xml
    assert xml.content == bytes(served) and xml.content != bytes(versie.xml)
    assert xml["ETag"] == f'"{klaarzetting.sha256}"'
    # content negotiation on the version itself gives the same bytes
    assert client.get(pad, HTTP_ACCEPT="application/xml", **kop).content == xml.content
    niet = client.get(pad + "/xml", HTTP_IF_NONE_MATCH=xml["ETag"], **kop)
    assert niet.status_code == 304 and niet.content == b""
    pdf = client.get(pad + "/pdf", **kop)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(pad, HTTP_ACCEPT="application/pdf", **kop).content == pdf.content
    assert client.get(pad + "/pdf", HTTP_IF_NONE_MATCH=pdf["ETag"], **kop).status_code == 304
    meta = client.get(pad, **kop)
    assert meta.json()["klaargezet"] is True and meta.json()["pdf_beschikbaar"] is True
    assert client.get(pad, HTTP_IF_NONE_MATCH=meta["ETag"], **kop).status_code == 304
    _probleem(client.get(f"/api/v1/dossiers/{dossier.pk}/versies/9", **kop), 404)


def test_every_call_is_audited_with_client_school_and_object(client, klaargezet, api):
    dossier, versie, _ = klaargezet
    api_client, _secret = api
    kop = _token(client, api)
    client.get(f"/api/v1/dossiers/{dossier.pk}/versies/{versie.nummer}/xml", **kop)
    client.get("/api/v1/scholen/14SS/dossiers", **kop)
    xml, lijst = AuditEvent.objects.filter(actie="api_aanroep").order_by("pk")
    assert xml.user == api_client.user and xml.details["client"] == api_client.pk
    assert xml.school_id == dossier.leerling.school_id and xml.leerling_id == dossier.leerling_id
    assert xml.object_type == "dossiers.DossierVersie" and xml.object_id == str(versie.pk)
    assert lijst.school_id == dossier.leerling.school_id and lijst.details["client_naam"]


def test_collect_and_klaarzetten_through_the_same_services(client, regenboog, api):
    milan = _leerling(regenboog, "Milan", "Kok")
    kop = _token(client, api)
    # a pupil whose dossier was never opened gets one, as on the screen
    antwoord = client.get(f"/api/v1/leerlingen/{milan.pk}/overstapdossier", **kop)
    assert antwoord.status_code == 200 and antwoord.json()["status"] == "niet_klaar"
    dossier = Overstapdossier.objects.get(leerling=milan)
    assert antwoord.json()["id"] == dossier.pk
    pad = f"/api/v1/dossiers/{dossier.pk}"
    # klaarzetten before collecting: the screen's precondition, in Dutch
    body = _probleem(client.post(pad + "/klaarzetten", {}, "application/json", **kop), 422)
    assert body["detail"] == "Verzamel eerst het dossier."
    # a profile that does not fit the pupil: refused by voorwaarden, nothing queued
    body = _probleem(
        client.post(pad + "/verzamelen", {"profiel": "VOVO"}, "application/json", **kop), 422
    )
    assert body["code"] == "voorwaarden_niet_voldaan" and dossier.opdrachten.count() == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        antwoord = client.post(pad + "/verzamelen", {"profiel": "POPO"}, "application/json", **kop)
    assert antwoord.status_code == 202, antwoord.content
    opdracht = client.get(antwoord["Location"], **kop).json()
    assert opdracht["status"] == "klaar" and opdracht["versie"] == 1
    dossier.refresh_from_db()
    register_inzage(dossier)
    antwoord = client.post(pad + "/klaarzetten", {}, "application/json", **kop)
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json()["status"] == "klaargezet"
    acties = list(
        AuditEvent.objects.filter(leerling=milan).values_list("actie", flat=True).order_by("pk")
    )
    assert "dossier_verzamelen" in acties and "dossier_klaarzetten" in acties
    _probleem(client.post(pad + "/klaarzetten", {}, "application/json", **kop), 422)
    assert client.post(pad + "/intrekken", **kop).json()["status"] == "verzameld"
    _probleem(client.post(pad + "/intrekken", **kop), 409, "ongeldige_overgang")


def test_rate_limit_answers_429_with_retry_after(client, klaargezet, api, settings):
    from django.core.cache import cache

    cache.clear()
    settings.OSO_API_RATE = "3/min"
    kop = _token(client, api)
    for _ in range(3):
        assert client.get("/api/v1/scholen/14SS/dossiers", **kop).status_code == 200
    antwoord = client.get("/api/v1/scholen/14SS/dossiers", **kop)
    _probleem(antwoord, 429, "te_veel_aanvragen")
    assert int(antwoord["Retry-After"]) > 0
    cache.clear()


def test_query_count_is_constant_in_the_page_size(client, regenboog, klaargezet, api):
    for i in range(12):
        services.dossier_van(f.LeerlingFactory(school=regenboog, achternaam=f"Rij{i}"))
    kop = _token(client, api)

    def aantal(page_size):
        with CaptureQueriesContext(connection) as q:
            antwoord = client.get(f"/api/v1/scholen/14SS/dossiers?page_size={page_size}", **kop)
        assert antwoord.status_code == 200 and len(antwoord.json()["results"]) == page_size
        return len(q.captured_queries)

    assert aantal(2) == aantal(13)


def test_a_document_path_never_renders_its_document_as_json(client, klaargezet, api):
    """Found by schemathesis: ?format=json on /pdf rendered the PDF bytes as JSON (a 500)."""
    dossier, versie, _ = klaargezet
    kop = _token(client, api)
    for soort in ("pdf", "xml"):
        pad = f"/api/v1/dossiers/{dossier.pk}/versies/{versie.nummer}/{soort}?format=json"
        _probleem(client.get(pad, **kop), 404)
