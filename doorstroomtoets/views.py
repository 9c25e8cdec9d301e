"""The LAS's endpoint of the chain: ``POST .../leerlingresultaat`` (called by the toets
supplier over mutual TLS). Answers exactly as the agreement says: 202, 401, 405, 422, each with
an Ontvangstmelding; nothing is stored on a refusal."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from trafficcenter_client.soaphttp import CertificaatFout, client_certificaat

from . import berichten, services


def _melding(status: int, melding: str) -> JsonResponse:
    return JsonResponse({"melding": melding}, status=status)


@csrf_exempt
def leerlingresultaat(request):
    if request.method != "POST":
        antwoord = _melding(405, "Alleen POST is toegestaan.")
        antwoord["Allow"] = "POST"
        return antwoord
    edu_to = request.GET.get("edu-to", "")
    edu_from = request.GET.get("edu-from", "")
    koppeling = None
    try:
        try:
            certificaat = client_certificaat(request)
        except CertificaatFout:
            certificaat = None
        koppeling = services.afzender_controleren(certificaat, edu_to, edu_from)
        try:
            lengte = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            lengte = 0
        if lengte > berichten.MAX_BYTES:
            raise services.Geweigerd(422, f"{services.MELDING_422} Het bericht is te groot.")
        data = request.read(berichten.MAX_BYTES + 1)
        services.leerlingresultaat_ontvangen(koppeling=koppeling, data=data)
    except services.Geweigerd as e:
        services.bericht_ontvangen_loggen(
            koppeling=koppeling,
            edu_to=edu_to,
            edu_from=edu_from,
            status=e.status,
            melding=e.melding,
        )
        return _melding(e.status, e.melding)
    services.bericht_ontvangen_loggen(
        koppeling=koppeling,
        edu_to=edu_to,
        edu_from=edu_from,
        status=202,
        melding=services.MELDING_202,
    )
    return _melding(202, services.MELDING_202)
