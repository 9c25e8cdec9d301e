"""Input and output of the dossier API: the standard's Dutch words, snake_case. No logic:
what a dossier may do is decided by ``dossiers.services``/``voorwaarden``/``workflow``."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from ..models import InzageKeuze, Status, Verwerking
from ..profielen import PROFIELEN, Profiel

PROFIELEN_OVERSTAP = [p.value for p in Profiel if not PROFIELEN[p].swv]


class KlaargezetVoorSerializer(serializers.Serializer):
    brin = serializers.CharField(source="voor_brin")
    naam = serializers.CharField(source="voor_naam")
    versie = serializers.IntegerField(source="versie.nummer", allow_null=True, default=None)
    klaargezet_op = serializers.DateTimeField()
    regionaal_platform = serializers.BooleanField()


class DossierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    leerling = serializers.IntegerField(source="leerling_id", help_text="Id van de leerling.")
    roepnaam = serializers.CharField(source="leerling.roepnaam")
    achternaam = serializers.CharField(source="leerling.achternaam")
    school = serializers.CharField(source="leerling.school.brincode", help_text="BRIN")
    status = serializers.ChoiceField(choices=Status.choices)
    status_omschrijving = serializers.CharField(source="status_tekst")
    profiel = serializers.CharField(allow_blank=True)
    huidige_versie = serializers.IntegerField(
        source="huidige_versie.nummer", allow_null=True, default=None
    )
    versies = serializers.SerializerMethodField()
    klaargezet_voor = KlaargezetVoorSerializer(
        source="klaarzetting", allow_null=True, read_only=True
    )
    binnen_brin = serializers.BooleanField()
    inzage = serializers.ChoiceField(choices=InzageKeuze.choices, allow_blank=True)
    inzage_omschrijving = serializers.CharField(source="inzage_tekst")
    inzage_datum = serializers.DateField(allow_null=True)
    laatst_verzameld_op = serializers.DateTimeField(allow_null=True)
    laatst_verstrekt_op = serializers.DateTimeField(source="laatst_verzonden_op", allow_null=True)
    gewijzigd_op = serializers.DateTimeField()

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return reverse("api-v1:dossier-detail", args=[obj.pk], request=self.context["request"])

    @extend_schema_field(serializers.URLField())
    def get_versies(self, obj) -> str:
        return reverse("api-v1:versie-lijst", args=[obj.pk], request=self.context["request"])


class VersieSerializer(serializers.Serializer):
    nummer = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    profiel = serializers.CharField()
    verzameld_op = serializers.DateTimeField()
    sha256 = serializers.CharField(help_text="SHA-256 van de verzamelde XML.")
    klaargezet = serializers.SerializerMethodField(
        help_text="Dit is de versie die nu is klaargezet (de XML is dan het klaargezette "
        "document, met de geregistreerde inzage)."
    )
    categorieen = serializers.DictField(child=serializers.CharField())
    xml = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()
    pdf_beschikbaar = serializers.SerializerMethodField()

    def _versie_args(self, obj):
        return [obj.dossier_id, obj.nummer]

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return reverse(
            "api-v1:versie-detail", args=self._versie_args(obj), request=self.context["request"]
        )

    def get_klaargezet(self, obj) -> bool:
        k = obj.dossier.klaarzetting
        return k is not None and k.versie_id == obj.pk

    @extend_schema_field(serializers.URLField())
    def get_xml(self, obj) -> str:
        return reverse(
            "api-v1:versie-xml", args=self._versie_args(obj), request=self.context["request"]
        )

    @extend_schema_field(serializers.URLField())
    def get_pdf(self, obj) -> str:
        return reverse(
            "api-v1:versie-pdf", args=self._versie_args(obj), request=self.context["request"]
        )

    def get_pdf_beschikbaar(self, obj) -> bool:
        return obj.pdf_id is not None


class VerzamelenSerializer(serializers.Serializer):
    profiel = serializers.ChoiceField(
        choices=PROFIELEN_OVERSTAP,
        help_text="Het profiel; de blokken zijn de keuzes die op het scherm zijn opgeslagen.",
    )


class KlaarzettenSerializer(serializers.Serializer):
    regionaal_platform = serializers.BooleanField(default=False)


class VerzamelopdrachtSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    url = serializers.SerializerMethodField()
    dossier = serializers.IntegerField(source="dossier_id")
    profiel = serializers.CharField()
    status = serializers.ChoiceField(choices=Verwerking.choices)
    status_omschrijving = serializers.CharField(source="get_status_display")
    meldingen = serializers.ListField(child=serializers.JSONField())
    aangemaakt_op = serializers.DateTimeField()
    klaar_op = serializers.DateTimeField(allow_null=True)
    versie = serializers.SerializerMethodField()

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return reverse(
            "api-v1:verzamelopdracht-detail", args=[obj.pk], request=self.context["request"]
        )

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_versie(self, obj):
        versie = getattr(obj, "versie", None)
        return versie.nummer if versie is not None else None
