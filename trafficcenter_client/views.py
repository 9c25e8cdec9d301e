"""The LAS's inbound OSO endpoint: ``POST /oso/soap/`` for documentRequest and notificatieRequest.

As the reference TC's endpoint: the caller is known only by its TLS client certificate, which the
TLS terminator puts in the WSGI environ as ``SSL_CLIENT_CERT`` (a client cannot set that key: HTTP
headers reach the environ only with an ``HTTP_`` prefix). No login, no session, no CSRF token.
Every refusal is a SOAP 1.1 Fault (HTTP 500); a message that cannot be read is refused before
anything is stored. The work itself is :func:`trafficcenter_client.services.verwerk`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from . import berichten, services, soaphttp
from .berichten import OngeldigBericht, SoapFout
from .services import OsoWeigering

logger = logging.getLogger(__name__)

# documentRequest and notificatieRequest are small; a dossier only ever travels the other way.
MAX_BERICHT_BYTES_STANDAARD = 1024 * 1024


def max_bericht_bytes() -> int:
    return int(getattr(settings, "OSO_LAS_MAX_BERICHT_BYTES", MAX_BERICHT_BYTES_STANDAARD))


@csrf_exempt
def soap(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        try:  # the TLS layer (or the proxy) verified it; here: that there is one, and its chain
            beller = soaphttp.client_certificaat(request)
            soaphttp.controleer_keten(beller, settings.OSO_LAS_CA)
        except soaphttp.CertificaatFout as fout:
            raise OsoWeigering(str(fout), fout.code) from None
        body = soaphttp.lees_body(request, max_bericht_bytes(), "Het bericht is te groot.")
        bericht = berichten.lees(body, max_grootte=max_bericht_bytes())
        antwoord = services.verwerk(bericht, beller=beller)
    except OngeldigBericht as fout:
        logger.info("OSO: onleesbaar bericht geweigerd: %s", fout.code)
        return soaphttp.soap_fout(berichten.soapfout_voor(fout))
    except OsoWeigering as fout:
        logger.warning("OSO: bericht geweigerd: %s", fout.code)
        return soaphttp.soap_fout(
            SoapFout(faultcode=fout.faultcode, faultstring=str(fout), detail=fout.code)
        )
    except Exception:
        logger.exception("OSO: interne fout bij het verwerken van een bericht")
        return soaphttp.soap_fout(
            SoapFout(
                faultcode="Server",
                faultstring="Het bericht kon niet worden verwerkt.",
                detail="interne-fout",
            )
        )
    return soaphttp.soap_antwoord(antwoord)
