"""``imports``: POST a received OSO dossier (XML body) for a school; 202 with a Location; GET
shows the status and the findings rule by rule; a finished import links to the pupil."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse

from accounts.roles import Recht
from audit import events
from koppelingen.api.basis import ApiBasis, mandaat_school
from koppelingen.api.schema import PROBLEMEN
from koppelingen.parsers import TextXmlParser, XmlBytesParser
from koppelingen.problemen import ApiProbleem
from koppelingen.scopes import DOSSIERS_IMPORTEREN
from leerlingen.codelijsten import PgnType
from leerlingen.selectors import leerling_op_pgn

from ..importopdrachten import import_aanmaken
from ..models import Dossierimport, ImportStatus
from ..xmlsafe import OngeldigeXml


class MeldingSerializer(serializers.Serializer):
    regel = serializers.CharField(help_text="De regel van de standaard, bijv. OVa.IZ02.")
    ernst = serializers.CharField()
    bericht = serializers.CharField()
    pad = serializers.CharField()


class ImportSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    school = serializers.CharField(source="school.brincode")
    status = serializers.ChoiceField(choices=ImportStatus.choices)
    status_omschrijving = serializers.CharField(source="get_status_display")
    profiel = serializers.CharField(allow_blank=True)
    xsd_fouten = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        help_text="Fouten tegen het XSD; null als het XSD niet beschikbaar was.",
    )
    meldingen = MeldingSerializer(many=True, help_text="De bevindingen, regel voor regel.")
    problemen = serializers.ListField(
        child=serializers.CharField(), help_text="Waarom niet geïmporteerd (Nederlands)."
    )
    leerling = serializers.IntegerField(source="leerling_id", allow_null=True)
    nieuwe_leerling = serializers.BooleanField(allow_null=True)
    aangemaakt_op = serializers.DateTimeField()
    verwerkt_op = serializers.DateTimeField(allow_null=True)

    def get_url(self, obj) -> str:
        return reverse("api-v1:import-detail", args=[obj.pk], request=self.context["request"])


class ImportViewSet(ApiBasis, viewsets.GenericViewSet):
    serializer_class = ImportSerializer
    scope = DOSSIERS_IMPORTEREN
    parser_classes = [XmlBytesParser, TextXmlParser]

    @extend_schema(
        summary="Een ontvangen dossier importeren",
        description="De body is het OSO-dossier (XML). Vijandige of te grote XML wordt "
        "geweigerd met een probleemdocument; er wordt dan niets opgeslagen. Een leerling van "
        "de school met hetzelfde nummer wordt aangevuld (nooit overschreven), anders wordt een "
        "nieuwe leerling ingeschreven.",
        request={"application/xml": OpenApiTypes.BINARY},
        responses={202: ImportSerializer, **PROBLEMEN},
    )
    def create(self, request, brin: str):
        school = mandaat_school(request, brin, Recht.LEERLING_AANMAKEN)
        xml = request.data
        if not isinstance(xml, bytes):
            raise ApiProbleem(
                "Stuur het dossier als XML (Content-Type: application/xml).",
                code="geen_xml",
                status_code=415,
            )
        try:
            opdracht = import_aanmaken(school=school, xml=xml, user=request.user)
        except OngeldigeXml as fout:
            code = "dossier_te_groot" if "te groot" in str(fout) else "ongeldige_xml"
            raise ApiProbleem(
                str(fout), code=code, status_code=413 if code == "dossier_te_groot" else 400
            ) from None
        events.api_aanroep(request=request, wat="import", school=school, obj=opdracht)
        opdracht = Dossierimport.objects.select_related("school").get(pk=opdracht.pk)
        data = self.get_serializer(opdracht).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})

    @extend_schema(summary="Status van een import", responses={200: ImportSerializer, **PROBLEMEN})
    def retrieve(self, request, pk):
        try:
            opdracht = (
                Dossierimport.objects.for_user(request.user, Recht.LEERLING_AANMAKEN)
                .select_related("school")
                .defer("xml")
                .get(pk=pk)
            )
        except Dossierimport.DoesNotExist:
            raise Http404 from None
        events.api_aanroep(request=request, wat="import", school=opdracht.school, obj=opdracht)
        return Response(self.get_serializer(opdracht).data)


class ZoekenSerializer(serializers.Serializer):
    pgn_type = serializers.ChoiceField(choices=PgnType.choices)
    pgn = serializers.RegexField(r"^\d{9}$", write_only=True, help_text="BSN of onderwijsnummer")


class GevondenSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id van de leerling")


class LeerlingZoekenViewSet(ApiBasis, viewsets.GenericViewSet):
    """Search by BSN/onderwijsnummer: the number only in the body, never in a URL or a log."""

    serializer_class = ZoekenSerializer
    scope = DOSSIERS_IMPORTEREN

    @extend_schema(
        summary="Leerling zoeken op BSN of onderwijsnummer",
        description="Het nummer staat alleen in de body (nooit in een URL); het antwoord is "
        "het id van de leerling, of 404.",
        request=ZoekenSerializer,
        responses={200: GevondenSerializer, **PROBLEMEN},
        examples=[OpenApiExample("zoeken", value={"pgn_type": "bsn", "pgn": "123456782"})],
    )
    def create(self, request, brin: str):
        school = mandaat_school(request, brin)
        invoer = ZoekenSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        leerling = leerling_op_pgn(
            user=request.user,
            school=school,
            pgn_type=invoer.validated_data["pgn_type"],
            pgn=invoer.validated_data["pgn"],
            request=request,
        )
        if leerling is None:
            raise Http404
        events.api_aanroep(request=request, wat="leerling zoeken", leerling=leerling, obj=leerling)
        return Response({"id": leerling.pk})
