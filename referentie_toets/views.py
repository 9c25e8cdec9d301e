"""The reference toets system's API (Doorstroomtoetsketen 1.1.0), over mutual TLS."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from doorstroomtoets.berichten import MAX_BYTES
from trafficcenter_client.soaphttp import CertificaatFout, client_certificaat

from . import services


def _cert(request):
    try:
        return client_certificaat(request)
    except CertificaatFout:
        return None


def _params(request) -> tuple[str, str]:
    return request.GET.get("edu-to", ""), request.GET.get("edu-from", "")


def _body(request) -> bytes:
    return request.read(MAX_BYTES + 1)


def _antwoord(u: services.Uitkomst) -> JsonResponse:
    return JsonResponse({"melding": u.melding}, status=u.status)


@csrf_exempt
@require_POST
def registreren(request):
    return _antwoord(services.registreren(_cert(request), *_params(request), _body(request)))


@csrf_exempt
@require_POST
def registreren_schooladviezen(request):
    return _antwoord(
        services.registreren_schooladviezen(_cert(request), *_params(request), _body(request))
    )


@require_GET
def leerlingrapport(request, rapportid: str):
    u, pdf = services.leerlingrapport(_cert(request), *_params(request), rapportid)
    if u.status != 200:
        return _antwoord(u)
    return HttpResponse(pdf, content_type="application/pdf")
