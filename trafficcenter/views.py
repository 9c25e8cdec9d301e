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

import datetime as dt
import functools
import logging
from pathlib import Path

from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from trafficcenter_client import berichten
from trafficcenter_client.berichten import OngeldigBericht, SoapFout

from . import services
from .services import Geweigerd

logger = logging.getLogger(__name__)

# TC messages never carry a dossier; 1 MiB is far above the largest overzicht of a region.
MAX_BERICHT_BYTES_STANDAARD = 1024 * 1024
_MAX_PEM = 64 * 1024


def max_bericht_bytes() -> int:
    return int(getattr(settings, "OSO_TC_MAX_BERICHT_BYTES", MAX_BERICHT_BYTES_STANDAARD))


@functools.lru_cache(maxsize=4)
def _ca_store(pad: str, _versie: int) -> Store:
    return Store(x509.load_pem_x509_certificates(Path(pad).read_bytes()))


def _controleer_uitgever(certificaat: x509.Certificate) -> None:
    ca_pad = getattr(settings, "OSO_TC_CA", None)
    if not ca_pad:
        return  # the TLS layer verified the chain; nothing to add
    store = _ca_store(str(ca_pad), Path(ca_pad).stat().st_mtime_ns)
    verifier = PolicyBuilder().store(store).time(dt.datetime.now(dt.UTC)).build_client_verifier()
    try:
        verifier.verify(certificaat, [])
    except VerificationError:
        raise Geweigerd(
            "Het clientcertificaat is niet uitgegeven door een vertrouwde CA of is verlopen.",
            "certificaat-niet-vertrouwd",
        ) from None


def certificaat_van(request: HttpRequest) -> x509.Certificate:
    """The caller's client certificate, or :class:`Geweigerd`."""
    pem = request.META.get("SSL_CLIENT_CERT")
    if not pem or not isinstance(pem, str | bytes):
        raise Geweigerd("Er is geen clientcertificaat meegestuurd.", "geen-certificaat")
    data = pem.encode("ascii", "replace") if isinstance(pem, str) else pem
    if len(data) > _MAX_PEM:
        raise Geweigerd("Het clientcertificaat is onleesbaar.", "certificaat-onleesbaar")
    try:
        certificaat = x509.load_pem_x509_certificate(data)
    except ValueError:
        raise Geweigerd("Het clientcertificaat is onleesbaar.", "certificaat-onleesbaar") from None
    _controleer_uitgever(certificaat)
    return certificaat


def _lees_body(request: HttpRequest) -> bytes:
    limiet = max_bericht_bytes()
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if lengte > limiet:
        raise OngeldigBericht("Het bericht is te groot voor het Traffic Center.", "te-groot")
    data = request.read(limiet + 1)
    if len(data) > limiet:
        raise OngeldigBericht("Het bericht is te groot voor het Traffic Center.", "te-groot")
    return data


def _soap(bericht: berichten.Bericht, status: int = 200) -> HttpResponse:
    return HttpResponse(berichten.bouw(bericht), status=status, content_type=berichten.CONTENT_TYPE)


def _fout(fout: SoapFout) -> HttpResponse:
    antwoord = _soap(fout, status=500)
    # SOAP 1.1 answers every Fault with 500; that is a refusal, not a crash, so it must not be
    # logged by django.request as an "Internal Server Error" (Django's own marker for that)
    antwoord._has_been_logged = True  # type: ignore[attr-defined]
    return antwoord


@csrf_exempt
def soap(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        # who is calling, before a byte of the body is parsed
        certificaat = certificaat_van(request)
        bericht = berichten.lees(_lees_body(request), max_grootte=max_bericht_bytes())
        antwoord = services.verwerk(certificaat, bericht)
    except OngeldigBericht as fout:
        logger.info("TC weigert een onleesbaar bericht: %s", fout.code)
        return _fout(berichten.soapfout_voor(fout))
    except Geweigerd as fout:
        logger.warning("TC weigert een bericht: %s", fout.code)
        return _fout(SoapFout(faultcode="Client", faultstring=str(fout), detail=fout.code))
    except Exception:
        logger.exception("TC: interne fout bij het verwerken van een bericht")
        return _fout(
            SoapFout(
                faultcode="Server",
                faultstring="Het Traffic Center kon het bericht niet verwerken.",
                detail="interne-fout",
            )
        )
    return _soap(antwoord)
