"""A second LAS as a plain Python client of our REST API (urllib only: what another vendor
would write), for the end-to-end test."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request


class Antwoord:
    def __init__(self, status: int, headers, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


class TweedeLas:
    def __init__(self, basis: str, client_id: str, secret: str):
        self.basis, self.client_id, self.secret = basis.rstrip("/"), client_id, secret
        self.token: str | None = None

    def _url(self, pad: str) -> str:
        return pad if pad.startswith("http") else self.basis + pad

    def _doe(self, verzoek: urllib.request.Request) -> Antwoord:
        try:
            with urllib.request.urlopen(verzoek, timeout=60) as r:  # noqa: S310
                return Antwoord(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Antwoord(e.code, e.headers, e.read())

    def aanmelden(self) -> None:
        basic = base64.b64encode(f"{self.client_id}:{self.secret}".encode()).decode()
        verzoek = urllib.request.Request(
            self._url("/api/v1/token/"),
            data=b"grant_type=client_credentials",
            headers={
                "Authorization": f"Basic {basic}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        antwoord = self._doe(verzoek)
        assert antwoord.status == 200, antwoord.body
        self.token = antwoord.json()["access_token"]

    def verzoek(self, methode: str, pad: str, *, body=None, headers=None) -> Antwoord:
        kop = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        if isinstance(body, dict):
            body = json.dumps(body).encode()
            kop.setdefault("Content-Type", "application/json")
        return self._doe(
            urllib.request.Request(self._url(pad), data=body, headers=kop, method=methode)
        )

    def get(self, pad: str, **kwargs) -> Antwoord:
        return self.verzoek("GET", pad, **kwargs)

    def post(self, pad: str, **kwargs) -> Antwoord:
        return self.verzoek("POST", pad, **kwargs)
