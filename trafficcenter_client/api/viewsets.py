"""``scholen/{brin}/dossieraanvragen``: the requests received for a school's dossiers through
the Traffic Center, with their results (School > OSO > Dossieraanvragen)."""

from __future__ import annotations

import django_filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets

from accounts.roles import Recht
from audit import events
from koppelingen.api.basis import ApiBasis, mandaat_school
from koppelingen.api.schema import PROBLEMEN
from koppelingen.scopes import DOSSIERS_LEZEN

from ..models import Dossieraanvraag


class DossieraanvraagSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    leerling = serializers.IntegerField(source="leerling_id", allow_null=True)
    aanvrager_brin = serializers.CharField()
    aanvrager_naam = serializers.CharField()
    aanvrager_routeringskenmerk = serializers.CharField()
    overdrachtsoort = serializers.CharField()
    resultaat = serializers.CharField()
    resultaat_omschrijving = serializers.CharField(source="get_resultaat_display")
    verzamelmoment = serializers.DateTimeField(allow_null=True)
    tijdstip = serializers.DateTimeField()


class DossieraanvraagFilter(django_filters.FilterSet):
    gewijzigd_sinds = django_filters.IsoDateTimeFilter(field_name="tijdstip", lookup_expr="gte")

    class Meta:
        model = Dossieraanvraag
        fields = ["gewijzigd_sinds", "resultaat"]


class DossieraanvraagViewSet(ApiBasis, viewsets.GenericViewSet):
    serializer_class = DossieraanvraagSerializer
    filterset_class = DossieraanvraagFilter
    scope = DOSSIERS_LEZEN

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Dossieraanvraag.objects.none()
        self.school = mandaat_school(self.request, self.kwargs["brin"])
        return (
            Dossieraanvraag.objects.for_user(self.request.user, Recht.BEKIJKEN)
            .filter(school=self.school)
            .order_by("-tijdstip", "-pk")
        )

    @extend_schema(
        summary="Binnengekomen dossieraanvragen van een school",
        parameters=[OpenApiParameter("brin", str, OpenApiParameter.PATH)],
        responses={200: DossieraanvraagSerializer(many=True), **PROBLEMEN},
    )
    def list(self, request, brin: str):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        events.api_aanroep(request=request, wat="dossieraanvragen", school=self.school)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
