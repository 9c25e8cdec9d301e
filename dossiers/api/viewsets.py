"""The dossier API: thin. Reading through ``selectors`` (tenancy narrows every queryset),
writing through ``dossiers.services`` exactly as the screens do; every call audited."""

from __future__ import annotations

import hashlib

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.roles import Recht
from audit import events
from koppelingen.api.basis import ApiBasis, mandaat_school
from koppelingen.api.schema import PROBLEMEN
from koppelingen.problemen import ApiProbleem
from koppelingen.renderers import PdfRenderer, XmlRenderer
from koppelingen.scopes import DOSSIERS_KLAARZETTEN, DOSSIERS_LEZEN

from .. import services, workflow
from ..models import DossierVersie, Overstapdossier, Verzamelopdracht
from ..profielen import Profiel
from . import selectors
from .filters import DossierFilter
from .serializers import (
    DossierSerializer,
    KlaarzettenSerializer,
    VersieSerializer,
    VerzamelenSerializer,
    VerzamelopdrachtSerializer,
)


def _dossier(request, pk) -> Overstapdossier:
    try:
        return selectors.dossier(user=request.user, pk=pk)
    except Overstapdossier.DoesNotExist:
        raise Http404 from None


def _niet_gewijzigd(request, etag: str) -> bool:
    gevraagd = request.headers.get("If-None-Match", "")
    return etag in [e.strip() for e in gevraagd.split(",")] or gevraagd.strip() == "*"


