"""Errors as RFC 7807 problem details (``application/problem+json``): a machine ``code``, a
Dutch ``title`` and ``detail``, and per field the ``invalid_params`` (as the NL API design
rules have them). DRF's own exceptions are translated here, in one place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

MEDIA_TYPE = "application/problem+json"

TITELS: dict[int, tuple[str, str]] = {
    400: ("ongeldige_invoer", "De aanvraag is niet geldig."),
    401: ("niet_geauthenticeerd", "Er is geen geldig toegangstoken meegestuurd."),
    403: ("geen_toegang", "U heeft geen toegang tot deze aanroep."),
    404: ("niet_gevonden", "Het gevraagde object bestaat niet of is niet zichtbaar."),
    405: ("methode_niet_toegestaan", "Deze methode is hier niet toegestaan."),
    406: ("niet_acceptabel", "Het gevraagde formaat kan niet worden geleverd."),
    409: ("conflict", "De aanvraag past niet bij de huidige toestand."),
    413: ("te_groot", "De aanvraag is te groot."),
    415: ("mediatype_niet_ondersteund", "Dit mediatype wordt hier niet ondersteund."),
    422: ("niet_verwerkbaar", "De aanvraag kan niet worden uitgevoerd."),
    429: ("te_veel_aanvragen", "Te veel aanvragen; probeer het later opnieuw."),
    500: ("serverfout", "Er ging iets mis op de server."),
}


class ApiProbleem(exceptions.APIException):
    """A domain refusal with its own code and Dutch detail (e.g. a precondition)."""

    def __init__(
        self,
        detail: str,
        *,
        code: str,
        status_code: int = 422,
        meldingen: list[str] | None = None,
    ):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code
        self.meldingen = meldingen or []


def probleem(
    status_code: int,
    *,
    code: str | None = None,
    detail: str | None = None,
    instance: str = "",
    extra: dict | None = None,
) -> dict:
    standaard_code, titel = TITELS.get(status_code, ("fout", "Er ging iets mis."))
    code = code or standaard_code
    body = {
        "type": f"https://oso-las.example/problemen/{code}",
        "code": code,
        "title": titel,
        "status": status_code,
        "detail": detail or titel,
        "instance": instance,
    }
    body.update(extra or {})
    return body


def _invalid_params(detail, prefix: str = "") -> list[dict]:
    params: list[dict] = []
    if isinstance(detail, dict):
        for naam, waarde in detail.items():
            volledig = f"{prefix}.{naam}" if prefix else str(naam)
            params.extend(_invalid_params(waarde, volledig))
    elif isinstance(detail, list):
        for i, waarde in enumerate(detail):
            if isinstance(waarde, dict | list):
                params.extend(_invalid_params(waarde, f"{prefix}.{i}" if prefix else str(i)))
            else:
                params.extend(_invalid_params(waarde, prefix))
    else:
        params.append(
            {
                "name": prefix or "nonFieldErrors",
                "code": getattr(detail, "code", "invalid"),
                "reason": str(detail),
            }
        )
    return params


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_handler(exc, context)
    if response is None:
        return None  # a 500: Django's handler (and the problem middleware) take it
    request = context.get("request")
    instance = request.path if request is not None else ""
    extra: dict = {}
    code = None
    detail = None
    if isinstance(exc, ApiProbleem):
        code = exc.detail.code
        detail = str(exc.detail)
        if exc.meldingen:
            extra["meldingen"] = exc.meldingen
    elif isinstance(exc, exceptions.ValidationError):
        extra["invalid_params"] = _invalid_params(exc.detail)
        detail = "Een of meer velden zijn niet geldig."
    elif isinstance(exc, exceptions.Throttled):
        detail = (
            f"Te veel aanvragen; probeer het over {exc.wait:.0f} seconden opnieuw."
            if exc.wait
            else None
        )
    elif isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        detail = "Er is geen geldig toegangstoken meegestuurd."
    elif isinstance(exc, exceptions.PermissionDenied):
        code = getattr(exc.detail, "code", None)
        if code in ("permission_denied", None):
            code = None
        detail = str(exc.detail) if code else None
    body = probleem(
        response.status_code,
        code=code,
        detail=detail,
        instance=instance[:500],
        extra=extra,
    )
    nieuw = Response(body, status=response.status_code, headers=dict(response.items()))
    nieuw.content_type = MEDIA_TYPE
    return nieuw


def probleem_response(status_code: int, request=None, **kwargs) -> JsonResponse:
    """For errors outside DRF's views (404 of an unknown API path, 500)."""
    body = probleem(status_code, instance=request.path[:500] if request else "", **kwargs)
    return JsonResponse(body, status=status_code, content_type=MEDIA_TYPE)


HTTP_422 = status.HTTP_422_UNPROCESSABLE_ENTITY
