from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.uploads import controleer_upload, mime_van
from core.validators import validate_pgn
from scholen.zoeken import SchoolZoekInput

from . import models as m
from .codelijsten import Jaargroep, PgnType, SoortMapItem
from .sections import Section

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class PgnInput(forms.TextInput):
    """A BSN or onderwijsnummer is never written back into a page, not even after an error."""

    def format_value(self, value):
        return None


def _dates(form: forms.BaseForm) -> None:
    for f in form.fields.values():
        if isinstance(f, forms.DecimalField):
            # Dutch users type 212,5
            f.localize = True
            f.widget.is_localized = True
            f.widget.input_type = "text"
            f.widget.attrs.pop("step", None)
            f.widget.attrs["inputmode"] = "decimal"
        if isinstance(f, forms.DateField):
            f.widget = DATE_WIDGET
            f.input_formats = ["%Y-%m-%d", "%d-%m-%Y"]


def _limit_documents(form: forms.BaseForm, leerling: m.Leerling) -> None:
    for f in form.fields.values():
        if isinstance(f, forms.ModelChoiceField) and f.queryset.model is m.MapItem:
            f.queryset = m.MapItem.objects.filter(leerling=leerling, soort=SoortMapItem.DOCUMENT)
            f.help_text = _("Een document uit de map van de leerling.")


LEGE_KEUZE = _("Niet ingevuld")
# BRIN fields with the list of known schools, and the name field each one fills in
SCHOOL_ZOEKVELDEN = {"vervolgschool_brin": "vervolgschool_naam", "herkomst_brin": "herkomst_naam"}


def _lege_keuzes(form):
    """No "---------": an empty option says what it means."""
    for f in form.fields.values():
        if isinstance(f, forms.ModelChoiceField):
            if f.empty_label == "---------":
                f.empty_label = LEGE_KEUZE
        elif isinstance(f, forms.ChoiceField):
            keuzes = list(f.choices)
            if keuzes and keuzes[0][0] in ("", None) and keuzes[0][1] == "---------":
                f.choices = [("", LEGE_KEUZE), *keuzes[1:]]


