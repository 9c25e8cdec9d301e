from __future__ import annotations

import django_filters
from django.db.models import Q

from ..models import Overstapdossier, Status
from ..profielen import Profiel


class DossierFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    profiel = django_filters.ChoiceFilter(
        field_name="huidige_versie__profiel", choices=[(p.value, p.value) for p in Profiel]
    )
    klaargezet_voor = django_filters.CharFilter(
        field_name="klaarzetting__voor_brin",
        lookup_expr="iexact",
        max_length=4,
        help_text="BRIN van de school waarvoor het dossier is klaargezet.",
    )
    gewijzigd_sinds = django_filters.IsoDateTimeFilter(
        method="filter_gewijzigd_sinds",
        help_text="Alleen dossiers die op of na dit moment (ISO 8601) zijn gewijzigd of verstrekt.",
    )

    class Meta:
        model = Overstapdossier
        fields = ["status", "profiel", "klaargezet_voor", "gewijzigd_sinds"]

    def filter_gewijzigd_sinds(self, queryset, name, value):
        return queryset.filter(Q(gewijzigd_op__gte=value) | Q(laatst_verzonden_op__gte=value))
