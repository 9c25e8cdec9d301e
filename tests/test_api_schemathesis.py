"""Property-based fuzzing of the REST API against the committed ``docs/openapi.yaml``
(schemathesis): for every operation, generated requests with a valid token never get a 5xx,
and every response (status, content type, body, headers) matches the document. Examples are
limited so that the run takes a few minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .api_world import bearer, registreer, token
from .test_dossiers import collect, register_inzage

OPENAPI = Path(__file__).resolve().parent.parent / "docs" / "openapi.yaml"

schema = schemathesis.openapi.from_path(OPENAPI)
pytestmark = pytest.mark.conformance

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def wereld(db, django_settings_for_fuzzing):
    from dossiers import services

    from . import factories as f

    school = f.SchoolFactory(compleet=True, regionaal=True, brincode="14SS")
    tess = f.LeerlingFactory(school=school, uitgeschreven=True)
    f.vul_alle_blokken(tess)
    dossier, _versie = collect(tess, "POPO")
    register_inzage(dossier)
    services.klaarzetten(dossier=dossier)
    api_client, secret = registreer(scholen=[school])
    from django.test import Client

    return bearer(token(Client(), api_client, secret))


@pytest.fixture
def django_settings_for_fuzzing(settings):
    settings.OSO_API_RATE = "100000/min"
    settings.ALLOWED_HOSTS = ["*"]
    return settings


APP = WSGIHandler()


@pytest.fixture
def verbinding_blijft_open():
    """As Django's test client does: the database connection is not closed after a request
    (the test's transaction must survive it). Set up after ``wereld``: Django's test client,
    used there, connects the handlers again after each of its own requests."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
def test_api_matches_its_committed_document(case, wereld, verbinding_blijft_open):
    kop = {"Authorization": wereld["HTTP_AUTHORIZATION"]}
    case.call_and_validate(app=APP, headers=kop, checks=CHECKS)