class StyledModelForm(forms.ModelForm):
    def __init__(self, *args, leerling: m.Leerling | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        _lege_keuzes(self)
        if leerling is not None:
            _limit_documents(self, leerling)
        for veld, naamveld in SCHOOL_ZOEKVELDEN.items():
            if veld in self.fields:
                self.fields[veld].widget = SchoolZoekInput(
                    naamveld=naamveld if naamveld in self.fields else ""
                )
                self.fields[veld].help_text = _(
                    "Typ een BRIN-code, naam of plaats en kies een bekende school, of typ de "
                    "BRIN-code (hoofd- of kleine letters)."
                )

    def clean(self):
        cleaned = super().clean()
        for naam, waarde in list(cleaned.items()):
            # a BRIN code is accepted in any case, everywhere ("16uu" is 16UU)
            if (naam.endswith("_brin") or naam == "brincode") and isinstance(waarde, str):
                cleaned[naam] = waarde.strip().upper()
        return cleaned


def section_form_class(section: Section) -> type[StyledModelForm]:
    return forms.modelform_factory(section.model, form=StyledModelForm, fields=section.fields)


def section_formset_class(section: Section):
    if section.inline is None:
        return None
    inline = section.inline
    return inlineformset_factory(
        section.model,
        inline.model,
        fk_name=inline.fk_name,
        fields=inline.fields,
        extra=inline.extra,
        can_delete=True,
    )


class PgnFieldsMixin:
    """pgn_type + pgn_nieuw: the number's check here, uniqueness per school in the model."""

    def _update_errors(self, errors):
        # the model names the number "pgn"; on the form it is "pgn_nieuw"
        if hasattr(errors, "error_dict") and "pgn" in errors.error_dict:
            errors.error_dict.setdefault("pgn_nieuw", []).extend(errors.error_dict.pop("pgn"))
        super()._update_errors(errors)

    def clean_pgn_pair(self):
        pgn_type = self.cleaned_data.get("pgn_type")
        pgn = self.cleaned_data.get("pgn_nieuw", "")
        if not pgn:
            self.add_error("pgn_nieuw", _("Vul het BSN of onderwijsnummer in."))
            return
        try:
            self.cleaned_data["pgn_nieuw"] = validate_pgn(pgn_type, pgn)
        except ValidationError as exc:
            self.add_error("pgn_nieuw", exc)

    def _post_clean(self):
        # Leerling.clean() checks the number is unique at the school: it needs it on the instance
        if self.cleaned_data.get("pgn_nieuw"):
            self.instance.pgn_type = self.cleaned_data["pgn_type"]
            self.instance.pgn = self.cleaned_data["pgn_nieuw"]
        super()._post_clean()


PERSONALIA_FIELDS = (
    "voorletters",
    "voornamen",
    "roepnaam",
    "voorvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "straat",
    "huisnummer",
    "toevoeging",
    "postcode",
    "plaats",
    "gemeente",
    "adresgeheim",
)
ONDERWIJS_FIELDS = (
    "vestiging",
    "leerlingid",
    "groep",
    "jaargroep",
    "onderwijs_sinds",
    "datum_inschrijving",
    "datum_uitschrijving",
    "reden_uitschrijving",
    "toelichting_uitschrijving",
    "vervolgschool_brin",
    "vervolgschool_naam",
    "onderwijssoort_vervolgschool",
    "herkomst_brin",
    "herkomst_naam",
    "herkomst_toelichting",
    "leerlinggewicht",
    "verzorgers_aansprakelijk",
)


class PersonaliaForm(PgnFieldsMixin, StyledModelForm):
    pgn_type = forms.ChoiceField(label=_("Soort nummer"), choices=PgnType.choices)
    pgn_nieuw = forms.CharField(
        label=_("Nieuw BSN of onderwijsnummer"),
        required=False,
        widget=PgnInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("Laat leeg om het huidige nummer te houden."),
    )

    class Meta:
        model = m.Leerling
        fields = PERSONALIA_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pgn_type"].initial = self.instance.pgn_type

    def clean(self):
        cleaned = super().clean()
        changed_type = cleaned.get("pgn_type") != self.instance.pgn_type
        if cleaned.get("pgn_nieuw") or changed_type:
            self.clean_pgn_pair()
        return cleaned


class OnderwijsForm(StyledModelForm):
    class Meta:
        model = m.Leerling
        fields = ONDERWIJS_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vestiging"].queryset = self.instance.school.vestigingen.all()


class LeerlingNieuwForm(PgnFieldsMixin, StyledModelForm):
    pgn_type = forms.ChoiceField(label=_("Soort nummer"), choices=PgnType.choices)
    pgn_nieuw = forms.CharField(
        label=_("BSN of onderwijsnummer"),
        widget=PgnInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    class Meta:
        model = m.Leerling
        fields = (*PERSONALIA_FIELDS, "vestiging", "groep", "jaargroep", "datum_inschrijving")

    def __init__(self, *args, school, **kwargs):
        self.school = school
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["vestiging"].queryset = school.vestigingen.all()

    def clean(self):
        cleaned = super().clean()
        self.clean_pgn_pair()
        return cleaned


class LeerlingZoekForm(forms.Form):
    roepnaam = forms.CharField(label=_("Roepnaam"), required=False, max_length=60)
    achternaam = forms.CharField(label=_("Achternaam"), required=False, max_length=120)
    groep = forms.CharField(label=_("Groep"), required=False, max_length=20)
    leerjaar = forms.ChoiceField(
        label=_("Leerjaar"), required=False, choices=[("", _("Alle leerjaren")), *Jaargroep.choices]
    )


class PgnZoekForm(forms.Form):
    """Searching by number is a POST: a BSN must never end up in a URL."""

    pgn_type = forms.ChoiceField(label=_("Soort nummer"), choices=PgnType.choices)
    pgn = forms.CharField(
        label=_("BSN of onderwijsnummer"),
        widget=PgnInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pgn_type") and cleaned.get("pgn"):
            try:
                cleaned["pgn"] = validate_pgn(cleaned["pgn_type"], cleaned["pgn"])
            except ValidationError as exc:
                self.add_error("pgn", exc)
        return cleaned


class MapDocumentForm(StyledModelForm):
    class Meta:
        model = m.MapItem
        fields = ("titel", "omschrijving", "bestand")

    def clean_bestand(self):
        bestand = self.cleaned_data.get("bestand")
        if bestand:
            controleer_upload(bestand, "map")  # type from the content, the limit named
        return bestand

    def save(self, commit=True):
        self.instance.soort = SoortMapItem.DOCUMENT
        bestand = self.cleaned_data["bestand"]
        self.instance.bestandsnaam = bestand.name[:200]
        self.instance.mime_type = mime_van(bestand)  # decided by the server, not the browser
        return super().save(commit)

    def _post_clean(self):
        self.instance.soort = SoortMapItem.DOCUMENT
        super()._post_clean()


class MapNotitieForm(StyledModelForm):
    class Meta:
        model = m.MapItem
        fields = ("titel", "tekst")
        widgets = {"tekst": forms.Textarea(attrs={"rows": 8})}

    def _post_clean(self):
        self.instance.soort = SoortMapItem.NOTITIE
        super()._post_clean()
