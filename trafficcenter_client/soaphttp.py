"""SOAP over HTTP for our two endpoints (the LAS's ``/oso/soap/`` and the reference TC's
``/tc/soap/``): the caller's client certificate, a bounded body, and SOAP answers and Faults.

The caller is known only by its TLS client certificate, which the TLS terminator puts in the
WSGI environ as ``SSL_CLIENT_CERT`` (PEM). A client cannot set that key itself: HTTP headers
reach the environ only with an ``HTTP_`` prefix.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import time
from pathlib import Path

from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError
from django.http import HttpRequest, HttpResponse

from . import berichten, pki
from .berichten import OngeldigBericht, SoapFout

_MAX_PEM = 64 * 1024


class CertificaatFout(Exception):
    """No client certificate, or one that cannot be read; ``code`` is the Fault's detail."""

    def __init__(self, melding: str, code: str) -> None:
        super().__init__(melding)
        self.code = code


def client_certificaat(request: HttpRequest) -> x509.Certificate:
    pem = request.META.get("SSL_CLIENT_CERT")
    if not pem or not isinstance(pem, str | bytes):
        raise CertificaatFout("Er is geen clientcertificaat meegestuurd.", "geen-certificaat")
    data = pem.encode("ascii", "replace") if isinstance(pem, str) else pem
    if len(data) > _MAX_PEM:
        raise CertificaatFout("Het clientcertificaat is onleesbaar.", "certificaat-onleesbaar")
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError:
        raise CertificaatFout(
            "Het clientcertificaat is onleesbaar.", "certificaat-onleesbaar"
        ) from None


@functools.lru_cache(maxsize=8)
def _ca_store(pad: str, _versie: int) -> Store:
    return Store(x509.load_pem_x509_certificates(Path(pad).read_bytes()))


# Certificates whose chain was verified lately: (SHA-256, CA file, its version) -> until when
# (monotonic) the verdict holds. Only a positive verdict is kept, for at most a minute and never
# past the certificate's expiry; a changed CA file is another key. The caller of every message
# presents the same few certificates, so the chain is not built again for each message.
_VERTROUWD: dict[tuple[str, str, int], float] = {}
_VERTROUWD_SECONDEN = 60.0
_VERTROUWD_MAX = 1024
_VERTROUWD_SLOT = threading.Lock()


def controleer_keten(certificaat: x509.Certificate, ca_pad: str | None) -> None:
    """Verify the caller's certificate once more against the CA file ``ca_pad`` (defence in
    depth behind a proxy; the store is reloaded when the file changes). Nothing to add when no
    CA is configured: then the TLS layer's check is the only one."""
    if not ca_pad:
        return
    versie = Path(ca_pad).stat().st_mtime_ns
    sleutel = (pki.fingerprint(certificaat), str(ca_pad), versie)
    nu = time.monotonic()
    if _VERTROUWD.get(sleutel, 0.0) > nu:
        return
    store = _ca_store(str(ca_pad), versie)
    tijd = dt.datetime.now(dt.UTC)
    verifier = PolicyBuilder().store(store).time(tijd).build_client_verifier()
    try:
        verifier.verify(certificaat, [])
    except VerificationError:
        raise CertificaatFout(
            "Het clientcertificaat is niet uitgegeven door een vertrouwde CA of is verlopen.",
            "certificaat-niet-vertrouwd",
        ) from None
    geldig = (certificaat.not_valid_after_utc - tijd).total_seconds()
    with _VERTROUWD_SLOT:
        if len(_VERTROUWD) >= _VERTROUWD_MAX:
            _VERTROUWD.clear()
        _VERTROUWD[sleutel] = nu + min(_VERTROUWD_SECONDEN, geldig)


def lees_body(request: HttpRequest, limiet: int, melding: str) -> bytes:
    """The request body, refused (``OngeldigBericht``) beyond ``limiet`` bytes."""
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if lengte > limiet:
        raise OngeldigBericht(melding, "te-groot")
    data = request.read(limiet + 1)
    if len(data) > limiet:
        raise OngeldigBericht(melding, "te-groot")
    return data


def soap_antwoord(bericht: berichten.Bericht, status: int = 200) -> HttpResponse:
    return HttpResponse(berichten.bouw(bericht), status=status, content_type=berichten.CONTENT_TYPE)


def soap_fout(fout: SoapFout) -> HttpResponse:
    antwoord = soap_antwoord(fout, status=500)
    # SOAP 1.1 answers every Fault with 500; that is a refusal, not a crash, so it must not be
    # logged by django.request as an "Internal Server Error" (Django's own marker for that)
    antwoord._has_been_logged = True  # type: ignore[attr-defined]
    return antwoord
