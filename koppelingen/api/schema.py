"""Shared pieces of the OpenAPI document: the problem details and the error responses every
endpoint can give."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class ProbleemSerializer(serializers.Serializer):
    """RFC 7807 problem details."""

    type = serializers.CharField()
    code = serializers.CharField(help_text="Machineleesbare code, bijvoorbeeld niet_gevonden.")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="Uitleg in het Nederlands.")
    instance = serializers.CharField()
    invalid_params = InvalidParamSerializer(many=True, required=False)
    meldingen = serializers.ListField(child=serializers.CharField(), required=False)


def _p(omschrijving: str) -> OpenApiResponse:
    return OpenApiResponse(response=ProbleemSerializer, description=omschrijving)


PROBLEEM = "application/problem+json"

PROBLEMEN = {
    (status, PROBLEEM): _p(omschrijving)
    for status, omschrijving in (
        (400, "Ongeldige invoer"),
        (401, "Geen geldig toegangstoken"),
        (403, "Het token heeft niet de scope voor deze aanroep"),
        (404, "Niet gevonden, of buiten het mandaat van de client"),
        (406, "Het gevraagde formaat kan niet worden geleverd"),
        (409, "Past niet bij de huidige toestand"),
        (413, "Te groot"),
        (415, "Mediatype niet ondersteund"),
        (422, "Voorwaarden niet voldaan"),
        (429, "Te veel aanvragen (Retry-After)"),
    )
}
