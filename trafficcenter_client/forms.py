from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leerlingen.forms import DATE_WIDGET

from .models import RESULTAAT_CHOICES


class DossieraanvragenFilter(forms.Form):
    schooljaar = forms.RegexField(
        label=_("Schooljaar"),
        regex=r"^\d{4}-\d{4}$",
        required=False,
        help_text=_("Bijv. 2026-2027"),
        error_messages={"invalid": _("Schrijf een schooljaar als 2026-2027.")},
    )
    van = forms.DateField(label=_("Van"), required=False, widget=DATE_WIDGET)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DATE_WIDGET)
    brin = forms.CharField(label=_("BRIN aanvragende school"), required=False, max_length=6)
    leerling = forms.CharField(label=_("Leerling"), required=False, max_length=120)
    pgn_type = forms.ChoiceField(
        label=_("Soort nummer"),
        required=False,
        choices=[("", "---------"), ("bsn", "BSN"), ("onderwijsnummer", _("Onderwijsnummer"))],
    )
    resultaat = forms.ChoiceField(
        label=_("Resultaat"), required=False, choices=[("", "---------"), *RESULTAAT_CHOICES]
    )
