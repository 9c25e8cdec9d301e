"""Schemathesis runs the official OpenAPI document of the Doorstroomtoetsketen against our
``POST /leerlingresultaat``: whatever it generates, the answer is never a server error, always a
status the document lists, with the document's body (an Ontvangstmelding) and content type.

Two runs: as generated (random ``edu-to``/``edu-from``: 405 or 401), and for our registered
school and pupil (the body as generated, but naming our pupil, with our school's parameters:
202 or 422), both with the supplier's client certificate as the TLS layer would pass it."""

from __future__ import annotations

import copy

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import TestCase
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from doorstroomtoets.models import Deelnemer, Leerlingresultaat

from . import factories as f
from .doorstroomtoets_officieel import PAD, document
from .test_doorstroomtoets import koppeling_voor

pytestmark = [pytest.mark.django_db, pytest.mark.doorstroomtoets]

if not PAD.exists():  # pragma: no cover - CI has the document
    pytest.skip(
        f"the official Doorstroomtoetsketen document is absent ({PAD})", allow_module_level=True
    )

CERT: dict[str, str] = {}


def _app():
    django_app = WSGIHandler()

    def app(environ, start_response):
        if CERT.get("pem"):
            environ["SSL_CLIENT_CERT"] = CERT["pem"]
        return django_app(environ, start_response)

    return app


def _schema():
    raw = copy.deepcopy(document())
    raw["servers"] = [{"url": "http://testserver/doorstroomtoets/v1.1"}]
    schema = schemathesis.openapi.from_dict(raw).include(path="/leerlingresultaat")
    schema.app = _app()
    return schema


schema = _schema()
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
INSTELLINGEN = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


@pytest.fixture
def wereld(school_a, tmp_path):
    from pathlib import Path

    from trafficcenter_client import pki

    from .test_doorstroomtoets import OIN_TOETS

    ca = pki.maak_ca("test-CA")
    pki.schrijf_sleutelpaar(
        tmp_path / "c.pem", tmp_path / "k.pem", pki.maak_clientcertificaat(ca, OIN_TOETS, "toets")
    )
    CERT["pem"] = Path(tmp_path / "c.pem").read_text()
    koppeling = koppeling_voor(school_a)
    leerling = f.LeerlingFactory(school=school_a, groep8=True, jaargroep="8")
    Deelnemer.objects.create(leerling=leerling, las_key="leerling-fuzz")
    # the requests run in the test's transaction, as Django's test client runs them: the
    # handler must not close the connection at the end of each request
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield koppeling
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        CERT.clear()


@schema.parametrize()
@INSTELLINGEN
def test_as_generated(case, wereld):
    antwoord = case.call_and_validate(checks=CHECKS)
    assert antwoord.status_code in (202, 401, 405, 422)


@schema.parametrize()
@INSTELLINGEN
def test_for_our_school_and_pupil(case, wereld):
    case.query = {"edu-to": wereld.las_kenmerk, "edu-from": wereld.school_oin}
    rs = case.body.get("resultatenscores") if isinstance(case.body, dict) else None
    if isinstance(rs, dict):
        rs["deelnemerref"] = [{"label": "LAS-key", "onderwijsdeelnemerID": "leerling-fuzz"}]
    voor = Leerlingresultaat.objects.count()
    # the task that processes an accepted delivery runs too (after the request's commit)
    with TestCase.captureOnCommitCallbacks(execute=True):
        antwoord = case.call_and_validate(checks=CHECKS)
    if case.method.upper() != "POST":  # schemathesis probes undocumented methods too
        assert antwoord.status_code == 405
        return
    assert antwoord.status_code in (202, 422)
    # a refusal stores nothing; an acceptance stores exactly one delivery
    assert Leerlingresultaat.objects.count() == voor + (antwoord.status_code == 202)
    if antwoord.status_code == 202:
        assert Leerlingresultaat.objects.latest("pk").status in ("verwerkt", "genegeerd")
