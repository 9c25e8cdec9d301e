"""``zorgvragen``: create (with blocks and attachments) and send, list, show, send again,
delete, and the events of one zorgvraag. Input is checked by the screen's ``ZorgvraagForm``
and written by ``zorgvraag.services``: one set of rules for screen and API."""

from __future__ import annotations

import django_filters
from django.http import Http404, QueryDict
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts.roles import Recht
from audit import events
from koppelingen.api.basis import ApiBasis, mandaat_school
from koppelingen.api.schema import PROBLEMEN
from koppelingen.problemen import ApiProbleem
from koppelingen.scopes import ZORGVRAGEN_SCHRIJVEN
from leerlingen.models import Leerling

from .. import selectors, services
from ..forms import ZorgvraagForm
from ..models import Zorgvraag
from .serializers import (
    AanmakenSerializer,
    ZorgvraagGebeurtenisSerializer,
    ZorgvraagSerializer,
)


class ZorgvraagFilter(django_filters.FilterSet):
    gewijzigd_sinds = django_filters.IsoDateTimeFilter(field_name="gemaakt_op", lookup_expr="gte")
    leerling = django_filters.NumberFilter(
        field_name="leerling_id", min_value=1, max_value=2**31 - 1
    )

    class Meta:
        model = Zorgvraag
        fields = ["gewijzigd_sinds", "leerling", "aflevering"]


def _basis(user):
    return (
        Zorgvraag.objects.for_user(user, Recht.BEKIJKEN)
        .filter(verwijderd_op__isnull=True)
        .select_related("leerling__school")
        .defer("xml")  # the PDF and documents are files: their rows hold only a name
        .prefetch_related("terugkoppelingen")
    )


def _form_data(data) -> QueryDict:
    """The API's field names onto the screen form's."""
    q = QueryDict(mutable=True)
    for veld in ("omschrijving", "aandachtspunten", "aanleverpunt", "toelichting"):
        if data.get(veld) not in (None, ""):
            q[veld] = str(data.get(veld))
    lijst = data.getlist if hasattr(data, "getlist") else lambda k: data.get(k) or []
    for veld in ("toetsen", "handelingsplannen", "bijlagen"):
        q.setlist(veld, [str(v) for v in lijst(veld)])
    for blok in lijst("blokken"):
        q[f"blok_{blok}"] = "on"
    return q


def _files(files) -> QueryDict:
    q = QueryDict(mutable=True)
    for veld in ("nieuwe_toelichting", "nieuwe_bijlage"):
        if veld in files:
            q[veld] = files[veld]
    return q


