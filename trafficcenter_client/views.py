"""The LAS's inbound OSO endpoint: ``POST /oso/soap/`` for documentRequest and notificatieRequest.

As the reference TC's endpoint: the caller is known only by its TLS client certificate, which the
TLS terminator puts in the WSGI environ as ``SSL_CLIENT_CERT`` (a client cannot set that key: HTTP
headers reach the environ only with an ``HTTP_`` prefix). No login, no session, no CSRF token.
Every refusal is a SOAP 1.1 Fault (HTTP 500); a message that cannot be read is refused before
anything is stored. The work itself is :func:`trafficcenter_client.services.verwerk`.
"""

from __future__ import annotations

import logging

from cryptography import x509
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from . import berichten, services
from .berichten import OngeldigBericht, SoapFout
from .services import OsoWeigering

logger = logging.getLogger(__name__)

# documentRequest and notificatieRequest are small; a dossier only ever travels the other way.
MAX_BERICHT_BYTES_STANDAARD = 1024 * 1024
_MAX_PEM = 64 * 1024


def max_bericht_bytes() -> int:
    return int(getattr(settings, "OSO_LAS_MAX_BERICHT_BYTES", MAX_BERICHT_BYTES_STANDAARD))


def certificaat_van(request: HttpRequest) -> x509.Certificate:
    pem = request.META.get("SSL_CLIENT_CERT")
    if not pem or not isinstance(pem, str | bytes):
        raise OsoWeigering("Er is geen clientcertificaat meegestuurd.", "geen-certificaat")
    data = pem.encode("ascii", "replace") if isinstance(pem, str) else pem
    if len(data) > _MAX_PEM:
        raise OsoWeigering("Het clientcertificaat is onleesbaar.", "certificaat-onleesbaar")
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError:
        raise OsoWeigering(
            "Het clientcertificaat is onleesbaar.", "certificaat-onleesbaar"
        ) from None


def _lees_body(request: HttpRequest) -> bytes:
    limiet = max_bericht_bytes()
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if lengte > limiet:
        raise OngeldigBericht("Het bericht is te groot.", "te-groot")
    data = request.read(limiet + 1)
    if len(data) > limiet:
        raise OngeldigBericht("Het bericht is te groot.", "te-groot")
    return data


def _soap(bericht: berichten.Bericht, status: int = 200) -> HttpResponse:
    return HttpResponse(berichten.bouw(bericht), status=status, content_type=berichten.CONTENT_TYPE)


def _fout(fout: SoapFout) -> HttpResponse:
    antwoord = _soap(fout, status=500)
    antwoord._has_been_logged = True  # type: ignore[attr-defined] # a refusal, not a crash
    return antwoord


@csrf_exempt
def soap(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        certificaat_van(request)  # the TLS layer verified it; here: that there is one
        bericht = berichten.lees(_lees_body(request), max_grootte=max_bericht_bytes())
        antwoord = services.verwerk(bericht)
    except OngeldigBericht as fout:
        logger.info("OSO: onleesbaar bericht geweigerd: %s", fout.code)
        return _fout(berichten.soapfout_voor(fout))
    except OsoWeigering as fout:
        logger.warning("OSO: bericht geweigerd: %s", fout.code)
        return _fout(SoapFout(faultcode=fout.faultcode, faultstring=str(fout), detail=fout.code))
    except Exception:
        logger.exception("OSO: interne fout bij het verwerken van een bericht")
        return _fout(
            SoapFout(
                faultcode="Server",
                faultstring="Het bericht kon niet worden verwerkt.",
                detail="interne-fout",
            )
        )
    return _soap(antwoord)
