from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dossiers.forms import BlokkenEnBijlagenMixin
from dossiers.profielen import optioneel
from leerlingen.codelijsten import SoortMapItem
from leerlingen.models import Leerling

from . import services
from .selectors import AanleverpuntKeuze
from .services import TOELICHTING_VERPLICHT


class ZorgvraagForm(BlokkenEnBijlagenMixin, forms.Form):
    """The page "Nieuwe zorgvraag (OSO)": the manual's fields in the manual's order."""

    # an SWV dossier takes only what can be searched for a BSN (issue 11)
    upload_bijlage = "swv"
    upload_toelichting = "swv-toelichting"

    omschrijving = forms.CharField(label=_("Korte omschrijving"), max_length=200)
    aandachtspunten = forms.CharField(
        label=_("Aandachtspunten"),
        required=False,
        max_length=280,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        help_text=_("Maximaal 280 tekens; gaat mee in het blok Overstapadvies als u dat aanvinkt."),
    )
    aanleverpunt = forms.ChoiceField(label=_("Aanleverpuntselectie"))
    toetsen = forms.ModelMultipleChoiceField(
        label=_("Niet-methodetoetsen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    handelingsplannen = forms.ModelMultipleChoiceField(
        label=_("Handelingsplannen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    toelichting = forms.ModelChoiceField(
        label=_("Toelichting onderwijsbehoeften (uit de map)"), queryset=None, required=False
    )
    nieuwe_toelichting = forms.FileField(
        label=_("Toelichting onderwijsbehoeften (van de computer)"), required=False
    )
    bijlagen = forms.ModelMultipleChoiceField(
        label=_("Bijlagen uit de map"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nieuwe_bijlage = forms.FileField(label=_("Bijlage van de computer"), required=False)

    def __init__(self, *args, leerling: Leerling, profiel, aanleverpunten, **kwargs):
        super().__init__(*args, **kwargs)
        self.leerling, self.profiel = leerling, profiel
        self.keuzes: dict[str, AanleverpuntKeuze] = {k.routeringskenmerk: k for k in aanleverpunten}
        self.fields["aanleverpunt"].choices = [
            ("", _("Kies een aanleverpunt")),
            *[(k.routeringskenmerk, k.label) for k in aanleverpunten],
        ]
        self.fields["toelichting"].empty_label = _("Geen (kies een bestand hieronder)")
        self.optionele = optioneel(profiel)
        for blok in self.optionele:
            self.fields[f"blok_{blok.slug}"] = forms.BooleanField(
                label=blok.naam, required=False, initial=True, help_text=blok.info
            )
        self.fields["toetsen"].queryset = leerling.toetsen.all()
        self.fields["toetsen"].initial = list(leerling.toetsen.values_list("pk", flat=True))
        self.fields["toetsen"].label_from_instance = lambda t: (
            f"{t.afnamedatum:%d-%m-%Y} · {t.leergebied} · {t.toetsnaam} {t.toetsversie} · "
            f"{t.onderdeel}"
        )
        self.fields["handelingsplannen"].queryset = leerling.handelingsplannen.all()
        self.fields["handelingsplannen"].initial = list(
            leerling.handelingsplannen.values_list("pk", flat=True)
        )
        self.fields["handelingsplannen"].label_from_instance = lambda p: (
            f"{p.startdatum:%d-%m-%Y} · {p.categorie} · {p.is_gericht_op} · "
            f"{p.get_status_display()}"
        )
        kaart = leerling.map_items.exclude(titel__startswith="Overstapdossier (")
        self.fields["bijlagen"].queryset = kaart
        self.fields["toelichting"].queryset = kaart.filter(soort=SoortMapItem.DOCUMENT)

    def clean_aanleverpunt(self):
        return self.keuzes[self.cleaned_data["aanleverpunt"]]

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("toelichting")
            and not cleaned.get("nieuwe_toelichting")
            and "nieuwe_toelichting" not in self.errors
        ):
            self.add_error("nieuwe_toelichting", TOELICHTING_VERPLICHT)
        self.bijlagen_bij_blok_controleren()
        return cleaned

    def gekozen_blokken(self) -> set[str]:
        return {b.slug for b in self.optionele if self.cleaned_data.get(f"blok_{b.slug}")}

    def zorgvraag_aanmaken(self, *, leerling: Leerling, request):
        """The valid form's choices to ``services.zorgvraag_aanmaken``: one mapping for the
        screen and the REST API. Raises ``services.ZorgvraagFout`` as the service does."""
        d = self.cleaned_data
        return services.zorgvraag_aanmaken(
            leerling=leerling,
            omschrijving=d["omschrijving"],
            aandachtspunten=d["aandachtspunten"],
            aanleverpunt=d["aanleverpunt"],
            blokken=self.gekozen_blokken(),
            toets_ids=[t.pk for t in d["toetsen"]],
            handelingsplan_ids=[h.pk for h in d["handelingsplannen"]],
            toelichting=d["toelichting"],
            nieuwe_toelichting=d["nieuwe_toelichting"],
            bijlagen=list(d["bijlagen"]),
            nieuwe_bijlagen=[d["nieuwe_bijlage"]] if d["nieuwe_bijlage"] else [],
            request=request,
        )