class ZorgvraagViewSet(ApiBasis, viewsets.GenericViewSet):
    serializer_class = ZorgvraagSerializer
    filterset_class = ZorgvraagFilter
    scope = ZORGVRAGEN_SCHRIJVEN
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Zorgvraag.objects.none()
        self.school = mandaat_school(self.request, self.kwargs["brin"])
        return _basis(self.request.user).filter(leerling__school=self.school)

    def _zorgvraag(self, request, zorgvraag_id, recht=Recht.BEKIJKEN) -> Zorgvraag:
        try:
            zorgvraag = _basis(request.user).get(pk=zorgvraag_id)
        except Zorgvraag.DoesNotExist:
            raise Http404 from None
        from accounts.tenancy import vereis_recht

        vereis_recht(request.user, zorgvraag.leerling.school_id, recht)
        return zorgvraag

    @extend_schema(
        summary="Zorgvragen van een school",
        parameters=[OpenApiParameter("brin", str, OpenApiParameter.PATH)],
        responses={200: ZorgvraagSerializer(many=True), **PROBLEMEN},
    )
    def list(self, request, brin: str):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()).order_by("-pk"))
        events.api_aanroep(request=request, wat="zorgvragen", school=self.school)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Zorgvraag aanmaken en versturen",
        description="Zoals 'Opslaan en verzenden' op het scherm: het SWV-dossier wordt "
        "verzameld en gecontroleerd, en daarna verstuurd. Een verzonden zorgvraag verandert "
        "niet meer.",
        request={"multipart/form-data": AanmakenSerializer, "application/json": AanmakenSerializer},
        responses={201: ZorgvraagSerializer, **PROBLEMEN},
    )
    def create(self, request, leerling_id: int):
        try:
            leerling = (
                Leerling.objects.for_user(request.user, Recht.BEGELEIDING_BEWERKEN)
                .select_related("school")
                .get(pk=leerling_id)
            )
        except Leerling.DoesNotExist:
            raise Http404 from None
        invoer = AanmakenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        aanleverpunten, _melding = selectors.swv_aanleverpunten(leerling.school)
        form = ZorgvraagForm(
            _form_data(request.data),
            _files(request.FILES),
            leerling=leerling,
            profiel=selectors.profiel_voor(leerling.school),
            aanleverpunten=aanleverpunten,
        )
        if not form.is_valid():
            from rest_framework.exceptions import ValidationError

            raise ValidationError({k: [str(e) for e in v] for k, v in form.errors.items()})
        try:
            zorgvraag = form.zorgvraag_aanmaken(leerling=leerling, request=request)
        except services.ZorgvraagFout as fout:
            raise ApiProbleem(
                fout.meldingen[0], code="zorgvraag_niet_gemaakt", meldingen=fout.meldingen
            ) from None
        events.api_aanroep(
            request=request, wat="zorgvraag aanmaken", leerling=leerling, obj=zorgvraag
        )
        data = self.get_serializer(_basis(request.user).get(pk=zorgvraag.pk)).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})

    @extend_schema(summary="Eén zorgvraag", responses={200: ZorgvraagSerializer, **PROBLEMEN})
    def retrieve(self, request, zorgvraag_id: int):
        zorgvraag = self._zorgvraag(request, zorgvraag_id)
        events.api_aanroep(
            request=request, wat="zorgvraag", leerling=zorgvraag.leerling, obj=zorgvraag
        )
        return Response(self.get_serializer(zorgvraag).data)

    @extend_schema(
        summary="Opnieuw versturen",
        description="Alleen als de zorgvraag niet is afgeleverd.",
        request=None,
        responses={200: ZorgvraagSerializer, **PROBLEMEN},
    )
    def versturen(self, request, zorgvraag_id: int):
        zorgvraag = self._zorgvraag(request, zorgvraag_id, Recht.BEGELEIDING_BEWERKEN)
        try:
            services.zorgvraag_opnieuw_versturen(zorgvraag=zorgvraag)
        except services.ZorgvraagFout as fout:
            raise ApiProbleem(fout.meldingen[0], code="al_verzonden", status_code=409) from None
        events.api_aanroep(
            request=request, wat="zorgvraag versturen", leerling=zorgvraag.leerling, obj=zorgvraag
        )
        return Response(self.get_serializer(self._zorgvraag(request, zorgvraag_id)).data)

    @extend_schema(
        summary="Zorgvraag verwijderen",
        description="Het SWV-dossier wordt gewist; het SWV kan het daarna niet meer ophalen.",
        responses={204: None, **PROBLEMEN},
    )
    def destroy(self, request, zorgvraag_id: int):
        zorgvraag = self._zorgvraag(request, zorgvraag_id, Recht.BEGELEIDING_BEWERKEN)
        services.zorgvraag_verwijderen(zorgvraag=zorgvraag, request=request)
        events.api_aanroep(
            request=request, wat="zorgvraag verwijderen", leerling=zorgvraag.leerling, obj=zorgvraag
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Gebeurtenissen van een zorgvraag",
        description="Aangemaakt, notificatie verstuurd, opgehaald door het SWV, terugkoppelingen.",
        responses={200: ZorgvraagGebeurtenisSerializer(many=True), **PROBLEMEN},
    )
    def gebeurtenissen(self, request, zorgvraag_id: int):
        zorgvraag = self._zorgvraag(request, zorgvraag_id)
        rijen = [
            {
                "soort": "aangemaakt",
                "omschrijving": "Zorgvraag aangemaakt",
                "tijdstip": zorgvraag.gemaakt_op,
            }
        ]
        if zorgvraag.notificatie_verstuurd_op:
            rijen.append(
                {
                    "soort": "notificatie_verstuurd",
                    "omschrijving": f"Notificatie verstuurd aan {zorgvraag.swv_code}",
                    "tijdstip": zorgvraag.notificatie_verstuurd_op,
                }
            )
        if zorgvraag.opgehaald_op:
            rijen.append(
                {
                    "soort": "opgehaald",
                    "omschrijving": "SWV-dossier opgehaald door het samenwerkingsverband",
                    "tijdstip": zorgvraag.opgehaald_op,
                }
            )
        for t in zorgvraag.terugkoppelingen.all():
            rijen.append(
                {
                    "soort": "terugkoppeling",
                    "omschrijving": f"Terugkoppeling: {t.get_status_display()}",
                    "tijdstip": t.ontvangen_op,
                    "terugkoppeling": t,
                }
            )
        rijen.sort(key=lambda r: r["tijdstip"])
        events.api_aanroep(
            request=request,
            wat="zorgvraag gebeurtenissen",
            leerling=zorgvraag.leerling,
            obj=zorgvraag,
        )
        return Response(ZorgvraagGebeurtenisSerializer(rijen, many=True).data)