class DossierViewSet(ApiBasis, viewsets.GenericViewSet):
    serializer_class = DossierSerializer
    filterset_class = DossierFilter
    scopes = {
        "list": DOSSIERS_LEZEN,
        "retrieve": DOSSIERS_LEZEN,
        "van_leerling": DOSSIERS_LEZEN,
        "verzamelen": DOSSIERS_KLAARZETTEN,
        "klaarzetten": DOSSIERS_KLAARZETTEN,
        "intrekken": DOSSIERS_KLAARZETTEN,
    }
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Overstapdossier.objects.none()
        school = mandaat_school(self.request, self.kwargs["brin"])
        self.school = school
        return selectors.dossiers_van_school(user=self.request.user, school=school)

    @extend_schema(
        summary="Overstapdossiers van een school",
        parameters=[OpenApiParameter("brin", str, OpenApiParameter.PATH)],
        responses={200: DossierSerializer(many=True), **PROBLEMEN},
    )
    def list(self, request, brin: str):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        events.api_aanroep(request=request, wat="dossiers", school=self.school)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Het overstapdossier van een leerling",
        description="Zoals de pagina Overstapdossier: het dossier van de leerling (een nieuwe "
        "leerling krijgt een leeg dossier, status niet klaar).",
        responses={200: DossierSerializer, **PROBLEMEN},
    )
    def van_leerling(self, request, leerling_id: int):
        from leerlingen.models import Leerling

        try:
            leerling = Leerling.objects.for_user(request.user, Recht.BEKIJKEN).get(pk=leerling_id)
        except Leerling.DoesNotExist:
            raise Http404 from None
        dossier = services.dossier_van(leerling)
        events.api_aanroep(request=request, wat="dossier", leerling=leerling, obj=dossier)
        return Response(self.get_serializer(_dossier(request, dossier.pk)).data)

    @extend_schema(summary="Eén overstapdossier", responses={200: DossierSerializer, **PROBLEMEN})
    def retrieve(self, request, dossier_id: int):
        dossier = _dossier(request, dossier_id)
        events.api_aanroep(request=request, wat="dossier", leerling=dossier.leerling, obj=dossier)
        return Response(self.get_serializer(dossier).data)

    def _schrijf_dossier(self, request, dossier_id):
        dossier = _dossier(request, dossier_id)
        from accounts.tenancy import vereis_recht

        vereis_recht(request.user, dossier.leerling.school_id, Recht.ONDERWIJS_BEWERKEN)
        return dossier

    @extend_schema(
        summary="Dossier verzamelen",
        description="Verzamelt een nieuwe versie met de keuzes die op het scherm zijn "
        "opgeslagen, met dezelfde voorwaarden en regels. Antwoord 202 met de verzamelopdracht.",
        request=VerzamelenSerializer,
        responses={202: VerzamelopdrachtSerializer, **PROBLEMEN},
    )
    @action(detail=True, methods=["post"])
    def verzamelen(self, request, dossier_id: int):
        dossier = self._schrijf_dossier(request, dossier_id)
        invoer = VerzamelenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        profiel = Profiel(invoer.validated_data["profiel"])
        try:
            opdracht = services.verzamelen_aanvragen(
                dossier=dossier,
                keuzes=services.keuzes_van(dossier, profiel),
                request=request,
                user=request.user,
            )
        except services.DossierFout as fout:
            raise ApiProbleem(
                fout.meldingen[0],
                code="voorwaarden_niet_voldaan",
                meldingen=fout.meldingen,
            ) from None
        events.api_aanroep(
            request=request, wat="verzamelen", leerling=dossier.leerling, obj=dossier
        )
        opdracht = Verzamelopdracht.objects.get(pk=opdracht.pk)
        data = VerzamelopdrachtSerializer(opdracht, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})

    @extend_schema(
        summary="Dossier klaarzetten",
        description="Zet de huidige versie klaar voor de vervolgschool (of binnen brin), met "
        "dezelfde voorwaarden als het scherm.",
        request=KlaarzettenSerializer,
        responses={200: DossierSerializer, **PROBLEMEN},
    )
    @action(detail=True, methods=["post"])
    def klaarzetten(self, request, dossier_id: int):
        dossier = self._schrijf_dossier(request, dossier_id)
        invoer = KlaarzettenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            services.klaarzetten(
                dossier=dossier,
                request=request,
                regionaal_platform=invoer.validated_data["regionaal_platform"],
            )
        except services.DossierFout as fout:
            raise ApiProbleem(
                fout.meldingen[0], code="voorwaarden_niet_voldaan", meldingen=fout.meldingen
            ) from None
        except workflow.OngeldigeOvergang:
            raise ApiProbleem(
                "Het dossier kan in deze status niet worden klaargezet.",
                code="ongeldige_overgang",
                status_code=409,
            ) from None
        events.api_aanroep(
            request=request, wat="klaarzetten", leerling=dossier.leerling, obj=dossier
        )
        return Response(self.get_serializer(_dossier(request, dossier_id)).data)

    @extend_schema(
        summary="Klaarzetten intrekken",
        request=None,
        responses={200: DossierSerializer, **PROBLEMEN},
    )
    @action(detail=True, methods=["post"])
    def intrekken(self, request, dossier_id: int):
        dossier = self._schrijf_dossier(request, dossier_id)
        try:
            services.intrekken(dossier=dossier, request=request)
        except workflow.OngeldigeOvergang:
            raise ApiProbleem(
                "Het dossier is niet klaargezet.", code="ongeldige_overgang", status_code=409
            ) from None
        events.api_aanroep(request=request, wat="intrekken", leerling=dossier.leerling, obj=dossier)
        return Response(self.get_serializer(_dossier(request, dossier_id)).data)


class VerzamelopdrachtViewSet(ApiBasis, viewsets.GenericViewSet):
    serializer_class = VerzamelopdrachtSerializer
    scopes = {"retrieve": DOSSIERS_KLAARZETTEN}

    @extend_schema(
        summary="Een verzamelopdracht", responses={200: VerzamelopdrachtSerializer, **PROBLEMEN}
    )
    def retrieve(self, request, pk):
        try:
            opdracht = (
                Verzamelopdracht.objects.for_user(request.user, Recht.BEKIJKEN)
                .select_related("dossier__leerling__school")
                .get(pk=pk)
            )
        except (Verzamelopdracht.DoesNotExist, ValueError):
            raise Http404 from None
        events.api_aanroep(
            request=request,
            wat="verzamelopdracht",
            leerling=opdracht.dossier.leerling,
            obj=opdracht,
        )
        return Response(self.get_serializer(opdracht).data)


