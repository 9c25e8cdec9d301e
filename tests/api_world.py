"""Helpers for the API tests: register a client as a beheerder would, get a token the way a
second LAS would (client credentials over HTTP), call with it."""

from __future__ import annotations

import base64

from koppelingen import services
from koppelingen.scopes import SCOPES

ALLE_SCOPES = sorted(SCOPES)


def registreer(*, scholen, scopes=None, naam="Regionaal platform", user=None):
    return services.client_registreren(
        naam=naam,
        scopes=list(scopes or ALLE_SCOPES),
        school_ids=[s.pk for s in scholen],
        user=user,
    )


def token_aanvragen(http, client, secret, scope: str | None = None):
    basic = base64.b64encode(f"{client.applicatie.client_id}:{secret}".encode()).decode()
    data = {"grant_type": "client_credentials"}
    if scope:
        data["scope"] = scope
    return http.post("/api/v1/token/", data, HTTP_AUTHORIZATION=f"Basic {basic}")


def token(http, client, secret, scope: str | None = None) -> str:
    antwoord = token_aanvragen(http, client, secret, scope)
    assert antwoord.status_code == 200, antwoord.content
    return antwoord.json()["access_token"]


def bearer(tok: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {tok}"}
