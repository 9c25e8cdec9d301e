from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from ..models import TERUGKOPPELING_CHOICES, Aflevering

MAX_ID = 2**31 - 1


def _id(**kwargs):
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class AanmakenSerializer(serializers.Serializer):
    """Input of "Opslaan en verzenden" (multipart). Checked by the screen's own form."""

    omschrijving = serializers.CharField(max_length=200)
    aandachtspunten = serializers.CharField(required=False, allow_blank=True)
    aanleverpunt = serializers.CharField(help_text="Routeringskenmerk van het SWV-aanleverpunt.")
    blokken = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Optionele gegevensblokken."
    )
    toetsen = serializers.ListField(child=_id(), required=False)
    handelingsplannen = serializers.ListField(child=_id(), required=False)
    toelichting = _id(required=False, help_text="Id van een document in de leerlingmap.")
    nieuwe_toelichting = serializers.FileField(required=False)
    bijlagen = serializers.ListField(child=_id(), required=False)
    nieuwe_bijlage = serializers.FileField(required=False)


class TerugkoppelingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=TERUGKOPPELING_CHOICES)
    status_omschrijving = serializers.CharField(source="get_status_display")
    bericht = serializers.CharField()
    met_document = serializers.SerializerMethodField()
    ontvangen_op = serializers.DateTimeField()

    def get_met_document(self, obj) -> bool:
        return bool(obj.document)


class ZorgvraagSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    leerling = serializers.IntegerField(source="leerling_id")
    school = serializers.CharField(source="leerling.school.brincode")
    omschrijving = serializers.CharField()
    profiel = serializers.CharField()
    gekozen_blokken = serializers.ListField(child=serializers.CharField())
    swv_code = serializers.CharField()
    swv_naam = serializers.CharField()
    aflevering = serializers.ChoiceField(choices=Aflevering.choices)
    aflevering_omschrijving = serializers.CharField(source="get_aflevering_display")
    melding = serializers.CharField()
    notificatie_verstuurd_op = serializers.DateTimeField(allow_null=True)
    opgehaald_op = serializers.DateTimeField(allow_null=True)
    gemaakt_op = serializers.DateTimeField()
    terugkoppelingen = TerugkoppelingSerializer(many=True)

    @extend_schema_field(serializers.URLField())
    def get_url(self, obj) -> str:
        return reverse("api-v1:zorgvraag-detail", args=[obj.pk], request=self.context["request"])


class ZorgvraagGebeurtenisSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(
        choices=[
            ("aangemaakt", "Zorgvraag aangemaakt"),
            ("notificatie_verstuurd", "Notificatie verstuurd"),
            ("opgehaald", "Opgehaald door het SWV"),
            ("terugkoppeling", "Terugkoppeling ontvangen"),
        ]
    )
    omschrijving = serializers.CharField()
    tijdstip = serializers.DateTimeField()
    terugkoppeling = TerugkoppelingSerializer(allow_null=True, required=False)