class VersieViewSet(ApiBasis, viewsets.GenericViewSet):
    serializer_class = VersieSerializer
    scope = DOSSIERS_LEZEN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return DossierVersie.objects.none()
        return selectors.versies(user=self.request.user, dossier_id=self.kwargs["dossier_id"])

    def _versie(self, request, dossier_id, nummer) -> DossierVersie:
        try:
            return self.get_queryset().get(nummer=nummer)
        except DossierVersie.DoesNotExist:
            raise Http404 from None

    @extend_schema(
        summary="Versies van een dossier", responses={200: VersieSerializer(many=True), **PROBLEMEN}
    )
    def list(self, request, dossier_id: int):
        dossier = _dossier(request, dossier_id)  # 404 outside the mandate, also when empty
        page = self.paginate_queryset(self.get_queryset())
        events.api_aanroep(request=request, wat="versies", leerling=dossier.leerling, obj=dossier)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Eén versie: metadata, of de XML of PDF (Accept)",
        description="Met `Accept: application/xml` de XML (byte voor byte wat het Traffic "
        "Center-pad levert als deze versie is klaargezet), met `Accept: application/pdf` de "
        "PDF. ETag en If-None-Match: 304 als niets is veranderd.",
        parameters=[OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER)],
        responses={
            (200, "application/json"): VersieSerializer,
            (200, "application/xml"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
            304: OpenApiResponse(description="Niet gewijzigd"),
            **PROBLEMEN,
        },
    )
    def retrieve(self, request, dossier_id: int, nummer: int):
        formaat = request.accepted_renderer.format
        if formaat == "xml":
            return self.xml(request, dossier_id, nummer)
        if formaat == "pdf":
            return self.pdf(request, dossier_id, nummer)
        versie = self._versie(request, dossier_id, nummer)
        data = self.get_serializer(versie).data
        etag = '"' + hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()[:32] + '"'
        events.api_aanroep(
            request=request, wat="versie", leerling=versie.dossier.leerling, obj=versie
        )
        if _niet_gewijzigd(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(data, headers={"ETag": etag})

    def get_renderers(self):
        if getattr(self, "action", None) == "retrieve":
            return [JSONRenderer(), XmlRenderer(), PdfRenderer()]
        # a document path serves its document only (a ?format=json is a 404, not a crash)
        if getattr(self, "action", None) == "xml":
            return [XmlRenderer()]
        if getattr(self, "action", None) == "pdf":
            return [PdfRenderer()]
        return super().get_renderers()

    @extend_schema(
        summary="De XML van een versie",
        parameters=[OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER)],
        responses={
            (200, "application/xml"): OpenApiTypes.BINARY,
            304: OpenApiResponse(description="Niet gewijzigd"),
            **PROBLEMEN,
        },
    )
    @action(detail=True, methods=["get"])
    def xml(self, request, dossier_id: int, nummer: int):
        versie = self._versie(request, dossier_id, nummer)
        inhoud, sha256, bron = selectors.versie_xml(versie)
        etag = f'"{sha256}"'
        events.api_aanroep(
            request=request,
            wat="versie xml",
            leerling=versie.dossier.leerling,
            obj=versie,
            details={"bron": bron},
        )
        if _niet_gewijzigd(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        return Response(
            inhoud, content_type="application/xml", headers={"ETag": etag, "X-Bron": bron}
        )

    @extend_schema(
        summary="De PDF van een versie",
        parameters=[OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER)],
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            304: OpenApiResponse(description="Niet gewijzigd"),
            **PROBLEMEN,
        },
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, dossier_id: int, nummer: int):
        versie = self._versie(request, dossier_id, nummer)
        if versie.pdf_id is None:
            raise ApiProbleem(
                "De PDF van deze versie wordt nog gemaakt; probeer het straks opnieuw.",
                code="pdf_nog_niet_beschikbaar",
                status_code=409,
            )
        etag = f'"pdf-{versie.sha256}"'
        events.api_aanroep(
            request=request, wat="versie pdf", leerling=versie.dossier.leerling, obj=versie
        )
        if _niet_gewijzigd(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        with versie.pdf.bestand.open("rb") as f:
            inhoud = f.read()
        return Response(inhoud, content_type="application/pdf", headers={"ETag": etag})


def locatie(request, naam: str, *args) -> str:
    return reverse(f"api-v1:{naam}", args=args, request=request)
