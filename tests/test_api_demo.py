"""The demo world has one API client whose secret ``demo_data --logins`` prints, and it works:
a token, then the dossiers of a school of its mandate."""

from __future__ import annotations

import re

import pytest

from koppelingen.models import ApiClient

from .api_world import bearer
from .test_demo_data import bouw, media


@pytest.mark.django_db
def test_demo_world_has_an_api_client_with_a_printed_secret(client, media):
    uit = bouw("--logins")
    regel = re.search(r"client-id (\S+)  secret (\S+)", uit)
    assert regel, uit
    client_id, secret = regel.groups()
    assert "/api/v1/docs/" in uit
    antwoord = client.post(
        "/api/v1/token/",
        {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )
    assert antwoord.status_code == 200, antwoord.content
    kop = bearer(antwoord.json()["access_token"])
    assert client.get("/api/v1/scholen/14SS/dossiers", **kop).status_code == 200
    assert client.get("/api/v1/scholen/15TT/dossiers", **kop).status_code == 404
    bouw("--logins")  # idempotent: still one client
    assert ApiClient.objects.count() == 1
