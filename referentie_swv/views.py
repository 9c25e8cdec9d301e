"""The reference SWV system's inbound endpoint ``POST /swv/soap/`` (notificatieRequest), as the
LAS's and the TC's: the caller is known by its TLS client certificate only; every refusal is a
SOAP Fault."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from trafficcenter_client import berichten, soaphttp
from trafficcenter_client.berichten import OngeldigBericht, SoapFout

from . import services

logger = logging.getLogger(__name__)

MAX_BERICHT_BYTES = 256 * 1024  # a notificatie is small


@csrf_exempt
def soap(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        try:
            soaphttp.client_certificaat(request)
        except soaphttp.CertificaatFout as fout:
            raise services.SwvWeigering(str(fout), fout.code) from None
        body = soaphttp.lees_body(request, MAX_BERICHT_BYTES, "Het bericht is te groot.")
        bericht = berichten.lees(body, max_grootte=MAX_BERICHT_BYTES)
        antwoord = services.verwerk(bericht)
    except OngeldigBericht as fout:
        return soaphttp.soap_fout(berichten.soapfout_voor(fout))
    except services.SwvWeigering as fout:
        logger.warning("Referentie-SWV: bericht geweigerd: %s", fout.code)
        return soaphttp.soap_fout(
            SoapFout(faultcode="Client", faultstring=str(fout), detail=fout.code)
        )
    except Exception:
        logger.exception("Referentie-SWV: interne fout bij het verwerken van een bericht")
        return soaphttp.soap_fout(
            SoapFout(
                faultcode="Server",
                faultstring="Het bericht kon niet worden verwerkt.",
                detail="interne-fout",
            )
        )
    return soaphttp.soap_antwoord(antwoord)
