from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import validate_brincode, validate_pgn
from leerlingen.forms import DATE_WIDGET, PgnInput
from scholen.zoeken import SchoolZoekInput

from .uitleg import AANVRAAG_RESULTATEN, RESULTAAT_TEKST


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
        choices=[("", _("Alle")), ("bsn", "BSN"), ("onderwijsnummer", _("Onderwijsnummer"))],
    )
    resultaat = forms.ChoiceField(
        label=_("Resultaat"),
        required=False,
        choices=[
            ("", _("Alle resultaten")),
            *[(code.value, RESULTAAT_TEKST[code]) for code in AANVRAAG_RESULTATEN],
        ],
    )


class AanleverpuntRegistratieForm(forms.Form):
    nummer = forms.IntegerField(label=_("Aanleverpunt"), min_value=0, max_value=99999)


class OpvraagForm(forms.Form):
    """Leerling importeren (OSO): the school of origin and the pupil's number (a POST: a BSN
    never goes into a URL)."""

    herkomst_brin = forms.CharField(
        label=_("BRIN school van herkomst"),
        max_length=6,
        widget=SchoolZoekInput(),
        help_text=_("Typ een BRIN-code, naam of plaats en kies een bekende school."),
    )
    pgn_type = forms.ChoiceField(
        label=_("Soort nummer"), choices=[("bsn", "BSN"), ("onderwijsnummer", _("Onderwijsnummer"))]
    )
    pgn = forms.CharField(
        label=_("BSN of onderwijsnummer"),
        widget=PgnInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean_herkomst_brin(self):
        waarde = self.cleaned_data["herkomst_brin"].strip().upper()
        validate_brincode(waarde)
        return waarde

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pgn_type") and cleaned.get("pgn"):
            try:
                cleaned["pgn"] = validate_pgn(cleaned["pgn_type"], cleaned["pgn"])
            except ValidationError as exc:
                self.add_error("pgn", exc)
        return cleaned
