from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import controleer_upload
from leerlingen.codelijsten import Jaargroep, SoortMapItem
from leerlingen.forms import DATE_WIDGET

from .models import InzageKeuze, Overstapdossier, Status
from .profielen import Categorie, categorie, optioneel
from .voorwaarden import oudste_toetsdatum

JA_NEE = [(False, _("Nee")), (True, _("Ja"))]


def _ja_nee(label):
    return forms.TypedChoiceField(
        label=label, choices=JA_NEE, coerce=lambda v: v in (True, "True"), initial=False
    )


class StatusinformatieForm(forms.ModelForm):
    contact_nodig = _ja_nee(_("Contact nodig"))
    binnen_brin = _ja_nee(_("Binnen brin"))

    class Meta:
        model = Overstapdossier
        fields = (
            "contact_nodig",
            "binnen_brin",
            "inzage",
            "inzage_datum",
            "zienswijze",
            "aandachtspunten",
        )
        widgets = {
            "inzage_datum": DATE_WIDGET,
            "zienswijze": forms.Textarea(attrs={"rows": 3}),
            "aandachtspunten": forms.Textarea(attrs={"rows": 3, "maxlength": 280}),
        }
        help_texts = {
            "aandachtspunten": _("Maximaal 280 tekens; gaat mee met het dossier."),
            "zienswijze": _("Alleen bij 'Ja, maar niet akkoord': de zienswijze van de ouders."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inzage"].choices = [("", "---------"), *InzageKeuze.choices]
        self.fields["inzage_datum"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        if not self.instance.huidige_versie_id:
            for name in ("inzage", "inzage_datum", "zienswijze"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Eerst het dossier verzamelen.")

    def clean(self):
        cleaned = super().clean()
        inzage = cleaned.get("inzage")
        if inzage in (InzageKeuze.JA, InzageKeuze.JA_NIET_AKKOORD) and not cleaned.get(
            "inzage_datum"
        ):
            self.add_error("inzage_datum", _("Vul de datum van de inzage in."))
        if inzage == InzageKeuze.JA_NIET_AKKOORD and not (cleaned.get("zienswijze") or "").strip():
            self.add_error("zienswijze", _("Leg de zienswijze van de ouders vast."))
        datum = cleaned.get("inzage_datum")
        if datum and self.instance.huidige_versie_id:
            verzameld = self.instance.huidige_versie.verzameld_op.date()
            if datum < verzameld:
                self.add_error(
                    "inzage_datum",
                    _("De inzage ligt vóór het verzamelen van de huidige versie (%(d)s).")
                    % {"d": verzameld.strftime("%d-%m-%Y")},
                )
        if "binnen_brin" in self.changed_data and self.instance.status == Status.KLAARGEZET:
            self.add_error(
                "binnen_brin",
                _("Het dossier staat klaar: trek het klaarzetten eerst in of verzamel opnieuw."),
            )
        return cleaned


class BlokkenEnBijlagenMixin:
    """What the block-selection forms share (overstapdossier and zorgvraag): one field per
    optional block, and the checks on a new attachment or Toelichting onderwijsbehoeften."""

    def blok_velden(self):
        return [self[f"blok_{b.slug}"] for b in self.optionele]

    # the allow lists of core.uploads.GEBRUIK for a new attachment and a new Toelichting
    upload_bijlage = "bijlage"
    upload_toelichting = "toelichting"

    def _bestand(self, name, gebruik):
        bestand = self.cleaned_data.get(name)
        if not bestand:
            return None
        controleer_upload(bestand, gebruik)  # type from the content, the limit named
        return bestand

    def clean_nieuwe_bijlage(self):
        return self._bestand("nieuwe_bijlage", self.upload_bijlage)

    def clean_nieuwe_toelichting(self):
        return self._bestand("nieuwe_toelichting", self.upload_toelichting)


class BlokkenForm(BlokkenEnBijlagenMixin, forms.Form):
    """The block selection page: optional blocks, and within them what goes along."""

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
    bijlagen = forms.ModelMultipleChoiceField(
        label=_("Bijlagen uit de map"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nieuwe_bijlage = forms.FileField(label=_("Bijlage van de computer"), required=False)
    toelichting_onderwijsbehoeften = forms.ModelChoiceField(
        label=_("Toelichting onderwijsbehoeften (uit de map)"), queryset=None, required=False
    )
    nieuwe_toelichting = forms.FileField(
        label=_("Toelichting onderwijsbehoeften (van de computer)"), required=False
    )

    def __init__(self, *args, dossier: Overstapdossier, profiel, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier, self.profiel = dossier, profiel
        leerling = dossier.leerling
        self.optionele = optioneel(profiel)
        gekozen = (
            set(dossier.gekozen_blokken)
            if dossier.versies.exists()
            else {b.slug for b in self.optionele}
        )
        for blok in self.optionele:
            self.fields[f"blok_{blok.slug}"] = forms.BooleanField(
                label=blok.naam, required=False, initial=blok.slug in gekozen, help_text=blok.info
            )
        toetsen = leerling.toetsen.all()
        vanaf = oudste_toetsdatum(profiel)
        if vanaf is not None:
            toetsen = toetsen.filter(afnamedatum__gte=vanaf)
            self.fields["toetsen"].help_text = _(
                "Bij een overstap PO-VO gaan alleen toetsen vanaf %(d)s mee (OVa.TR04)."
            ) % {"d": vanaf.strftime("%d-%m-%Y")}
        self.fields["toetsen"].queryset = toetsen
        self.fields["toetsen"].label_from_instance = lambda t: (
            f"{t.afnamedatum:%d-%m-%Y} · {t.leergebied} · {t.toetsnaam} {t.toetsversie} · "
            f"{t.onderdeel}"
        )
        self.fields["handelingsplannen"].queryset = leerling.handelingsplannen.all()
        self.fields["handelingsplannen"].label_from_instance = lambda p: (
            f"{p.startdatum:%d-%m-%Y} · {p.categorie} · {p.is_gericht_op} · "
            f"{p.get_status_display()}"
        )
        kaart = leerling.map_items.exclude(titel__startswith="Overstapdossier (")
        self.fields["bijlagen"].queryset = kaart
        self.fields["toelichting_onderwijsbehoeften"].queryset = kaart.filter(
            soort=SoortMapItem.DOCUMENT
        )
        if dossier.versies.exists():
            self.fields["toetsen"].initial = list(
                dossier.gekozen_toetsen.values_list("pk", flat=True)
            )
            self.fields["handelingsplannen"].initial = list(
                dossier.gekozen_handelingsplannen.values_list("pk", flat=True)
            )
        else:
            self.fields["toetsen"].initial = list(toetsen.values_list("pk", flat=True))
            self.fields["handelingsplannen"].initial = list(
                leerling.handelingsplannen.values_list("pk", flat=True)
            )
        self.fields["bijlagen"].initial = list(dossier.bijlagen.values_list("pk", flat=True))
        self.fields[
            "toelichting_onderwijsbehoeften"
        ].initial = dossier.toelichting_onderwijsbehoeften_id
        if categorie(profiel, "onderwijsondersteuning") == Categorie.VERBODEN:
            del self.fields["toelichting_onderwijsbehoeften"], self.fields["nieuwe_toelichting"]

    def gekozen_blokken(self) -> set[str]:
        return {b.slug for b in self.optionele if self.cleaned_data.get(f"blok_{b.slug}")}


class OverzichtFilterForm(forms.Form):
    roepnaam = forms.CharField(label=_("Roepnaam"), required=False)
    achternaam = forms.CharField(label=_("Achternaam"), required=False)
    groep = forms.CharField(label=_("Groep"), required=False)
    leerjaar = forms.ChoiceField(
        label=_("Leerjaar"), required=False, choices=[("", "---------"), *Jaargroep.choices]
    )
    ingeschreven = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle leerlingen")),
            ("in", _("Ingeschreven")),
            ("uit", _("Uitgeschreven")),
        ],
    )
    vervolgschool = forms.CharField(label=_("Vervolgschool"), required=False)
    inzage = forms.ChoiceField(
        label=_("Inzage verzorgers"),
        required=False,
        choices=[("", "---------"), *InzageKeuze.choices],
    )
    status = forms.ChoiceField(
        label=_("Status OSO-dossier"), required=False, choices=[("", "---------"), *Status.choices]
    )
