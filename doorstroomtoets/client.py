"""HTTPS with client certificates to a school's toets supplier (Edukoppeling REST/SaaS): the
query parameters ``edu-to`` (the school's OIN) and ``edu-from`` (our routeringskenmerk for the
school) on every call, every message in the Berichtlog (no body, no pupil number)."""

from __future__ import annotations

import http.client
import json
import logging
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from trafficcenter_client import pki

from .models import Berichtlog, Koppeling, Richting

logger = logging.getLogger(__name__)

MAX_ANTWOORD = 20 * 1024 * 1024  # a leerlingrapport (PDF) fits easily


class NietBereikbaar(Exception):  # noqa: N818 - the domain's own word
    """The supplier could not be reached, or the connection broke."""


@dataclass(frozen=True)
class Antwoord:
    status: int
    content_type: str
    inhoud: bytes

    @property
    def melding(self) -> str:
        try:
            data = json.loads(self.inhoud.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return ""
        melding = data.get("melding", "") if isinstance(data, dict) else ""
        return str(melding)[:300]


def _veilige_url(url: str) -> str:
    d = urlsplit(url)
    poort = f":{d.port}" if d.port else ""
    return f"{d.scheme}://{d.hostname or ''}{poort}{d.path}"[:300]


class DoorstroomClient:
    def __init__(self, koppeling: Koppeling) -> None:
        self.koppeling = koppeling
        self._context: ssl.SSLContext | None = None

    def registreren(self, body: dict[str, Any], *, aantal: int = 0) -> Antwoord:
        return self._verstuur("POST", "/registreren", "registreren", body, aantal)

    def registreren_schooladviezen(self, body: dict[str, Any], *, aantal: int = 0) -> Antwoord:
        return self._verstuur(
            "POST", "/registreren-schooladviezen", "registreren-schooladviezen", body, aantal
        )

    def leerlingrapport(self, rapportid: str) -> Antwoord:
        pad = f"/leerlingrapport/{quote(rapportid, safe='')}"
        return self._verstuur("GET", pad, "leerlingrapport", None, 1)

    # --- internals ---------------------------------------------------------------------------

    def context(self) -> ssl.SSLContext:
        if self._context is None:
            k = self.koppeling
            try:
                self._context = pki.ssl_context_client(
                    k.client_certificaat, k.client_sleutel, k.ca_certificaat
                )
            except (OSError, ValueError, ssl.SSLError) as fout:
                raise NietBereikbaar(
                    "Het certificaat, de sleutel of de CA voor de toetsaanbieder kan niet worden "
                    "geladen; controleer de doorstroomtoets-koppeling in het beheer."
                ) from fout
        return self._context

    def url(self, pad: str) -> str:
        k = self.koppeling
        return f"{k.url.rstrip('/')}{pad}?" + urlencode(
            {"edu-to": k.school_oin, "edu-from": k.las_kenmerk}
        )

    def _verstuur(
        self, methode: str, pad: str, operatie: str, body: dict[str, Any] | None, aantal: int
    ) -> Antwoord:
        url = self.url(pad)
        begin = time.monotonic()
        status, melding = None, ""
        try:
            antwoord = self._http(methode, url, body)
            status, melding = antwoord.status, antwoord.melding
            return antwoord
        except NietBereikbaar as e:
            melding = str(e)
            raise
        finally:
            duur = max(0, round((time.monotonic() - begin) * 1000))
            Berichtlog.objects.create(
                richting=Richting.UIT,
                operatie=operatie,
                school=self.koppeling.school,
                url=_veilige_url(url),
                edu_to=self.koppeling.school_oin,
                edu_from=self.koppeling.las_kenmerk,
                http_status=status,
                melding=melding[:300],
                aantal=aantal,
                duur_ms=duur,
            )
            logger.info(
                "Doorstroomtoets %s naar %s: %s (%d ms)",
                operatie,
                _veilige_url(url),
                status or melding,
                duur,
            )

    def _http(self, methode: str, url: str, body: dict[str, Any] | None) -> Antwoord:
        d = urlsplit(url)
        if d.scheme != "https" or not d.hostname:
            raise NietBereikbaar("Het adres van de toetsaanbieder is geen https-adres.")
        verbinding = http.client.HTTPSConnection(
            d.hostname,
            d.port or 443,
            context=self.context(),
            timeout=float(self.koppeling.timeout or 30),
        )
        data = json.dumps(body).encode("utf-8") if body is not None else None
        headers = {"Accept": "application/json, application/pdf"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        try:
            verbinding.request(methode, f"{d.path}?{d.query}", body=data, headers=headers)
            r = verbinding.getresponse()
            inhoud = r.read(MAX_ANTWOORD + 1)
        except ssl.SSLCertVerificationError as e:
            raise NietBereikbaar(
                "Het certificaat van de toetsaanbieder wordt niet vertrouwd; er is niets verstuurd."
            ) from e
        except (OSError, ssl.SSLError, http.client.HTTPException) as e:
            raise NietBereikbaar(
                "De toetsaanbieder is niet bereikbaar; probeer het later opnieuw."
            ) from e
        finally:
            verbinding.close()
        if len(inhoud) > MAX_ANTWOORD:
            raise NietBereikbaar("Het antwoord van de toetsaanbieder is te groot.")
        return Antwoord(r.status, r.getheader("Content-Type", "") or "", inhoud)
