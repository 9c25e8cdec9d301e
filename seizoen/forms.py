from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import RegionaleAfspraak
from .selectors import FILTERS


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RegionaleAfspraakForm(forms.ModelForm):
    class Meta:
        model = RegionaleAfspraak
        fields = [
            "schooljaar",
            "regio",
            "inzage_voor",
            "klaarzetten_vanaf",
            "klaarzetten_voor",
            "ophalen_vanaf",
            "inzage_opnieuw_na_toetsuitslag",
        ]
        widgets = {
            "inzage_voor": DatumInput(),
            "klaarzetten_vanaf": DatumInput(),
            "klaarzetten_voor": DatumInput(),
            "ophalen_vanaf": DatumInput(),
        }


class BordFilter(forms.Form):
    stap = forms.ChoiceField(label=_("Toon"), choices=list(FILTERS.items()), required=False)
    groep = forms.CharField(label=_("Groep"), max_length=20, required=False)
    zoek = forms.CharField(label=_("Leerling"), max_length=60, required=False)


class AfwijkingForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden om af te wijken van de regionale afspraken"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden op; die wordt vastgelegd.")},
    )
