"""The reference Traffic Center's one SOAP endpoint: ``POST /tc/soap/``.

The caller is known only by its TLS client certificate, which the TLS terminator (our
:mod:`trafficcenter.server`, or a proxy such as Apache's ``SSLOptions +ExportCertData``) puts in
the WSGI environ as ``SSL_CLIENT_CERT`` (PEM). A client cannot set that key itself: HTTP headers
reach the environ only with an ``HTTP_`` prefix. When ``settings.OSO_TC_CA`` is set the view
verifies the certificate against it once more (defence in depth behind a proxy).

No login, no Django session, no CSRF token: SOAP peers authenticate with certificates. Every
refusal is a SOAP 1.1 Fault with HTTP status 500 (SOAP 1.1 §6.2); a message that cannot be read
is refused before anything is stored.
"""

from __future__ import annotations

import logging

from cryptography import x509
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from trafficcenter_client import berichten, soaphttp
from trafficcenter_client.berichten import OngeldigBericht, SoapFout

from . import services
from .services import Geweigerd

logger = logging.getLogger(__name__)

# TC messages never carry a dossier; 1 MiB is far above the largest overzicht of a region.
MAX_BERICHT_BYTES_STANDAARD = 1024 * 1024


def max_bericht_bytes() -> int:
    return int(getattr(settings, "OSO_TC_MAX_BERICHT_BYTES", MAX_BERICHT_BYTES_STANDAARD))


def _controleer_uitgever(certificaat: x509.Certificate) -> None:
    try:
        soaphttp.controleer_keten(certificaat, getattr(settings, "OSO_TC_CA", None))
    except soaphttp.CertificaatFout as fout:
        raise Geweigerd(str(fout), fout.code) from None


def certificaat_van(request: HttpRequest) -> x509.Certificate:
    """The caller's client certificate, or :class:`Geweigerd`."""
    try:
        certificaat = soaphttp.client_certificaat(request)
    except soaphttp.CertificaatFout as fout:
        raise Geweigerd(str(fout), fout.code) from None
    _controleer_uitgever(certificaat)
    return certificaat


@csrf_exempt
def soap(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        # who is calling, before a byte of the body is parsed
        certificaat = certificaat_van(request)
        body = soaphttp.lees_body(
            request, max_bericht_bytes(), "Het bericht is te groot voor het Traffic Center."
        )
        bericht = berichten.lees(body, max_grootte=max_bericht_bytes())
        antwoord = services.verwerk(certificaat, bericht)
    except OngeldigBericht as fout:
        logger.info("TC weigert een onleesbaar bericht: %s", fout.code)
        return soaphttp.soap_fout(berichten.soapfout_voor(fout))
    except Geweigerd as fout:
        logger.warning("TC weigert een bericht: %s", fout.code)
        return soaphttp.soap_fout(
            SoapFout(faultcode="Client", faultstring=str(fout), detail=fout.code)
        )
    except Exception:
        logger.exception("TC: interne fout bij het verwerken van een bericht")
        return soaphttp.soap_fout(
            SoapFout(
                faultcode="Server",
                faultstring="Het Traffic Center kon het bericht niet verwerken.",
                detail="interne-fout",
            )
        )
    return soaphttp.soap_antwoord(antwoord)


@csrf_exempt  # so that a POST is a 405 like any other method, not a CSRF 403
@require_safe
def ping(request: HttpRequest) -> HttpResponse:
    """``GET /tc/ping/``: "ok", whoever asks. Reads nothing, stores nothing, names no one: a
    liveness check for a monitor and the baseline of ``bench.uitwisseling`` (the cost of the
    server and its mutual TLS without any Traffic Center work)."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
